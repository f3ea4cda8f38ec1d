import { and, asc, eq, getTableColumns, gt, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { chainAudit, chainHash, chainVerifier, GENESIS_HASH, type AuditEntry, type AuditRow, type ChainCheck } from "../audit/index.ts";
import { consentEvents, deliveryRows, type NewDelivery, type Subscription } from "../webhooks/index.ts";
import type { Db } from "../store/index.ts";
import { preparedPerDb, tables } from "../store/index.ts";

const { auditEvents, consentRecords, consentState, policyVersions, tenants, webhookDeliveries } = tables;

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

/**
 * What a transaction appends to a tenant's ledger: the chain heads it holds locked, the active
 * webhooks, and the rows it will write in one statement before committing.
 */
interface Ledger {
  tenantId: string;
  head: ChainHead;
  auditHead: ChainHead;
  subscriptions: Subscription[];
  rows: ConsentRecordRow[];
  audits: AuditRow[];
  deliveries: NewDelivery[];
}

/**
 * Locks the tenant's row — the consent and audit chain heads, what serialises writers in every
 * process — and reads its active webhooks, in one round trip.
 */
async function lockLedger(tx: Db, tenantId: string): Promise<Ledger> {
  const [row] = await tx
    .select({
      slug: tenants.slug,
      consentSeq: tenants.consentSeq,
      consentHash: tenants.consentHash,
      auditSeq: tenants.auditSeq,
      auditHash: tenants.auditHash,
      // Written out: in a select list drizzle leaves columns unqualified, which would not correlate the subquery.
      webhooks: sql<{ webhookId: string; events: string[] }[] | null>`(select json_agg(json_build_object('webhookId', w.webhook_id, 'events', w.events)) from webhooks w where w.tenant_id = tenants.tenant_id and w.disabled_at is null)`,
    })
    .from(tenants)
    .where(eq(tenants.tenantId, tenantId))
    .for("update");
  return {
    tenantId,
    head: { seq: row?.consentSeq ?? 0, hash: row?.consentHash ?? GENESIS_HASH },
    auditHead: { seq: row?.auditSeq ?? 0, hash: row?.auditHash ?? GENESIS_HASH },
    subscriptions: (row?.webhooks ?? []).map((w) => ({ ...w, slug: row!.slug })),
    rows: [],
    audits: [],
    deliveries: [],
  };
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

/**
 * Inserts the records, moves each subject's state to its latest record, inserts the audit entries
 * and the webhook deliveries, and saves both heads: one statement (data-modifying CTEs).
 */
async function writeLedger(tx: Db, ledger: Ledger) {
  if (ledger.rows.length === 0) return;
  const { tenantId, head, auditHead } = ledger;
  const moveHeads = tx
    .update(tenants)
    .set({ consentSeq: head.seq, consentHash: head.hash, auditSeq: auditHead.seq, auditHash: auditHead.hash })
    .where(eq(tenants.tenantId, tenantId));
  const parts = [
    sql`inserted as (${insertRows(consentRecords, ledger.rows)})`,
    sql`upserted as (${upsertStates(latestPerPurpose(ledger.rows))})`,
    ...(ledger.audits.length ? [sql`audited as (${insertRows(auditEvents, ledger.audits)})`] : []),
    ...(ledger.deliveries.length ? [sql`announced as (${insertRows(webhookDeliveries, ledger.deliveries as (typeof webhookDeliveries.$inferSelect)[])})`] : []),
  ];
  await tx.execute(sql`with ${sql.join(parts, sql`, `)} ${moveHeads.getSQL()}`);
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
    const type = column.getSQLType();
    const values = rows.map((r: Record<string, unknown>) => {
      const v = r[key];
      if (v === undefined || v === null) return null;
      if (v instanceof Date) return v.toISOString();
      return type === "jsonb" ? JSON.stringify(v) : v;
    });
    return sql`${sql.param(values)}::${sql.raw(type)}[]`;
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

const openBatches = new WeakMap<Db, Ledger>();

/** What a record's audit entry says, given the chained rows. */
export type AuditOf = (rows: ConsentRecordRow[]) => AuditEntry;

/**
 * Appends records to the tenant's consent chain with their audit entry and webhook events, inside
 * the caller's transaction. In a transaction with an open batch (see batch.ts) they are chained at
 * once but written by {@link writeBatch}, so reads in that transaction do not see them before.
 */
export async function appendRecords(tx: Db, tenantId: string, records: NewConsentRecord[], auditOf: AuditOf): Promise<ConsentRecordRow[]> {
  const open = openBatches.get(tx);
  if (open && open.tenantId !== tenantId) throw new Error("a consent batch holds one tenant's chain");
  const ledger = open ?? (await lockLedger(tx, tenantId));
  const rows = chainOnto(ledger.head, tenantId, records);
  ledger.rows.push(...rows);
  ledger.audits.push(...chainAudit(ledger.auditHead, tenantId, [auditOf(rows)]));
  ledger.deliveries.push(...deliveryRows(tenantId, ledger.subscriptions, consentEvents(rows)));
  if (!open) await writeLedger(tx, ledger);
  return rows;
}

/** Takes the chain heads once for all the appends the transaction will make. */
export async function openBatch(tx: Db, tenantId: string) {
  if (openBatches.has(tx)) throw new Error("this transaction already has a consent batch");
  openBatches.set(tx, await lockLedger(tx, tenantId));
}

/** Writes what the batch's appends chained; the caller then commits. */
export async function writeBatch(tx: Db) {
  const ledger = openBatches.get(tx);
  if (!ledger) throw new Error("this transaction has no consent batch");
  openBatches.delete(tx);
  await writeLedger(tx, ledger);
}

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

const stateBySlug = preparedPerDb((db) =>
  db
    .select({
      tenantId: tenants.tenantId,
      version: sql<number | null>`(select max(v.version) from policy_versions v where v.tenant_id = tenants.tenant_id)`,
      state: consentState,
    })
    .from(tenants)
    .leftJoin(consentState, and(eq(consentState.tenantId, tenants.tenantId), eq(consentState.consentId, sql.placeholder("consentId"))))
    .where(eq(tenants.slug, sql.placeholder("slug")))
    .orderBy(asc(consentState.purpose))
    .prepare("registru_consent_state"),
);

/** The tenant, its latest policy version and one subject's state, in one round trip: the hot read. */
export async function currentStateBySlug(db: Db, slug: string, consentId: string) {
  const rows = await stateBySlug(db).execute({ slug, consentId });
  const first = rows[0];
  if (!first) return undefined;
  return { tenantId: first.tenantId, version: first.version, states: rows.flatMap((r) => (r.state ? [r.state] : [])) };
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
