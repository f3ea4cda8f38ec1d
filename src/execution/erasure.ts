import { buildReferenceGraph, keyString, type AnonymiseStrategy, type ColumnInfo, type Effect, type FoundTable, type RowKey } from "../connectors/index.ts";
import { RegistruError } from "../errors.ts";
import type { PlainDate } from "../law/index.ts";
import type { Manifest } from "../manifest/index.ts";
import { describeRetention } from "../notices/index.ts";
import { formatDate, localized, type LetterLanguage, type OutcomeRow } from "../requests/index.ts";
import type { SystemPlan } from "./model.ts";
import { keptUntil, type RetentionIndex } from "./retention.ts";
import type { TableRows } from "./rows.ts";
import { processorOnly } from "./scope.ts";
import { executionTexts, inScript } from "./texts.ts";

type KeptReason = NonNullable<OutcomeRow["kept"]>[number]["reason"];
type Decision = { kind: "erase" } | { kind: "kept"; reason: KeptReason; basis?: string };

export interface ErasureInput {
  manifest: Manifest;
  language: LetterLanguage;
  timeZone: string;
  today: PlainDate;
  /** Found SQL tables, parents before children (the find plan's order). */
  tables: FoundTable[];
  rows: ReadonlyMap<string, TableRows>;
  /** `system.table` → held keys → the hold's reason when it may be told to this subject. */
  held: ReadonlyMap<string, ReadonlyMap<string, string | undefined>>;
  obligation: RetentionIndex;
}

const key = (t: { system: string; table: string }) => `${t.system}.${t.table}`;

/**
 * Erasure (Art. 17, ZZPL čl. 30), decided per row: kept while a legal hold covers it, or while
 * the retention of an activity resting on a legal obligation runs (S4-15); otherwise deleted,
 * or anonymised where it must stay because a kept row of the same database references it
 * (deleting it would break the kept row, or the foreign key would refuse).
 */
export function planErasure(input: ErasureInput): SystemPlan[] {
  const decisions = new Map<string, Map<string, Decision>>();
  for (const t of input.tables) decisions.set(key(t), new Map(t.rows.map((r) => [keyString(r.primaryKey), decide(input, t, keyString(r.primaryKey))])));
  const anonymised = staying(input, decisions);
  // Systems in the plan's order; within one, children first: a row is deleted before the row it references.
  const bySystem = new Map<string, SystemPlan>(input.tables.map((t) => [t.system, { system: t.system, effects: [], rows: [] }]));
  for (const t of [...input.tables].reverse()) {
    const plan = bySystem.get(t.system)!;
    const d = decisions.get(key(t))!;
    const anon = anonymised.get(key(t)) ?? new Set<string>();
    const keyOf = new Map(t.rows.map((r) => [keyString(r.primaryKey), r.primaryKey as RowKey]));
    const erase = [...d].filter(([k, x]) => x.kind === "erase" && !anon.has(k)).map(([k]) => keyOf.get(k)!);
    const anonKeys = [...anon].map((k) => keyOf.get(k)!);
    if (erase.length) plan.effects.push({ kind: "delete", table: t.table, keys: erase });
    const columns = anonKeys.length ? anonymiseColumns(input.manifest, input.rows.get(key(t))!, t) : {};
    if (anonKeys.length && Object.keys(columns).length) plan.effects.push({ kind: "anonymise", table: t.table, keys: anonKeys, columns });
    plan.rows.unshift(outcome(t, erase.length, anonKeys.length, [...d.values()]));
  }
  return [...bySystem.values()].map((p) => ({ ...p, effects: p.effects satisfies Effect[] }));
}

function decide(input: ErasureInput, t: FoundTable, k: string): Decision {
  const lang = input.language;
  const say = executionTexts(lang);
  if (processorOnly(input.manifest, t)) return { kind: "kept", reason: "other", basis: inScript(lang, say.processorOnly) };
  const held = input.held.get(key(t));
  if (held?.has(k)) return { kind: "kept", reason: "legal_hold", ...(held.get(k) && { basis: held.get(k) }) };
  const rows = input.rows.get(key(t));
  const row = rows?.rows.get(k);
  for (const a of input.obligation(t.system, t.table)) {
    const kept = row ? keptUntil(a, { row, tables: input.rows, system: t.system, timeZone: input.timeZone }, input.today) : { kept: true };
    if (!kept.kept) continue;
    const basis = localized(a.activity.legal_obligation, lang) ?? localized(a.activity.name, lang) ?? a.activity.id;
    const period = kept.until
      ? say.until(formatDate(`${kept.until}T12:00:00Z`, lang, "UTC"))
      : a.activity.retention
        ? describeRetention(a.activity.retention, lang).split(/[;.]/)[0]!
        : "";
    return { kind: "kept", reason: "legal_obligation", basis: period ? say.obligation(basis, inScript(lang, period)) : basis };
  }
  return { kind: "erase" };
}

/**
 * Rows to anonymise instead of delete: referenced, in the same database, by a row that stays
 * (kept, or itself anonymised). Repeated until nothing changes, for chains of references.
 */
function staying(input: ErasureInput, decisions: Map<string, Map<string, Decision>>): Map<string, Set<string>> {
  const graph = buildReferenceGraph(input.manifest.systems ?? []);
  const anonymised = new Map<string, Set<string>>();
  const stays = (table: string, k: string) => decisions.get(table)?.get(k)?.kind === "kept" || anonymised.get(table)?.has(k);
  let changed = true;
  while (changed) {
    changed = false;
    for (const t of input.tables) {
      const parent = input.rows.get(key(t));
      if (!parent) continue;
      for (const ref of graph.referencedBy.get(key(t)) ?? []) {
        if (ref.child.system !== t.system) continue; // no foreign key across databases
        const child = input.rows.get(key(ref.child));
        if (!child) continue;
        const referenced = new Set<string>();
        for (const [ck, row] of child.rows) if (stays(key(ref.child), ck) && row[ref.child.column] != null) referenced.add(keyString(row[ref.child.column]));
        for (const [pk, row] of parent.rows) {
          if (decisions.get(key(t))?.get(pk)?.kind !== "erase" || anonymised.get(key(t))?.has(pk)) continue;
          if (!referenced.has(keyString(row[ref.parent.column]))) continue;
          anonymised.set(key(t), (anonymised.get(key(t)) ?? new Set()).add(pk));
          changed = true;
        }
      }
    }
  }
  return anonymised;
}

/**
 * The table's personal data (declared fields and identity columns) except what holds it
 * together: its key, its references, the columns others point at, and the event dates
 * retention counts from. Emptied where the column allows it, otherwise replaced by a keyed
 * value (a hash for text, a look-alike for numbers) that is the same on every run.
 */
export function anonymiseColumns(manifest: Manifest, rows: TableRows, t: FoundTable): Record<string, AnonymiseStrategy> {
  const system = manifest.systems?.find((s) => s.id === t.system);
  const spec = system?.tables?.[t.table];
  if (!spec) return {};
  const graph = buildReferenceGraph(manifest.systems ?? []);
  const keys = new Set([t.primaryKey, ...Object.keys(spec.belongs_to ?? {}), ...(graph.referencedBy.get(key(t)) ?? []).map((r) => r.parent.column)]);
  const personal = new Set([...Object.entries(spec.fields ?? {}).filter(([, c]) => !c.startsWith("event.")).map(([c]) => c), ...Object.values(spec.identity ?? {})]);
  const out: Record<string, AnonymiseStrategy> = {};
  for (const column of personal) {
    if (keys.has(column)) continue;
    const info = rows.columns.get(column);
    if (!info) throw new RegistruError("connector_schema_mismatch", `${t.system}.${t.table}.${column}: column does not exist`, 422);
    out[column] = strategyFor(info, `${t.system}.${t.table}`);
  }
  return out;
}

function strategyFor(c: ColumnInfo, where: string): AnonymiseStrategy {
  if (c.nullable) return "null";
  if (c.type === "" || /char|text|clob|string/.test(c.type)) return "hash";
  if (/int|numeric|decimal|real|double|float|number/.test(c.type)) return "format_preserving";
  throw new RegistruError("execution_cannot_anonymise", `${where}.${c.name} (${c.type}, NOT NULL) can be neither emptied nor replaced: allow NULL or declare it as an event date`, 422);
}

function outcome(t: FoundTable, erased: number, anonymised: number, decisions: Decision[]): OutcomeRow {
  const kept = new Map<string, { count: number; reason: KeptReason; basis?: string }>();
  for (const d of decisions) {
    if (d.kind !== "kept") continue;
    const k = `${d.reason}\u0000${d.basis ?? ""}`;
    const entry = kept.get(k) ?? { count: 0, reason: d.reason, ...(d.basis && { basis: d.basis }) };
    entry.count++;
    kept.set(k, entry);
  }
  return {
    system: t.system,
    table: t.table,
    found: t.count,
    ...(erased && { erased }),
    ...(anonymised && { anonymised }),
    ...(kept.size && { kept: [...kept.values()] }),
  };
}
