import { tableKey, type Dialect, type Query } from "../connectors/index.ts";
import type { PreparedPeriod, PreparedTable, PreparedTerm } from "./prepare.ts";

/** Held rows per `system.table`, by `keyString` of the primary key. */
export type HeldKeys = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * Builds one statement's SQL for one system, strictly in the order the text reads (MySQL and
 * SQLite number their `?` parameters by position). Every identifier goes through the driver's
 * quoting, every value is a parameter, and every condition is NULL-free (a NULL event is "not
 * yet happened", never an unknown that `not (...)` would turn into "expired").
 */
export class StatementBuilder {
  readonly values: unknown[] = [];
  private aliases = 0;

  constructor(
    readonly d: Dialect,
    readonly system: string,
    private readonly tables: ReadonlyMap<string, PreparedTable>,
    private readonly held: HeldKeys,
  ) {}

  alias = () => `r${++this.aliases}`;
  param = (value: unknown) => this.d.param(this.values, value);
  col = (alias: string, column: string) => `${alias}.${this.d.quote(column)}`;
  from = (table: string, alias: string) => `${this.d.quote(table)} ${alias}`;

  /** `expression IN (keys)`, in the form each database answers from an index (PostgreSQL: one array parameter). */
  inList(expression: string, keys: readonly unknown[]): string {
    if (keys.length === 0) return "1=0";
    if (this.d.kind === "postgres") return `${expression} = any(${this.param(keys.map(String))})`;
    return `${expression} in (${keys.map((k) => this.param(k)).join(", ")})`;
  }

  table(key: string): PreparedTable | undefined {
    return this.tables.get(key);
  }

  /** The row has expired: for every activity, one of its periods has run out. */
  expired(t: PreparedTable, alias: string): string {
    return `(${t.activities.map((periods) => `(${periods.map((p) => this.period(t, p, alias)).join(" or ")})`).join(" and ")})`;
  }

  period(t: PreparedTable, p: PreparedPeriod, alias: string): string {
    const dated = (term: PreparedTerm) => this.term(term, alias);
    const guard = (term: PreparedTerm) => this.present(term, alias);
    const viaRows = (term: PreparedTerm) => term.source.via === "children" || term.source.via === "siblings";
    if (p.combine === "earliest") return `(${p.terms.map((term) => (viaRows(term) ? `(${guard(term)} and ${dated(term)})` : dated(term))).join(" or ")})`;
    // latest: every event has happened by the cutoff; events read from other rows must have at least one row somewhere.
    const parts = p.terms.map(dated);
    if (p.terms.every(viaRows)) parts.push(`(${p.terms.map(guard).join(" or ")})`);
    return `(${parts.join(" and ")})`;
  }

  /** The event happened on or before the cutoff day. */
  private term(term: PreparedTerm, a: string): string {
    const s = term.source;
    const bound = this.param(term.bound);
    const x = this.alias();
    switch (s.via) {
      case "own":
        return `(${this.col(a, s.column)} is not null and ${this.col(a, s.column)} < ${bound})`;
      case "parent":
        return `exists (select 1 from ${this.from(s.parent, x)} where ${this.col(x, s.parentColumn)} = ${this.col(a, s.fk)} and ${this.col(x, s.column)} is not null and ${this.col(x, s.column)} < ${bound})`;
      case "children":
        return `not exists (select 1 from ${this.from(s.child, x)} where ${this.col(x, s.childFk)} = ${this.col(a, s.refColumn)} and (${this.col(x, s.column)} is null or ${this.col(x, s.column)} >= ${bound}))`;
      case "siblings":
        return `not exists (select 1 from ${this.from(s.sibling, x)} where ${this.col(x, s.siblingFk)} = ${this.col(a, s.fk)} and (${this.col(x, s.column)} is null or ${this.col(x, s.column)} >= ${bound}))`;
    }
  }

  /** At least one row records the event (children and siblings only). */
  private present(term: PreparedTerm, a: string): string {
    const s = term.source;
    const x = this.alias();
    if (s.via === "children") return `exists (select 1 from ${this.from(s.child, x)} where ${this.col(x, s.childFk)} = ${this.col(a, s.refColumn)})`;
    if (s.via === "siblings") return `exists (select 1 from ${this.from(s.sibling, x)} where ${this.col(x, s.siblingFk)} = ${this.col(a, s.fk)})`;
    return "1=1";
  }

  heldCondition(t: PreparedTable, alias: string): string {
    const keys = [...(this.held.get(tableKey(t.rule)) ?? [])];
    return this.inList(this.col(alias, t.rule.primaryKey), keys);
  }

  /**
   * The row will still be there after the run: its table is not enforced, its rule has not run
   * out, it is held, its rule anonymises, or rows that stay reference it. Evaluated the same way
   * before and after the run's earlier tables, so `plan` and `run` agree.
   */
  remains(key: string, alias: string, visiting: ReadonlySet<string> = new Set()): string {
    const t = this.tables.get(key);
    if (!t || visiting.has(key)) return "1=1";
    if (t.rule.kind === "own" && t.rule.action === "anonymise") return "1=1";
    const next = new Set([...visiting, key]);
    // Built in the order the text reads: MySQL and SQLite number their `?`s by position.
    const expired = t.rule.kind === "own" ? `not ${this.expired(t, alias)} or ` : "";
    const held = this.heldCondition(t, alias);
    return `(${expired}${held} or ${this.referenced(t, alias, next)})`;
  }

  /** Rows that stay reference this row (children in other systems: assumed to, they cannot be joined). */
  referenced(t: PreparedTable, alias: string, visiting: ReadonlySet<string>): string {
    if (t.children.length === 0) return "1=0";
    return `(${t.children
      .map((c) => {
        if (c.system !== this.system) return "1=1";
        const x = this.alias();
        return `exists (select 1 from ${this.from(c.table, x)} where ${this.col(x, c.fk)} = ${this.col(alias, c.parentColumn)} and ${this.remains(tableKey(c), x, visiting)})`;
      })
      .join(" or ")})`;
  }
}

export type Cursor = unknown[] | null;

/**
 * The next expired rows after the cursor, in primary-key order: keys, the columns later steps
 * need, and which period applies. One pass over the table per run, in the order it is usually
 * stored, whatever share of it has expired (an event index would read a large share at random).
 */
export function batchQuery(b: StatementBuilder, t: PreparedTable, cursor: Cursor, limit: number, extra: readonly string[]): Query {
  const a = b.alias();
  const pk = t.rule.primaryKey;
  const select = [...new Set([pk, ...extra])].map((c) => b.col(a, c));
  const periods = t.activities[0] ?? [];
  if (periods.length > 1) select.push(`case ${periods.map((p, i) => `when ${b.period(t, p, a)} then ${i}`).join(" ")} else 0 end as ${b.d.quote(REASON)}`);
  const where = cursor ? [`${b.col(a, pk)} > ${b.param(cursor[0])}`] : [];
  where.push(b.expired(t, a));
  return { text: `select ${select.join(", ")} from ${b.from(t.rule.table, a)} where ${where.join(" and ")} order by ${b.col(a, pk)} limit ${Math.trunc(limit)}`, values: b.values };
}

export const REASON = "registru_reason";
export const VALUE = "registru_value";

export function countQuery(b: StatementBuilder, t: PreparedTable): Query {
  const a = b.alias();
  return { text: `select count(*) as ${b.d.quote(VALUE)} from ${b.from(t.rule.table, a)} where ${b.expired(t, a)}`, values: b.values };
}

/** Which of these parent values rows of `child` that stay still point at. */
export function referencedValuesQuery(b: StatementBuilder, childKey: string, child: { table: string; fk: string }, parentValues: readonly unknown[]): Query {
  const x = b.alias();
  const keys = b.inList(b.col(x, child.fk), parentValues);
  return { text: `select distinct ${b.col(x, child.fk)} as ${b.d.quote(VALUE)} from ${b.from(child.table, x)} where ${keys} and ${b.remains(childKey, x)}`, values: b.values };
}

/** Rows of an inherited table under these parent values that go with them (not held, not kept by rows that stay). */
export function inheritedRowsQuery(b: StatementBuilder, t: PreparedTable, parentValues: readonly unknown[], mode: "delete" | "anonymise", extra: readonly string[]): Query {
  if (t.rule.kind !== "inherited") throw new Error("not an inherited table");
  const x = b.alias();
  const columns = [...new Set([t.rule.primaryKey, ...extra])].map((c) => b.col(x, c));
  const keys = b.inList(b.col(x, t.rule.fk), parentValues);
  const keep = mode === "delete" ? `(${b.heldCondition(t, x)} or ${b.referenced(t, x, new Set([tableKey(t.rule)]))})` : b.heldCondition(t, x);
  return {
    text: `select ${columns.join(", ")} from ${b.from(t.rule.table, x)} where ${keys} and not ${keep}`,
    values: b.values,
  };
}
