import { and, asc, eq, gt, sql } from "drizzle-orm";
import { chainHash, chainVerifier, GENESIS_HASH, type ChainCheck } from "../audit/index.ts";
import type { Db } from "../store/index.ts";
import { tables } from "../store/index.ts";

const { consentRecords, consentState, tenants } = tables;

export type ConsentRecordRow = typeof consentRecords.$inferSelect;
export type NewConsentRecord = Omit<ConsentRecordRow, "tenantId" | "seq" | "prevHash" | "hash">;

/** What a record's hash covers: every column but the chain's own, with times as ISO strings. */
function hashedBody(r: NewConsentRecord, seq: number) {
  return { ...r, recordedAt: r.recordedAt.toISOString(), validUntil: r.validUntil?.toISOString() ?? null, seq };
}

/**
 * Appends records to the tenant's consent chain and moves the current state, inside the caller's
 * transaction. Locking the tenant row serialises writers, as for the audit chain.
 */
export async function appendRecords(tx: Db, tenantId: string, records: NewConsentRecord[]): Promise<ConsentRecordRow[]> {
  const [head] = await tx
    .select({ seq: tenants.consentSeq, hash: tenants.consentHash })
    .from(tenants)
    .where(eq(tenants.tenantId, tenantId))
    .for("update");
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  const rows: ConsentRecordRow[] = [];
  for (const r of records) {
    seq += 1;
    const hash = chainHash(prevHash, hashedBody(r, seq));
    rows.push({ ...r, tenantId, seq, prevHash, hash });
    prevHash = hash;
  }
  await tx.insert(consentRecords).values(rows);
  for (const row of rows) await upsertState(tx, row);
  await tx.update(tenants).set({ consentSeq: seq, consentHash: prevHash }).where(eq(tenants.tenantId, tenantId));
  return rows;
}

async function upsertState(tx: Db, row: ConsentRecordRow) {
  const state = { decision: row.decision, policyVersion: row.policyVersion, seq: row.seq, recordedAt: row.recordedAt, validUntil: row.validUntil };
  await tx
    .insert(consentState)
    .values({ tenantId: row.tenantId, consentId: row.consentId, purpose: row.purpose, ...state })
    .onConflictDoUpdate({ target: [consentState.tenantId, consentState.consentId, consentState.purpose], set: state });
}

export async function currentState(db: Db, tenantId: string, consentId: string) {
  return db
    .select()
    .from(consentState)
    .where(and(eq(consentState.tenantId, tenantId), eq(consentState.consentId, consentId)))
    .orderBy(asc(consentState.purpose));
}

export async function history(db: Db, tenantId: string, consentId: string) {
  return db
    .select()
    .from(consentRecords)
    .where(and(eq(consentRecords.tenantId, tenantId), eq(consentRecords.consentId, consentId)))
    .orderBy(asc(consentRecords.seq));
}

const VERIFY_BATCH = 5000;

/** Recomputes the chain in batches, so a ledger of millions of rows does not sit in memory at once. */
export async function verifyChain(db: Db, tenantId: string): Promise<ChainCheck> {
  const verifier = chainVerifier<ConsentRecordRow>(({ tenantId: _t, seq: _s, prevHash: _p, hash: _h, ...r }, seq) => hashedBody(r, seq));
  let after = 0;
  for (;;) {
    const batch = await db
      .select()
      .from(consentRecords)
      .where(and(eq(consentRecords.tenantId, tenantId), gt(consentRecords.seq, after)))
      .orderBy(asc(consentRecords.seq))
      .limit(VERIFY_BATCH);
    if (!batch.every((row) => verifier.add(row)) || batch.length < VERIFY_BATCH) break;
    after = batch.at(-1)!.seq;
  }
  const [head] = await db.select({ seq: tenants.consentSeq, hash: tenants.consentHash }).from(tenants).where(eq(tenants.tenantId, tenantId));
  return verifier.finish(head);
}

export async function countRecords(db: Db, tenantId: string) {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(consentRecords).where(eq(consentRecords.tenantId, tenantId));
  return row?.n ?? 0;
}
