import type { LintRule, RawFinding } from "../types.ts";

const consentOnlyHints = ["financial.invoices", "commercial.contract", "financial.transactions"];

export const legalBasisMissing: LintRule = {
  id: "legal-basis-missing",
  check: ({ manifest, cite }) =>
    // A processor acts on its client controller's legal basis (Art. 28), so it states none of its own.
    manifest.activities.flatMap((a, i): RawFinding[] =>
      a.legal_basis?.length || a.role === "processor"
        ? []
        : [{
            severity: "error",
            article: cite("GDPR Art. 6(1), 13(1)(c)", "ZZPL čl. 12(1), 23(1)(3)"),
            path: ["activities", i],
            message: `activity "${a.id}" states no legal basis`,
            hint: "add legal_basis: one or more of consent, contract, legal_obligation, vital_interests, public_task, legitimate_interests",
          }],
    ),
};

export const legitimateInterestUnstated: LintRule = {
  id: "legitimate-interest-unstated",
  check: ({ manifest, cite }) =>
    manifest.activities.flatMap((a, i): RawFinding[] =>
      a.legal_basis?.includes("legitimate_interests") && !a.legitimate_interest
        ? [{
            severity: "error",
            article: cite("GDPR Art. 6(1)(f), 13(1)(d)", "ZZPL čl. 12(1)(6), 23(1)(4)"),
            path: ["activities", i, "legal_basis"],
            message: `activity "${a.id}" relies on legitimate interests without saying which interest`,
            hint: "add legitimate_interest: the interest pursued (and keep the balancing test on file)",
          }]
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
      return [{
        severity: "error",
        article: cite("GDPR Art. 6(1)(b)-(c), 7(4)", "ZZPL čl. 12(1)(2)-(3), 15(4)"),
        path: ["activities", i, "legal_basis"],
        message: `activity "${a.id}" rests on consent alone although the data is needed for a contract or required by law`,
        hint: "use contract and/or legal_obligation for orders, invoices and accounting; keep consent for what is truly optional",
      }];
    }),
};

/** S3-02: profiling for advertising needs consent (EDPB Guidelines 8/2020; ePrivacy for the trackers behind it). */
export const profilingWithoutConsent: LintRule = {
  id: "profiling-without-consent",
  check: ({ manifest, cite }) =>
    manifest.activities.flatMap((a, i): RawFinding[] => {
      const profiles = a.profiling === true || a.data.includes("online.profile");
      if (!profiles || a.legal_basis?.includes("consent")) return [];
      return [{
        severity: "error",
        article: cite("GDPR Art. 6(1)(a), 21(2), 22; Law 506/2004 art. 4(5)", "ZZPL čl. 12(1)(1), 37(2), 38"),
        path: ["activities", i],
        message: `activity "${a.id}" profiles people for advertising or marketing without their consent`,
        hint: "base personalised advertising and marketing profiles on consent, with a way to withdraw it",
      }];
    }),
};

export const lawfulnessRules = [legalBasisMissing, legitimateInterestUnstated, consentAsBasisForContract, profilingWithoutConsent];
