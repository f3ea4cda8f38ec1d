import { vocabulary } from "../../manifest/index.ts";
import { missingDpaTerms } from "../../vendors/dpa.ts";
import type { LintRule, RawFinding } from "../types.ts";
import { finding } from "./finding.ts";

export const processorWithoutDpa: LintRule = {
  id: "processor-without-dpa",
  check: ({ manifest, cite }) =>
    (manifest.processors ?? []).flatMap((p, i): RawFinding[] =>
      p.dpa
        ? []
        : [finding(
            "error",
            cite("GDPR Art. 28(3)", "ZZPL čl. 45(3)"),
            ["processors", i],
            `processor "${p.name}" has no data-processing agreement on record`,
            "sign a DPA and record it: dpa: { signed: YYYY-MM-DD, terms: [...] }",
          )],
    ),
};

export const dpaTermsIncomplete: LintRule = {
  id: "dpa-terms-incomplete",
  check: ({ manifest, cite }) =>
    (manifest.processors ?? []).flatMap((p, i): RawFinding[] => {
      if (!p.dpa) return [];
      const article = cite("GDPR Art. 28(3)(a)-(h)", "ZZPL čl. 45(3)");
      const terms = p.dpa.terms;
      if (!terms) {
        // A DPA is said to exist, but nothing shows it contains what Art. 28(3) requires.
        return [finding(
          "info",
          article,
          ["processors", i, "dpa"],
          `the DPA's clauses are not recorded for "${p.name}", so Registru cannot check them`,
          `list them under dpa.terms: ${vocabulary.dpaTermsRequired.join(", ")}`,
        )];
      }
      const missing = missingDpaTerms(terms);
      return missing.length
        ? [finding(
            "warning",
            article,
            ["processors", i, "dpa", "terms"],
            `the DPA with "${p.name}" lacks required clauses: ${missing.join(", ")}`,
            "amend the DPA, then record the clauses under dpa.terms",
          )]
        : [];
    }),
};

/** A processor's breach notice must reach the controller early enough to keep the 72-hour clock (Art. 33(1)-(2)). */
export const processorBreachWindow: LintRule = {
  id: "processor-breach-window",
  check: ({ manifest, cite }) =>
    (manifest.processors ?? []).flatMap((p, i): RawFinding[] => {
      const hours = p.dpa?.breach_notice_hours;
      return hours !== undefined && hours >= 72
        ? [finding(
            "warning",
            cite("GDPR Art. 33(1)-(2)", "ZZPL čl. 52(1)-(2)"),
            ["processors", i, "dpa", "breach_notice_hours"],
            `"${p.name}" may take ${hours} hours to report a breach, leaving no time for the 72-hour notification`,
            "agree on 24-48 hours",
          )]
        : [];
    }),
};

export const processorActivityWithoutController: LintRule = {
  id: "processor-activity-without-controller",
  check: ({ manifest, cite }) =>
    manifest.activities.flatMap((a, i): RawFinding[] =>
      a.role === "processor" && !a.controllers
        ? [finding(
            "warning",
            cite("GDPR Art. 28(3), 30(2)(a)", "ZZPL čl. 45(3), 47(2)"),
            ["activities", i, "role"],
            `processor activity "${a.id}" does not say for which controllers it is carried out`,
            "add controllers: [client ids] or controllers: each_client (recorded per client with its DPA)",
          )]
        : [],
    ),
};

export const processorRules = [processorWithoutDpa, dpaTermsIncomplete, processorBreachWindow, processorActivityWithoutController];
