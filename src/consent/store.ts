import { and, asc, eq, gt, sql } from "drizzle-orm";
import { chainVerifier, type ChainCheck } from "../audit/index.ts";
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
