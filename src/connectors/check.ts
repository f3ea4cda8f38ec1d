import { isRegistruError } from "../errors.ts";
import type { Systems } from "./connect.ts";
import { buildReferenceGraph, tableKey } from "./graph.ts";
import { callHttpSystem } from "./http.ts";
import { inspectTables, type SchemaProblem, type TableRequirement } from "./sql/inspect.ts";
import { isSqlKind, primaryKeyOf, type SystemKind, type SystemSpec } from "./systems.ts";

export interface SystemCheck {
  system: string;
  kind: SystemKind;
  /** not_configured: a variable or secret is missing; manual: nothing to connect to. */
  status: "ok" | "problems" | "unreachable" | "not_configured" | "manual";
  /** Why, for unreachable and not_configured (safe to print: no values, no secrets). */
  message?: string;
  problems: SchemaProblem[];
}

/**
 * Connects to each system and compares it with the manifest: every declared table and column
 * exists, every lookup column (primary key, identity columns, `belongs_to` columns, the client
 * column) leads an index.
 * HTTP systems answer a signed ping; manual systems have nothing to check.
 */
export async function checkSystems(systems: Systems): Promise<SystemCheck[]> {
  const referenced = referencedColumns(systems.specs);
  const out: SystemCheck[] = [];
  for (const spec of systems.specs) {
    const base = { system: spec.id, kind: spec.kind, problems: [] as SchemaProblem[] };
    if (spec.kind === "manual") {
      out.push({ ...base, status: "manual" });
      continue;
    }
    try {
      if (spec.kind === "http") await callHttpSystem(systems.http(spec.id), "ping", {}, { clock: systems.clock, timeoutMs: 10_000 });
      else base.problems = await inspectTables(systems.sql(spec.id), requirements(spec, referenced));
      out.push({ ...base, status: base.problems.length > 0 ? "problems" : "ok" });
    } catch (e) {
      if (!isRegistruError(e)) throw e;
      const configuration = ["connector_env_missing", "connector_url_missing", "connector_url_invalid", "connector_secret_missing", "connector_insecure_url"];
      out.push({ ...base, status: configuration.includes(e.code) ? "not_configured" : "unreachable", message: e.message });
    }
  }
  return out;
}

function requirements(spec: SystemSpec, referenced: Map<string, Set<string>>): TableRequirement[] {
  if (!isSqlKind(spec.kind)) return [];
  return Object.entries(spec.tables ?? {}).map(([table, t]) => {
    const lookups = [primaryKeyOf(t), ...Object.values(t.identity ?? {}), ...Object.keys(t.belongs_to ?? {}), ...(t.client_column ? [t.client_column] : [])];
    const columns = [...lookups, ...Object.keys(t.fields ?? {}), ...(referenced.get(tableKey({ system: spec.id, table })) ?? [])];
    return { table, columns, lookups };
  });
}

/** Columns other tables point at with `belongs_to`: they are read, so they must exist. */
function referencedColumns(specs: readonly SystemSpec[]) {
  const out = new Map<string, Set<string>>();
  for (const refs of buildReferenceGraph(specs).referencedBy.values()) {
    for (const { parent } of refs) out.set(tableKey(parent), (out.get(tableKey(parent)) ?? new Set()).add(parent.column));
  }
  return out;
}
