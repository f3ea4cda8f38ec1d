import { and, asc, eq, gt, lte } from "drizzle-orm";
import type { Db } from "../store/index.ts";
import { tables } from "../store/index.ts";
import { entryHash, GENESIS_HASH, verifyStoredChain, type AuditEntry, type ChainCheck } from "./chain.ts";

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

/** Recomputes the trail's chain (see {@link verifyStoredChain}). */
export function verifyAudit(db: Db, tenantId: string): Promise<ChainCheck> {
  const mine = eq(auditEvents.tenantId, tenantId);
  return verifyStoredChain<AuditRow>(
    {
      head: async () => (await db.select({ seq: tenants.auditSeq, hash: tenants.auditHash }).from(tenants).where(eq(tenants.tenantId, tenantId)))[0],
      rows: (after, last, limit) =>
        db.select().from(auditEvents).where(and(mine, gt(auditEvents.seq, after), lte(auditEvents.seq, last))).orderBy(asc(auditEvents.seq)).limit(limit),
      firstBeyond: async (seq) =>
        (await db.select({ seq: auditEvents.seq }).from(auditEvents).where(and(mine, gt(auditEvents.seq, seq))).orderBy(asc(auditEvents.seq)).limit(1))[0]?.seq,
    },
    ({ at, actor, action, entity, entityId, details }, seq) => ({ at: at.toISOString(), actor, action, entity, entityId, details, seq }),
  );
}
