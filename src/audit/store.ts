import { and, asc, eq, gt, lte } from "drizzle-orm";
import type { Db } from "../store/index.ts";
import { tables } from "../store/index.ts";
import { chainVerifier, entryHash, GENESIS_HASH, type AuditEntry, type ChainCheck } from "./chain.ts";

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
  const [row] = chainAudit({ seq: head?.seq ?? 0, hash: head?.hash ?? GENESIS_HASH }, tenantId, [entry]);
  await tx.insert(auditEvents).values(row!);
  await tx.update(tenants).set({ auditSeq: row!.seq, auditHash: row!.hash }).where(eq(tenants.tenantId, tenantId));
  return { seq: row!.seq, hash: row!.hash };
}

export type AuditRow = typeof auditEvents.$inferSelect;

/**
 * Links entries onto a head the caller holds locked and moves the head to the last one: for
 * writers that append many entries in one statement (the consent ledger's group commit).
 */
export function chainAudit(head: { seq: number; hash: string }, tenantId: string, entries: AuditEntry[]): AuditRow[] {
  return entries.map((entry) => {
    const seq = head.seq + 1;
    const hash = entryHash(head.hash, seq, entry);
    const row = { tenantId, seq, prevHash: head.hash, hash, ...entry };
    head.seq = seq;
    head.hash = hash;
    return row;
  });
}

const VERIFY_BATCH = 5000;

/**
 * Recomputes the chain; returns the first sequence number whose row was edited, inserted or
 * removed. Reads in batches by seq up to the head read first, so a trail of millions of entries
 * never sits in memory and entries appended meanwhile are left for the next check.
 */
export async function verifyAudit(db: Db, tenantId: string): Promise<ChainCheck> {
  const headOf = async () =>
    (await db.select({ seq: tenants.auditSeq, hash: tenants.auditHash }).from(tenants).where(eq(tenants.tenantId, tenantId)))[0];
  const head = await headOf();
  const last = head?.seq ?? 0;
  const verifier = chainVerifier<AuditRow>(({ at, actor, action, entity, entityId, details }, seq) => ({
    at: at.toISOString(),
    actor,
    action,
    entity,
    entityId,
    details,
    seq,
  }));
  let after = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, tenantId), gt(auditEvents.seq, after), lte(auditEvents.seq, last)))
      .orderBy(asc(auditEvents.seq))
      .limit(VERIFY_BATCH);
    for (const row of rows) if (!verifier.add(row)) return verifier.finish(head);
    if (rows.length < VERIFY_BATCH) break;
    after = rows[rows.length - 1]!.seq;
  }
  const check = verifier.finish(head);
  if (!check.ok) return check;
  // An entry beyond the head was not appended through appendAudit (which moves the head in the same transaction).
  const now = (await headOf())?.seq ?? 0;
  const [beyond] = await db
    .select({ seq: auditEvents.seq })
    .from(auditEvents)
    .where(and(eq(auditEvents.tenantId, tenantId), gt(auditEvents.seq, now)))
    .orderBy(asc(auditEvents.seq))
    .limit(1);
  return beyond ? { ok: false, brokenAt: now + 1 } : check;
}
