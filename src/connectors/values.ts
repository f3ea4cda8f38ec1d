export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A value as a plain JSON value: timestamps as ISO strings, 64-bit integers as strings, bytes as base64. */
export function jsonValue(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  if (Array.isArray(value)) return value.map(jsonValue);
  if (typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonValue(v)]));
  return value as JsonValue;
}

/**
 * One spelling per key value, so `7` from MariaDB and `"7"` from PostgreSQL's bigint are the
 * same key when a reference crosses databases.
 */
export function keyString(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString("hex");
  return String(value);
}
