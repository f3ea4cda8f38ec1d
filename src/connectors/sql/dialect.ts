import mysql from "mysql2/promise";
import pg from "pg";
import { quoteSqliteIdentifier } from "./sqlite-quote.ts";

export type Row = Record<string, unknown>;
export interface Query {
  text: string;
  values: unknown[];
}

/** What differs between the SQL databases for the few statements connectors write. */
export interface Dialect {
  kind: "postgres" | "mysql" | "sqlite";
  /** Identifier quoting, always the driver's own function (SQLite has none: see sqlite-quote.ts). */
  quote(identifier: string): string;
  /** Appends a value to the query's values and returns its placeholder. */
  param(values: unknown[], value: unknown): string;
  /** `column` matching any of `keys`, in the form the database answers from an index. */
  inKeys(column: string, keys: readonly unknown[], values: unknown[]): string;
  /** Row locks for read-modify-write inside a transaction. */
  forUpdate: string;
}

export const postgresDialect: Dialect = {
  kind: "postgres",
  quote: (id) => pg.escapeIdentifier(id),
  param: (values, value) => `$${values.push(typeof value === "bigint" ? value.toString() : value)}`,
  // One array parameter: the same prepared shape for any batch size.
  inKeys: (column, keys, values) => `${pg.escapeIdentifier(column)} = any(${postgresDialect.param(values, keys.map(String))})`,
  forUpdate: " for update",
};

export const mysqlDialect: Dialect = {
  kind: "mysql",
  // true = forbid qualified names: a dot inside a hostile name must not split it into schema.table.
  quote: (id) => mysql.escapeId(id, true),
  // Numbers travel as strings: MySQL compares a string column with a number numerically, without its index.
  param: (values, value) => (values.push(typeof value === "number" || typeof value === "bigint" ? String(value) : (value ?? null)), "?"),
  inKeys: (column, keys, values) => `${mysql.escapeId(column, true)} in (${keys.map((k) => mysqlDialect.param(values, k)).join(", ")})`,
  forUpdate: " for update",
};

export const sqliteDialect: Dialect = {
  kind: "sqlite",
  quote: quoteSqliteIdentifier,
  param: (values, value) => (values.push(sqliteValue(value)), "?"),
  inKeys: (column, keys, values) => `${quoteSqliteIdentifier(column)} in (${keys.map((k) => sqliteDialect.param(values, k)).join(", ")})`,
  forUpdate: "",
};

function sqliteValue(value: unknown): unknown {
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  return value ?? null;
}

/** The statement a database administrator runs to make a lookup column usable. */
export function createIndexStatement(dialect: Dialect, table: string, column: string): string {
  const name = dialect.quote(`${table}_${column}_idx`.slice(0, 63));
  return `CREATE INDEX ${name} ON ${dialect.quote(table)} (${dialect.quote(column)});`;
}
