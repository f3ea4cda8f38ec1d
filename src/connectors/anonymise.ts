import { createHmac } from "node:crypto";
import { RegistruError } from "../errors.ts";
import { formatPreserving, formatPreservingNumeric, keyedBytes, NUMERIC_TEXT } from "./format-preserving.ts";
import type { ColumnInfo } from "./sql/driver.ts";
import { keyString } from "./values.ts";

/** How a column is anonymised: emptied, replaced by a keyed hash, by a look-alike, or by a placeholder. */
export type AnonymiseStrategy = "null" | "hash" | "format_preserving" | { fixed: string };

export interface AnonymiseScope {
  /** The organisation's anonymisation key. */
  secret: string | Buffer;
  /** `system \0 table \0 column \0 primary key`: the value derives from the row, never from the old value. */
  scope: string;
  column: ColumnInfo;
}

export interface Anonymiser {
  /** Needs each row's key and current value; otherwise one UPDATE sets every row. */
  perRow: boolean;
  /** Why the column cannot take this strategy, checked before anything is written. */
  unfit(column: ColumnInfo): string | undefined;
  value(current: unknown, scope: AnonymiseScope): unknown;
}

const isText = (c: ColumnInfo) => c.type === "" || /char|text|clob|string/.test(c.type);
const isNumeric = (c: ColumnInfo) => /int|numeric|decimal|real|double|float|number/.test(c.type);
const unfit = (why: string) => new RegistruError("connector_strategy_unfit", why, 422);

/**
 * The strategies, a registry rather than a switch. `hash` and `format_preserving` derive the new
 * value from the key and the row (system, table, column, primary key), not from the old value:
 * re-running an anonymisation after a crash writes exactly the same value, and nobody holding the
 * key can test a guessed original against the result (that would be pseudonymisation, Recital 26).
 */
const anonymisers: { [K in "null" | "hash" | "format_preserving"]: Anonymiser } = {
  null: {
    perRow: false,
    unfit: (c) => (c.nullable ? undefined : `column "${c.name}" is NOT NULL; use "fixed" or "format_preserving"`),
    value: () => null,
  },
  hash: {
    perRow: true,
    unfit: (c) => (isText(c) ? undefined : `column "${c.name}" (${c.type}) cannot hold a hash; use "format_preserving" or "null"`),
    value: (current, s) => (current === null ? null : createHmac("sha256", s.secret).update(`hash\0${s.scope}`).digest("hex").slice(0, Math.min(64, s.column.maxLength ?? 64))),
  },
  format_preserving: {
    perRow: true,
    unfit: (c) => (isText(c) || isNumeric(c) ? undefined : `column "${c.name}" (${c.type}) has no characters to preserve; use "null" or "fixed"`),
    value: (current, s) => {
      if (current === null) return null;
      const next = keyedBytes(s.secret, `fp\0${s.scope}`);
      // Numbers, and numbers the driver returns as text (64-bit integers, decimals), keep their digit count.
      if (typeof current === "number" && NUMERIC_TEXT.test(String(current))) return Number(formatPreservingNumeric(String(current), next));
      if (typeof current === "bigint") return BigInt(formatPreservingNumeric(current.toString(), next));
      if (typeof current === "string" && isNumeric(s.column) && NUMERIC_TEXT.test(current)) return formatPreservingNumeric(current, next);
      if (typeof current === "string") return formatPreserving(current, next);
      throw unfit(`column "${s.column.name}" holds a value format_preserving cannot reshape; use "null" or "fixed"`);
    },
  },
};

export function anonymiser(strategy: AnonymiseStrategy): Anonymiser {
  if (typeof strategy === "object") {
    const placeholder = strategy.fixed;
    return {
      perRow: false,
      unfit: (c) => (c.maxLength !== undefined && Array.from(placeholder).length > c.maxLength ? `column "${c.name}" holds at most ${c.maxLength} characters; the placeholder is longer` : undefined),
      value: () => placeholder,
    };
  }
  return anonymisers[strategy];
}

export function assertFits(strategy: AnonymiseStrategy, column: ColumnInfo) {
  const why = anonymiser(strategy).unfit(column);
  if (why) throw unfit(why);
}

/** The scope a row's anonymised value derives from: `system \0 table \0 column \0 primary key`. */
export const anonymisationScope = (system: string, table: string, column: string, key: unknown) => [system, table, column, keyString(key)].join("\0");

/**
 * Whether a value already is what the strategy writes for its row. The strategies are
 * deterministic and idempotent, so this is "anonymising it again would change nothing": a
 * caller can skip such rows instead of rewriting them (retention runs every day).
 */
export function isAnonymised(strategy: AnonymiseStrategy, current: unknown, scope: AnonymiseScope): boolean {
  const next = anonymiser(strategy).value(current, scope);
  return next === current || (next !== null && current !== null && String(next) === String(current));
}
