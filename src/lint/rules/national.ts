import type { ManifestPath } from "../../manifest/index.ts";
import type { LintRule, RawFinding } from "../types.ts";
import { finding } from "./finding.ts";

/** Every string of the manifest with its path, so citations are found wherever they are written. */
function* strings(value: unknown, path: ManifestPath = []): Generator<[string, ManifestPath]> {
  if (typeof value === "string") yield [value, path];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, [...path, i]);
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) yield* strings(v, [...path, k]);
}

/** S3-07: Law 677/2001 was repealed by Law 129/2018; citing it misinforms the subject. */
export const repealedLawCited: LintRule = {
  id: "repealed-law-cited",
  check: ({ manifest, law }) => {
    const findings: RawFinding[] = [];
    for (const [text, path] of strings(manifest)) {
      for (const repealed of law.repealedLaws) {
        if (text.search(repealed.citation) !== -1) {
          const current = [law.law.shortName, ...law.nationalLaws.slice(0, 1).map((l) => l.shortName)].join(" and ");
          findings.push(finding(
            "error",
            `${repealed.repealedBy} (repeals ${repealed.shortName})`,
            path,
            `cites ${repealed.shortName}, which has been repealed`,
            `cite ${current} instead`,
          ));
        }
      }
    }
    return findings;
  },
};

export const nationalRules = [repealedLawCited];
