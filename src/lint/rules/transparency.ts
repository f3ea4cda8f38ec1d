import { vocabulary } from "../../manifest/index.ts";
import type { LintRule, RawFinding } from "../types.ts";
import { finding } from "./finding.ts";

export const controllerIdentityMissing: LintRule = {
  id: "controller-identity-missing",
  check: ({ manifest, cite }) => {
    const o = manifest.organisation;
    const missing = [!o.address && "address", !o.contact?.email && !o.contact?.phone && "contact e-mail or phone"].filter(Boolean);
    const findings: RawFinding[] = [];
    if (missing.length > 0) {
      findings.push(finding(
        "error",
        cite("GDPR Art. 13(1)(a), 14(1)(a)", "ZZPL čl. 23(1)(1), 24(1)(1)"),
        ["organisation"],
        `the controller's identity is incomplete: no ${missing.join(", no ")}`,
        "state the legal name, registered address and a contact (organisation.address, organisation.contact)",
      ));
    }
    if (!o.trade_register && !o.tax_id) {
      findings.push(finding(
        "info",
        cite("GDPR Art. 13(1)(a)", "ZZPL čl. 23(1)(1)"),
        ["organisation"],
        "no trade-register or tax number identifies the legal entity",
        "add organisation.trade_register and organisation.tax_id",
      ));
    }
    return findings;
  },
};

export const dpoMissing: LintRule = {
  id: "dpo-missing",
  check: ({ manifest, cite }) => {
    const article = cite("GDPR Art. 13(1)(b), 37", "ZZPL čl. 23(1)(2), 56");
    const dpo = manifest.dpo;
    if (!dpo) {
      return [finding(
        "error",
        article,
        ["organisation"],
        "the manifest does not say whether a DPO is appointed, nor give a privacy contact",
        "add dpo: { appointed: true, email: ... } or dpo: { appointed: false, assessment: ..., contact: ... }",
      )];
    }
    if (dpo.appointed && !dpo.email && !dpo.phone && !dpo.address) {
      const message = "a DPO is appointed but no way to reach them is given";
      return [finding("error", article, ["dpo"], message, "add dpo.email (and phone or address)")];
    }
    if (!dpo.appointed && !dpo.assessment) {
      return [finding(
        "warning",
        cite("GDPR Art. 37(1), 5(2)", "ZZPL čl. 56, 5(2)"),
        ["dpo"],
        "no DPO and no recorded assessment of why none is needed",
        "add dpo.assessment: why core activities are not large-scale monitoring or special-category processing",
      )];
    }
    return [];
  },
};

/**
 * Art. 13(2)(b) lists access, rectification, erasure, restriction, objection and portability;
 * withdrawal (13(2)(c)) matters where consent is used, and Art. 22 (through 13(2)(f)) only where
 * some activity makes automated decisions.
 */
export const rightsMissing: LintRule = {
  id: "rights-missing",
  check: ({ manifest, law, cite }) => {
    const offered = new Set(manifest.rights?.offered ?? []);
    const usesConsent = manifest.activities.some((a) => a.legal_basis?.includes("consent"));
    const decidesAutomatically = manifest.activities.some((a) => a.automated_decisions !== undefined && a.automated_decisions !== "none");
    const conditional: Partial<Record<string, boolean>> = { withdraw_consent: usesConsent, automated_decision: decidesAutomatically };
    const expected = vocabulary.rights.filter((r) => r !== "complaint" && r !== "information" && (conditional[r] ?? true));
    const missing = expected.filter((r) => !offered.has(r));
    if (missing.length === 0) return [];
    return [finding(
      "error",
      cite("GDPR Art. 13(2)(b)-(c), 15-22", "ZZPL čl. 23(2)(2)-(3), 26-38"),
      manifest.rights ? ["rights", "offered"] : ["organisation"],
      `rights not stated: ${missing.map((r) => `${r} (${law.articles[r].join(", ")})`).join("; ")}`,
      "list them under rights.offered; Registru's notice then explains each with its article and deadline",
    )];
  },
};

export const complaintAuthorityMissing: LintRule = {
  id: "complaint-authority-missing",
  check: ({ manifest, law, cite }) => {
    const findings: RawFinding[] = [];
    if (!law.authority && !manifest.supervisory_authority) {
      findings.push(finding(
        "error",
        "GDPR Art. 13(2)(d), 77",
        ["organisation", "jurisdiction"],
        `Registru has no supervisory authority on file for ${law.code}`,
        "add supervisory_authority: { name, address, web }",
      ));
    }
    if (!manifest.rights?.offered?.includes("complaint")) {
      const name = manifest.supervisory_authority?.name ?? law.authority?.shortName ?? "the supervisory authority";
      findings.push(finding(
        "error",
        cite("GDPR Art. 13(2)(d), 77", "ZZPL čl. 23(2)(4), 82"),
        manifest.rights ? ["rights", "offered"] : ["organisation"],
        `the right to complain to ${name} is not stated`,
        "add complaint to rights.offered",
      ));
    }
    return findings;
  },
};

/** Art. 13(2)(f): the notice must say whether solely automated decisions are made; silence is not "no". */
export const automatedDecisionsNotStated: LintRule = {
  id: "automated-decisions-not-stated",
  check: ({ manifest, cite }) =>
    manifest.activities.some((a) => a.role !== "processor" && a.automated_decisions === undefined)
      ? [finding(
          "warning",
          cite("GDPR Art. 13(2)(f), 14(2)(g), 22", "ZZPL čl. 23(2)(6), 24(2)(7), 38"),
          ["activities"],
          "the manifest does not say, for every activity, whether solely automated decisions are made",
          "add automated_decisions: none (or the logic and significance) to each activity",
        )]
      : [],
};

export const sourceNotNamed: LintRule = {
  id: "source-not-named",
  check: ({ manifest, cite }) =>
    manifest.activities.flatMap((a, i): RawFinding[] =>
      a.source && a.source !== "subject" && !a.sources
        ? [finding(
            "error",
            cite("GDPR Art. 14(2)(f)", "ZZPL čl. 24(2)(6)"),
            ["activities", i, "source"],
            `activity "${a.id}" gets data from third parties without naming the source`,
            "add sources: where the data comes from (e.g. the client's employer, a credit bureau)",
          )]
        : [],
    ),
};

export const channelsMissing: LintRule = {
  id: "request-channels-missing",
  check: ({ manifest, cite }) =>
    manifest.rights && !manifest.rights.channels?.length
      ? [finding(
          "warning",
          cite("GDPR Art. 12(2)", "ZZPL čl. 21(2)"),
          ["rights"],
          "no channel is given for exercising rights",
          "add rights.channels (email, post, web_form, account...)",
        )]
      : [],
};

export const transparencyRules = [
  controllerIdentityMissing,
  dpoMissing,
  rightsMissing,
  complaintAuthorityMissing,
  sourceNotNamed,
  channelsMissing,
  automatedDecisionsNotStated,
];
