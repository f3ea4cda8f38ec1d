import type { Command } from "commander";
import { textIn } from "../../manifest/index.ts";
import { recordReview, REVIEW_OUTCOMES, reviewHistory, securityRegister, securityTable } from "../../security/index.ts";
import { ExitCode, type Io } from "../io.ts";
import { withRuntime } from "../runtime.ts";
import { exportFormat, exportLanguage, exportOptionsHelp, writeTable } from "./register-export.ts";

const ACTOR = "cli";

/** The security measures register: reviews, overdue alerts (S1-07), export. */
export function registerSecurityCommands(program: Command, io: Io) {
  const security = program.command("security").description("security measures and their periodic reviews (GDPR Art. 32(1)(d), ZZPL čl. 50)");

  security
    .command("list")
    .description("the measures of the policy in force with their last and next review; exit 1 when a review is overdue or missing")
    .requiredOption("--org <slug>", "organisation slug")
    .action(async (opts: { org: string }) => {
      const r = await withRuntime((rt) => securityRegister(rt.ctx, opts.org));
      for (const m of r.measures) {
        const last = m.lastReview ? `last ${m.lastReview.on} ${m.lastReview.outcome}` : "no review";
        io.out(`${m.id}\t${m.kind}\t${m.every ?? "-"}\t${last}\t${m.nextReview ? `next ${m.nextReview}` : "-"}\t${m.state}\t${textIn(m.measure, r.languages[0] ?? "en") ?? ""}`);
      }
      for (const a of r.alerts) io.err(`${a.kind}: ${a.message}`);
      if (r.alerts.length) io.exit(ExitCode.findings);
    });

  security
    .command("review")
    .description("record a test and evaluation of a measure; the next review falls due one period later")
    .argument("<measure>", "security measure id")
    .requiredOption("--org <slug>", "organisation slug")
    .requiredOption("--on <date>", "the day of the review, YYYY-MM-DD")
    .requiredOption("--reviewer <name>", "who reviewed it")
    .requiredOption("--outcome <outcome>", REVIEW_OUTCOMES.join(" | "))
    .option("--notes <text>", "what was tested and found")
    .action(async (measure: string, opts: { org: string; on: string; reviewer: string; outcome: string; notes?: string }) => {
      const review = { on: opts.on, reviewer: opts.reviewer, outcome: opts.outcome, ...(opts.notes && { notes: opts.notes }) };
      const m = await withRuntime((rt) => recordReview(rt.ctx, opts.org, measure, review, ACTOR));
      io.out(`${m.id}\treviewed ${m.lastReview?.on} (${m.lastReview?.outcome})\t${m.nextReview ? `next review ${m.nextReview}` : "no review period set"}`);
    });

  security
    .command("history")
    .description("every review of a measure, oldest first")
    .argument("<measure>", "security measure id")
    .requiredOption("--org <slug>", "organisation slug")
    .action(async (measure: string, opts: { org: string }) => {
      const reviews = await withRuntime((rt) => reviewHistory(rt.ctx, opts.org, measure));
      for (const r of reviews) io.out(`${r.on}\t${r.outcome}\t${r.reviewer}\trecorded ${r.recordedAt.toISOString()} by ${r.recordedBy}`);
      if (reviews.length === 0) io.err(`${measure}: no review recorded`);
    });

  security
    .command("export")
    .description("the security measures register as CSV (UTF-8 with BOM), XLSX or PDF")
    .requiredOption("--org <slug>", "organisation slug")
    .option("--format <format>", exportOptionsHelp.format, "csv")
    .option("--lang <lang>", exportOptionsHelp.lang)
    .option("--out <file>", exportOptionsHelp.out)
    .action(async (opts: { org: string; format: string; lang?: string; out?: string }) => {
      const format = exportFormat(opts.format, opts.out);
      const r = await withRuntime((rt) => securityRegister(rt.ctx, opts.org));
      await writeTable(io, securityTable(r, exportLanguage(opts.lang, r.languages)), format, opts.out);
    });
}
