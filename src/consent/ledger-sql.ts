import { isDeepStrictEqual } from "node:util";
import { getTableColumns, sql, type Placeholder, type SQL, type SQLWrapper } from "drizzle-orm";
import pg from "pg";
import { PgDialect, type PgTable } from "drizzle-orm/pg-core";
import { GENESIS_HASH, type AuditRow } from "../audit/index.ts";
import type { Db } from "../store/index.ts";
import { tables } from "../store/index.ts";
import type { NewDelivery, Subscription } from "../webhooks/index.ts";

// The SQL that writes the consent ledger; chain-store.ts chains the rows and says when to write them.

const { auditEvents, consentRecords, consentState, tenants, webhookDeliveries } = tables;

export type ConsentRecordRow = typeof consentRecords.$inferSelect;
export type NewConsentRecord = Omit<ConsentRecordRow, "tenantId" | "seq" | "prevHash" | "hash">;

export interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * What a writer knows of a tenant's ledger when it holds the tenant's row: both chain heads, the
 * policy version in force and the active webhooks (`webhooks` is their JSON as read, to compare).
 */
export interface LedgerHeads {
  tenantId: string;
  head: ChainHead;
  auditHead: ChainHead;
  policyVersion: number | null;
  subscriptions: Subscription[];
  webhooks: string;
}

/** What one statement writes: the rows chained onto the heads, and the heads they leave. */
export interface LedgerWrite {
  tenantId: string;
  head: ChainHead;
  auditHead: ChainHead;
  rows: ConsentRecordRow[];
  audits: AuditRow[];
  deliveries: NewDelivery[];
}

/** The tenant's row as a writer reads it: the heads, the policy version in force and the active webhooks. */
export interface HeadsRow {
  slug: string;
  consentSeq: number | string;
  consentHash: string | null;
  auditSeq: number | string;
  auditHash: string | null;
  policyVersion: number | null;
  webhooks: { webhookId: string; events: string[] }[] | null;
}

// Written out: in a select list drizzle leaves columns unqualified, which would not correlate the subqueries.
// Ordered, so that two reads of the same webhooks compare equal.
export const activeWebhooks = sql`coalesce((select jsonb_agg(jsonb_build_object('webhookId', w.webhook_id, 'events', w.events) order by w.created_at, w.webhook_id) from webhooks w where w.tenant_id = tenants.tenant_id and w.disabled_at is null), '[]'::jsonb)`;
export const versionInForce = sql`(select max(v.version) from policy_versions v where v.tenant_id = tenants.tenant_id)`;

/** Stands for a value of the ledger's statement: a parameter, or a placeholder named in the order values are given. */
export type Value = (value: unknown) => SQLWrapper;
export const param: Value = (value) => sql.param(value);

/**
 * Inserts the records, moves each subject's state to its latest record, inserts the audit entries
 * and the webhook deliveries, and saves both heads: one statement (data-modifying CTEs). With a
 * guard, every part is conditional on it: nothing is written when its query finds no row.
 */
export function ledgerStatement(ledger: LedgerWrite, v: Value, guard?: LedgerHeads): SQL {
  const { tenantId, head, auditHead } = ledger;
  const when = guard && sql`where exists (select 1 from held)`;
  const parts = [
    ...(guard ? [sql`held as (${unchangedHeads(guard, v)})`] : []),
    sql`inserted as (${insertRows(consentRecords, ledger.rows, v, when)})`,
    sql`upserted as (${upsertStates(latestPerPurpose(ledger.rows), v, when)})`,
    ...(ledger.audits.length ? [sql`audited as (${insertRows(auditEvents, ledger.audits, v, when)})`] : []),
    ...(ledger.deliveries.length ? [sql`announced as (${insertRows(webhookDeliveries, ledger.deliveries as (typeof webhookDeliveries.$inferSelect)[], v, when)})`] : []),
  ];
  const moveHeads = sql`update ${tenants} set ${sql.identifier(tenants.consentSeq.name)} = ${v(head.seq)}, ${sql.identifier(tenants.consentHash.name)} = ${v(head.hash)}, ${sql.identifier(tenants.auditSeq.name)} = ${v(auditHead.seq)}, ${sql.identifier(tenants.auditHash.name)} = ${v(auditHead.hash)} where ${sql.identifier(tenants.tenantId.name)} = ${v(tenantId)}${guard ? sql` and exists (select 1 from held)` : sql``} returning 1 as moved`;
  if (!guard) return sql`with ${sql.join(parts, sql`, `)} ${moveHeads}`;
  // Whether it wrote; where it did not, the row as the statement found it: a guess to try next.
  const found = sql`select ${sql.identifier(tenants.slug.name)} as slug, ${sql.identifier(tenants.consentSeq.name)} as consent_seq, ${sql.identifier(tenants.consentHash.name)} as consent_hash, ${sql.identifier(tenants.auditSeq.name)} as audit_seq, ${sql.identifier(tenants.auditHash.name)} as audit_hash, ${versionInForce} as policy_version, ${activeWebhooks} as webhooks from ${tenants} where ${sql.identifier(tenants.tenantId.name)} = ${v(tenantId)} and outcome.moved = 0`;
  return sql`with ${sql.join([...parts, sql`moved as (${moveHeads})`], sql`, `)} select outcome.moved, found.* from (select count(*)::int as moved from moved) outcome left join lateral (${found}) found on true`;
}

/** One statement may not update a row twice: of several rows for a subject's purpose, the last one is the state. */
function latestPerPurpose(rows: ConsentRecordRow[]): ConsentStateRow[] {
  const latest = new Map<string, ConsentRecordRow>();
  for (const row of rows) latest.set(`${row.consentId}\u0000${row.purpose}`, row);
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

interface Column {
  key: string;
  type: string;
  jsonb: boolean;
}

/** Each table's columns, SQL types and quoted names, read once: the write path builds its statement per batch. */
const shapes = new WeakMap<PgTable, { columns: Column[]; names: SQL; casts: SQL[] }>();
function shapeOf(table: PgTable) {
  let shape = shapes.get(table);
  if (!shape) {
    const entries = Object.entries(getTableColumns(table));
    const columns = entries.map(([key, c]) => ({ key, type: c.getSQLType(), jsonb: c.getSQLType() === "jsonb" }));
    const names = sql.join(entries.map(([, c]) => sql.identifier(c.name)), sql`, `);
    shape = { columns, names, casts: columns.map((c) => sql.raw(`::${c.type}[]`)) };
    shapes.set(table, shape);
  }
  return shape;
}

/**
 * `insert ... select from unnest(one array per column)`: one parameter a column however many rows,
 * where a VALUES list has one a value (PostgreSQL takes 65,535 at most) and costs the query
 * builder most of the write's time.
 */
function insertRows<T extends PgTable>(table: T, rows: T["$inferSelect"][], v: Value, when?: SQL) {
  const { names, casts } = shapeOf(table);
  const arrays = columnArrays(table, rows).map((values, i) => sql`${v(values)}${casts[i]!}`);
  return sql`insert into ${table} (${names}) select * from unnest(${sql.join(arrays, sql`, `)})${when ? sql` ${when}` : sql``}`;
}

/** One array a column, as the driver sends it: null for a missing value, times as ISO strings, jsonb as JSON. */
function columnArrays<T extends PgTable>(table: T, rows: T["$inferSelect"][]): unknown[][] {
  return shapeOf(table).columns.map(({ key, jsonb }) =>
    rows.map((r: Record<string, unknown>) => {
      const value = r[key];
      if (value === undefined || value === null) return null;
      if (value instanceof Date) return value.toISOString();
      return jsonb ? JSON.stringify(value) : value;
    }),
  );
}

const stateKey = [consentState.tenantId, consentState.consentId, consentState.purpose].map((c) => c.name);
const stateConflict = sql`on conflict (${sql.join(stateKey.map((name) => sql.identifier(name)), sql`, `)}) do update set ${sql.join(
  Object.values(getTableColumns(consentState))
    .map((c) => c.name)
    .filter((name) => !stateKey.includes(name))
    .map((name) => sql`${sql.identifier(name)} = excluded.${sql.identifier(name)}`),
  sql`, `,
)}`;

function upsertStates(states: ConsentStateRow[], v: Value, when?: SQL) {
  return sql`${insertRows(consentState, states, v, when)} ${stateConflict}`;
}

/**
 * The tenant's row, locked, only if it still holds the heads the ledger was chained onto and
 * nothing the chaining read has changed since: the policy in force and the active webhooks.
 * A change to either appends to the audit chain in its own transaction, so a writer that waited
 * for it here finds the audit head moved even where the subqueries' snapshot predates it.
 */
function unchangedHeads(known: LedgerHeads, v: Value): SQL {
  const genesis = sql.raw(`'${GENESIS_HASH}'`);
  return sql`select 1 from ${tenants} where ${tenants.tenantId} = ${v(known.tenantId)} and ${tenants.consentSeq} = ${v(known.head.seq)} and coalesce(${tenants.consentHash}, ${genesis}) = ${v(known.head.hash)} and ${tenants.auditSeq} = ${v(known.auditHead.seq)} and coalesce(${tenants.auditHash}, ${genesis}) = ${v(known.auditHead.hash)} and ${versionInForce} is not distinct from ${v(known.policyVersion)}::int and ${activeWebhooks} = ${v(known.webhooks)}::jsonb for update`;
}

/**
 * The guarded statement's text depends only on which parts a batch has, so it is rendered once
 * per shape and then sent with the batch's values, through the driver (a batch's statement is
 * the hottest query of the write path, and rendering it cost more than the rest of the batch).
 */
const rendered = new Map<string, string>();
const dialect = new PgDialect();

interface Client {
  query(text: string, values: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * On PostgreSQL the statement is prepared once per connection under its shape's name: planning
 * it (CTEs over a few dozen arrays) costs PostgreSQL more than running it for a small batch.
 * PGlite prepares every statement with parameters anyway.
 */
function runRendered(db: Db, shape: string, text: string, values: unknown[]) {
  const client = (db as unknown as { $client: Client | pg.Pool }).$client;
  return client instanceof pg.Pool ? client.query({ name: `registru_ledger_${shape}`, text, values }) : client.query(text, values);
}

/**
 * The values of the guarded statement in the order {@link ledgerStatement} takes them, without
 * building it: what a batch sends once the statement of its shape was rendered.
 */
function guardedValues(ledger: LedgerWrite, known: LedgerHeads): unknown[] {
  const { tenantId, head, auditHead, rows, audits, deliveries } = ledger;
  return [
    known.tenantId,
    known.head.seq,
    known.head.hash,
    known.auditHead.seq,
    known.auditHead.hash,
    known.policyVersion,
    known.webhooks,
    ...columnArrays(consentRecords, rows),
    ...columnArrays(consentState, latestPerPurpose(rows)),
    ...(audits.length ? columnArrays(auditEvents, audits) : []),
    ...(deliveries.length ? columnArrays(webhookDeliveries, deliveries as (typeof webhookDeliveries.$inferSelect)[]) : []),
    head.seq,
    head.hash,
    auditHead.seq,
    auditHead.hash,
    tenantId,
    tenantId,
  ];
}

/** Renders the guarded statement of the batch's shape, and checks {@link guardedValues} gives its values in its order. */
function render(ledger: LedgerWrite, known: LedgerHeads) {
  const given: unknown[] = [];
  const query = dialect.sqlToQuery(ledgerStatement(ledger, (value) => sql.placeholder(String(given.push(value) - 1)), known));
  const order = query.params.map((p) => Number((p as Placeholder).name));
  if (order.some((n, i) => n !== i) || !isDeepStrictEqual(given, guardedValues(ledger, known))) {
    throw new Error("the guarded ledger statement takes its values in another order than guardedValues gives them");
  }
  return query.sql;
}

/** Whether the statement wrote; the other columns only where it did not (see {@link ledgerStatement}). */
interface GuardedRow {
  moved: number;
  slug: string | null;
  consent_seq: number | string;
  consent_hash: string | null;
  audit_seq: number | string;
  audit_hash: string | null;
  policy_version: number | null;
  webhooks: { webhookId: string; events: string[] }[] | null;
}

export async function executeGuarded(db: Db, ledger: LedgerWrite, known: LedgerHeads): Promise<{ written: boolean; found: HeadsRow | undefined }> {
  const shape = `${ledger.audits.length > 0}:${ledger.deliveries.length > 0}`;
  let text = rendered.get(shape);
  if (!text) rendered.set(shape, (text = render(ledger, known)));
  const [row] = (await runRendered(db, shape, text, guardedValues(ledger, known))).rows as GuardedRow[];
  if (row?.moved === 1) return { written: true, found: undefined };
  if (!row?.slug) return { written: false, found: undefined };
  const { moved: _m, consent_seq, consent_hash, audit_seq, audit_hash, policy_version, ...rest } = row;
  return { written: false, found: { ...rest, slug: row.slug, consentSeq: consent_seq, consentHash: consent_hash, auditSeq: audit_seq, auditHash: audit_hash, policyVersion: policy_version } };
}

