import { asc, eq } from "drizzle-orm";
import type { Db } from "../store/index.ts";
import { tables } from "../store/index.ts";
import { entryHash, GENESIS_HASH, type AuditEntry } from "./chain.ts";

const { auditEvents, tenants } = tables;

/**
 * Appends to the tenant's chain inside the caller's transaction, so the change and its audit
 * record commit together. The chain head lives on the tenant row: locking it serialises appends
 * of concurrent processes, and comparing it on verify reveals deleted trailing entries.
 */
export async function appendAudit(tx: Db, tenantId: string, entry: AuditEntry) {
  const [head] = await tx
    .select({ seq: tenants.auditSeq, hash: tenants.auditHash })
    .from(tenants)
    .where(eq(tenants.tenantId, tenantId))
    .for("update");
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? GENESIS_HASH;
  const hash = entryHash(prevHash, seq, entry);
  await tx.insert(auditEvents).values({ tenantId, seq, prevHash, hash, ...entry });
  await tx.update(tenants).set({ auditSeq: seq, auditHash: hash }).where(eq(tenants.tenantId, tenantId));
  return { seq, hash };
}

/** Recomputes the chain; returns the first sequence number whose row was edited, inserted or removed. */
export async function verifyAudit(db: Db, tenantId: string): Promise<{ ok: true; count: number } | { ok: false; brokenAt: number }> {
  const rows = await db.select().from(auditEvents).where(eq(auditEvents.tenantId, tenantId)).orderBy(asc(auditEvents.seq));
  const [head] = await db.select({ seq: tenants.auditSeq, hash: tenants.auditHash }).from(tenants).where(eq(tenants.tenantId, tenantId));
  let prevHash = GENESIS_HASH;
  for (const [i, row] of rows.entries()) {
    const { at, actor, action, entity, entityId, details } = row;
    const expected = entryHash(prevHash, i + 1, { at, actor, action, entity, entityId, details: details as Record<string, unknown> });
    if (row.seq !== i + 1 || row.prevHash !== prevHash || row.hash !== expected) return { ok: false, brokenAt: i + 1 };
    prevHash = row.hash;
  }
  // Entries removed from the end leave an intact but shorter chain: the head still names the last one.
  if ((head?.seq ?? 0) !== rows.length || (rows.length > 0 && head?.hash !== prevHash)) return { ok: false, brokenAt: rows.length + 1 };
  return { ok: true, count: rows.length };
}
