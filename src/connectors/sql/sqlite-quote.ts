import { RegistruError } from "../../errors.ts";

/**
 * SQLite identifier quoting. sql.js, like SQLite's C API, has no function for it (only
 * values can be bound), so this is the one place Registru quotes an identifier itself:
 * wrap in double quotes and double every double quote inside (SQLite's documented rule).
 * NUL cannot be part of an SQLite identifier; refusing it keeps the statement whole.
 */
export function quoteSqliteIdentifier(identifier: string): string {
  if (identifier.length === 0 || identifier.includes("\0")) {
    throw new RegistruError("connector_identifier_invalid", "an SQLite identifier must be non-empty and contain no NUL character", 400);
  }
  return `"${identifier.replaceAll('"', '""')}"`;
}
