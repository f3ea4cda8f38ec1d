import { vocabulary } from "../../manifest/index.ts";
import type { LintRule, RawFinding } from "../types.ts";
import { finding } from "./finding.ts";

const invalid = new Set<string>(vocabulary.invalidConsentMethods);

export const consentWithdrawalMissing: LintRule = {
  id: "consent-withdrawal-missing",
  check: ({ manifest, cite }) =>
    manifest.activities.flatMap((a, i): RawFinding[] =>
      a.legal_basis?.includes("consent") && !a.consent?.withdrawal?.length
        ? [finding(
            "error",
            cite("GDPR Art. 7(3), 13(2)(c)", "ZZPL čl. 15(3), 23(2)(3)"),
            ["activities", i, a.consent ? "consent" : "legal_basis"],
            `activity "${a.id}" is based on consent but gives no way to withdraw it`,
            "add consent.withdrawal, e.g. [unsubscribe_link, account_settings, email]: withdrawing must be as easy as giving",
          )]
        : [],
    ),
};

/** S3-05 and S0-08: silence, browsing on or pre-ticked boxes are not consent (C-673/17 Planet49). */
export const consentInvalidMethod: LintRule = {
  id: "consent-invalid-method",
  check: ({ manifest, cite }) =>
    manifest.activities.flatMap((a, i) =>
      (a.consent?.methods ?? []).flatMap((m, j): RawFinding[] =>
        invalid.has(m)
          ? [finding(
              "error",
              cite("GDPR Art. 4(11), 7(1); CJEU C-673/17 Planet49", "ZZPL čl. 15(1)"),
              ["activities", i, "consent", "methods", j],
              `"${m}" is not a freely given, specific, informed and unambiguous indication of wishes`,
              "collect consent by a clear affirmative act: an unticked checkbox, a button, a signed form",
            )]
          : [],
      ),
    ),
};

export const consentByContinuedUse: LintRule = {
  id: "consent-by-continued-use",
  check: ({ manifest, cite }) =>
    manifest.policy_changes?.acceptance === "continued_use"
      ? [finding(
          "error",
          cite("GDPR Art. 4(11), 7(1), 13(3); EDPB Guidelines 05/2020", "ZZPL čl. 15(1), 23(3)"),
          ["policy_changes", "acceptance"],
          "continuing to use the service after a policy change is treated as acceptance; that is not consent",
          "announce changes before they apply (policy_changes.announced_by) and ask consent again for any new consent-based purpose",
        )]
      : [],
};

/** S0-04, S1-02: below the age of digital consent, a parent or guardian consents (Art. 8). */
export const minorsWithoutAgeGate: LintRule = {
  id: "minors-without-age-gate",
  check: ({ manifest, law, cite }) => {
    const minors = new Set(manifest.subjects.filter((s) => s.minors).map((s) => s.id));
    return manifest.activities.flatMap((a, i): RawFinding[] => {
      if (!a.legal_basis?.includes("consent") || !a.subjects.some((s) => minors.has(s))) return [];
      const gate = a.consent?.age_gate ?? manifest.age_gate;
      const article = cite("GDPR Art. 8(1)", "ZZPL čl. 16");
      const age = law.digitalConsentAge;
      if (!gate) {
        return [finding(
          "error",
          article,
          ["activities", i, "subjects"],
          `activity "${a.id}" collects consent from people who may be children, with no age check`,
          `add age_gate: { below: ${age}, requires: parental_consent } (digital-consent age in ${law.code}: ${age})`,
        )];
      }
      if (gate.below < age) {
        return [finding(
          "error",
          article,
          a.consent?.age_gate ? ["activities", i, "consent", "age_gate", "below"] : ["age_gate", "below"],
          `the age gate starts below ${gate.below}, but the age of digital consent in ${law.code} is ${age}`,
          `set below: ${age}`,
        )];
      }
      return [];
    });
  },
};

export const consentRules = [consentWithdrawalMissing, consentInvalidMethod, consentByContinuedUse, minorsWithoutAgeGate];
