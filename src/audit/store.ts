import { asc, eq } from "drizzle-orm";
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

/** Recomputes the chain; returns the first sequence number whose row was edited, inserted or removed. */
export async function verifyAudit(db: Db, tenantId: string): Promise<ChainCheck> {
  const rows = await db.select().from(auditEvents).where(eq(auditEvents.tenantId, tenantId)).orderBy(asc(auditEvents.seq));
  const [head] = await db.select({ seq: tenants.auditSeq, hash: tenants.auditHash }).from(tenants).where(eq(tenants.tenantId, tenantId));
  const verifier = chainVerifier<(typeof rows)[number]>(({ at, actor, action, entity, entityId, details }, seq) => ({
    at: at.toISOString(),
    actor,
    action,
    entity,
    entityId,
    details,
    seq,
  }));
  for (const row of rows) if (!verifier.add(row)) break;
  return verifier.finish(head);
}
