import { RegistruError } from "../../errors.ts";
import type { Dialect, Query, Row } from "./dialect.ts";

export interface ColumnInfo {
  name: string;
  /** The database's own type name, lower-case (text, character varying, varchar, integer, ...). */
  type: string;
  /** Characters a text column holds at most, when the database enforces it. */
  maxLength?: number;
  nullable: boolean;
}

/** One transaction on one system: a consistent snapshot for reading, all-or-nothing for writing. */
export interface SqlTransaction {
  rows(query: Query): Promise<Row[]>;
  /** Runs a statement and returns how many rows it matched. */
  run(query: Query): Promise<number>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

export interface SqlDriver {
  readonly system: string;
  readonly dialect: Dialect;
  begin(mode: "read" | "write"): Promise<SqlTransaction>;
  /** The table's columns, or null when it does not exist. */
  columns(tx: SqlTransaction, table: string): Promise<ColumnInfo[] | null>;
  /** Columns that lead an index (or are the row id): an equality lookup on them is an index scan. */
  indexedColumns(tx: SqlTransaction, table: string): Promise<Set<string>>;
  close(): Promise<void>;
}

export async function inTransaction<T>(driver: SqlDriver, mode: "read" | "write", fn: (tx: SqlTransaction) => Promise<T>): Promise<T> {
  const tx = await driver.begin(mode);
  let result: T;
  try {
    result = await fn(tx);
  } catch (e) {
    await tx.rollback().catch(() => undefined);
    throw e;
  }
  await tx.commit();
  return result;
}

/** The driver's error code only: database messages can quote the values of a row. */
const codeOf = (e: unknown) => {
  const code = (e as { code?: unknown })?.code;
  return typeof code === "string" || typeof code === "number" ? String(code) : "unknown";
};

export const unreachable = (system: string, e: unknown) =>
  e instanceof RegistruError ? e : new RegistruError("connector_unreachable", `system "${system}" cannot be reached (${codeOf(e)})`, 502);

export const queryFailed = (system: string, e: unknown) =>
  e instanceof RegistruError ? e : new RegistruError("connector_query_failed", `system "${system}": a statement failed (${codeOf(e)})`, 502);
