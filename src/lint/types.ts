import type { Jurisdiction } from "../law/index.ts";
import type { LoadedManifest, Manifest, ManifestPath } from "../manifest/index.ts";

export type Severity = "error" | "warning" | "info";

/** What a rule reports; the engine adds the rule id and the source position. */
export interface RawFinding {
  severity: Severity;
  article: string;
  path: ManifestPath;
  message: string;
  hint: string;
}

export interface Finding extends Omit<RawFinding, "path"> {
  rule: string;
  path: string;
  file: string;
  line: number;
  col: number;
}

export interface LintContext {
  manifest: Manifest;
  law: Jurisdiction;
  now: Date;
  /** Cites the GDPR article, or the ZZPL one for Serbian organisations. */
  cite(gdpr: string, zzpl: string): string;
}

export interface LintRule {
  id: string;
  check(ctx: LintContext): RawFinding[];
}

export interface LintReport {
  file: string;
  findings: Finding[];
  errors: number;
  warnings: number;
}

export type { LoadedManifest };
