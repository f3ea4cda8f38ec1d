import { and, asc, desc, eq, gt, lte, sql } from "drizzle-orm";
import { verifyStoredChain, type ChainCheck } from "../audit/index.ts";
import type { Db } from "../store/index.ts";
import { preparedPerDb, tables } from "../store/index.ts";
import { hashedBody, type ConsentRecordRow } from "./chain-store.ts";

export { appendRecords, openBatch, openBatchAt, writeBatch, writeBatchIfUnchanged } from "./chain-store.ts";
export type { AuditOf, ConsentRecordRow, LedgerHeads, NewConsentRecord } from "./chain-store.ts";

const { consentRecords, consentState, policyVersions, tenants } = tables;

const tenantBySlug = preparedPerDb((db) =>
  db
    // Written out: in a select list drizzle leaves columns unqualified, which would not correlate the subquery.
    .select({ tenant: tenants, version: sql<number | null>`(select max(v.version) from policy_versions v where v.tenant_id = tenants.tenant_id)` })
    .from(tenants)
    .where(eq(tenants.slug, sql.placeholder("slug")))
    .prepare("registru_tenant_version"),
);

/** The organisation and the number of its policy in force (null before any), in one light query without the manifest. */
export async function tenantWithPolicyVersion(db: Db, slug: string) {
  const [row] = await tenantBySlug(db).execute({ slug });
  return row;
}

/** Applied policy versions never change, so their manifests are kept once read; a bound keeps many tenants in check. */
const manifests = new Map<string, unknown>();
const MANIFESTS_KEPT = 256;

export async function policyManifest(db: Db, tenantId: string, version: number): Promise<unknown> {
  const key = `${tenantId}:${version}`;
  if (manifests.has(key)) return manifests.get(key);
  const [row] = await db
    .select({ manifest: policyVersions.manifest })
    .from(policyVersions)
    .where(and(eq(policyVersions.tenantId, tenantId), eq(policyVersions.version, version)));
  if (!row) throw new Error("policy version not found");
  if (manifests.size >= MANIFESTS_KEPT) manifests.delete(manifests.keys().next().value!);
  manifests.set(key, row.manifest);
  return row.manifest;
}

const statesBySlug = preparedPerDb((db) =>
  db
    .select({
      tenantId: tenants.tenantId,
      version: sql<number | null>`(select max(v.version) from policy_versions v where v.tenant_id = tenants.tenant_id)`,
      state: consentState,
    })
    .from(tenants)
    .leftJoin(consentState, and(eq(consentState.tenantId, tenants.tenantId), sql`${consentState.consentId} = any(${sql.placeholder("consentIds")})`))
    .where(eq(tenants.slug, sql.placeholder("slug")))
    .orderBy(asc(consentState.purpose))
    .prepare("registru_consent_states"),
);

export type ConsentStateRow = typeof consentState.$inferSelect;

/** The tenant, its latest policy version and these subjects' states, in one round trip: the hot read. */
export async function currentStatesBySlug(db: Db, slug: string, consentIds: string[]) {
  const rows = await statesBySlug(db).execute({ slug, consentIds });
  const first = rows[0];
  if (!first) return undefined;
  const states = new Map<string, ConsentStateRow[]>();
  for (const { state } of rows) {
    if (!state) continue;
    const ofSubject = states.get(state.consentId);
    if (ofSubject) ofSubject.push(state);
    else states.set(state.consentId, [state]);
  }
  return { tenantId: first.tenantId, version: first.version, states };
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

/** Recomputes the ledger's chain (see {@link verifyStoredChain}). */
export function verifyChain(db: Db, tenantId: string): Promise<ChainCheck> {
  const mine = eq(consentRecords.tenantId, tenantId);
  return verifyStoredChain<ConsentRecordRow>(
    {
      head: async () => (await db.select({ seq: tenants.consentSeq, hash: tenants.consentHash }).from(tenants).where(eq(tenants.tenantId, tenantId)))[0],
      rows: (after, last, limit) =>
        db.select().from(consentRecords).where(and(mine, gt(consentRecords.seq, after), lte(consentRecords.seq, last))).orderBy(asc(consentRecords.seq)).limit(limit),
      firstBeyond: async (seq) =>
        (await db.select({ seq: consentRecords.seq }).from(consentRecords).where(and(mine, gt(consentRecords.seq, seq))).orderBy(asc(consentRecords.seq)).limit(1))[0]
          ?.seq,
    },
    ({ tenantId: _t, seq: _s, prevHash: _p, hash: _h, ...r }, seq) => hashedBody(r, seq),
  );
}

export interface StateCheck {
  /** Subject-purposes whose current state is not their latest record, or has no record, or is missing. */
  mismatches: number;
  /** The ledger seq of the first of them (the state's own seq where no record exists). */
  firstSeq: number | null;
}

/**
 * Compares the current-state table, which lookups answer from, with the latest record per subject
 * and purpose. One statement, so a decision committed meanwhile is seen on both sides or neither.
 */
export async function checkState(db: Db, tenantId: string): Promise<StateCheck> {
  const r = consentRecords;
  const latest = db
    .selectDistinctOn([r.consentId, r.purpose], { consentId: r.consentId, purpose: r.purpose, decision: r.decision, policyVersion: r.policyVersion, seq: r.seq, recordedAt: r.recordedAt, validUntil: r.validUntil })
    .from(r)
    .where(eq(r.tenantId, tenantId))
    .orderBy(r.consentId, r.purpose, desc(r.seq))
    .as("latest");
  const s = consentState;
  const state = db
    .select({ consentId: s.consentId, purpose: s.purpose, decision: s.decision, policyVersion: s.policyVersion, seq: s.seq, recordedAt: s.recordedAt, validUntil: s.validUntil })
    .from(s)
    .where(eq(s.tenantId, tenantId))
    .as("state");
  const fields = (t: typeof latest | typeof state) => sql`(${t.decision}, ${t.policyVersion}, ${t.seq}, ${t.recordedAt}, ${t.validUntil})`;
  const [row] = await db
    .select({ mismatches: sql<number>`count(*)::int`, firstSeq: sql<number | null>`min(coalesce(${latest.seq}, ${state.seq}))::int` })
    .from(latest)
    .fullJoin(state, and(eq(state.consentId, latest.consentId), eq(state.purpose, latest.purpose)))
    .where(sql`${fields(latest)} is distinct from ${fields(state)}`);
  return { mismatches: row?.mismatches ?? 0, firstSeq: row?.firstSeq ?? null };
}

export async function countRecords(db: Db, tenantId: string) {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(consentRecords).where(eq(consentRecords.tenantId, tenantId));
  return row?.n ?? 0;
}
