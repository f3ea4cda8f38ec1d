import { describe, expect, it } from "vitest";
import { anonymiser } from "../../src/connectors/index.ts";
import type { ColumnInfo } from "../../src/connectors/sql/driver.ts";

const text = (maxLength?: number): ColumnInfo => ({ name: "c", type: "character varying", nullable: true, ...(maxLength ? { maxLength } : {}) });
const fp = anonymiser("format_preserving");
const scope = (row: string, secret = "k1") => ({ secret, scope: `app\0customers\0c\0${row}`, column: text() });
const shape = (s: string) => Array.from(s, (c) => (/\d/.test(c) ? "9" : /\p{Lu}/u.test(c) ? "A" : /\p{L}/u.test(c) ? "a" : c)).join("");

describe("anonymisation strategies", () => {
  it("format_preserving keeps an e-mail's shape: @, dots, separators and the top-level domain", () => {
    const out = fp.value("ana.popescu+ev@mail.example.com", scope("1")) as string;
    expect(out).toMatch(/^[a-z]{3}\.[a-z]{7}\+[a-z]{2}@[a-z]{4}\.[a-z]{7}\.com$/);
    expect(out).not.toBe("ana.popescu+ev@mail.example.com");
  });

  it("format_preserving keeps a phone number's country prefix and separators, or the first two digits of a national number", () => {
    expect(fp.value("+40 721 000 001", scope("1"))).toMatch(/^\+40 \d{3} \d{3} \d{3}$/);
    expect(fp.value("+381641000002", scope("1"))).toMatch(/^\+381\d{9}$/);
    expect(fp.value("0721-000-001", scope("1"))).toMatch(/^07\d{2}-\d{3}-\d{3}$/);
  });

  it("format_preserving keeps length and character classes of any other text, letters with diacritics included", () => {
    for (const value of ["Ștefan Ionescu-Pop", "Str. Exemplu 1, Ap. 12", "ELD-2026-00101"]) {
      const out = fp.value(value, scope("7")) as string;
      expect(shape(out)).toBe(shape(value));
      expect(out).not.toBe(value);
    }
  });

  it("format_preserving keeps the digit count of numbers and of numbers a driver returns as text", () => {
    const numeric: ColumnInfo = { name: "fee", type: "numeric", nullable: false };
    expect(String(fp.value(4250, { ...scope("1"), column: { ...numeric, type: "integer" } }))).toMatch(/^[1-9]\d{3}$/);
    expect(fp.value("42.50", { ...scope("1"), column: numeric })).toMatch(/^[1-9]\d\.\d[1-9]$/);
  });

  it("is deterministic per key and row, differs across keys and rows, and re-anonymising gives the same value", () => {
    const first = fp.value("Ana Popescu", scope("1"));
    expect(fp.value("Ana Popescu", scope("1"))).toBe(first);
    expect(fp.value(first, scope("1"))).toBe(first);
    expect(fp.value("Ana Popescu", scope("1", "k2"))).not.toBe(first);
    expect(fp.value("Ana Popescu", scope("2"))).not.toBe(first);
    const hash = anonymiser("hash");
    const h = hash.value("ana@example.com", scope("1"));
    expect(hash.value(h, scope("1"))).toBe(h);
  });

  it("hash is keyed HMAC-SHA256 hex, truncated to the column's length; NULL stays NULL", () => {
    const hash = anonymiser("hash");
    expect(hash.value("x", scope("1"))).toMatch(/^[0-9a-f]{64}$/);
    expect(hash.value("x", { ...scope("1"), column: text(12) })).toMatch(/^[0-9a-f]{12}$/);
    expect(hash.value(null, scope("1"))).toBeNull();
  });

  it("says why a column cannot take a strategy, before anything is written", () => {
    expect(anonymiser("null").unfit({ name: "email", type: "text", nullable: false })).toMatch(/NOT NULL/);
    expect(anonymiser("hash").unfit({ name: "age", type: "integer", nullable: true })).toMatch(/cannot hold a hash/);
    expect(anonymiser({ fixed: "[erased]" }).unfit(text(5))).toMatch(/at most 5 characters/);
    expect(anonymiser({ fixed: "[erased]" }).unfit(text(8))).toBeUndefined();
    expect(anonymiser("format_preserving").unfit({ name: "at", type: "timestamp without time zone", nullable: true })).toMatch(/no characters/);
  });
});
