import { BATCH_SIZE, inTransaction, keyString, type ColumnInfo, type FoundTable, type Row, type Systems } from "../connectors/index.ts";

/** A found table's rows with the columns the plan needs besides its declared fields: references and event dates. */
export interface TableRows {
  system: string;
  table: string;
  primaryKey: string;
  /** keyString(primary key) → the row's selected columns. */
  rows: Map<string, Row>;
  /** Column name → what the database says about it (for anonymisation strategies). */
  columns: Map<string, ColumnInfo>;
}

/**
 * Reads, by primary key (an index lookup, in batches), the columns a found table's plan needs
 * that `findSubject` does not return: `belongs_to` columns, columns other tables point at, and
 * the dates retention counts from. One read transaction per system.
 */
export async function readFoundRows(systems: Systems, found: readonly FoundTable[], columnsOf: (t: FoundTable) => string[]): Promise<Map<string, TableRows>> {
  const out = new Map<string, TableRows>();
  const bySystem = new Map<string, FoundTable[]>();
  for (const t of found) if (t.count > 0) bySystem.set(t.system, [...(bySystem.get(t.system) ?? []), t]);
  for (const [system, tables] of bySystem) {
    const driver = systems.sql(system);
    const d = driver.dialect;
    await inTransaction(driver, "read", async (tx) => {
      for (const t of tables) {
        const columns = new Map(((await driver.columns(tx, t.table)) ?? []).map((c) => [c.name, c]));
        const wanted = [...new Set([t.primaryKey, ...columnsOf(t)])].filter((c) => columns.has(c));
        const rows = new Map<string, Row>();
        const keys = t.rows.map((r) => r.primaryKey);
        for (let i = 0; i < keys.length; i += BATCH_SIZE) {
          const values: unknown[] = [];
          const text = `select ${wanted.map(d.quote).join(", ")} from ${d.quote(t.table)} where ${d.inKeys(t.primaryKey, keys.slice(i, i + BATCH_SIZE), values)}`;
          for (const row of await tx.rows({ text, values })) rows.set(keyString(row[t.primaryKey]), row);
        }
        out.set(`${t.system}.${t.table}`, { system: t.system, table: t.table, primaryKey: t.primaryKey, rows, columns });
      }
    });
  }
  return out;
}
