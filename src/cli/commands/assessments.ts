import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { parse } from "yaml";
import {
  AssessmentFileInvalid,
  assessmentRegister,
  assessmentsTable,
  createAssessment,
  formatFileProblem,
  getAssessment,
  parseAssessmentFile,
  screeningTable,
  screenOrganisation,
  updateAssessment,
  type AssessmentFile,
} from "../../assessments/index.ts";
import { isRegistruError, RegistruError } from "../../errors.ts";
import { ExitCode, type Io } from "../io.ts";
import { withRuntime } from "../runtime.ts";
import { exportFormat, exportLanguage, exportOptionsHelp, oneOf, writeTable } from "./register-export.ts";

const ACTOR = "cli";

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch {
    throw new RegistruError("file_unreadable", `cannot read ${file}`, 400);
  }
}

/** Shape errors and the policy's own objections (unknown activity, measure) both point at the file's line and column. */
async function withFile(io: Io, path: string, run: (file: AssessmentFile) => Promise<void>) {
  let file: AssessmentFile;
  try {
    file = parseAssessmentFile(await readText(path), path);
  } catch (e) {
    if (!(e instanceof AssessmentFileInvalid)) throw e;
    e.problems.forEach((p) => io.err(formatFileProblem(p)));
    return io.exit(ExitCode.badInput);
  }
  try {
    await run(file);
  } catch (e) {
    const issues = isRegistruError(e) && e.code === "invalid_dpia" ? (e.details as Array<{ path: string; message: string }>) : undefined;
    if (!issues) throw e;
    issues.forEach((i) => io.err(formatFileProblem(file.problemAt(i.path, i.message))));
    io.exit(ExitCode.badInput);
  }
}

/** DPIA screening (S1-09) and the DPIA register. */
export function registerAssessmentCommands(program: Command, io: Io) {
  const dpia = program.command("dpia").description("data protection impact assessments (GDPR Art. 35-36, ZZPL čl. 54-55)");

  dpia
    .command("screen")
    .description("screen every activity of the policy in force: DPIA required, recommended or not required, with the criteria met")
    .requiredOption("--org <slug>", "organisation slug")
    .option("--answers <file>", "YAML: { activity id: { large_scale: true, public_area: false, ... } } for what the manifest cannot say")
    .action(async (opts: { org: string; answers?: string }) => {
      const answers = opts.answers ? parseYaml(await readText(opts.answers), opts.answers) : {};
      const s = await withRuntime((rt) => screenOrganisation(rt.ctx, opts.org, answers));
      for (const a of s.activities) {
        const criteria = a.criteria.map((c) => c.criterion).join(", ") || "no criterion met";
        io.out(`${a.activity}\t${a.result}\t${criteria}\t${a.citations.join("; ") || "-"}${a.assessment ? `\t${a.assessment.entryId} (${a.assessment.status})` : ""}`);
        if (a.questions.length) io.out(`\tto answer: ${a.questions.join(", ")}`);
      }
    });

  dpia
    .command("create")
    .description("record an assessment from a YAML file in the API's shape; errors are reported as file:line:col")
    .argument("<file>", "YAML: activity, description, necessity, proportionality, risks, measures, dpo_opinion, prior_consultation, review_on")
    .requiredOption("--org <slug>", "organisation slug")
    .action(async (path: string, opts: { org: string }) => {
      await withFile(io, path, async (file) => {
        const e = await withRuntime((rt) => createAssessment(rt.ctx, opts.org, file.value, ACTOR));
        io.out(`${e.entryId}\t${e.data.activity}\t${e.status}\treview on ${e.data.review_on}`);
      });
    });

  dpia
    .command("update")
    .description("replace an assessment from a YAML file; --revision is the one you read (a newer one is a conflict)")
    .argument("<id>", "assessment id, e.g. dpia-2026-001")
    .argument("<file>", "YAML in the same shape as for create")
    .requiredOption("--org <slug>", "organisation slug")
    .requiredOption("--revision <n>", "the revision the file was based on")
    .action(async (id: string, path: string, opts: { org: string; revision: string }) => {
      const revision = Number(opts.revision);
      if (!Number.isInteger(revision) || revision < 1) throw new RegistruError("invalid_arguments", "--revision must be a whole number from 1", 400);
      await withFile(io, path, async (file) => {
        const e = await withRuntime((rt) => updateAssessment(rt.ctx, opts.org, id, revision, file.value, ACTOR));
        io.out(`${e.entryId}\trevision ${e.revision}\t${e.status}`);
      });
    });

  dpia
    .command("list")
    .description("the DPIA register, the soonest review first")
    .requiredOption("--org <slug>", "organisation slug")
    .action(async (opts: { org: string }) => {
      const r = await withRuntime((rt) => assessmentRegister(rt.ctx, opts.org));
      for (const v of r.assessments) {
        io.out(`${v.entryId}\t${v.assessment.activity}\t${v.status}\tresidual risk ${v.residualRisk}\tprior consultation ${v.priorConsultationRequired ? "required" : "not required"}\treview on ${v.assessment.review_on}${v.reviewOverdue ? " (overdue)" : ""}`);
      }
      if (r.assessments.length === 0) io.err(`${opts.org}: no assessments`);
    });

  dpia
    .command("show")
    .description("one assessment with its risks and timeline")
    .argument("<id>", "assessment id, e.g. dpia-2026-001")
    .requiredOption("--org <slug>", "organisation slug")
    .action(async (id: string, opts: { org: string }) => {
      const v = await withRuntime((rt) => getAssessment(rt.ctx, opts.org, id));
      io.out(`${v.entryId}\trevision ${v.revision}\t${v.assessment.activity}\t${v.status}\treview on ${v.assessment.review_on}`);
      v.assessment.risks.forEach((r, i) => io.out(`risk ${i + 1}\t${v.risks[i]!.level} → ${v.risks[i]!.residualLevel}\t${r.risk}`));
      io.out(`residual risk ${v.residualRisk}; prior consultation ${v.priorConsultationRequired ? "required" : "not required"} (${v.articles.priorConsultation})`);
      for (const e of v.timeline) io.out(`${e.seq}\t${e.at.toISOString()}\t${e.actor}\t${e.kind}`);
    });

  dpia
    .command("export")
    .description("the DPIA register (or the screening) as CSV (UTF-8 with BOM), XLSX or PDF")
    .requiredOption("--org <slug>", "organisation slug")
    .option("--what <what>", "register | screening", "register")
    .option("--format <format>", exportOptionsHelp.format, "csv")
    .option("--lang <lang>", exportOptionsHelp.lang)
    .option("--out <file>", exportOptionsHelp.out)
    .action(async (opts: { org: string; what: string; format: string; lang?: string; out?: string }) => {
      const what = oneOf(opts.what, ["register", "screening"] as const, "--what");
      const format = exportFormat(opts.format, opts.out);
      const doc = await withRuntime(async (rt) => {
        if (what === "screening") {
          const s = await screenOrganisation(rt.ctx, opts.org);
          return screeningTable(s, exportLanguage(opts.lang, s.languages));
        }
        const r = await assessmentRegister(rt.ctx, opts.org);
        return assessmentsTable(r, exportLanguage(opts.lang, r.languages));
      });
      await writeTable(io, doc, format, opts.out);
    });
}

function parseYaml(source: string, file: string): unknown {
  try {
    return parse(source, { uniqueKeys: true });
  } catch (e) {
    const pos = (e as { linePos?: Array<{ line: number; col: number }> }).linePos?.[0] ?? { line: 1, col: 1 };
    throw new RegistruError("invalid_answers", `${file}:${pos.line}:${pos.col}: YAML: ${(e instanceof Error ? e.message : String(e)).split("\n")[0]}`, 400);
  }
}
