import type { Dialect, Query } from "./dialect.ts";

/** At most this many keys per statement: bounded statements, bounded memory, many batches for big subjects. */
export const BATCH_SIZE = 1000;

export function* batches<T>(items: readonly T[], size = BATCH_SIZE): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

export function selectByKeys(d: Dialect, table: string, columns: readonly string[], key: string, keys: readonly unknown[], opts: { forUpdate?: boolean } = {}): Query {
  const values: unknown[] = [];
  const where = d.inKeys(key, keys, values);
  const lock = opts.forUpdate ? d.forUpdate : "";
  return { text: `select ${columns.map(d.quote).join(", ")} from ${d.quote(table)} where ${where}${lock}`, values };
}

export function updateByKeys(d: Dialect, table: string, set: Readonly<Record<string, unknown>>, key: string, keys: readonly unknown[]): Query {
  const values: unknown[] = [];
  const assignments = Object.entries(set).map(([column, value]) => `${d.quote(column)} = ${d.param(values, value)}`);
  return { text: `update ${d.quote(table)} set ${assignments.join(", ")} where ${d.inKeys(key, keys, values)}`, values };
}

export function deleteByKeys(d: Dialect, table: string, key: string, keys: readonly unknown[]): Query {
  const values: unknown[] = [];
  return { text: `delete from ${d.quote(table)} where ${d.inKeys(key, keys, values)}`, values };
}
