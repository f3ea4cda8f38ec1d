import type { LintReport } from "./types.ts";

/** Human-readable report: one finding per block, `file:line:col` first so editors can jump to it. */
export function formatReport(report: LintReport): string {
  const lines = report.findings.map(
    (f) => `${f.file}:${f.line}:${f.col}: ${f.severity} [${f.rule}] ${f.message}\n    law: ${f.article}\n    fix: ${f.hint}`,
  );
  const notes = report.findings.length - report.errors - report.warnings;
  const summary = `${report.errors} error(s), ${report.warnings} warning(s), ${notes} note(s)`;
  return [...lines, summary].join("\n");
}
