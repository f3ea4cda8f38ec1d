import type { Command } from "commander";
import { fixedClock, systemClock } from "../../clock.ts";
import { RegistruError } from "../../errors.ts";
import { formatReport, lintManifest, type LintReport } from "../../lint/index.ts";
import { loadManifestFile } from "../../manifest/index.ts";
import { ExitCode, type Io } from "../io.ts";

export function registerLint(program: Command, io: Io) {
  program
    .command("lint")
    .description("check manifests against the GDPR, the ZZPL and national law")
    .argument("<files...>", "manifest files (registru.yaml)")
    .option("--format <format>", "text | json", "text")
    .option("--now <date>", "lint as of this date (ISO 8601), e.g. to see what falls due")
    .action(async (files: string[], opts: { format: string; now?: string }) => {
      if (opts.format !== "text" && opts.format !== "json") throw new RegistruError("invalid_arguments", "--format must be text or json", 400);
      if (opts.now && Number.isNaN(Date.parse(opts.now))) throw new RegistruError("invalid_arguments", `--now: "${opts.now}" is not an ISO 8601 date`, 400);
      const clock = opts.now ? fixedClock(opts.now) : systemClock;
      const reports: LintReport[] = [];
      for (const file of files) reports.push(lintManifest(await loadManifestFile(file), clock));
      if (opts.format === "json") io.out(JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2));
      else io.out(reports.map(formatReport).join("\n\n"));
      if (reports.some((r) => r.errors > 0)) io.exit(ExitCode.findings);
    });
}
