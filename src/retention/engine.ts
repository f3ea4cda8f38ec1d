import { anonymisationScope, applyEffects, inTransaction, isAnonymised, jsonValue, keyString, tableKey, type Effect, type Row, type Systems } from "../connectors/index.ts";
import { addCounts, emptyCounts, type Counts, type TableEvidence } from "./evidence.ts";
import type { Prepared, PreparedTable } from "./prepare.ts";
import { batchQuery, inheritedRowsQuery, REASON, referencedValuesQuery, StatementBuilder, VALUE, type Cursor, type HeldKeys } from "./sql.ts";

/**
 * A window of up to WINDOW batches, decided before anything is written: the effects, each
 * `{ system, effects }` one short transaction of at most a batch of keys (children first), and
 * what they count as. A run writes the window as its intent once, then applies its batches.
 */
export interface Batch {
  table: string;
  /** Where the table's next window starts once this one is applied. */
  cursor: unknown[];
  effects: Array<{ system: string; effects: Effect[] }>;
  counts: Record<string, Partial<Counts>>;
  byRule: Record<string, number>;
  /** Batches (of `batchSize` expired rows) in the window. */
  batches: number;
}

/** Batches per window: one intent write covers this many short transactions. */
export const WINDOW = 10;

export interface EngineHooks {
  /** Called with each decided batch; a run persists it (the intent), applies it, and returns. A plan does nothing. */
  batch(batch: Batch): Promise<void>;
  /** A table has no more expired rows after its cursor. */
  tableDone(table: string): Promise<void>;
}

export interface Engine {
  systems: Systems;
  prepared: Prepared;
  held: HeldKeys;
  /** The organisation's anonymisation key. */
  secret: Buffer;
  batchSize: number;
}

const chunks = <T>(items: readonly T[], size = 1000) => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

async function select(e: Engine, system: string, build: (b: StatementBuilder) => { text: string; values: unknown[] }): Promise<Row[]> {
  const driver = e.systems.sql(system);
  const b = new StatementBuilder(driver.dialect, system, e.prepared.tables, e.held);
  const q = build(b);
  return inTransaction(driver, "read", (tx) => tx.rows(q));
}

const anonymiseColumns = (t: PreparedTable) => ("columns" in t.anonymise ? Object.keys(t.anonymise.columns) : []);

/** The rows whose anonymised values differ from what they hold now (the others were anonymised before). */
function notYetAnonymised(e: Engine, t: PreparedTable, rows: Row[]): Row[] {
  if (!("columns" in t.anonymise)) return rows;
  const { columns, info } = t.anonymise;
  const { system, table, primaryKey } = t.rule;
  return rows.filter((row) =>
    Object.entries(columns).some(([column, strategy]) => !isAnonymised(strategy, row[column], { secret: e.secret, scope: anonymisationScope(system, table, column, row[primaryKey]), column: info[column]! })),
  );
}

/** Keys of `rows` that rows which stay (in any system) still reference. */
async function referencedRows(e: Engine, t: PreparedTable, rows: Row[]): Promise<Set<Row>> {
  const out = new Set<Row>();
  for (const child of t.children) {
    const values = [...new Map(rows.filter((r) => r[child.parentColumn] != null).map((r) => [keyString(r[child.parentColumn]), r[child.parentColumn]])).values()];
    const found = new Set<string>();
    for (const part of chunks(values)) {
      const hits = await select(e, child.system, (b) => referencedValuesQuery(b, tableKey(child), child, part));
      hits.forEach((h) => found.add(keyString(h[VALUE])));
    }
    rows.filter((r) => r[child.parentColumn] != null && found.has(keyString(r[child.parentColumn]))).forEach((r) => out.add(r));
  }
  return out;
}

interface Collected {
  effects: Array<{ system: string; effect: Effect }>;
  counts: Record<string, Partial<Counts>>;
}

const add = (c: Collected, table: string, counts: Partial<Counts>) => (c.counts[table] = addCounts({ ...emptyCounts(), ...c.counts[table] }, counts));

/** Rows of inherited tables under these parent rows, deepest first: deleted with them, or anonymised with them. */
async function inherited(e: Engine, parent: PreparedTable, parentRows: Row[], mode: "delete" | "anonymise", into: Collected): Promise<void> {
  if (parentRows.length === 0) return;
  for (const [key, child] of e.prepared.tables) {
    const r = child.rule;
    if (r.kind !== "inherited" || r.system !== parent.rule.system || r.parent !== parent.rule.table) continue;
    if (mode === "anonymise" && !("columns" in child.anonymise)) continue;
    const values = [...new Set(parentRows.map((p) => p[r.parentColumn]).filter((v) => v != null))];
    const extra = [...child.referenced, ...(mode === "anonymise" ? anonymiseColumns(child) : [])];
    const rows: Row[] = [];
    for (const part of chunks(values)) rows.push(...(await select(e, r.system, (b) => inheritedRowsQuery(b, child, part, mode, extra))));
    if (mode === "delete") {
      await inherited(e, child, rows, "delete", into);
      if (rows.length > 0) into.effects.push({ system: r.system, effect: { kind: "delete", table: r.table, keys: rows.map((x) => jsonKey(x[r.primaryKey])) } });
      add(into, key, { expired: rows.length, deleted: rows.length });
    } else {
      const pending = notYetAnonymised(e, child, rows);
      await inherited(e, child, pending, "anonymise", into);
      if (pending.length > 0) into.effects.push({ system: r.system, effect: anonymiseEffect(child, pending) });
      add(into, key, { expired: rows.length, anonymised: pending.length, already_anonymised: rows.length - pending.length });
    }
  }
}

const jsonKey = (v: unknown) => {
  const j = jsonValue(v);
  return typeof j === "number" || typeof j === "string" ? j : String(j);
};

function anonymiseEffect(t: PreparedTable, rows: Row[]): Effect {
  if (!("columns" in t.anonymise)) throw new Error("table cannot be anonymised");
  return { kind: "anonymise", table: t.rule.table, keys: rows.map((x) => jsonKey(x[t.rule.primaryKey])), columns: t.anonymise.columns };
}

/** Decides one batch of expired rows: held ones are skipped, the rest deleted or anonymised, children first. */
async function decide(e: Engine, key: string, t: PreparedTable, rows: Row[]): Promise<Pick<Batch, "effects" | "counts" | "byRule">> {
  const r = t.rule;
  if (r.kind !== "own") throw new Error("only tables with their own rule are swept");
  const periods = t.activities[0] ?? [];
  const byRule: Record<string, number> = {};
  for (const row of rows) {
    const label = periods[Number(row[REASON] ?? 0)]?.label ?? periods[0]!.label;
    byRule[label] = (byRule[label] ?? 0) + 1;
  }
  const heldKeys = e.held.get(key);
  const candidates = rows.filter((row) => !heldKeys?.has(keyString(row[r.primaryKey])));
  const into: Collected = { effects: [], counts: {} };
  add(into, key, { expired: rows.length, held: rows.length - candidates.length });
  let toDelete: Row[] = [];
  let toAnonymise: Row[] = [];
  if (r.action === "anonymise") toAnonymise = candidates;
  else {
    const referenced = t.children.length > 0 ? await referencedRows(e, t, candidates) : new Set<Row>();
    const canAnonymise = r.action === "delete_or_anonymise" && "columns" in t.anonymise;
    toDelete = candidates.filter((row) => !referenced.has(row));
    toAnonymise = canAnonymise ? candidates.filter((row) => referenced.has(row)) : [];
    add(into, key, { kept_referenced: canAnonymise ? 0 : referenced.size });
  }
  await inherited(e, t, toDelete, "delete", into);
  if (toDelete.length > 0) into.effects.push({ system: r.system, effect: { kind: "delete", table: r.table, keys: toDelete.map((x) => jsonKey(x[r.primaryKey])) } });
  const pending = notYetAnonymised(e, t, toAnonymise);
  await inherited(e, t, pending, "anonymise", into);
  if (pending.length > 0) into.effects.push({ system: r.system, effect: anonymiseEffect(t, pending) });
  add(into, key, { deleted: toDelete.length, anonymised: pending.length, already_anonymised: toAnonymise.length - pending.length });
  // Other systems' children first (their own transactions), then this system's, children before parents.
  const systems = [...new Set(into.effects.map((x) => x.system))].sort((a, b) => Number(a === r.system) - Number(b === r.system));
  return { effects: systems.map((system) => ({ system, effects: into.effects.filter((x) => x.system === system).map((x) => x.effect) })), counts: into.counts, byRule };
}

/** Sweeps one table from its cursor to its end, a window of batches at a time; the hooks persist and apply (run) or only count (plan). */
export async function sweepTable(e: Engine, key: string, evidence: TableEvidence, hooks: EngineHooks): Promise<void> {
  const t = e.prepared.tables.get(key)!;
  if (t.rule.kind !== "own" || evidence.done) return;
  const extra = [...t.referenced, ...(t.rule.action === "delete" ? [] : anonymiseColumns(t))];
  let cursor: Cursor = evidence.cursor;
  for (;;) {
    const rows = await select(e, t.rule.system, (b) => batchQuery(b, t, cursor, e.batchSize * WINDOW, extra));
    if (rows.length === 0) return hooks.tableDone(key);
    cursor = [jsonValue(rows[rows.length - 1]![t.rule.primaryKey])];
    const window: Batch = { table: key, cursor, effects: [], counts: {}, byRule: {}, batches: 0 };
    for (const part of chunks(rows, e.batchSize)) {
      const batch = await decide(e, key, t, part);
      window.effects.push(...batch.effects);
      for (const [table, counts] of Object.entries(batch.counts)) window.counts[table] = addCounts({ ...emptyCounts(), ...window.counts[table] }, counts);
      for (const [label, n] of Object.entries(batch.byRule)) window.byRule[label] = (window.byRule[label] ?? 0) + n;
      window.batches++;
    }
    await hooks.batch(window);
  }
}

/** Applies a decided batch: each system's effects in one transaction, other systems first. Idempotent: a resumed run applies its last intent again. */
export async function applyBatch(e: Engine, batch: Pick<Batch, "effects">): Promise<void> {
  for (const { system, effects } of batch.effects) await applyEffects(e.systems, system, effects, { secret: e.secret });
}

/** Adds a batch's counts to the evidence and moves the table's cursor. */
export function recordBatch(evidence: Map<string, TableEvidence>, batch: Batch): void {
  for (const [table, counts] of Object.entries(batch.counts)) {
    const ev = evidence.get(table);
    if (ev) addCounts(ev.counts, counts);
  }
  const ev = evidence.get(batch.table)!;
  for (const [label, n] of Object.entries(batch.byRule)) ev.by_rule[label] = (ev.by_rule[label] ?? 0) + n;
  ev.cursor = batch.cursor;
}
