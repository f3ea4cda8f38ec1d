import type { Clock } from "../clock.ts";
import { RegistruError } from "../errors.ts";
import { lintManifest, type Finding } from "../lint/index.ts";
import { bannerRules, cookieBannerDesign } from "../lint/rules/cookies.ts";
import { parseManifest, type LoadedManifest, type Manifest } from "../manifest/index.ts";

/** A stored policy version as applied: its YAML gives the findings their lines and columns. */
export interface StoredPolicy {
  manifest: Manifest;
  source: string;
  sourceFile: string;
}

/** Stored versions are not re-validated (the schema may have grown since); without positions they still lint. */
function loaded(p: StoredPolicy): LoadedManifest {
  try {
    return { ...parseManifest(p.source, p.sourceFile), manifest: p.manifest };
  } catch {
    return { manifest: p.manifest, file: p.sourceFile, source: p.source, locate: () => ({ line: 0, col: 0 }) };
  }
}

/**
 * The EDPB Cookie Banner Taskforce list applied to the policy: what would make consent collected
 * by the banner invalid. Errors refuse the banner; so does a policy that lists optional cookies
 * without saying how consent to them is collected (a warning in lint, where the site may not use
 * Registru's banner; here it does).
 */
export function bannerFindings(p: StoredPolicy, clock: Clock): Finding[] {
  return lintManifest(loaded(p), clock, bannerRules).findings.filter((f) => f.severity === "error" || f.rule === cookieBannerDesign.id);
}

export function assertBannerAllowed(findings: Finding[]): void {
  if (findings.length === 0) return;
  throw new RegistruError(
    "banner_refused",
    `the cookie banner is not served: the policy in force breaks the EDPB cookie banner rules in ${findings.length} place(s); fix the manifest and apply it again`,
    409,
    { findings: findings.map(({ rule, severity, article, message, hint, path, line, col }) => ({ rule, severity, article, message, hint, path, line, col })) },
  );
}
