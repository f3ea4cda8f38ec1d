import type { Command } from "commander";
import { auditPeriod, auditTable, canonicalJson, searchAudit, type AuditFilter } from "../../audit/index.ts";
import type { Manifest } from "../../manifest/index.ts";
import { getOrganisation } from "../../organisations/index.ts";
import type { Io } from "../io.ts";
import { withRuntime } from "../runtime.ts";
import { exportFormat, exportLanguage, exportOptionsHelp, writeTable } from "./register-export.ts";

interface FilterOptions {
  actor?: string;
  action?: string;
  entity?: string;
  entityId?: string;
  from?: string;
  to?: string;
}

const withFilters = (c: Command) =>
  c
    .option("--from <when>", "from this date (UTC) or instant, inclusive")
    .option("--to <when>", "up to this date (the whole day) or instant, exclusive")
    .option("--actor <actor>", "apikey:<id>, staff:<email>, subject, cli…; a trailing * matches a prefix")
    .option("--action <action>", "e.g. personal_data.viewed, breach.*")
    .option("--entity <entity>", "e.g. policy_version, breach")
    .option("--entity-id <id>", "one entity");

const filterOf = (o: FilterOptions): AuditFilter => ({ actor: o.actor, action: o.action, entity: o.entity, entityId: o.entityId, ...auditPeriod(o.from, o.to) });

/** `registru audit list|export`: search the trail and hand it to an auditor (S1-07, S4-20); `audit verify` sits with the database commands. */
export function registerAuditCommands(program: Command, io: Io) {
  const audit = program.commands.find((c) => c.name() === "audit") ?? program.command("audit").description("audit trail");

  withFilters(
    audit
      .command("list")
      .description("the audit trail's entries, newest first (tab-separated: seq, time, actor, action, entity, entity id, details)")
      .requiredOption("--org <slug>", "organisation slug")
      .option("--limit <n>", "at most this many entries", "100"),
  ).action(async (opts: FilterOptions & { org: string; limit: string }) => {
    const filter = filterOf(opts);
    const limit = Number.parseInt(opts.limit, 10);
    const page = await withRuntime(async (rt) => {
      const { tenant } = await getOrganisation(rt.ctx, opts.org);
      return searchAudit(rt.ctx.db, tenant.tenantId, filter, { limit: Number.isFinite(limit) ? limit : 100 });
    });
    for (const e of page.entries) io.out([e.seq, e.at.toISOString(), e.actor, e.action, e.entity, e.entityId, canonicalJson(e.details)].join("\t"));
    if (page.next !== null) io.err(`more entries before ${page.next}: narrow the period or raise --limit`);
  });

  withFilters(
    audit
      .command("export")
      .description("the audit trail over a period as CSV (UTF-8 with BOM), XLSX or PDF, oldest first, with the chain's verification")
      .requiredOption("--org <slug>", "organisation slug")
      .option("--format <format>", exportOptionsHelp.format, "csv")
      .option("--lang <lang>", exportOptionsHelp.lang)
      .option("--out <file>", exportOptionsHelp.out),
  ).action(async (opts: FilterOptions & { org: string; format: string; lang?: string; out?: string }) => {
    const format = exportFormat(opts.format, opts.out);
    const filter = filterOf(opts);
    const doc = await withRuntime(async (rt) => {
      const { tenant, version } = await getOrganisation(rt.ctx, opts.org);
      const lang = exportLanguage(opts.lang, (version?.manifest as Manifest | undefined)?.organisation.languages ?? []);
      return auditTable(rt.ctx.db, { tenantId: tenant.tenantId, name: tenant.name }, filter, { lang, format, now: rt.ctx.clock.now() });
    });
    await writeTable(io, doc, format, opts.out);
  });
}
