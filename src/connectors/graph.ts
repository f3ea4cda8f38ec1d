import { RegistruError } from "../errors.ts";
import { primaryKeyOf, type IdentityKind, type SystemKind, type SystemSpec } from "./systems.ts";

export interface TableRef {
  system: string;
  table: string;
}
export interface ColumnRef extends TableRef {
  column: string;
}

export interface TableNode extends TableRef {
  kind: SystemKind;
  primaryKey: string;
  identity: Partial<Record<IdentityKind, string>>;
  /** Column → taxonomy id. */
  fields: Record<string, string>;
  /** Position in the manifest, so plans come out in the order people wrote the tables. */
  order: number;
}

/** `child.column` holds values of `parent.column`: the child row belongs to the parent row's subject. */
export interface Reference {
  child: ColumnRef;
  parent: ColumnRef;
}

export interface ReferenceGraph {
  nodes: Map<string, TableNode>;
  /** Parent table key → the references pointing at it. */
  referencedBy: Map<string, Reference[]>;
}

export const tableKey = (ref: TableRef) => `${ref.system}.${ref.table}`;

/**
 * The tables of every system and the `belongs_to` references between them, built once per
 * manifest. References are resolved here but not validated: the manifest loader
 * (`checkReferences`) already refused unknown systems and tables.
 */
export function buildReferenceGraph(systems: readonly SystemSpec[]): ReferenceGraph {
  const nodes = new Map<string, TableNode>();
  for (const system of systems) {
    for (const [table, spec] of Object.entries(system.tables ?? {})) {
      nodes.set(tableKey({ system: system.id, table }), {
        system: system.id,
        table,
        kind: system.kind,
        primaryKey: primaryKeyOf(spec),
        identity: spec.identity ?? {},
        fields: spec.fields ?? {},
        order: nodes.size,
      });
    }
  }
  const referencedBy = new Map<string, Reference[]>();
  for (const system of systems) {
    for (const [table, spec] of Object.entries(system.tables ?? {})) {
      for (const [column, target] of Object.entries(spec.belongs_to ?? {})) {
        const parent = parseTarget(system.id, target);
        const key = tableKey(parent);
        if (!nodes.has(key)) throw new RegistruError("manifest_invalid", `"${target}" names no declared table; load the manifest through the loader`, 500);
        referencedBy.set(key, [...(referencedBy.get(key) ?? []), { child: { system: system.id, table, column }, parent }]);
      }
    }
  }
  return { nodes, referencedBy };
}

/** `table.column` is in the same system; `system.table.column` in another. */
function parseTarget(systemId: string, target: string): ColumnRef {
  const parts = target.split(".");
  const [system, table, column] = parts.length === 3 ? parts : [systemId, ...parts];
  return { system: system!, table: table!, column: column! };
}
