import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../store/index.ts";
import { tables } from "../store/index.ts";
import { entryHash, GENESIS_HASH, type AuditEntry } from "./chain.ts";

const { auditEvents, tenants } = tables;

/**
 * Appends to the tenant's chain inside the caller's transaction, so the change and its audit
 * record commit together. Locking the tenant row serialises appends of concurrent processes.
 */
export async function appendAudit(tx: Db, tenantId: string, entry: AuditEntry) {
  await tx.execute(sql`select 1 from ${tenants} where ${tenants.tenantId} = ${tenantId} for update`);
  const [last] = await tx
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .where(eq(auditEvents.tenantId, tenantId))
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = entryHash(prevHash, seq, entry);
  await tx.insert(auditEvents).values({ tenantId, seq, prevHash, hash, ...entry });
  return { seq, hash };
}

/** Recomputes the chain; returns the first sequence number whose row was edited, inserted or removed. */
export async function verifyAudit(db: Db, tenantId: string): Promise<{ ok: true; count: number } | { ok: false; brokenAt: number }> {
  const rows = await db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, tenantId))).orderBy(asc(auditEvents.seq));
  let prevHash = GENESIS_HASH;
  for (const [i, row] of rows.entries()) {
    const { at, actor, action, entity, entityId, details } = row;
    const expected = entryHash(prevHash, i + 1, { at, actor, action, entity, entityId, details: details as Record<string, unknown> });
    if (row.seq !== i + 1 || row.prevHash !== prevHash || row.hash !== expected) return { ok: false, brokenAt: i + 1 };
    prevHash = row.hash;
  }
  return { ok: true, count: rows.length };
}
