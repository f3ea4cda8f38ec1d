import { z } from "zod";
import { RegistruError } from "../errors.ts";
import type { FoundTable } from "./find.ts";
import type { FindPlan } from "./plan.ts";
import type { SystemSpec } from "./systems.ts";
import { jsonValue } from "./values.ts";

/** The protocol's find answer: rows per declared table (column → value). */
const findAnswer = z.object({ tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))) });

/** An HTTP system's rows, shaped like an SQL system's: primary key and declared fields only. */
export function remoteTables(spec: SystemSpec, plan: FindPlan, result: unknown): FoundTable[] {
  const parsed = findAnswer.safeParse(result);
  if (!parsed.success) throw new RegistruError("connector_http_failed", `system "${spec.id}": find answer does not follow the protocol`, 502);
  return plan.tables
    .filter((t) => t.system === spec.id)
    .map((t) => {
      const rows = Object.hasOwn(parsed.data.tables, t.table) ? parsed.data.tables[t.table]! : [];
      return {
        system: t.system,
        kind: t.kind,
        table: t.table,
        primaryKey: t.primaryKey,
        fields: t.fields,
        rows: rows.map((r) => ({ primaryKey: jsonValue(r[t.primaryKey]), fields: Object.fromEntries(Object.keys(t.fields).map((c) => [c, jsonValue(r[c])])) })),
        count: rows.length,
      };
    });
}
