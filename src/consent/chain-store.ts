import { eq, sql } from "drizzle-orm";
import { chainAudit, chainHash, GENESIS_HASH, type AuditEntry } from "../audit/index.ts";
import { consentEvents, deliveryRows } from "../webhooks/index.ts";
import type { Db } from "../store/index.ts";
import { tables } from "../store/index.ts";
import {
  activeWebhooks,
  executeGuarded,
  ledgerStatement,
  param,
  versionInForce,
  type ChainHead,
  type ConsentRecordRow,
  type HeadsRow,
  type LedgerHeads,
  type LedgerWrite,
  type NewConsentRecord,
} from "./ledger-sql.ts";

export type { ConsentRecordRow, LedgerHeads, NewConsentRecord } from "./ledger-sql.ts";

const { tenants } = tables;

/** What a record's hash covers: every column but the chain's own, with times as ISO strings. */
export function hashedBody(r: NewConsentRecord, seq: number) {
  return { ...r, recordedAt: r.recordedAt.toISOString(), validUntil: r.validUntil?.toISOString() ?? null, seq };
}

/** A transaction's appends to a tenant's ledger: the heads it chains onto and the rows it will write in one statement. */
interface Ledger extends LedgerHeads, LedgerWrite {
  /** The heads as known when the batch opened without reading them (see {@link openBatchAt}). */
  known?: LedgerHeads;
}

/**
 * Locks the tenant's row — the consent and audit chain heads, what serialises writers in every
 * process — and reads the policy version in force and the active webhooks, in one round trip.
 */
async function lockLedger(tx: Db, tenantId: string): Promise<Ledger> {
  const [row] = await tx
    .select({
      slug: tenants.slug,
      consentSeq: tenants.consentSeq,
      consentHash: tenants.consentHash,
      auditSeq: tenants.auditSeq,
      auditHash: tenants.auditHash,
      policyVersion: sql<number | null>`${versionInForce}`,
      webhooks: sql<{ webhookId: string; events: string[] }[]>`${activeWebhooks}`,
    })
    .from(tenants)
    .where(eq(tenants.tenantId, tenantId))
    .for("update");
  return withRows(headsFromRow(tenantId, row));
}

function headsFromRow(tenantId: string, row: HeadsRow | undefined): LedgerHeads {
  const webhooks = row?.webhooks ?? [];
  return {
    tenantId,
    head: { seq: Number(row?.consentSeq ?? 0), hash: row?.consentHash ?? GENESIS_HASH },
    auditHead: { seq: Number(row?.auditSeq ?? 0), hash: row?.auditHash ?? GENESIS_HASH },
    policyVersion: row?.policyVersion ?? null,
    subscriptions: webhooks.map((w) => ({ ...w, slug: row!.slug })),
    webhooks: JSON.stringify(webhooks),
  };
}

const withRows = (heads: LedgerHeads): Ledger => ({ ...heads, head: { ...heads.head }, auditHead: { ...heads.auditHead }, rows: [], audits: [], deliveries: [] });

const headsOf = ({ tenantId, head, auditHead, policyVersion, subscriptions, webhooks }: Ledger): LedgerHeads => ({
  tenantId,
  head: { ...head },
  auditHead: { ...auditHead },
  policyVersion,
  subscriptions,
  webhooks,
});

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

const openBatches = new WeakMap<Db, Ledger>();

/** What a record's audit entry says, given the chained rows. */
export type AuditOf = (rows: ConsentRecordRow[]) => AuditEntry;

/**
 * Appends records to the tenant's consent chain with their audit entry and webhook events, inside
 * the caller's transaction. In a transaction with an open batch (see batch.ts) they are chained at
 * once but written by {@link writeBatch}, so reads in that transaction do not see them before.
 * With `inForce`, nothing is chained (and undefined returned) unless that is still the policy
 * version in force as the chain's lock read it.
 */
export async function appendRecords(tx: Db, tenantId: string, records: NewConsentRecord[], auditOf: AuditOf): Promise<ConsentRecordRow[]>;
export async function appendRecords(tx: Db, tenantId: string, records: NewConsentRecord[], auditOf: AuditOf, inForce: number): Promise<ConsentRecordRow[] | undefined>;
export async function appendRecords(tx: Db, tenantId: string, records: NewConsentRecord[], auditOf: AuditOf, inForce?: number): Promise<ConsentRecordRow[] | undefined> {
  const open = openBatches.get(tx);
  if (open && open.tenantId !== tenantId) throw new Error("a consent batch holds one tenant's chain");
  const ledger = open ?? (await lockLedger(tx, tenantId));
  if (inForce !== undefined && ledger.policyVersion !== inForce) return undefined;
  const rows = chainOnto(ledger.head, tenantId, records);
  ledger.rows.push(...rows);
  ledger.audits.push(...chainAudit(ledger.auditHead, tenantId, [auditOf(rows)]));
  ledger.deliveries.push(...deliveryRows(tenantId, ledger.subscriptions, consentEvents(rows)));
  if (!open) await tx.execute(ledgerStatement(ledger, param));
  return rows;
}

/** Takes the chain heads once for all the appends the transaction will make. */
export async function openBatch(tx: Db, tenantId: string) {
  if (openBatches.has(tx)) throw new Error("this transaction already has a consent batch");
  openBatches.set(tx, await lockLedger(tx, tenantId));
}

/**
 * Opens a batch on heads known from an earlier write, without a query: `handle` only names the
 * batch (its appends chain in memory); {@link writeBatchIfUnchanged} writes it if they still hold.
 */
export function openBatchAt(handle: object, known: LedgerHeads) {
  if (openBatches.has(handle as Db)) throw new Error("this handle already has a consent batch");
  openBatches.set(handle as Db, { ...withRows(known), known });
}

function takeBatch(handle: object): Ledger {
  const ledger = openBatches.get(handle as Db);
  if (!ledger) throw new Error("this transaction has no consent batch");
  openBatches.delete(handle as Db);
  return ledger;
}

/** Writes what the batch's appends chained; the caller then commits. Returns the heads the commit will leave. */
export async function writeBatch(tx: Db): Promise<LedgerHeads> {
  const ledger = takeBatch(tx);
  if (ledger.rows.length > 0) await tx.execute(ledgerStatement(ledger, param));
  return headsOf(ledger);
}

/**
 * Writes a batch opened with {@link openBatchAt} in one statement, which commits by itself, if
 * the tenant's row still holds the heads it was chained onto (and locks it meanwhile). Returns the
 * heads it left; or, when another writer had moved them and nothing was written, the heads as the
 * statement found them (not locked, and perhaps already moved again: only a guess to try).
 */
export async function writeBatchIfUnchanged(db: Db, handle: object): Promise<{ left: LedgerHeads } | { found: LedgerHeads | undefined }> {
  const ledger = takeBatch(handle);
  if (!ledger.known) throw new Error("this batch was not opened on known heads");
  if (ledger.rows.length === 0) return { left: headsOf(ledger) };
  const { written, found } = await executeGuarded(db, ledger, ledger.known);
  return written ? { left: headsOf(ledger) } : { found: found && headsFromRow(ledger.tenantId, found) };
}
