import type { IdentityKind, SystemSpec } from "./systems.ts";

/** Where a person must look: a column and the values that identify the subject there. */
export interface ManualLookup {
  column: string;
  /** An identity kind, or the `system.table.column` the values were read from. */
  by: IdentityKind | string;
  values: string[];
}

/**
 * Work for a person, for systems Registru cannot reach (paper archives, systems without an API):
 * which tables (registers, binders) of which system to search and with what. It carries the
 * subject's identifiers, so it goes to the assignee, never into a log.
 */
export interface ManualTask {
  system: string;
  owner?: string;
  tables: Array<{ table: string; lookups: ManualLookup[]; fields: Array<{ column: string; category: string }> }>;
}

export function manualTask(spec: SystemSpec, lookups: ReadonlyArray<{ table: string } & ManualLookup>): ManualTask | undefined {
  const tables: ManualTask["tables"] = [];
  for (const [table, t] of Object.entries(spec.tables ?? {})) {
    const mine = lookups.filter((l) => l.table === table && l.values.length > 0).map(({ column, by, values }) => ({ column, by, values }));
    if (mine.length === 0) continue;
    tables.push({ table, lookups: mine, fields: Object.entries(t.fields ?? {}).map(([column, category]) => ({ column, category })) });
  }
  if (tables.length === 0) return undefined;
  return { system: spec.id, ...(spec.owner ? { owner: spec.owner } : {}), tables };
}

/** The task as plain instructions for the person it is assigned to. */
export function describeManualTask(task: ManualTask): string {
  const lines = [`System "${task.system}"${task.owner ? ` (owner: ${task.owner})` : ""}:`];
  for (const t of task.tables) {
    const where = t.lookups.map((l) => `"${l.column}" is one of ${l.values.join(", ")} (${l.by})`).join(", or ");
    const what = t.fields.map((f) => `${f.column} (${f.category})`).join(", ");
    lines.push(`- in "${t.table}", find every record where ${where}${what ? `; it holds: ${what}` : ""}`);
  }
  return lines.join("\n");
}
