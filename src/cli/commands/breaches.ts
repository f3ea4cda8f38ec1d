import { readFile, writeFile } from "node:fs/promises";
import type { Command } from "commander";
// pdfkit and exceljs load only when a PDF or XLSX is made: importing the register is light.
import {
  assessRisk,
  AUTHORITY_FORMATS,
  authorityDocument,
  BreachFileInvalid,
  breachClock,
  breachDetailJson,
  breachTimeline,
  createBreach,
  exportBreachRegister,
  formatFileProblem,
  formatSpan,
  getBreach,
  LETTER_FORMATS,
  letterDocument,
  listBreaches,
  NOTIFICATION_PHASES,
  notifyBreach,
  readBreachFile,
  renderAuthorityPdf,
  renderLetter,
  type BreachClock,
  type StoredBreach,
} from "../../breaches/index.ts";
import { fixedClock, systemClock, type Clock } from "../../clock.ts";
import { tableFormats } from "../../documents/table-export.ts";
import { RegistruError } from "../../errors.ts";
import { vocabulary } from "../../manifest/index.ts";
import { ExitCode, type Io } from "../io.ts";
import { withRuntime } from "../runtime.ts";

interface Common {
  org: string;
  now?: string;
}

const clockOf = (now?: string): Clock => {
  if (now === undefined) return systemClock;
  if (Number.isNaN(Date.parse(now))) throw new RegistruError("invalid_arguments", "--now must be a date and time such as 2026-11-23T10:00:00+02:00", 400);
  return fixedClock(now);
};

function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new RegistruError("invalid_arguments", `${option} must be one of ${allowed.join(", ")}`, 400);
}

/** "authority due … (15h 15m left)" or "(overdue by …)", and the processor's window while it runs. */
function deadlineText(c: BreachClock): string {
  const a = c.authority;
  const parts: string[] = [];
  if (a.state === "open") parts.push(`authority due ${a.due.toISOString()} (${formatSpan(a.msLeft)} left)`);
  else if (a.state === "overdue") parts.push(`authority due ${a.due.toISOString()} (overdue by ${formatSpan(a.msLeft)})`);
  else if (a.state === "not_required") parts.push("authority: not required");
  else parts.push(`authority notified ${a.notifiedAt!.toISOString()}${a.state === "late" ? ` (${formatSpan(a.msLeft)} late)` : ""}`);
  const p = c.processor;
  if (p?.state === "open") parts.push(`processor ${p.processor} due ${p.due!.toISOString()} (${formatSpan(p.msLeft!)} left)`);
  else if (p?.state === "overdue") parts.push(`processor ${p.processor} overdue by ${formatSpan(p.msLeft!)}`);
  else if (p?.state === "met" || p?.state === "missed") parts.push(`processor ${p.processor} window of ${p.windowHours} h ${p.state}`);
  return parts.join("; ");
}

const riskOf = (e: StoredBreach) => (e.data.risk ? assessRisk(e.data.risk).level : "-");

async function emit(io: Io, body: string | Buffer, out: string | undefined) {
  if (out) {
    await writeFile(out, body);
    io.out(`written ${out} (${body.length} bytes)`);
    return;
  }
  if (typeof body !== "string") throw new RegistruError("invalid_arguments", "binary formats need --out <file>", 400);
  io.out(body.trimEnd());
}

/** The breach register: record from a YAML file, list with time left, show, record notifications, documents, export. */
export function registerBreachCommands(program: Command, io: Io) {
  const breach = program.command("breach").description("the breach register (GDPR Art. 33-34, ZZPL čl. 52-53): 72-hour clock, notifications, documents");
  const withOrg = (c: Command) => c.requiredOption("--org <slug>", "organisation slug").option("--now <instant>", "count the clocks from this instant instead of now (ISO 8601 with offset)");

  withOrg(breach.command("create"))
    .description("record a breach from a YAML file in the API's shape; problems are reported as file:line:col")
    .argument("<file>", "YAML file: title, description, aware_at, occurred_at, detection, nature, data_categories, ...")
    .action(async (file: string, opts: Common) => {
      let source: string;
      try {
        source = await readFile(file, "utf8");
      } catch {
        throw new RegistruError("file_unreadable", `cannot read ${file}`, 400);
      }
      try {
        const { value, explain } = readBreachFile(source, file);
        const created = await withRuntime((rt) => createBreach(rt.ctx, opts.org, value, "cli").catch((e) => Promise.reject(explain(e))), { clock: clockOf(opts.now) });
        io.out(`${created.entryId}\t${created.status}\t${deadlineText(breachClock(created.data, clockOf(opts.now)))}`);
      } catch (e) {
        if (!(e instanceof BreachFileInvalid)) throw e;
        for (const p of e.problems) io.err(formatFileProblem(p));
        io.exit(ExitCode.badInput);
      }
    });

  withOrg(breach.command("list"))
    .description("the register, the nearest open deadline first, with time left or overdue")
    .action(async (opts: Common) => {
      const clock = clockOf(opts.now);
      const rows = await withRuntime((rt) => listBreaches(rt.ctx, opts.org), { clock });
      if (rows.length === 0) io.err(`${opts.org}: no breaches recorded`);
      for (const e of rows) io.out(`${e.entryId}\t${e.status}\trisk ${riskOf(e)}\t${deadlineText(breachClock(e.data, clock))}\t${e.data.title}`);
    });

  withOrg(breach.command("show"))
    .description("one breach: its clocks, assessment and timeline")
    .argument("<id>", "breach id, e.g. breach-2026-001")
    .option("--json", "the whole entry as JSON")
    .action(async (id: string, opts: Common & { json?: boolean }) => {
      const clock = clockOf(opts.now);
      const [e, timeline] = await withRuntime(async (rt) => Promise.all([getBreach(rt.ctx, opts.org, id), breachTimeline(rt.ctx, opts.org, id)]), { clock });
      if (opts.json) {
        io.out(JSON.stringify(breachDetailJson(e, timeline, clock), null, 2));
        return;
      }
      io.out(`${e.entryId}\t${e.status}\trevision ${e.revision}\trisk ${riskOf(e)}\t${e.data.title}`);
      io.out(`aware ${e.data.aware_at}\t${deadlineText(breachClock(e.data, clock))}`);
      for (const t of timeline) io.out(`${t.seq}\t${t.at.toISOString()}\t${t.actor}\t${t.kind}`);
    });

  withOrg(breach.command("notify"))
    .description("record a notification sent to the authority (in phases) or to the subjects")
    .argument("<id>", "breach id")
    .requiredOption("--to <whom>", "authority | subjects")
    .option("--phase <phase>", `authority: ${NOTIFICATION_PHASES.join(" | ")}`)
    .option("--channel <channel>", "authority: online_form | email | post | in_person | other; subjects: email | sms | letter | phone | in_app | public_communication | other")
    .option("--reference <ref>", "the authority's registration number")
    .option("--count <n>", "subjects: how many were told")
    .option("--at <instant>", "when it was sent (default: now)")
    .option("--delay-reason <text>", "why the authority is notified after 72 hours (S1-08)")
    .action(async (id: string, opts: Common & { to: string; phase?: string; channel?: string; reference?: string; count?: string; at?: string; delayReason?: string }) => {
      const to = oneOf(opts.to, ["authority", "subjects"] as const, "--to");
      const body =
        to === "authority"
          ? { to, phase: opts.phase, channel: opts.channel, ...(opts.reference && { reference: opts.reference }), ...(opts.at && { at: opts.at }), ...(opts.delayReason && { delay_reason: opts.delayReason }) }
          : { to, channel: opts.channel, count: opts.count === undefined ? undefined : Number(opts.count), ...(opts.at && { at: opts.at }) };
      const clock = clockOf(opts.now);
      const { breach: e, event } = await withRuntime((rt) => notifyBreach(rt.ctx, opts.org, id, body, "cli"), { clock });
      io.out(`${e.entryId}\t${e.status}\t${event.kind}\t${deadlineText(breachClock(e.data, clock))}`);
    });

  withOrg(breach.command("document"))
    .description("the notification to the authority (json | pdf) or the letter to the subjects (--letter <lang>: txt | pdf)")
    .argument("<id>", "breach id")
    .option("--letter <lang>", "the letter to the subjects in ro | sr | sr-Cyrl | en, instead of the authority's notification")
    .option("--lang <lang>", "the notification's language (default: the authority's)")
    .option("--phase <phase>", `the notification's phase: ${NOTIFICATION_PHASES.join(" | ")} (default: the next one)`)
    .option("--format <format>", "json | pdf for the notification, txt | pdf for a letter")
    .option("--out <file>", "write to a file (required for pdf)")
    .action(async (id: string, opts: Common & { letter?: string; lang?: string; phase?: string; format?: string; out?: string }) => {
      const clock = clockOf(opts.now);
      if (opts.letter) {
        const lang = oneOf(opts.letter, vocabulary.languages, "--letter");
        const format = oneOf(opts.format ?? "txt", LETTER_FORMATS, "--format");
        const letter = await withRuntime((rt) => letterDocument(rt.ctx, opts.org, id, lang), { clock });
        return emit(io, await renderLetter(letter, format), opts.out);
      }
      const format = oneOf(opts.format ?? "json", AUTHORITY_FORMATS, "--format");
      const lang = opts.lang === undefined ? undefined : oneOf(opts.lang, vocabulary.languages, "--lang");
      const phase = opts.phase === undefined ? undefined : oneOf(opts.phase, NOTIFICATION_PHASES, "--phase");
      const form = await withRuntime((rt) => authorityDocument(rt.ctx, opts.org, id, { lang, phase }), { clock });
      return emit(io, format === "json" ? JSON.stringify(form, null, 2) : await renderAuthorityPdf(form), opts.out);
    });

  withOrg(breach.command("export"))
    .description("the register of all breaches (Art. 33(5): facts, effects, remedial action)")
    .option("--format <format>", "csv | xlsx | pdf", "csv")
    .option("--lang <lang>", "ro | sr | sr-Cyrl | en (default: the organisation's first language)")
    .option("--delimiter <char>", "csv field separator (default: ',')")
    .option("--out <file>", "write to a file (required for xlsx and pdf)")
    .action(async (opts: Common & { format: string; lang?: string; delimiter?: string; out?: string }) => {
      const format = oneOf(opts.format, tableFormats, "--format");
      const lang = opts.lang === undefined ? undefined : oneOf(opts.lang, vocabulary.languages, "--lang");
      if (opts.delimiter !== undefined && ([...opts.delimiter].length !== 1 || /["\r\n]/.test(opts.delimiter))) {
        throw new RegistruError("invalid_arguments", "--delimiter must be one character such as , or ;", 400);
      }
      const body = await withRuntime((rt) => exportBreachRegister(rt.ctx, opts.org, format, { lang, delimiter: opts.delimiter }), { clock: clockOf(opts.now) });
      await emit(io, body, opts.out);
    });
}
