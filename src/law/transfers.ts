import { z } from "zod";
import { RegistruError } from "../errors.ts";
import { adequacyDecisionFor, CONVENTION_108_PARTIES, type AdequacyCondition } from "./adequacy.ts";
import { isEeaMember, normalizeCountry } from "./eea.ts";
import { resolveJurisdiction } from "./jurisdictions.ts";
import type { Jurisdiction } from "./types.ts";

/** How a transfer outside the EEA (or out of Serbia) is made lawful. One value, one legal ground. */
export const TRANSFER_MECHANISMS = [
  "adequacy",
  "dpf",
  "scc",
  "bcr",
  "code_of_conduct",
  "certification",
  "derogation_explicit_consent",
  "derogation_contract",
  "derogation_public_interest",
  "derogation_legal_claims",
  "derogation_vital_interests",
  "derogation_public_register",
  "derogation_compelling_interests",
] as const;
export const transferMechanismSchema = z.enum(TRANSFER_MECHANISMS);
export type TransferMechanism = z.infer<typeof transferMechanismSchema>;

export type TransferKind =
  | "domestic"
  | "domestic_eea"
  | "adequate"
  | "adequate_if_certified"
  | "safeguarded"
  | "derogation"
  | "unsafeguarded";

export interface TransferStatus {
  kind: TransferKind;
  article: string;
  /** For a partial adequacy decision: what the recipient must be. */
  condition?: AdequacyCondition;
  decision?: string;
  note?: string;
}

type Grounds = Partial<Record<TransferMechanism, Pick<TransferStatus, "kind" | "article">>>;

const GDPR_GROUNDS: Grounds = {
  scc: { kind: "safeguarded", article: "GDPR Art. 46(2)(c)" },
  bcr: { kind: "safeguarded", article: "GDPR Art. 47" },
  code_of_conduct: { kind: "safeguarded", article: "GDPR Art. 46(2)(e)" },
  certification: { kind: "safeguarded", article: "GDPR Art. 46(2)(f)" },
  derogation_explicit_consent: { kind: "derogation", article: "GDPR Art. 49(1)(a)" },
  derogation_contract: { kind: "derogation", article: "GDPR Art. 49(1)(b)-(c)" },
  derogation_public_interest: { kind: "derogation", article: "GDPR Art. 49(1)(d)" },
  derogation_legal_claims: { kind: "derogation", article: "GDPR Art. 49(1)(e)" },
  derogation_vital_interests: { kind: "derogation", article: "GDPR Art. 49(1)(f)" },
  derogation_public_register: { kind: "derogation", article: "GDPR Art. 49(1)(g)" },
  derogation_compelling_interests: { kind: "derogation", article: "GDPR Art. 49(1), second subparagraph" },
};

const ZZPL_GROUNDS: Grounds = {
  scc: { kind: "safeguarded", article: "ZZPL čl. 65" },
  bcr: { kind: "safeguarded", article: "ZZPL čl. 67" },
  code_of_conduct: { kind: "safeguarded", article: "ZZPL čl. 65" },
  certification: { kind: "safeguarded", article: "ZZPL čl. 65" },
  ...Object.fromEntries(
    TRANSFER_MECHANISMS.filter((m) => m.startsWith("derogation_")).map((m) => [
      m,
      { kind: "derogation", article: "ZZPL čl. 69" },
    ]),
  ),
};

interface Regime {
  adequacy: string;
  unsafeguarded: string;
  grounds: Grounds;
  /** Countries adequate for this regime beyond the EU's full decisions. */
  alsoAdequate: (country: string) => boolean;
  /** Conditions of partial EU decisions this regime can rely on. */
  usableConditions: readonly AdequacyCondition[];
}

const FROM_EEA: Regime = {
  adequacy: "GDPR Art. 45",
  unsafeguarded: "GDPR Art. 44",
  grounds: GDPR_GROUNDS,
  alsoAdequate: () => false,
  usableConditions: ["dpf_certified", "commercial"],
};

// ZZPL čl. 64(2): adequate are EEA states, Convention 108 parties and what the EU found
// adequate. The EU-US DPF binds certified organisations for data from the EEA only, so it is
// not relied on for transfers out of Serbia.
const FROM_SERBIA: Regime = {
  adequacy: "ZZPL čl. 64",
  unsafeguarded: "ZZPL čl. 63",
  grounds: ZZPL_GROUNDS,
  alsoAdequate: (country) => isEeaMember(country) || CONVENTION_108_PARTIES.includes(country),
  usableConditions: ["commercial"],
};

/** Where a transfer from a jurisdiction to a country stands, and the article that says so. */
export function transferStatus(
  from: Jurisdiction | string,
  toCountry: string,
  mechanism?: TransferMechanism,
): TransferStatus {
  const jurisdiction = resolveJurisdiction(from);
  const country = parseCountry(toCountry);
  const parsed = mechanism === undefined ? undefined : parseMechanism(mechanism);
  if (country === jurisdiction.code && jurisdiction.regime === "ZZPL") {
    return { kind: "domestic", article: "ZZPL čl. 63" };
  }
  if (jurisdiction.regime === "GDPR" && isEeaMember(country)) {
    return { kind: "domestic_eea", article: "GDPR Art. 1(3)" };
  }
  const regime = jurisdiction.regime === "ZZPL" ? FROM_SERBIA : FROM_EEA;
  return adequacy(regime, country, parsed) ?? byMechanism(regime, parsed);
}

function adequacy(regime: Regime, country: string, mechanism?: TransferMechanism): TransferStatus | undefined {
  const decision = adequacyDecisionFor(country);
  if ((decision && !decision.partial) || regime.alsoAdequate(country)) {
    return { kind: "adequate", article: regime.adequacy, ...(decision && { decision: decision.decision }) };
  }
  if (!decision?.partial || !regime.usableConditions.includes(decision.partial)) return undefined;
  const base = { article: regime.adequacy, condition: decision.partial, decision: decision.decision };
  if (meetsCondition(decision.partial, mechanism)) return { kind: "adequate", ...base };
  if (mechanism === undefined) return { kind: "adequate_if_certified", ...base };
  return undefined;
}

/** The manifest asserts the condition: "dpf" for a certified US recipient, "adequacy" for a PIPEDA one. */
const meetsCondition = (condition: AdequacyCondition, mechanism?: TransferMechanism): boolean =>
  condition === "dpf_certified" ? mechanism === "dpf" : mechanism === "adequacy";

function byMechanism(regime: Regime, mechanism?: TransferMechanism): TransferStatus {
  const ground = mechanism && regime.grounds[mechanism];
  if (ground) return { ...ground };
  const status: TransferStatus = { kind: "unsafeguarded", article: regime.unsafeguarded };
  if (mechanism === "dpf") status.note = dpfNote(regime);
  if (mechanism === "adequacy") status.note = "no adequacy finding covers this country";
  return status;
}

const dpfNote = (regime: Regime): string =>
  regime === FROM_SERBIA
    ? "the EU-US Data Privacy Framework covers transfers from the EEA only"
    : "the EU-US Data Privacy Framework covers only certified US organisations";

function parseCountry(code: string): string {
  const country = typeof code === "string" ? normalizeCountry(code) : "";
  if (!/^[A-Z]{2}$/.test(country)) {
    throw new RegistruError("invalid_country", "expected an ISO 3166 country code such as RO", 400);
  }
  return country;
}

function parseMechanism(mechanism: string): TransferMechanism {
  const parsed = transferMechanismSchema.safeParse(mechanism);
  if (!parsed.success) {
    throw new RegistruError("invalid_transfer_mechanism", `expected one of ${TRANSFER_MECHANISMS.join(", ")}`, 400);
  }
  return parsed.data;
}
