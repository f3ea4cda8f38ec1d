import type { Command } from "commander";
import { textIn } from "../../manifest/index.ts";
import { listVendorAlerts, recordAccessEnded, syncVendorAlerts, VENDOR_TABLES, vendorRegister, vendorTable, type VendorTable } from "../../vendors/index.ts";
import { ExitCode, type Io } from "../io.ts";
import { withRuntime } from "../runtime.ts";
import { exportFormat, exportLanguage, exportOptionsHelp, oneOf, writeTable } from "./register-export.ts";

const ACTOR = "cli";
const orDash = (s: string | undefined) => s ?? "-";

/** Processors, sub-processors and transfers of the policy in force, their alerts, and the S4-04 access end. */
export function registerVendorCommands(program: Command, io: Io) {
  const vendors = program.command("vendors").description("processors, sub-processors and transfers (GDPR Art. 28, 44-49; ZZPL čl. 45, 63-69)");

  vendors
    .command("list")
    .description("the processors (or, with --transfers, the transfers) of the policy in force")
    .requiredOption("--org <slug>", "organisation slug")
    .option("--transfers", "list the transfers and their grounds instead")
    .action(async (opts: { org: string; transfers?: boolean }) => {
      const r = await withRuntime((rt) => vendorRegister(rt.ctx, opts.org));
      if (opts.transfers) {
        for (const t of r.transfers) io.out(`${t.country}\t${t.who}${t.activity ? ` (${t.activity})` : ""}\t${orDash(t.mechanism)}\t${t.status.kind}\t${t.status.article}\t${t.lawful ? "lawful" : "NOT LAWFUL"}`);
        return;
      }
      for (const p of r.processors) {
        const dpa = `DPA ${p.dpa.state}${p.dpa.signed ? ` signed ${p.dpa.signed}` : ""}${p.dpa.ends ? ` ends ${p.dpa.ends}` : ""}`;
        const terms = [p.dpa.breachNoticeHours !== undefined && `breach notice ${p.dpa.breachNoticeHours} h`, p.dpa.recordsWithinWorkingDays !== undefined && `records within ${p.dpa.recordsWithinWorkingDays} working days`].filter(Boolean).join(", ");
        io.out(`${p.id}\t${p.name}\t${orDash(p.country)}\t${dpa}${terms ? `\t${terms}` : ""}${p.subProcessors.length ? `\tsub-processors: ${p.subProcessors.join(", ")}` : ""}${p.accessEndedOn ? `\taccess ended ${p.accessEndedOn}` : ""}`);
        const service = textIn(p.service, r.languages[0] ?? "en");
        if (service) io.out(`\t${service}`);
      }
      for (const d of r.departed) io.out(`${d.id}\t${d.name}\tgone since ${d.goneOn}${d.accessEndedOn ? `\taccess ended ${d.accessEndedOn}` : ""}`);
    });

  vendors
    .command("alerts")
    .description("what needs attention today; exit 1 when any alert is serious")
    .requiredOption("--org <slug>", "organisation slug")
    .action(async (opts: { org: string }) => {
      const { alerts } = await withRuntime((rt) => listVendorAlerts(rt.ctx, opts.org));
      for (const a of alerts) io.out(`${a.severity}\t${a.kind}\t${a.message}\t${a.article}${a.dueOn ? `\tdue ${a.dueOn}` : ""}`);
      if (alerts.length === 0) io.err(`${opts.org}: no vendor alerts`);
      if (alerts.some((a) => a.severity === "error")) io.exit(ExitCode.findings);
    });

  vendors
    .command("end-access")
    .description("record that a processor's access to personal data was ended (S4-04)")
    .argument("<processor>", "processor id")
    .requiredOption("--org <slug>", "organisation slug")
    .requiredOption("--on <date>", "the day access was ended, YYYY-MM-DD")
    .option("--note <text>", "what was done (accounts disabled, data returned or destroyed)")
    .action(async (processor: string, opts: { org: string; on: string; note?: string }) => {
      const e = await withRuntime((rt) => recordAccessEnded(rt.ctx, opts.org, processor, { on: opts.on, ...(opts.note && { note: opts.note }) }, ACTOR));
      io.out(`${e.entryId}\t${processor}\taccess ended ${opts.on}`);
    });

  vendors
    .command("refresh")
    .description("store today's alerts now, as the nightly job does")
    .requiredOption("--org <slug>", "organisation slug")
    .action(async (opts: { org: string }) => {
      const s = await withRuntime((rt) => syncVendorAlerts(rt.ctx, opts.org, ACTOR));
      io.out(`${opts.org}: ${s.open} open, ${s.raised} raised, ${s.resolved} resolved`);
    });

  vendors
    .command("export")
    .description("a vendor register as CSV (UTF-8 with BOM), XLSX or PDF")
    .requiredOption("--org <slug>", "organisation slug")
    .option("--table <table>", VENDOR_TABLES.join(" | "), "processors")
    .option("--format <format>", exportOptionsHelp.format, "csv")
    .option("--lang <lang>", exportOptionsHelp.lang)
    .option("--out <file>", exportOptionsHelp.out)
    .action(async (opts: { org: string; table: string; format: string; lang?: string; out?: string }) => {
      const table = oneOf(opts.table, VENDOR_TABLES, "--table") as VendorTable;
      const format = exportFormat(opts.format, opts.out);
      const { register, alerts } = await withRuntime((rt) => listVendorAlerts(rt.ctx, opts.org));
      await writeTable(io, vendorTable(register, table, exportLanguage(opts.lang, register.languages), alerts), format, opts.out);
    });
}
