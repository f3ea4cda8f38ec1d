import { RegistruError } from "../errors.ts";
import type { Systems } from "./connect.ts";
import { tableKey } from "./graph.ts";
import type { FindPlan } from "./plan.ts";
import { describeProblem, inspectTables, type SchemaProblem } from "./sql/inspect.ts";
import { isSqlKind } from "./systems.ts";

/**
 * Before the first lookup: every table and column the plan reads exists, and every lookup
 * column leads an index (or is the row id). A lookup without an index is a whole-table scan of
 * the organisation's database, so it is refused, naming the column and the index to create.
 */
export async function checkPlanSchema(systems: Systems, plan: FindPlan): Promise<void> {
  const problems: SchemaProblem[] = [];
  for (const system of [...new Set(plan.tables.filter((t) => isSqlKind(t.kind)).map((t) => t.system))]) {
    const requirements = plan.tables
      .filter((t) => t.system === system)
      .map((t) => ({ table: t.table, columns: t.select, lookups: plan.steps.filter((s) => tableKey(s) === tableKey(t)).map((s) => s.key) }));
    problems.push(...(await inspectTables(systems.sql(system), requirements)));
  }
  const mismatch = problems.filter((p) => p.problem !== "missing_index");
  if (mismatch.length > 0) {
    throw new RegistruError("connector_schema_mismatch", `the manifest names what the database lacks: ${mismatch.map(describeProblem).join("; ")}`, 422, { problems: mismatch });
  }
  if (problems.length > 0) {
    const columns = problems.map((p) => `${p.system}.${p.table}.${"column" in p ? p.column : ""}`);
    throw new RegistruError("connector_missing_index", `lookup column(s) without an index, refusing a whole-table scan: ${columns.join(", ")}`, 422, { problems });
  }
}
