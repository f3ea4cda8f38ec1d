import { basename } from "node:path";
import type { Command } from "commander";
import { verifyAudit } from "../../audit/index.ts";
import { loadManifestFile } from "../../manifest/index.ts";
import { applyManifest, getOrganisation, listOrganisations } from "../../organisations/index.ts";
import { ExitCode, type Io } from "../io.ts";
import { withRuntime } from "../runtime.ts";

/** Commands that work on the configured database (PGlite directory or DATABASE_URL). */
export function registerDatabaseCommands(program: Command, io: Io) {
  program
    .command("migrate")
    .description("apply database migrations (start does this too)")
    .action(async () => {
      const kind = await withRuntime(async (rt) => rt.database.kind);
      io.out(`migrations applied (${kind})`);
    });

  program
    .command("apply")
    .description("store a manifest as the organisation's next policy version")
    .argument("<file>", "manifest file")
    .option("--org <slug>", "organisation slug (default: the file name)")
    .option("--by <name>", "who applies it, for the audit trail", process.env.USER ?? "cli")
    .action(async (file: string, opts: { org?: string; by: string }) => {
      const loaded = await loadManifestFile(file);
      const slug = opts.org ?? basename(file).replace(/\.ya?ml$/, "");
      const r = await withRuntime((rt) => applyManifest(rt.ctx, loaded, { slug, appliedBy: opts.by }));
      io.out(`${r.slug}: policy version ${r.version} ${r.created ? "stored" : "unchanged (same content)"}; lint: ${r.errors} error(s), ${r.warnings} warning(s)`);
    });

  program
    .command("orgs")
    .description("list organisations and their policy version in force")
    .action(async () => {
      await withRuntime(async (rt) => {
        for (const t of await listOrganisations(rt.ctx)) {
          const { version } = await getOrganisation(rt.ctx, t.slug);
          io.out(`${t.slug}\t${t.jurisdiction}\tv${version?.version ?? "-"}\t${t.name}`);
        }
      });
    });

  program
    .command("audit")
    .description("audit trail")
    .command("verify")
    .description("recompute an organisation's hash chain and report the first broken entry")
    .argument("<org>", "organisation slug")
    .action(async (slug: string) => {
      const result = await withRuntime(async (rt) => {
        const { tenant } = await getOrganisation(rt.ctx, slug);
        return verifyAudit(rt.ctx.db, tenant.tenantId);
      });
      if (result.ok) return io.out(`${slug}: audit trail intact (${result.count} entries)`);
      io.err(`${slug}: audit trail broken at entry ${result.brokenAt}`);
      io.exit(ExitCode.findings);
    });

}
