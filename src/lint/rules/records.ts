import { Duration } from "luxon";
import type { LintRule, RawFinding } from "../types.ts";

export const recipientsNotStated: LintRule = {
  id: "recipients-not-stated",
  check: ({ manifest, cite }) =>
    manifest.activities.flatMap((a, i): RawFinding[] =>
      a.recipients === undefined
        ? [{ severity: "warning", article: cite("GDPR Art. 13(1)(e), 30(1)(d)", "ZZPL čl. 23(1)(5), 47(1)(4)"), path: ["activities", i], message: `activity "${a.id}" does not say who receives the data`, hint: "add recipients: [processor or recipient ids], or recipients: [] if nobody outside the organisation does" }]
        : [],
    ),
};

export const securityMeasuresMissing: LintRule = {
  id: "security-measures-missing",
  check: ({ manifest, cite }) =>
    manifest.security_measures?.length
      ? []
      : [{ severity: "warning", article: cite("GDPR Art. 30(1)(g), 32", "ZZPL čl. 47(1)(9), 50"), path: ["organisation"], message: "no technical or organisational security measures are recorded", hint: "add security_measures: access control, encryption in transit, backups, logging..." }],
};

export const documentControl: LintRule = {
  id: "document-control",
  check: ({ manifest, now, cite }) => {
    const article = cite("GDPR Art. 5(2), 24(1)", "ZZPL čl. 5(2), 41(1)");
    const d = manifest.document;
    if (!d) return [{ severity: "info", article, path: ["organisation"], message: "no document control: edition, approval and next review are not recorded", hint: "add document: { edition, approved, approver, next_review }" }];
    if (d.next_review && d.next_review < now.toISOString().slice(0, 10)) {
      return [{ severity: "warning", article, path: ["document", "next_review"], message: `the policy was due for review on ${d.next_review}`, hint: "review the policy, record a new revision and move next_review" }];
    }
    return [];
  },
};

/** Art. 12(3) sets the outer limit; an organisation may promise less time, never more. */
export const promisedDeadlineTooLong: LintRule = {
  id: "promised-deadline-too-long",
  check: ({ manifest, law, cite }) => {
    const limitDays = law.regime === "ZZPL" ? 30 : 31;
    return Object.entries(manifest.rights?.deadlines ?? {}).flatMap(([right, promise]): RawFinding[] => {
      if (!promise?.startsWith("P")) return [];
      const days = Duration.fromISO(promise).as("days");
      return days > limitDays
        ? [{ severity: "error", article: cite("GDPR Art. 12(3)", "ZZPL čl. 21(3)"), path: ["rights", "deadlines", right], message: `the promised time for ${right} (${promise}) is longer than the law allows`, hint: law.regime === "ZZPL" ? "answer within 30 days (extendable by 60 with reasons)" : "answer within one month (extendable by two with reasons)" }]
        : [];
    });
  },
};

export const recordRules = [recipientsNotStated, securityMeasuresMissing, documentControl, promisedDeadlineTooLong];
