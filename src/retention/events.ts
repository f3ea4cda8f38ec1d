import type { SystemSpec } from "../connectors/index.ts";

/**
 * Where a table finds the date of an event (`event.<id>` fields of the manifest), one
 * `belongs_to` hop at most, in this order: its own column; its parent's column; the rows that
 * reference it (its children); its siblings (the parent's other children). Only inside one
 * system: a condition is one SQL statement.
 */
export type EventSource =
  | { via: "own"; column: string }
  /** The parent row's column: `parent.parentColumn = t.fk`. */
  | { via: "parent"; fk: string; parent: string; parentColumn: string; column: string }
  /** Every child row's column (`child.childFk = t.refColumn`): happened once all children's have. */
  | { via: "children"; child: string; childFk: string; refColumn: string; column: string }
  /** Every sibling row's column (`sibling.siblingFk = t.fk`), the same reading as children. */
  | { via: "siblings"; fk: string; sibling: string; siblingFk: string; column: string };

export interface EventTerm {
  event: string;
  source: EventSource;
}

type Tables = NonNullable<SystemSpec["tables"]>;

/** `latest(a, b)` → { combine: "latest", events: [a, b] }; a single id → latest of one. */
export function parseTrigger(after: string): { combine: "latest" | "earliest"; events: string[] } {
  const m = /^(latest|earliest)\((.*)\)$/.exec(after.trim());
  if (!m) return { combine: "latest", events: [after.trim()] };
  return { combine: m[1] as "latest" | "earliest", events: m[2]!.split(",").map((e) => e.trim()) };
}

const eventColumn = (tables: Tables, table: string, event: string) =>
  Object.entries(tables[table]?.fields ?? {}).find(([, category]) => category === `event.${event}`)?.[0];

/** A `belongs_to` target in the same system: `table.column` (a `system.table.column` of this system counts too). */
export function sameSystemTarget(systemId: string, target: string): { table: string; column: string } | undefined {
  const parts = target.split(".");
  if (parts.length === 3 && parts[0] !== systemId) return undefined;
  const [table, column] = parts.slice(-2);
  return { table: table!, column: column! };
}

export interface Reference {
  child: string;
  fk: string;
  parent: string;
  parentColumn: string;
}

/** Every `belongs_to` between two tables of one system. */
export function referencesIn(system: SystemSpec): Reference[] {
  const out: Reference[] = [];
  for (const [child, spec] of Object.entries(system.tables ?? {})) {
    for (const [fk, target] of Object.entries(spec.belongs_to ?? {})) {
      const parent = sameSystemTarget(system.id, target);
      if (parent && system.tables?.[parent.table]) out.push({ child, fk, parent: parent.table, parentColumn: parent.column });
    }
  }
  return out;
}

export function findEventSource(system: SystemSpec, table: string, event: string): EventSource | undefined {
  const tables = system.tables ?? {};
  const own = eventColumn(tables, table, event);
  if (own) return { via: "own", column: own };
  const refs = referencesIn(system);
  const parents = refs.filter((r) => r.child === table && r.parent !== table);
  for (const p of parents) {
    const column = eventColumn(tables, p.parent, event);
    if (column) return { via: "parent", fk: p.fk, parent: p.parent, parentColumn: p.parentColumn, column };
  }
  for (const c of refs.filter((r) => r.parent === table && r.child !== table)) {
    const column = eventColumn(tables, c.child, event);
    if (column) return { via: "children", child: c.child, childFk: c.fk, refColumn: c.parentColumn, column };
  }
  for (const p of parents) {
    for (const s of refs.filter((r) => r.parent === p.parent && r.parentColumn === p.parentColumn && r.child !== table && r.child !== p.parent)) {
      const column = eventColumn(tables, s.child, event);
      if (column) return { via: "siblings", fk: p.fk, sibling: s.child, siblingFk: s.fk, column };
    }
  }
  return undefined;
}

/** The tables and columns a source reads, for the schema check. */
export function sourceColumns(table: string, source: EventSource): Array<{ table: string; column: string; lookup: boolean }> {
  switch (source.via) {
    case "own":
      return [{ table, column: source.column, lookup: false }];
    case "parent":
      return [{ table, column: source.fk, lookup: false }, { table: source.parent, column: source.parentColumn, lookup: true }, { table: source.parent, column: source.column, lookup: false }];
    case "children":
      return [{ table, column: source.refColumn, lookup: false }, { table: source.child, column: source.childFk, lookup: true }, { table: source.child, column: source.column, lookup: false }];
    case "siblings":
      return [{ table, column: source.fk, lookup: false }, { table: source.sibling, column: source.siblingFk, lookup: true }, { table: source.sibling, column: source.column, lookup: false }];
  }
}

/** The table whose column holds the event date (for its type). */
export const sourceTable = (table: string, s: EventSource) => (s.via === "own" ? table : s.via === "parent" ? s.parent : s.via === "children" ? s.child : s.sibling);
