import { and, asc, eq, getTableColumns, gt, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { chainHash, chainVerifier, GENESIS_HASH, type ChainCheck } from "../audit/index.ts";
import type { Db } from "../store/index.ts";
import { tables } from "../store/index.ts";

const { consentRecords, consentState, policyVersions, tenants } = tables;

export type ConsentRecordRow = typeof consentRecords.$inferSelect;
export type NewConsentRecord = Omit<ConsentRecordRow, "tenantId" | "seq" | "prevHash" | "hash">;

/** What a record's hash covers: every column but the chain's own, with times as ISO strings. */
function hashedBody(r: NewConsentRecord, seq: number) {
  return { ...r, recordedAt: r.recordedAt.toISOString(), validUntil: r.validUntil?.toISOString() ?? null, seq };
}

interface ChainHead {
  seq: number;
  hash: string;
}

/** Locks the tenant's chain head for the rest of the transaction: this is what serialises writers, in every process. */
async function lockHead(tx: Db, tenantId: string): Promise<ChainHead> {
  const [head] = await tx
    .select({ seq: tenants.consentSeq, hash: tenants.consentHash })
    .from(tenants)
    .where(eq(tenants.tenantId, tenantId))
    .for("update");
  return { seq: head?.seq ?? 0, hash: head?.hash ?? GENESIS_HASH };
}

/** Links records onto the head; moves the head to the last one. */
function chainOnto(head: ChainHead, tenantId: string, records: NewConsentRecord[]): ConsentRecordRow[] {
  return records.map((r) => {
    const seq = head.seq + 1;
    const hash = chainHash(head.hash, hashedBody(r, seq));
    const row = { ...r, tenantId, seq, prevHash: head.hash, hash };
    head.seq = seq;
    head.hash = hash;
    return row;
  });
}

/** Inserts the rows, moves each subject's state to its latest row and saves the head, in one statement (data-modifying CTEs). */
async function writeRows(tx: Db, tenantId: string, rows: ConsentRecordRow[], head: ChainHead) {
  const moveHead = tx.update(tenants).set({ consentSeq: head.seq, consentHash: head.hash }).where(eq(tenants.tenantId, tenantId));
  await tx.execute(sql`with inserted as (${insertRows(consentRecords, rows)}), upserted as (${upsertStates(latestPerPurpose(rows))}) ${moveHead.getSQL()}`);
}

/** One statement may not update a row twice: of several rows for a subject's purpose, the last one is the state. */
function latestPerPurpose(rows: ConsentRecordRow[]): ConsentStateRow[] {
  const latest = new Map<string, ConsentRecordRow>();
  for (const row of rows) latest.set(JSON.stringify([row.consentId, row.purpose]), row);
  return [...latest.values()].map((r) => ({
    tenantId: r.tenantId,
    consentId: r.consentId,
    purpose: r.purpose,
    decision: r.decision,
    policyVersion: r.policyVersion,
    seq: r.seq,
    recordedAt: r.recordedAt,
    validUntil: r.validUntil,
  }));
}

type ConsentStateRow = typeof consentState.$inferSelect;

/**
 * `insert ... select from unnest(one array per column)`: one parameter a column however many rows,
 * where a VALUES list has one a value (PostgreSQL takes 65,535 at most) and costs the query
 * builder most of the write's time.
 */
function insertRows<T extends PgTable>(table: T, rows: T["$inferSelect"][]) {
  const columns = Object.entries(getTableColumns(table));
  const arrays = columns.map(([key, column]) => {
    const values = rows.map((r: Record<string, unknown>) => (r[key] instanceof Date ? (r[key] as Date).toISOString() : r[key]));
    return sql`${sql.param(values)}::${sql.raw(column.getSQLType())}[]`;
  });
  const names = sql.join(columns.map(([, c]) => sql.identifier(c.name)), sql`, `);
  return sql`insert into ${table} (${names}) select * from unnest(${sql.join(arrays, sql`, `)})`;
}

function upsertStates(states: ConsentStateRow[]) {
  const key = [consentState.tenantId, consentState.consentId, consentState.purpose].map((c) => c.name);
  const updated = Object.values(getTableColumns(consentState))
    .map((c) => c.name)
    .filter((name) => !key.includes(name))
    .map((name) => sql`${sql.identifier(name)} = excluded.${sql.identifier(name)}`);
  const target = sql.join(key.map((name) => sql.identifier(name)), sql`, `);
  return sql`${insertRows(consentState, states)} on conflict (${target}) do update set ${sql.join(updated, sql`, `)}`;
}

/** A group commit in progress (see batch.ts): its locked head and the rows it will write before committing. */
interface OpenBatch {
  tenantId: string;
  head: ChainHead;
  rows: ConsentRecordRow[];
}

const openBatches = new WeakMap<Db, OpenBatch>();

/**
 * Appends records to the tenant's consent chain and moves the current state, inside the caller's
 * transaction. In a transaction with an open batch the rows are chained at once but written by
 * {@link writeBatch}, so reads in that transaction do not see them before.
 */
export async function appendRecords(tx: Db, tenantId: string, records: NewConsentRecord[]): Promise<ConsentRecordRow[]> {
  const batch = openBatches.get(tx);
  if (batch) {
    if (batch.tenantId !== tenantId) throw new Error("a consent batch holds one tenant's chain");
    const rows = chainOnto(batch.head, tenantId, records);
    batch.rows.push(...rows);
    return rows;
  }
  const head = await lockHead(tx, tenantId);
  const rows = chainOnto(head, tenantId, records);
  await writeRows(tx, tenantId, rows, head);
  return rows;
}

/** Takes the chain head once for all the appends the transaction will make. */
export async function openBatch(tx: Db, tenantId: string) {
  if (openBatches.has(tx)) throw new Error("this transaction already has a consent batch");
  openBatches.set(tx, { tenantId, head: await lockHead(tx, tenantId), rows: [] });
}

/** Writes what the batch's appends chained; the caller then commits. */
export async function writeBatch(tx: Db) {
  const batch = openBatches.get(tx);
  if (!batch) throw new Error("this transaction has no consent batch");
  openBatches.delete(tx);
  if (batch.rows.length > 0) await writeRows(tx, batch.tenantId, batch.rows, batch.head);
}

/** The organisation and the number of its policy in force (null before any), in one light query without the manifest. */
export async function tenantWithPolicyVersion(db: Db, slug: string) {
  const [row] = await db
    // Written out: in a select list drizzle leaves columns unqualified, which would not correlate the subquery.
    .select({ tenant: tenants, version: sql<number | null>`(select max(v.version) from policy_versions v where v.tenant_id = tenants.tenant_id)` })
    .from(tenants)
    .where(eq(tenants.slug, slug));
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
