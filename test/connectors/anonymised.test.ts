import { describe, expect, it } from "vitest";
import { anonymisationScope, anonymiser, isAnonymised, type AnonymiseStrategy, type ColumnInfo } from "../../src/connectors/index.ts";

const text: ColumnInfo = { name: "email", type: "character varying", maxLength: 254, nullable: false };
const money: ColumnInfo = { name: "fee", type: "numeric", nullable: false };
const secret = Buffer.from("organisation key");
const scope = (column: ColumnInfo, key: unknown) => ({ secret, scope: anonymisationScope("app", "customers", column.name, key), column });

describe("isAnonymised: a value is what its strategy writes for its row", () => {
  it.each<[AnonymiseStrategy, ColumnInfo, unknown]>([
    ["format_preserving", text, "ana.popescu@example.com"],
    ["format_preserving", money, "42.50"],
    ["hash", text, "ana.popescu@example.com"],
    [{ fixed: "[erased]" }, text, "Ana Popescu"],
    ["null", { ...text, nullable: true }, "+40721000001"],
  ])("%j: the original is not, the anonymised value is, and anonymising it again changes nothing", (strategy, column, original) => {
    const s = scope(column, 7);
    const once = anonymiser(strategy).value(original, s);
    expect(isAnonymised(strategy, original, s)).toBe(false);
    expect(isAnonymised(strategy, once, s)).toBe(true);
    expect(anonymiser(strategy).value(once, s)).toEqual(once);
  });

  it("derives from the row: another primary key gives another value, the scope names system, table, column and key", () => {
    const a = anonymiser("format_preserving").value("ana.popescu@example.com", scope(text, 7));
    const b = anonymiser("format_preserving").value("ana.popescu@example.com", scope(text, 8));
    expect(a).not.toEqual(b);
    expect(isAnonymised("format_preserving", a, scope(text, 8))).toBe(false);
    expect(anonymisationScope("app", "customers", "email", 7n)).toBe("app\0customers\0email\x007");
  });
});
