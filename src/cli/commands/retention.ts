import cliProgress from "cli-progress";
import type { Command } from "commander";
import { fixedClock } from "../../clock.ts";
import { RegistruError } from "../../errors.ts";
import {
  createHold,
  getHold,
  holdLastDay,
  holdStatus,
  listHolds,
  listRuns,
  planRetention,
  releaseHold,
  runRetention,
  scheduleOf,
  setProceedingsEnd,
  setSchedule,
  type LegalHold,
  type RetentionOptions,
} from "../../retention/index.ts";
import { evidenceLines, notEnforceableLines, totals } from "../../retention/report.ts";
import { getEntry } from "../../registers/index.ts";
import { retentionRunKind } from "../../retention/runs.ts";
import { localDate } from "../../law/index.ts";
import type { StoredEntry } from "../../registers/index.ts";
import type { Io } from "../io.ts";
import { identitiesOf, withIdentityOptions, type IdentityOptions } from "../identity-options.ts";
import { withRuntime } from "../runtime.ts";

const ACTOR = "cli";

function parseNow(value: string | undefined, { past }: { past: boolean }): Date | undefined {
  if (value === undefined) return undefined;
  const now = new Date(value);
  if (Number.isNaN(now.getTime())) throw new RegistruError("invalid_now", "--now must be a date and time, e.g. 2026-11-23T10:00:00Z", 400);
  // A run dated in the future would delete what is not yet due.
  if (past && now.getTime() > Date.now() + 60_000) throw new RegistruError("retention_now_in_future", "a run cannot be dated in the future; --now must not be later than now", 400);
  return now;
}

function parseBatchSize(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new RegistruError("invalid_batch_size", "--batch-size must be a whole number from 1 to 100000", 400);
  return n;
}

/** A progress bar per table on a terminal (stderr); nothing elsewhere, so pipes and logs stay clean. */
function progress(): Pick<RetentionOptions, "onProgress" | "countTotals"> & { stop(): void } {
  if (!process.stderr.isTTY) return { stop: () => undefined };
  const bar = new cliProgress.SingleBar({ format: "{table} [{bar}] {value}/{total} expired rows", stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic);
  let current = "";
  return {
    countTotals: true,
    onProgress: ({ table, rows, total }) => {
      if (table !== current) {
        if (current) bar.stop();
        current = table;
        bar.start(total ?? rows, 0, { table });
      }
      bar.update(rows, { table });
    },
    stop: () => current && bar.stop(),
  };
}

function printHold(io: Io, h: StoredEntry<LegalHold>, today: string) {
  const target = h.data.subject ? `subject (${Object.keys(h.data.subject).join(", ")})` : `record ${h.data.record!.system}.${h.data.record!.table}`;
  const last = holdLastDay(h.data);
  const until = last ? `until ${last}` : h.data.keep ? `${h.data.keep} after the proceedings end (not yet known)` : "until released";
  io.out(`${h.entryId}\t${holdStatus(h.data, today)}\t${target}\t${until}`);
}

function holdInput(opts: HoldOptions): Record<string, unknown> {
  const subject = identitiesOf(opts);
  const record = opts.record && /^([^.]+)\.([^:]+):(.+)$/.exec(opts.record);
  if (opts.record && !record) throw new RegistruError("invalid_record", "--record must be system.table:primary-key", 400);
  return {
    ...(Object.keys(subject).length > 0 && { subject }),
    ...(record && { record: { system: record[1], table: record[2], key: record[3] } }),
    reason: opts.reason,
    ...(opts.until && { until: opts.until }),
    ...(opts.keep && { keep: opts.keep }),
    ...(opts.ends && { ends: opts.ends }),
  };
}

interface HoldOptions extends IdentityOptions {
  org: string;
  reason: string;
  record?: string;
  until?: string;
  keep?: string;
  ends?: string;
}

/** Retention: the dry run, the run (resumable), the runs' evidence, legal holds and the daily schedule. */
export function registerRetentionCommands(program: Command, io: Io) {
  const retention = program.command("retention").description("retention rules enforced on the organisation's databases, with legal holds");

  retention
    .command("plan")
    .description("dry run: per table, how many rows expire and why, and how many are held (counts only)")
    .requiredOption("--org <slug>", "organisation slug")
    .option("--now <instant>", "plan as of this date and time (default: now)")
    .option("--json", "print the plan as JSON")
    .action(async (opts: { org: string; now?: string; json?: boolean }) => {
      const now = parseNow(opts.now, { past: false });
      const bar = progress();
      const plan = await withRuntime((rt) => planRetention(rt.ctx, opts.org, { now, ...bar })).finally(() => bar.stop());
      if (opts.json) return io.out(JSON.stringify(plan, null, 2));
      io.out(`${opts.org}: retention plan for ${plan.today} (${plan.timeZone}), policy version ${plan.policyVersion}, ${plan.holds} active legal hold(s)`);
      evidenceLines(plan.tables, "plan").forEach((l) => io.out(l));
      notEnforceableLines(plan.notEnforceable).forEach((l) => io.out(l));
      plan.notes.forEach((n) => io.out(`${n.system}.${n.table}: ${n.note}`));
    });

  retention
    .command("run")
    .description("delete or anonymise what has expired, in batches; resumes the last run if it did not finish")
    .requiredOption("--org <slug>", "organisation slug")
    .option("--now <instant>", "date a new run earlier than now (never later)")
    .option("--batch-size <n>", "primary keys per transaction (default 1000)")
    .option("--new", "start a new run even if the last one did not finish")
    .action(async (opts: { org: string; now?: string; batchSize?: string; new?: boolean }) => {
      const now = parseNow(opts.now, { past: true });
      const batchSize = parseBatchSize(opts.batchSize);
      const bar = progress();
      const run = await withRuntime((rt) => runRetention(now ? { ...rt.ctx, clock: fixedClock(now) } : rt.ctx, opts.org, { trigger: "cli", actor: ACTOR, batchSize, fresh: opts.new, ...bar })).finally(() => bar.stop());
      io.out(`${opts.org}: ${run.entryId} ${run.data.status} (${run.data.batches} batch(es), as of ${run.data.today})`);
      evidenceLines(run.data.tables, "run").forEach((l) => io.out(l));
      notEnforceableLines(run.data.not_enforceable).forEach((l) => io.out(l));
    });

  retention
    .command("runs")
    .description("the organisation's retention runs, newest first")
    .requiredOption("--org <slug>", "organisation slug")
    .action(async (opts: { org: string }) => {
      const runs = await withRuntime((rt) => listRuns(rt.ctx, opts.org));
      if (runs.length === 0) io.err(`${opts.org}: no retention runs`);
      for (const r of runs) {
        const t = totals(r.data.tables);
        io.out(`${r.entryId}\t${r.data.status}\t${r.data.trigger}\tas of ${r.data.today ?? r.data.now}\texpired ${t.expired}, held ${t.held}, deleted ${t.deleted}, anonymised ${t.anonymised}`);
      }
    });

  retention
    .command("show")
    .description("one run's evidence as JSON (counts, cutoffs, times; never the rows)")
    .requiredOption("--org <slug>", "organisation slug")
    .argument("<run-id>", "retention_run-YYYY-NNN")
    .action(async (runId: string, opts: { org: string }) => {
      const run = await withRuntime((rt) => getEntry(rt.ctx, opts.org, retentionRunKind, runId));
      const { intent: _intent, lease: _lease, ...evidence } = run.data;
      io.out(JSON.stringify({ id: run.entryId, ...evidence }, null, 2));
    });

  const hold = retention.command("hold").description("legal holds: data kept whatever its retention rule says");
  withIdentityOptions(
    hold
      .command("add")
      .description("hold a subject (by identities) or one record (--record system.table:key)")
      .requiredOption("--org <slug>", "organisation slug")
      .requiredOption("--reason <text>", "why, e.g. the proceedings' number"),
  )
    .option("--record <system.table:key>", "one record instead of a subject")
    .option("--until <date>", "held through this day")
    .option("--keep <duration>", "held this long after the proceedings end, e.g. P5Y")
    .option("--ends <date>", "the day the proceedings ended, when known")
    .action(async (opts: HoldOptions) => {
      const created = await withRuntime((rt) => createHold(rt.ctx, opts.org, holdInput(opts), ACTOR));
      io.out(`${opts.org}: ${created.entryId} created`);
    });
  hold
    .command("list")
    .description("the organisation's legal holds (active, ended, released)")
    .requiredOption("--org <slug>", "organisation slug")
    .action(async (opts: { org: string }) => {
      await withRuntime(async (rt) => {
        const today = localDate(rt.ctx.clock.now(), "UTC");
        for (const h of await listHolds(rt.ctx, opts.org)) printHold(io, h, today);
      });
    });
  hold
    .command("end")
    .description("the proceedings ended on this day: the hold now runs its period from it")
    .requiredOption("--org <slug>", "organisation slug")
    .requiredOption("--date <date>", "the day the proceedings ended")
    .argument("<hold-id>", "legal_hold-YYYY-NNN")
    .action(async (id: string, opts: { org: string; date: string }) => {
      const h = await withRuntime((rt) => setProceedingsEnd(rt.ctx, opts.org, id, opts.date, ACTOR));
      io.out(`${opts.org}: ${id} now holds until ${holdLastDay(h.data)}`);
    });
  hold
    .command("release")
    .description("release a hold now (it stays in the register)")
    .requiredOption("--org <slug>", "organisation slug")
    .argument("<hold-id>", "legal_hold-YYYY-NNN")
    .action(async (id: string, opts: { org: string }) => {
      await withRuntime(async (rt) => {
        await getHold(rt.ctx, opts.org, id);
        await releaseHold(rt.ctx, opts.org, id, ACTOR);
      });
      io.out(`${opts.org}: ${id} released`);
    });

  retention
    .command("schedule")
    .description("turn the daily retention run on or off for the organisation (off by default)")
    .requiredOption("--org <slug>", "organisation slug")
    .argument("[state]", "on | off (without it: show)")
    .action(async (state: string | undefined, opts: { org: string }) => {
      if (state !== undefined && state !== "on" && state !== "off") throw new RegistruError("invalid_state", "the state must be on or off", 400);
      const schedule = await withRuntime((rt) => (state === undefined ? scheduleOf(rt.ctx, opts.org) : setSchedule(rt.ctx, opts.org, state === "on", ACTOR)));
      io.out(`${opts.org}: daily retention run ${schedule.enabled ? "on" : "off"}`);
    });
}
