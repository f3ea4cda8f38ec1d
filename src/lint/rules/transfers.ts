import { adequacyDecisionFor, transferStatus, type AdequacyCondition, type TransferMechanism } from "../../law/index.ts";
import type { ManifestPath } from "../../manifest/index.ts";
import type { LintContext, LintRule, RawFinding } from "../types.ts";
import { finding } from "./finding.ts";

interface Destination {
  path: ManifestPath;
  who: string;
  country: string;
  mechanism: TransferMechanism | undefined;
}

/**
 * Every place the manifest sends data. A processor is checked for where it is established and
 * for where it stores data: staff reaching the data remotely from its home country is a transfer
 * too (EDPB Guidelines 05/2021), so OVH's Canadian parent counts even with servers in Germany.
 */
function destinations({ manifest }: LintContext): Destination[] {
  const parties = [...(manifest.processors ?? []), ...(manifest.recipients ?? [])];
  const processors = (manifest.processors ?? []).flatMap((p, i) => {
    const mechanism = p.transfer?.mechanism;
    const places: [string, ManifestPath][] = [
      ...(p.country ? [[p.country, ["processors", i, "country"]] as [string, ManifestPath]] : []),
      ...(p.locations ?? []).map((c, j): [string, ManifestPath] => [c, ["processors", i, "locations", j]]),
    ];
    const seen = new Set<string>();
    return places.flatMap(([country, path]) => {
      if (seen.has(country)) return [];
      seen.add(country);
      return [{ path, who: p.name, country, mechanism }];
    });
  });
  const recipients = (manifest.recipients ?? []).flatMap((r, i) =>
    r.country ? [{ path: ["recipients", i], who: r.id, country: r.country, mechanism: r.transfer?.mechanism }] : [],
  );
  const declared = manifest.activities.flatMap((a, i) =>
    Array.isArray(a.transfers)
      ? a.transfers.map((t, j) => {
          const via = parties.find((r) => r.id === t.recipient);
          const mechanism = t.mechanism ?? via?.transfer?.mechanism;
          return { path: ["activities", i, "transfers", j], who: t.recipient ?? a.id, country: t.to, mechanism };
        })
      : [],
  );
  // A cookie's provider receives what the cookie collects; its mechanism is the matching party's, if listed.
  // A provider already checked for that country as a processor or recipient is not reported twice.
  const checked = new Set([...processors, ...recipients].map((d) => `${d.who}|${d.country}`));
  const cookies = (manifest.cookies ?? []).flatMap((c, i) => {
    if (!c.country) return [];
    const via = parties.find((r) => r.id === c.provider || r.name === c.provider);
    const names = via ? [via.id, typeof via.name === "string" ? via.name : via.id] : [];
    if (names.some((n) => checked.has(`${n}|${c.country}`))) return [];
    const who = `${c.provider}, cookie "${c.name}"`;
    return [{ path: ["cookies", i, "country"], who, country: c.country, mechanism: via?.transfer?.mechanism }];
  });
  return [...processors, ...recipients, ...declared, ...cookies];
}

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
    destinations(ctx).flatMap((d): RawFinding[] => {
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
