import type { LintRule, RawFinding } from "../types.ts";
import { finding } from "./finding.ts";

const consentOnlyHints = ["financial.invoices", "commercial.contract", "financial.transactions"];

export const legalBasisMissing: LintRule = {
  id: "legal-basis-missing",
  check: ({ manifest, cite }) =>
    // A processor acts on its client controller's legal basis (Art. 28), so it states none of its own.
    manifest.activities.flatMap((a, i): RawFinding[] =>
      a.legal_basis?.length || a.role === "processor"
        ? []
        : [finding(
            "error",
            cite("GDPR Art. 6(1), 13(1)(c)", "ZZPL čl. 12(1), 23(1)(3)"),
            ["activities", i],
            `activity "${a.id}" states no legal basis`,
            "add legal_basis: one or more of consent, contract, legal_obligation, vital_interests, public_task, legitimate_interests",
          )],
    ),
};

export const legitimateInterestUnstated: LintRule = {
  id: "legitimate-interest-unstated",
  check: ({ manifest, cite }) =>
    manifest.activities.flatMap((a, i): RawFinding[] =>
      a.legal_basis?.includes("legitimate_interests") && !a.legitimate_interest
        ? [finding(
            "error",
            cite("GDPR Art. 6(1)(f), 13(1)(d)", "ZZPL čl. 12(1)(6), 23(1)(4)"),
            ["activities", i, "legal_basis"],
            `activity "${a.id}" relies on legitimate interests without saying which interest`,
            "add legitimate_interest: the interest pursued (and keep the balancing test on file)",
          )]
        : [],
    ),
};

/** S1-02: consent is the wrong basis for what a contract or the law already requires (it could be withdrawn). */
export const consentAsBasisForContract: LintRule = {
  id: "consent-as-basis-for-contract",
  check: ({ manifest, cite }) =>
    manifest.activities.flatMap((a, i): RawFinding[] => {
      const onlyConsent = a.legal_basis?.length === 1 && a.legal_basis[0] === "consent";
      const required = a.requirement && a.requirement.kind !== "voluntary";
      const contractData = a.data.some((d) => consentOnlyHints.includes(d));
      if (!onlyConsent || (!required && !contractData)) return [];
      return [finding(
        "error",
        cite("GDPR Art. 6(1)(b)-(c), 7(4)", "ZZPL čl. 12(1)(2)-(3), 15(4)"),
        ["activities", i, "legal_basis"],
        `activity "${a.id}" rests on consent alone although the data is needed for a contract or required by law`,
        "use contract and/or legal_obligation for orders, invoices and accounting; keep consent for what is truly optional",
      )];
    }),
};

/**
 * S3-02: `profiling: true` (or online.profile data) means profiling for marketing or advertising,
 * which needs consent (EDPB Guidelines 8/2020; CJEU C-252/21 Meta v Bundeskartellamt); the
 * right to object to it is absolute (Art. 21(2)). Cookies and trackers behind it are a separate
 * ePrivacy question, checked by the cookie rules.
 */
export const profilingWithoutConsent: LintRule = {
  id: "profiling-without-consent",
  check: ({ manifest, cite }) =>
    manifest.activities.flatMap((a, i): RawFinding[] => {
      const flag = a.profiling === true ? "profiling: true" : a.data.includes("online.profile") ? "data: online.profile" : undefined;
      if (!flag || a.legal_basis?.includes("consent")) return [];
      return [finding(
        "error",
        cite("GDPR Art. 6(1)(a), 21(2); EDPB Guidelines 8/2020; CJEU C-252/21", "ZZPL čl. 12(1)(1), 37(2)"),
        ["activities", i],
        `activity "${a.id}" profiles people for marketing or advertising (${flag}) without their consent`,
        "base personalised advertising and marketing profiles on consent, with a way to withdraw it",
      )];
    }),
};

export const lawfulnessRules = [legalBasisMissing, legitimateInterestUnstated, consentAsBasisForContract, profilingWithoutConsent];
