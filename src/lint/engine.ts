import type { Clock } from "../clock.ts";
import { lawFor } from "../law/index.ts";
import { formatPath, type LoadedManifest } from "../manifest/index.ts";
import { allRules } from "./rules/index.ts";
import type { Finding, LintContext, LintReport, LintRule } from "./types.ts";

const severityOrder = { error: 0, warning: 1, info: 2 } as const;

/** Checks a loaded manifest against the GDPR, the ZZPL and the national rules. */
export function lintManifest(loaded: LoadedManifest, clock: Clock, rules: readonly LintRule[] = allRules): LintReport {
  const { manifest } = loaded;
  const law = lawFor(manifest.organisation.jurisdiction);
  const ctx: LintContext = {
    manifest,
    law,
    now: clock.now(),
    cite: (gdpr, zzpl) => (law.regime === "ZZPL" ? zzpl : gdpr),
  };
  const findings: Finding[] = rules.flatMap((rule) =>
    rule.check(ctx).map(({ path, ...f }) => ({ rule: rule.id, ...f, path: formatPath(path), file: loaded.file, ...loaded.locate(path) })),
  );
  findings.sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity] || a.line - b.line || a.col - b.col);
  return {
    file: loaded.file,
    findings,
    errors: findings.filter((f) => f.severity === "error").length,
    warnings: findings.filter((f) => f.severity === "warning").length,
  };
}
