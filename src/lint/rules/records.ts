import { addRetention, parseIsoDuration, type DurationParts } from "../../law/index.ts";
import type { LintRule, RawFinding } from "../types.ts";
import { finding } from "./finding.ts";

export const recipientsNotStated: LintRule = {
  id: "recipients-not-stated",
  check: ({ manifest, cite }) =>
    manifest.activities.flatMap((a, i): RawFinding[] =>
      a.recipients === undefined
        ? [finding(
            "warning",
            cite("GDPR Art. 13(1)(e), 30(1)(d)", "ZZPL čl. 23(1)(5), 47(1)(4)"),
            ["activities", i],
            `activity "${a.id}" does not say who receives the data`,
            "add recipients: [processor or recipient ids], or recipients: [] if nobody outside the organisation does",
          )]
        : [],
    ),
};

export const securityMeasuresMissing: LintRule = {
  id: "security-measures-missing",
  check: ({ manifest, cite }) =>
    manifest.security_measures?.length
      ? []
      : [finding(
          "warning",
          cite("GDPR Art. 30(1)(g), 32", "ZZPL čl. 47(1)(9), 50"),
          ["organisation"],
          "no technical or organisational security measures are recorded",
          "add security_measures: access control, encryption in transit, backups, logging...",
        )],
};

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** When the policy is next due for review: next_review, or else approved + review_every. */
function reviewDue(d: { approved?: string; next_review?: string; review_every?: string }): string | undefined {
  if (d.next_review) return d.next_review;
  if (!d.approved || !d.review_every) return undefined;
  return isoDay(addRetention(new Date(`${d.approved}T00:00:00Z`), d.review_every));
}

/** Art. 5(2), 24(1): accountability means knowing which edition applies, who approved it and when it is reviewed. */
export const documentControl: LintRule = {
  id: "document-control",
  check: ({ manifest, now, cite }) => {
    const article = cite("GDPR Art. 5(2), 24(1)", "ZZPL čl. 5(2), 41(1)");
    const d = manifest.document;
    if (!d) {
      return [finding(
        "info",
        article,
        ["organisation"],
        "no document control: edition, approval and next review are not recorded",
        "add document: { edition, approved, approver, next_review }",
      )];
    }
    const findings: RawFinding[] = [];
    if (!d.edition) {
      findings.push(finding("warning", article, ["document"], "the policy's edition is not recorded", 'add document.edition, e.g. "2.1"'));
    }
    if (!d.approved) {
      findings.push(finding(
        "warning",
        article,
        ["document"],
        "when the policy was approved is not recorded",
        "add document.approved: YYYY-MM-DD (and document.approver)",
      ));
    }
    const due = reviewDue(d);
    if (!due) {
      findings.push(finding(
        "warning",
        article,
        ["document"],
        d.review_every
          ? `the next review date is not recorded, and review_every (${d.review_every}) gives none without an approval date`
          : "the next review date is not recorded",
        "add document.next_review: YYYY-MM-DD, or document.approved with document.review_every",
      ));
    } else if (due < isoDay(now)) {
      findings.push(finding(
        "warning",
        article,
        d.next_review ? ["document", "next_review"] : ["document", "review_every"],
        d.next_review
          ? `the policy was due for review on ${due}`
          : `the policy was due for review on ${due} (approved ${d.approved} + ${d.review_every})`,
        "review the policy, record a new revision and move next_review",
      ));
    }
    return findings;
  },
};

/** Days a duration lasts, counting months as 30 and years as 365 days (as "one month" is read for Art. 12(3)). */
const days = (p: DurationParts) =>
  (p.years ?? 0) * 365 + (p.months ?? 0) * 30 + (p.weeks ?? 0) * 7 + (p.days ?? 0)
  + ((p.hours ?? 0) + ((p.minutes ?? 0) + (p.seconds ?? 0) / 60) / 60) / 24;

/** Art. 12(3) sets the outer limit; an organisation may promise less time, never more. */
export const promisedDeadlineTooLong: LintRule = {
  id: "promised-deadline-too-long",
  check: ({ manifest, law, cite }) => {
    const limitDays = law.regime === "ZZPL" ? 30 : 31;
    return Object.entries(manifest.rights?.deadlines ?? {}).flatMap(([right, promise]): RawFinding[] => {
      if (!promise?.startsWith("P")) return [];
      return days(parseIsoDuration(promise)) > limitDays
        ? [finding(
            "error",
            cite("GDPR Art. 12(3)", "ZZPL čl. 21(3)"),
            ["rights", "deadlines", right],
            `the promised time for ${right} (${promise}) is longer than the law allows`,
            law.regime === "ZZPL"
              ? "answer within 30 days (extendable by 60 with reasons)"
              : "answer within one month (extendable by two with reasons)",
          )]
        : [];
    });
  },
};

export const recordRules = [recipientsNotStated, securityMeasuresMissing, documentControl, promisedDeadlineTooLong];
