import { adequacyDecisionFor, transferStatus, type AdequacyCondition } from "../../law/index.ts";
import { transferDestinations } from "../../vendors/destinations.ts";
import type { LintRule, RawFinding } from "../types.ts";
import { finding } from "./finding.ts";

const conditionHint: Record<AdequacyCondition, string> = {
  dpf_certified: "state transfer.mechanism: dpf if the recipient is on the Data Privacy Framework list, otherwise scc",
  commercial: "state transfer.mechanism: adequacy if the recipient is a commercial organisation the decision covers, otherwise scc",
};

const conditionText: Record<AdequacyCondition, string> = {
  dpf_certified: "organisations certified under the EU-US Data Privacy Framework",
  commercial: "commercial organisations",
};

export const transferUnsafeguarded: LintRule = {
  id: "transfer-unsafeguarded",
  check: (ctx) =>
    transferDestinations(ctx.manifest).flatMap((d): RawFinding[] => {
      const status = transferStatus(ctx.law.code, d.country, d.mechanism);
      const note = status.note ? `: ${status.note}` : "";
      if (status.kind === "unsafeguarded") {
        const message = d.mechanism
          ? `data goes to ${d.country} (${d.who}), and the stated mechanism ${d.mechanism} does not cover ${d.country}${note}`
          : `data goes to ${d.country} (${d.who}), which has no adequacy decision, and no transfer mechanism is stated${note}`;
        return [finding(
          "error",
          status.article,
          d.path,
          message,
          "state transfer.mechanism: scc, bcr, or an Art. 49 derogation that really applies",
        )];
      }
      if (status.kind === "adequate_if_certified" && status.condition) {
        const scope = adequacyDecisionFor(d.country)?.note ?? conditionText[status.condition];
        return [finding(
          "warning",
          status.article,
          d.path,
          `${d.country}'s adequacy decision covers only part of its recipients (${scope}); `
            + `${d.who} is not stated to be one${note}`,
          conditionHint[status.condition],
        )];
      }
      return [];
    }),
};

export const transfersNotStated: LintRule = {
  id: "transfers-not-stated",
  check: ({ manifest, cite }) => {
    const stated =
      manifest.activities.some((a) => a.transfers !== undefined) ||
      (manifest.processors ?? []).some((p) => p.transfer !== undefined || p.locations !== undefined) ||
      (manifest.recipients ?? []).some((r) => r.transfer !== undefined);
    return stated
      ? []
      : [finding(
          "warning",
          cite("GDPR Art. 13(1)(f), 14(1)(f)", "ZZPL čl. 23(1)(6), 24(1)(6)"),
          ["activities"],
          "the manifest never says whether personal data leaves the EEA",
          "add transfers: none to activities that stay in the EEA, or list each transfer with its mechanism",
        )];
  },
};

export const processorLocationUnknown: LintRule = {
  id: "processor-location-unknown",
  check: ({ manifest, cite }) =>
    (manifest.processors ?? []).flatMap((p, i): RawFinding[] =>
      p.country || p.locations
        ? []
        : [finding(
            "warning",
            cite("GDPR Art. 13(1)(f), 30(1)(e)", "ZZPL čl. 23(1)(6), 47(1)(5)"),
            ["processors", i],
            `where "${p.name}" is established and processes data is not stated`,
            "add country (and locations) so transfers outside the EEA can be judged",
          )],
    ),
};

export const transferRules = [transferUnsafeguarded, transfersNotStated, processorLocationUnknown];
