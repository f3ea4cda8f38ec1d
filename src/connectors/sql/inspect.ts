import { createIndexStatement } from "./dialect.ts";
import { inTransaction, type SqlDriver } from "./driver.ts";

export interface TableRequirement {
  table: string;
  /** Columns that must exist. */
  columns: readonly string[];
  /** Columns looked up by key: they must lead an index or be the row id. */
  lookups: readonly string[];
}

export type SchemaProblem =
  | { system: string; table: string; problem: "missing_table" }
  | { system: string; table: string; column: string; problem: "missing_column" }
  | { system: string; table: string; column: string; problem: "missing_index"; statement: string };

/** Compares what the manifest needs with the database's catalog; one read transaction, two catalog queries per table. */
export async function inspectTables(driver: SqlDriver, requirements: readonly TableRequirement[]): Promise<SchemaProblem[]> {
  const system = driver.system;
  return inTransaction(driver, "read", async (tx) => {
    const problems: SchemaProblem[] = [];
    for (const { table, columns, lookups } of requirements) {
      const existing = await driver.columns(tx, table);
      if (!existing) {
        problems.push({ system, table, problem: "missing_table" });
        continue;
      }
      const names = new Set(existing.map((c) => c.name));
      const missing = [...new Set([...columns, ...lookups])].filter((c) => !names.has(c));
      problems.push(...missing.map((column) => ({ system, table, column, problem: "missing_column" as const })));
      const indexed = await driver.indexedColumns(tx, table);
      for (const column of new Set(lookups)) {
        if (names.has(column) && !indexed.has(column)) {
          problems.push({ system, table, column, problem: "missing_index", statement: createIndexStatement(driver.dialect, table, column) });
        }
      }
    }
    return problems;
  });
}

export const describeProblem = (p: SchemaProblem) =>
  p.problem === "missing_table" ? `${p.system}.${p.table}: table does not exist` : p.problem === "missing_column" ? `${p.system}.${p.table}.${p.column}: column does not exist` : `${p.system}.${p.table}.${p.column}: no index leads with this column`;
