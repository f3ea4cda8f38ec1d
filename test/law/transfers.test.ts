import { describe, expect, it } from "vitest";
import { isRegistruError } from "../../src/errors.ts";
import { ADEQUACY_DECISIONS, adequacyDecisionFor, transferMechanismSchema, transferStatus } from "../../src/law/index.ts";

const errorCode = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return isRegistruError(e) ? e.code : "not a RegistruError";
  }
};

describe("adequacy decisions", () => {
  it("lists the countries with an EU adequacy decision in force", () => {
    expect(ADEQUACY_DECISIONS.map((d) => d.country).sort()).toEqual(
      ["AD", "AR", "BR", "CA", "CH", "FO", "GB", "GG", "IL", "IM", "JE", "JP", "KR", "NZ", "US", "UY"],
    );
  });

  it("marks the partial decisions for the US and Canada", () => {
    expect(adequacyDecisionFor("US")).toMatchObject({ partial: "dpf_certified", decision: "Commission Implementing Decision (EU) 2023/1795" });
    expect(adequacyDecisionFor("CA")?.partial).toBe("commercial");
    expect(adequacyDecisionFor("JP")?.partial).toBeUndefined();
  });
});

describe("transfers from an EU/EEA jurisdiction", () => {
  it("treats another EEA state as no transfer at all", () => {
    expect(transferStatus("RO", "DE")).toEqual({ kind: "domestic_eea", article: "GDPR Art. 1(3)" });
    expect(transferStatus("RO", "NO").kind).toBe("domestic_eea");
  });

  it("relies on a full adequacy decision", () => {
    expect(transferStatus("RO", "CH")).toMatchObject({ kind: "adequate", article: "GDPR Art. 45", decision: "Commission Decision 2000/518/EC" });
    expect(transferStatus("DE", "GB").kind).toBe("adequate");
  });

  it("needs DPF certification for the United States", () => {
    expect(transferStatus("RO", "US")).toMatchObject({ kind: "adequate_if_certified", condition: "dpf_certified" });
    expect(transferStatus("RO", "US", "dpf").kind).toBe("adequate");
    expect(transferStatus("RO", "US", "scc")).toEqual({ kind: "safeguarded", article: "GDPR Art. 46(2)(c)" });
  });

  it("needs a commercial recipient for Canada", () => {
    expect(transferStatus("RO", "CA")).toMatchObject({ kind: "adequate_if_certified", condition: "commercial" });
    expect(transferStatus("RO", "CA", "adequacy").kind).toBe("adequate");
  });

  it("names the safeguard or derogation relied on for other countries", () => {
    expect(transferStatus("RO", "IN")).toEqual({ kind: "unsafeguarded", article: "GDPR Art. 44" });
    expect(transferStatus("RO", "IN", "bcr")).toEqual({ kind: "safeguarded", article: "GDPR Art. 47" });
    expect(transferStatus("RO", "IN", "derogation_explicit_consent")).toEqual({ kind: "derogation", article: "GDPR Art. 49(1)(a)" });
    expect(transferStatus("RO", "RS", "scc").kind).toBe("safeguarded");
  });

  it("does not accept the DPF or a claimed adequacy where none applies", () => {
    expect(transferStatus("RO", "IN", "dpf")).toMatchObject({ kind: "unsafeguarded", note: expect.stringContaining("US") });
    expect(transferStatus("RO", "RS", "adequacy").kind).toBe("unsafeguarded");
  });
});

describe("transfers from Serbia (ZZPL)", () => {
  it("treats Serbia itself as domestic and the EU as adequate, not domestic", () => {
    expect(transferStatus("RS", "RS").kind).toBe("domestic");
    expect(transferStatus("RS", "DE")).toEqual({ kind: "adequate", article: "ZZPL čl. 64" });
  });

  it("treats EU-adequate countries and Convention 108 parties as adequate", () => {
    expect(transferStatus("RS", "JP")).toMatchObject({ kind: "adequate", article: "ZZPL čl. 64" });
    expect(transferStatus("RS", "BA")).toMatchObject({ kind: "adequate", article: "ZZPL čl. 64" });
    expect(transferStatus("RS", "ME").kind).toBe("adequate");
  });

  it("does not rely on the EU-US Data Privacy Framework", () => {
    expect(transferStatus("RS", "US")).toEqual({ kind: "unsafeguarded", article: "ZZPL čl. 63" });
    expect(transferStatus("RS", "US", "dpf")).toMatchObject({ kind: "unsafeguarded", note: expect.stringContaining("EEA") });
    expect(transferStatus("RS", "US", "scc")).toEqual({ kind: "safeguarded", article: "ZZPL čl. 65" });
    expect(transferStatus("RS", "US", "bcr")).toEqual({ kind: "safeguarded", article: "ZZPL čl. 67" });
    expect(transferStatus("RS", "US", "derogation_contract")).toEqual({ kind: "derogation", article: "ZZPL čl. 69" });
  });
});

describe("transfer input", () => {
  it("offers the mechanisms as a zod schema for the manifest", () => {
    expect(transferMechanismSchema.parse("dpf")).toBe("dpf");
    expect(transferMechanismSchema.safeParse("derogation_49").success).toBe(false);
  });

  it("rejects an unknown mechanism, a malformed country and an unknown jurisdiction", () => {
    expect(errorCode(() => transferStatus("RO", "US", "privacy_shield" as never))).toBe("invalid_transfer_mechanism");
    expect(errorCode(() => transferStatus("RO", "USA"))).toBe("invalid_country");
    expect(errorCode(() => transferStatus("US", "RO"))).toBe("unknown_jurisdiction");
  });
});
