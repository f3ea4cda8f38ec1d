import type { LintRule, RawFinding } from "../types.ts";
import { finding } from "./finding.ts";

export const retentionMissing: LintRule = {
  id: "retention-missing",
  check: ({ manifest, cite }) =>
    manifest.activities.flatMap((a, i): RawFinding[] =>
      a.retention
        ? []
        : [finding(
            "error",
            cite("GDPR Art. 5(1)(e), 13(2)(a)", "ZZPL čl. 5(1)(5), 23(2)(1)"),
            ["activities", i],
            `activity "${a.id}" has no retention rule`,
            "add retention: { keep: P3Y, after: contract_end, then: delete }",
          )],
    ),
};

export const retentionVague: LintRule = {
  id: "retention-vague",
  check: ({ manifest, cite }) =>
    manifest.activities.flatMap((a, i): RawFinding[] => {
      const r = a.retention;
      if (!r) return [];
      const article = cite("GDPR Art. 13(2)(a)", "ZZPL čl. 23(2)(1)");
      const keep = ["activities", i, "retention", "keep"];
      if (r.keep === "statutory" && !r.basis) {
        return [finding(
          "warning",
          article,
          keep,
          `activity "${a.id}" keeps data "as required by law" without naming the law or the period`,
          "name the law and its period in retention.basis, or give keep as a duration",
        )];
      }
      if (r.keep === "until_purpose_fulfilled") {
        return [finding(
          "warning",
          article,
          keep,
          `activity "${a.id}" keeps data "as long as the purpose needs", which no one can check`,
          "give the criteria or a period: keep: P90D, after: last_contact",
        )];
      }
      if (!r.then) {
        return [finding(
          "warning",
          cite("GDPR Art. 5(1)(e)", "ZZPL čl. 5(1)(5)"),
          ["activities", i, "retention"],
          `activity "${a.id}" does not say what happens to the data when the period ends`,
          "add retention.then: delete, anonymise or archive",
        )];
      }
      if (r.keep.startsWith("P") && !r.after) {
        return [finding(
          "warning",
          article,
          ["activities", i, "retention"],
          `activity "${a.id}" says how long but not from when`,
          "add retention.after: the event the period runs from (e.g. contract_end, collection, last_login)",
        )];
      }
      return [];
    }),
};

export const retentionRules = [retentionMissing, retentionVague];
