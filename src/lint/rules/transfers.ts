import { transferStatus } from "../../law/index.ts";
import type { ManifestPath } from "../../manifest/index.ts";
import type { LintContext, LintRule, RawFinding } from "../types.ts";

interface Destination {
  path: ManifestPath;
  who: string;
  country: string;
  mechanism: string | undefined;
}

/** Every place the manifest sends data: processors' locations, recipients, declared transfers. */
function destinations({ manifest }: LintContext): Destination[] {
  const processors = (manifest.processors ?? []).flatMap((p, i) =>
    (p.locations ?? (p.country ? [p.country] : [])).map((country) => ({ path: ["processors", i], who: p.name, country, mechanism: p.transfer?.mechanism })),
  );
  const recipients = (manifest.recipients ?? []).flatMap((r, i) =>
    r.country ? [{ path: ["recipients", i], who: r.id, country: r.country, mechanism: r.transfer?.mechanism }] : [],
  );
  const declared = manifest.activities.flatMap((a, i) =>
    Array.isArray(a.transfers)
      ? a.transfers.map((t, j) => {
          const via = [...(manifest.processors ?? []), ...(manifest.recipients ?? [])].find((r) => r.id === t.recipient);
          return { path: ["activities", i, "transfers", j], who: t.recipient ?? a.id, country: t.to, mechanism: t.mechanism ?? via?.transfer?.mechanism };
        })
      : [],
  );
  return [...processors, ...recipients, ...declared];
}

export const transferUnsafeguarded: LintRule = {
  id: "transfer-unsafeguarded",
  check: (ctx) =>
    destinations(ctx).flatMap((d): RawFinding[] => {
      const status = transferStatus(ctx.law.code, d.country, d.mechanism as never);
      if (status.kind === "unsafeguarded") {
        return [{
          severity: "error",
          article: status.article,
          path: d.path,
          message: `data goes to ${d.country} (${d.who}), which has no adequacy decision, and no transfer mechanism is stated`,
          hint: "state transfer.mechanism: scc, bcr, or an Art. 49 derogation that really applies",
        }];
      }
      if (status.kind === "adequate_if_certified") {
        return [{
          severity: "warning",
          article: status.article,
          path: d.path,
          message: `${d.country} is adequate only for certified organisations; ${d.who} is not stated to be certified`,
          hint: "state transfer.mechanism: dpf if the recipient is on the Data Privacy Framework list, otherwise scc",
        }];
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
      : [{
          severity: "warning",
          article: cite("GDPR Art. 13(1)(f), 14(1)(f)", "ZZPL čl. 23(1)(6), 24(1)(6)"),
          path: ["activities"],
          message: "the manifest never says whether personal data leaves the EEA",
          hint: "add transfers: none to activities that stay in the EEA, or list each transfer with its mechanism",
        }];
  },
};

export const processorLocationUnknown: LintRule = {
  id: "processor-location-unknown",
  check: ({ manifest, cite }) =>
    (manifest.processors ?? []).flatMap((p, i): RawFinding[] =>
      p.country || p.locations
        ? []
        : [{ severity: "warning", article: cite("GDPR Art. 13(1)(f), 30(1)(e)", "ZZPL čl. 23(1)(6), 47(1)(5)"), path: ["processors", i], message: `where "${p.name}" is established and processes data is not stated`, hint: "add country (and locations) so transfers outside the EEA can be judged" }],
    ),
};

export const transferRules = [transferUnsafeguarded, transfersNotStated, processorLocationUnknown];
