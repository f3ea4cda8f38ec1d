export { lintManifest } from "./engine.ts";
export { formatReport } from "./format.ts";
export { allRules } from "./rules/index.ts";
export type { Finding, LintReport, Severity } from "./types.ts";
