import { vocabulary } from "../../manifest/index.ts";
import type { LintRule, RawFinding } from "../types.ts";

export const processorWithoutDpa: LintRule = {
  id: "processor-without-dpa",
  check: ({ manifest, cite }) =>
    (manifest.processors ?? []).flatMap((p, i): RawFinding[] =>
      p.dpa
        ? []
        : [{ severity: "error", article: cite("GDPR Art. 28(3)", "ZZPL čl. 45(3)"), path: ["processors", i], message: `processor "${p.name}" has no data-processing agreement on record`, hint: "sign a DPA and record it: dpa: { signed: YYYY-MM-DD, terms: [...] }" }],
    ),
};

export const dpaTermsIncomplete: LintRule = {
  id: "dpa-terms-incomplete",
  check: ({ manifest, cite }) =>
    (manifest.processors ?? []).flatMap((p, i): RawFinding[] => {
      const terms = p.dpa?.terms;
      if (!p.dpa || !terms) return [];
      const missing = vocabulary.dpaTermsRequired.filter((t) => !terms.includes(t));
      return missing.length
        ? [{ severity: "warning", article: cite("GDPR Art. 28(3)(a)-(h)", "ZZPL čl. 45(3)"), path: ["processors", i, "dpa", "terms"], message: `the DPA with "${p.name}" lacks required clauses: ${missing.join(", ")}`, hint: "amend the DPA, then record the clauses under dpa.terms" }]
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
        ? [{ severity: "warning", article: cite("GDPR Art. 33(1)-(2)", "ZZPL čl. 52(1)-(2)"), path: ["processors", i, "dpa", "breach_notice_hours"], message: `"${p.name}" may take ${hours} hours to report a breach, leaving no time for the 72-hour notification`, hint: "agree on 24-48 hours" }]
        : [];
    }),
};

export const processorActivityWithoutController: LintRule = {
  id: "processor-activity-without-controller",
  check: ({ manifest, cite }) =>
    manifest.activities.flatMap((a, i): RawFinding[] =>
      a.role === "processor" && !a.controllers
        ? [{ severity: "warning", article: cite("GDPR Art. 28(3), 30(2)(a)", "ZZPL čl. 45(3), 47(2)"), path: ["activities", i, "role"], message: `processor activity "${a.id}" does not say for which controllers it is carried out`, hint: "add controllers: [client ids] or controllers: each_client (recorded per client with its DPA)" }]
        : [],
    ),
};

export const processorRules = [processorWithoutDpa, dpaTermsIncomplete, processorBreachWindow, processorActivityWithoutController];
