import { RegistruError } from "../errors.ts";
import type { Manifest, vocabulary } from "../manifest/index.ts";

/** A system as the manifest declares it: where a subject's data lives. */
export type SystemSpec = NonNullable<Manifest["systems"]>[number];
export type SystemKind = SystemSpec["kind"];
export type TableSpec = NonNullable<SystemSpec["tables"]>[string];
export type IdentityKind = (typeof vocabulary.identityKinds)[number];

export const SQL_KINDS = ["postgres", "mysql", "mariadb", "sqlite"] as const;
export type SqlKind = (typeof SQL_KINDS)[number];
export const isSqlKind = (kind: SystemKind): kind is SqlKind => (SQL_KINDS as readonly string[]).includes(kind);

export const primaryKeyOf = (table: TableSpec) => table.primary_key ?? "id";

export function findSystem(specs: readonly SystemSpec[], systemId: string): SystemSpec {
  const spec = specs.find((s) => s.id === systemId);
  if (!spec) throw new RegistruError("connector_unknown_system", `no system "${systemId}" is declared under systems`, 404);
  return spec;
}

export function findTable(spec: SystemSpec, table: string): TableSpec {
  const found = Object.hasOwn(spec.tables ?? {}, table) ? spec.tables![table] : undefined;
  if (!found) throw new RegistruError("connector_unknown_table", `system "${spec.id}" declares no table "${table}"`, 404);
  return found;
}

/** Columns an effect may write: what the manifest declares as personal data or identity of the table. */
export function declaredColumns(table: TableSpec): Set<string> {
  return new Set([...Object.keys(table.fields ?? {}), ...Object.values(table.identity ?? {})]);
}
