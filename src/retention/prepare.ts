import { anonymiser, describeProblem, inspectTables, inTransaction, tableKey, type AnonymiseStrategy, type ColumnInfo, type Systems, type TableRequirement } from "../connectors/index.ts";
import { isRegistruError } from "../errors.ts";
import { boundFor, cutoffDay } from "./cutoff.ts";
import { referencesIn, sourceColumns, sourceTable, type EventTerm } from "./events.ts";
import { describePeriod, type NotEnforceable, type OwnRule, type Period, type RetentionRules, type TableRule } from "./rules.ts";

export interface PreparedTerm extends EventTerm {
  /** `column < bound`: the event happened on or before the cutoff day. */
  bound: string;
}

export interface PreparedPeriod extends Omit<Period, "terms"> {
  label: string;
  cutoff: string;
  terms: PreparedTerm[];
}

/** A table that references another (in any SQL system): its rows keep the parent row alive unless they go first. */
export interface ChildReference {
  system: string;
  table: string;
  fk: string;
  parentColumn: string;
}

export interface PreparedTable {
  rule: TableRule;
  /** Own rules: per activity, the periods with their cutoffs. */
  activities: PreparedPeriod[][];
  /** Columns anonymising writes, with the strategy and the column for each; `unfit` says why the table cannot be anonymised. */
  anonymise: { columns: Record<string, AnonymiseStrategy>; info: Record<string, ColumnInfo> } | { unfit: string };
  children: ChildReference[];
  /** Columns of this table other tables point at (read with each batch for the children's lookups). */
  referenced: string[];
}

export interface Prepared {
  tables: Map<string, PreparedTable>;
  /** In processing order: children first. */
  order: string[];
  notEnforceable: NotEnforceable[];
  notes: Array<{ system: string; table: string; note: string }>;
  timeZone: string;
}

/**
 * Which columns anonymising writes: the table's declared personal data (fields and identity
 * columns) except keys (the primary key, `belongs_to` columns, columns others point at) and the
 * event dates retention counts from. A nullable column is emptied; a NOT NULL text or number
 * gets a keyed look-alike (unique columns stay unique); anything else cannot be anonymised.
 */
function anonymisePlan(rule: TableRule, spec: TableSpecLike, columns: Map<string, ColumnInfo>, referenced: string[]): PreparedTable["anonymise"] {
  const keys = new Set([rule.primaryKey, ...Object.keys(spec.belongs_to ?? {}), ...referenced]);
  const personal = new Set([...Object.entries(spec.fields ?? {}).filter(([, c]) => !c.startsWith("event.")).map(([col]) => col), ...Object.values(spec.identity ?? {}).filter((c): c is string => Boolean(c))]);
  const out: Record<string, AnonymiseStrategy> = {};
  const info: Record<string, ColumnInfo> = {};
  for (const name of personal) {
    if (keys.has(name)) continue;
    const column = columns.get(name);
    if (!column) return { unfit: `column ${name} does not exist` };
    const strategy: AnonymiseStrategy = column.nullable ? "null" : "format_preserving";
    const why = anonymiser(strategy).unfit(column);
    if (why) return { unfit: why };
    out[name] = strategy;
    info[name] = column;
  }
  if (Object.keys(out).length === 0) return { unfit: "the table declares no personal-data column that anonymising could change" };
  return { columns: out, info };
}

type TableSpecLike = { fields?: Record<string, string>; identity?: Record<string, string | undefined>; belongs_to?: Record<string, string> };

/**
 * Connects to each system once (one read transaction) and turns the rules into statements'
 * ingredients: column types for the cutoff bounds, the anonymisation
 * strategies, the references. A table whose columns or indexes are missing, or whose system
 * cannot be reached, is reported as not enforceable with the reason.
 */
export async function prepare(systems: Systems, rules: RetentionRules, today: string, timeZone: string): Promise<Prepared> {
  const notEnforceable = [...rules.notEnforceable];
  const notes: Prepared["notes"] = [];
  const tables = new Map<string, PreparedTable>();
  const bySystem = new Map<string, TableRule[]>();
  for (const r of rules.rules) bySystem.set(r.system, [...(bySystem.get(r.system) ?? []), r]);
  const children = childReferences(systems);
  for (const [system, systemRules] of bySystem) {
    let info: Map<string, { columns: Map<string, ColumnInfo>; indexed: Set<string> }>;
    try {
      info = await readCatalog(systems, system, systemRules, children);
    } catch (e) {
      if (!isRegistruError(e)) throw e;
      for (const r of systemRules) notEnforceable.push({ system, table: r.table, activities: [], reason: `system ${system}: ${e.message}` });
      continue;
    }
    for (const rule of systemRules) {
      const spec = systems.spec(system).tables![rule.table]!;
      const key = tableKey(rule);
      const problems = await schemaProblems(systems, rule, children.get(key) ?? [], info);
      if (problems.length > 0) {
        notEnforceable.push({ system, table: rule.table, activities: [], reason: problems.join("; ") });
        continue;
      }
      const columns = info.get(rule.table)!.columns;
      const referenced = [...new Set((children.get(key) ?? []).map((c) => c.parentColumn))];
      const activities = rule.kind === "own" ? rule.activities.map((a) => a.periods.map((p) => preparePeriod(p, rule, info, today, timeZone))) : [];
      const prepared: PreparedTable = {
        rule,
        activities,
        anonymise: anonymisePlan(rule, spec, columns, referenced),
        children: children.get(key) ?? [],
        referenced,
      };
      if (rule.kind === "own" && rule.action === "anonymise" && "unfit" in prepared.anonymise) {
        notEnforceable.push({ system, table: rule.table, activities: rule.activities.map((a) => a.activity), reason: `then: anonymise, but ${prepared.anonymise.unfit}` });
        continue;
      }
      if (rule.kind === "own") notes.push(...rule.notes.map((note) => ({ system, table: rule.table, note })));
      tables.set(key, prepared);
    }
  }
  // An inherited table follows its parent: if the parent cannot be enforced, neither can it.
  for (const [key, t] of tables) {
    if (t.rule.kind === "inherited" && !tables.has(tableKey({ system: t.rule.system, table: t.rule.parent }))) {
      tables.delete(key);
      notEnforceable.push({ system: t.rule.system, table: t.rule.table, activities: [], reason: `inherits from ${t.rule.parent}, which is not enforced` });
    }
  }
  return { tables, order: rules.rules.map(tableKey).filter((k) => tables.has(k)), notEnforceable, notes, timeZone };
}

function preparePeriod(p: Period, rule: TableRule, info: Map<string, { columns: Map<string, ColumnInfo> }>, today: string, timeZone: string): PreparedPeriod {
  const cutoff = cutoffDay(today, p.keep);
  const terms = p.terms.map((t) => {
    const column = info.get(sourceTable(rule.table, t.source))!.columns.get(t.source.column)!;
    return { ...t, bound: boundFor(column.type, cutoff, timeZone) };
  });
  return { ...p, label: describePeriod(p), cutoff, terms };
}

/** Every reference to a table from a table of an SQL system (the same or another). */
function childReferences(systems: Systems): Map<string, ChildReference[]> {
  const out = new Map<string, ChildReference[]>();
  const sql = systems.specs.filter((s) => ["postgres", "mysql", "mariadb", "sqlite"].includes(s.kind));
  for (const system of sql) {
    for (const [child, spec] of Object.entries(system.tables ?? {})) {
      for (const [fk, target] of Object.entries(spec.belongs_to ?? {})) {
        const parts = target.split(".");
        const [parentSystem, parentTable, parentColumn] = parts.length === 3 ? parts : [system.id, ...parts];
        const key = tableKey({ system: parentSystem!, table: parentTable! });
        out.set(key, [...(out.get(key) ?? []), { system: system.id, table: child, fk, parentColumn: parentColumn! }]);
      }
    }
  }
  return out;
}

async function readCatalog(systems: Systems, system: string, rules: TableRule[], children: Map<string, ChildReference[]>) {
  const driver = systems.sql(system);
  const names = new Set(rules.map((r) => r.table));
  for (const r of referencesIn(systems.spec(system))) [r.child, r.parent].forEach((t) => names.add(t));
  for (const list of children.values()) for (const c of list) if (c.system === system) names.add(c.table);
  return inTransaction(driver, "read", async (tx) => {
    const out = new Map<string, { columns: Map<string, ColumnInfo>; indexed: Set<string> }>();
    for (const table of names) {
      const columns = await driver.columns(tx, table);
      if (columns) out.set(table, { columns: new Map(columns.map((c) => [c.name, c])), indexed: await driver.indexedColumns(tx, table) });
    }
    return out;
  });
}

/**
 * Every column a rule reads exists, and every column a correlated lookup goes through leads an
 * index: without one, each batch would scan the other table (the connectors refuse the same).
 */
async function schemaProblems(systems: Systems, rule: TableRule, children: ChildReference[], info: Map<string, { columns: Map<string, ColumnInfo>; indexed: Set<string> }>): Promise<string[]> {
  const needs: Array<{ system: string; table: string; column: string; lookup: boolean }> = [{ system: rule.system, table: rule.table, column: rule.primaryKey, lookup: true }];
  if (rule.kind === "own") for (const a of rule.activities) for (const p of a.periods) for (const t of p.terms) needs.push(...sourceColumns(rule.table, t.source).map((c) => ({ ...c, system: rule.system })));
  if (rule.kind === "inherited") needs.push({ system: rule.system, table: rule.table, column: rule.fk, lookup: true });
  for (const c of children) needs.push({ system: c.system, table: c.table, column: c.fk, lookup: true }, { system: rule.system, table: rule.table, column: c.parentColumn, lookup: false });
  const problems: string[] = [];
  const local = needs.filter((n) => n.system === rule.system);
  for (const n of local) {
    const t = info.get(n.table);
    if (!t) problems.push(`${n.system}.${n.table}: table does not exist`);
    else if (!t.columns.has(n.column)) problems.push(`${n.system}.${n.table}.${n.column}: column does not exist`);
    else if (n.lookup && !t.indexed.has(n.column)) problems.push(`${n.system}.${n.table}.${n.column}: no index leads with this column`);
  }
  // Children in other systems: checked there with the connectors' inspection.
  const remote = new Map<string, TableRequirement[]>();
  for (const n of needs.filter((n) => n.system !== rule.system)) remote.set(n.system, [...(remote.get(n.system) ?? []), { table: n.table, columns: [n.column], lookups: n.lookup ? [n.column] : [] }]);
  for (const [system, requirements] of remote) {
    try {
      problems.push(...(await inspectTables(systems.sql(system), requirements)).map(describeProblem));
    } catch (e) {
      if (!isRegistruError(e)) throw e;
      problems.push(`system ${system}: ${e.message}`);
    }
  }
  return [...new Set(problems)];
}
