import type { FoundTable, RowKey } from "../connectors/index.ts";
import type { Manifest } from "../manifest/index.ts";
import type { SystemPlan } from "./model.ts";
import { processorOnly } from "./scope.ts";

/**
 * Which column a field the subject named means: the column itself, its taxonomy id
 * (`contact.phone`), or the taxonomy's last part (`phone`). Identity columns count as fields.
 */
function columnsFor(field: string, fields: Record<string, string>, identity: Record<string, string | undefined>): string[] {
  const f = field.trim().toLowerCase();
  const declared = { ...Object.fromEntries(Object.entries(identity).filter(([, c]) => c).map(([kind, c]) => [c!, kind])), ...fields };
  return Object.entries(declared)
    .filter(([column, category]) => column.toLowerCase() === f || category.toLowerCase() === f || category.toLowerCase().split(".").at(-1) === f)
    .map(([column]) => column);
}

/**
 * Rectification (Art. 16, ZZPL čl. 29): each named field is written to every found row of every
 * table that declares it. Fields that match no column are returned for staff to do by hand.
 */
export function planRectification(m: Manifest, tables: readonly FoundTable[], fields: Record<string, string>): { systems: SystemPlan[]; unmatched: string[] } {
  const matched = new Set<string>();
  const bySystem = new Map<string, SystemPlan>();
  for (const t of tables) {
    if (t.count === 0 || processorOnly(m, t)) continue;
    const spec = m.systems?.find((s) => s.id === t.system)?.tables?.[t.table];
    const set: Record<string, string> = {};
    for (const [field, value] of Object.entries(fields)) {
      for (const column of columnsFor(field, spec?.fields ?? {}, spec?.identity ?? {})) {
        set[column] = value;
        matched.add(field);
      }
    }
    const plan = bySystem.get(t.system) ?? { system: t.system, effects: [], rows: [] };
    bySystem.set(t.system, plan);
    const changes = Object.keys(set).length > 0;
    if (changes) plan.effects.push({ kind: "update", table: t.table, keys: t.rows.map((r) => r.primaryKey as RowKey), set });
    plan.rows.push({ system: t.system, table: t.table, found: t.count, ...(changes && { rectified: t.count }) });
  }
  return { systems: [...bySystem.values()], unmatched: Object.keys(fields).filter((f) => !matched.has(f)) };
}
