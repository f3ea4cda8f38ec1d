import type { Command } from "commander";
import { checkManifestSystems, describeManualTask, describeProblem, findSubjectInSystems, type SchemaProblem } from "../../connectors/index.ts";
import { isRegistruError } from "../../errors.ts";
import type { Manifest } from "../../manifest/index.ts";
import { getOrganisation } from "../../organisations/index.ts";
import { ExitCode, type Io } from "../io.ts";
import { identitiesOf, withIdentityOptions, type IdentityOptions } from "../identity-options.ts";
import { withRuntime } from "../runtime.ts";


/** The organisation's own databases, as its manifest declares them under `systems`. */
export function registerSystemCommands(program: Command, io: Io) {
  const systems = program.command("systems").description("the organisation's databases and services that hold personal data");

  systems
    .command("check")
    .description("connect to each system and report missing tables, columns and indexes (exit 1 when something is wrong)")
    .requiredOption("--org <slug>", "organisation slug")
    .action(async (opts: { org: string }) => {
      const checks = await checkManifestSystems(await manifestOf(opts.org));
      for (const c of checks) {
        const status = c.status === "problems" ? `${c.problems.length} problem(s)` : c.status === "manual" ? "manual, nothing to connect to" : c.status.replace("_", " ");
        io.out(`${c.system} (${c.kind}): ${status}${c.message ? `: ${c.message}` : ""}`);
        printProblems(io, c.problems, io.out);
      }
      if (checks.some((c) => c.status !== "ok" && c.status !== "manual")) io.exit(ExitCode.findings);
    });

  withIdentityOptions(
    systems
      .command("find")
      .description("count a subject's rows per system.table (the data itself only with --show)")
      .requiredOption("--org <slug>", "organisation slug"),
  )
    .option("--show", "print the rows found, as JSON")
    .action(async (opts: IdentityOptions & { org: string; show?: boolean }) => {
      const identities = identitiesOf(opts);
      const manifest = await manifestOf(opts.org);
      let result;
      try {
        result = await findSubjectInSystems(manifest, Object.fromEntries(Object.entries(identities).filter(([, v]) => v)));
      } catch (e) {
        if (!isRegistruError(e) || e.code !== "connector_missing_index") throw e;
        io.err(`registru: ${e.message} [${e.code}]`);
        printProblems(io, (e.details as { problems: SchemaProblem[] }).problems, io.err);
        return io.exit(ExitCode.findings);
      }
      for (const [table, count] of Object.entries(result.counts)) io.out(`${table}\t${count}`);
      for (const r of result.remote.filter((r) => r.status === "accepted")) io.out(`${r.system}: accepted, the system will call back`);
      for (const task of result.manualTasks) io.out(`${task.system}: manual task, ${task.tables.length} table(s) for a person to search`);
      if (opts.show) {
        io.out(JSON.stringify(result.tables.map((t) => ({ system: t.system, table: t.table, fields: t.fields, rows: t.rows })), null, 2));
        for (const task of result.manualTasks) io.out(describeManualTask(task));
      }
    });
}

async function manifestOf(slug: string): Promise<Manifest> {
  const { version } = await withRuntime((rt) => getOrganisation(rt.ctx, slug));
  return version!.manifest as Manifest;
}

function printProblems(io: Io, problems: SchemaProblem[], print: (line: string) => void) {
  for (const p of problems) {
    print(`  ${describeProblem(p)}`);
    if (p.problem === "missing_index") print(`    hint: ${p.statement}`);
  }
}
