import { z } from "zod";
import { RegistruError } from "../errors.ts";
import { anonymisationScope, anonymiser, assertFits, type AnonymiseStrategy } from "./anonymise.ts";
import type { Systems } from "./connect.ts";
import type { SqlDriver, SqlTransaction } from "./sql/driver.ts";
import { inTransaction } from "./sql/driver.ts";
import { batches, selectByKeys, updateByKeys, deleteByKeys } from "./sql/queries.ts";
import { declaredColumns, findTable, primaryKeyOf, type SystemSpec } from "./systems.ts";
import { keyString } from "./values.ts";

const key = z.union([z.string(), z.number()]);
const strategy = z.union([z.enum(["null", "hash", "format_preserving"]), z.strictObject({ fixed: z.string() })]);

/** Effects as data, so the request executor can persist them in a job and apply them again after a crash. */
export const effectSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("update"), table: z.string(), keys: z.array(key), set: z.record(z.string(), z.unknown()) }),
  z.strictObject({ kind: z.literal("delete"), table: z.string(), keys: z.array(key) }),
  z.strictObject({ kind: z.literal("anonymise"), table: z.string(), keys: z.array(key), columns: z.record(z.string(), strategy) }),
]);
export type Effect = z.infer<typeof effectSchema>;
export type RowKey = z.infer<typeof key>;

export interface EffectOutcome {
  kind: Effect["kind"];
  table: string;
  /** Rows the effect matched (an already deleted row is not matched, and is not an error). */
  rows: number;
}

export interface EffectOptions {
  /** The organisation's anonymisation key: needed by "hash" and "format_preserving". */
  secret?: string | Buffer;
}

/**
 * Applies effects to one SQL system in one transaction: all or nothing. Each effect is idempotent
 * (re-applying it after a crash leaves the same data), and only writes columns the manifest
 * declares for the table (fields or identity).
 */
export async function applyEffects(systems: Systems, systemId: string, effects: readonly Effect[], opts: EffectOptions = {}): Promise<EffectOutcome[]> {
  const spec = systems.spec(systemId);
  effects.forEach((e) => validate(spec, e, opts));
  const driver = systems.sql(systemId);
  return inTransaction(driver, "write", async (tx) => {
    const outcomes: EffectOutcome[] = [];
    for (const effect of effects) outcomes.push({ kind: effect.kind, table: effect.table, rows: await apply(driver, tx, spec, effect, opts) });
    return outcomes;
  });
}

export const updateRows = async (systems: Systems, systemId: string, table: string, keys: RowKey[], set: Record<string, unknown>) =>
  (await applyEffects(systems, systemId, [{ kind: "update", table, keys, set }]))[0]!;

export const deleteRows = async (systems: Systems, systemId: string, table: string, keys: RowKey[]) =>
  (await applyEffects(systems, systemId, [{ kind: "delete", table, keys }]))[0]!;

export const anonymiseRows = async (systems: Systems, systemId: string, table: string, keys: RowKey[], columns: Record<string, AnonymiseStrategy>, opts: EffectOptions) =>
  (await applyEffects(systems, systemId, [{ kind: "anonymise", table, keys, columns }], opts))[0]!;

function validate(spec: SystemSpec, effect: Effect, opts: EffectOptions) {
  const allowed = declaredColumns(findTable(spec, effect.table));
  const columns = effect.kind === "update" ? Object.keys(effect.set) : effect.kind === "anonymise" ? Object.keys(effect.columns) : [];
  if (effect.kind !== "delete" && columns.length === 0) throw new RegistruError("connector_effect_invalid", `${effect.kind} of ${spec.id}.${effect.table} names no column`, 400);
  for (const column of columns) {
    if (!allowed.has(column)) throw new RegistruError("connector_unknown_column", `${spec.id}.${effect.table} declares no field "${column}"`, 400);
  }
  if (effect.kind === "anonymise" && !opts.secret && Object.values(effect.columns).some((s) => anonymiser(s).perRow)) {
    throw new RegistruError("connector_secret_missing", "hash and format_preserving need the organisation's anonymisation key", 400);
  }
}

async function apply(driver: SqlDriver, tx: SqlTransaction, spec: SystemSpec, effect: Effect, opts: EffectOptions): Promise<number> {
  const pk = primaryKeyOf(findTable(spec, effect.table));
  const d = driver.dialect;
  let rows = 0;
  if (effect.kind === "anonymise") return anonymise(driver, tx, spec, effect, pk, opts);
  for (const keys of batches(effect.keys)) {
    rows += await tx.run(effect.kind === "update" ? updateByKeys(d, effect.table, effect.set, pk, keys) : deleteByKeys(d, effect.table, pk, keys));
  }
  return rows;
}

async function anonymise(driver: SqlDriver, tx: SqlTransaction, spec: SystemSpec, effect: Extract<Effect, { kind: "anonymise" }>, pk: string, opts: EffectOptions) {
  const info = new Map((await driver.columns(tx, effect.table))?.map((c) => [c.name, c]) ?? []);
  const entries = Object.entries(effect.columns).map(([column, strategy]) => {
    const c = info.get(column);
    if (!c) throw new RegistruError("connector_schema_mismatch", `${spec.id}.${effect.table}.${column}: column does not exist`, 422);
    assertFits(strategy, c);
    return { column: c, anonymiser: anonymiser(strategy) };
  });
  const bulk = Object.fromEntries(entries.filter((e) => !e.anonymiser.perRow).map((e) => [e.column.name, e.anonymiser.value(null, { secret: "", scope: "", column: e.column })]));
  const perRow = entries.filter((e) => e.anonymiser.perRow);
  const matched = new Set<string>();
  for (const keys of batches(effect.keys)) {
    if (Object.keys(bulk).length > 0) {
      const bulkRows = await tx.rows(selectByKeys(driver.dialect, effect.table, [pk], pk, keys, { forUpdate: true }));
      bulkRows.forEach((r) => matched.add(keyString(r[pk])));
      await tx.run(updateByKeys(driver.dialect, effect.table, bulk, pk, keys));
    }
    if (perRow.length === 0) continue;
    const rows = await tx.rows(selectByKeys(driver.dialect, effect.table, [pk, ...perRow.map((e) => e.column.name)], pk, keys, { forUpdate: true }));
    for (const row of rows) {
      matched.add(keyString(row[pk]));
      const scope = (column: string) => anonymisationScope(spec.id, effect.table, column, row[pk]);
      const set = Object.fromEntries(perRow.map((e) => [e.column.name, e.anonymiser.value(row[e.column.name], { secret: opts.secret!, scope: scope(e.column.name), column: e.column })]));
      await tx.run(updateByKeys(driver.dialect, effect.table, set, pk, [row[pk]]));
    }
  }
  return matched.size;
}
