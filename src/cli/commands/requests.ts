import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { RegistruError } from "../../errors.ts";
import { mailerFromConfig } from "../../mail/index.ts";
import {
  describeTimeLeft,
  extendRequest,
  formatFileProblem,
  getRequest,
  listRequests,
  parseRequestFile,
  pauseRequest,
  refuseRequest,
  REFUSAL_GROUNDS,
  REQUEST_STATES,
  RequestFileInvalid,
  resumeRequest,
  submitRequest,
  type DeadlineView,
  type RequestState,
  type StepOptions,
} from "../../requests/index.ts";
import { ExitCode, type Io } from "../io.ts";
import { withRuntime, type Runtime } from "../runtime.ts";

const ACTOR = "cli";

/** A command that may e-mail the subject: the mailer from SMTP_URL, closed with the database. */
function withSteps<T>(fn: (rt: Runtime, opts: StepOptions) => Promise<T>): Promise<T> {
  return withRuntime(async (rt) => {
    const mailer = mailerFromConfig(rt.config, rt.ctx.log);
    try {
      return await fn(rt, { actor: ACTOR, mailer });
    } finally {
      mailer?.close();
    }
  });
}

function deadlineText(d: DeadlineView | null): string {
  if (!d) return "closed";
  const promise = d.promise ? `, promised ${d.promise.replace(/_/g, " ")}` : "";
  return `due ${d.due} (${d.winner}${promise}${d.extended ? ", extended" : ""})\t${describeTimeLeft(d.timeLeft)}`;
}

/** Data-subject requests: the queue, one request, staff entry from a file, and the steps that need a reason. */
export function registerRequestCommands(program: Command, io: Io) {
  const requests = program.command("requests").description("data-subject requests (GDPR Art. 12-22, ZZPL čl. 21-38)");

  requests
    .command("list")
    .description("the queue: open requests by time left, overdue first")
    .requiredOption("--org <slug>", "organisation slug")
    .option("--state <state>", `only one state: ${REQUEST_STATES.join(", ")}`)
    .action(async (opts: { org: string; state?: string }) => {
      if (opts.state && !(REQUEST_STATES as readonly string[]).includes(opts.state)) {
        throw new RegistruError("invalid_state", `--state must be one of ${REQUEST_STATES.join(", ")}`, 400);
      }
      const rows = await withRuntime((rt) => listRequests(rt.ctx, opts.org, { state: opts.state as RequestState | undefined }));
      for (const r of rows) io.out(`${r.id}\t${r.state}\t${r.right}\t${r.channel}\t${deadlineText(r.deadline)}`);
      if (rows.length === 0) io.err(`${opts.org}: no requests`);
    });

  requests
    .command("show")
    .description("one request: its deadline and every step so far")
    .argument("<id>", "request id, e.g. request-2026-001")
    .requiredOption("--org <slug>", "organisation slug")
    .action(async (id: string, opts: { org: string }) => {
      const r = await withRuntime((rt) => getRequest(rt.ctx, opts.org, id));
      io.out(`${r.id}\t${r.state}\t${r.right}\tvia ${r.channel}${r.request.enteredBy ? ` (entered by ${r.request.enteredBy})` : ""}`);
      io.out(`received ${r.receivedAt}\t${deadlineText(r.deadline)}`);
      if (r.deadline) io.out(`deadline article: ${r.deadline.article}; legal due ${r.deadline.legalDue}`);
      for (const e of r.timeline) io.out(`${e.seq}\t${e.at.toISOString()}\t${e.actor}\t${e.kind}`);
    });

  requests
    .command("create")
    .description("record a request that came by post, phone, e-mail or in person, from a YAML file in the API's shape (S0-17)")
    .argument("<file>", "YAML file: right, channel, enteredBy, receivedAt, subject.email, details, ...")
    .requiredOption("--org <slug>", "organisation slug")
    .action(async (file: string, opts: { org: string }) => {
      let source: string;
      try {
        source = await readFile(file, "utf8");
      } catch {
        throw new RegistruError("file_unreadable", `cannot read ${file}`, 400);
      }
      let input;
      try {
        input = parseRequestFile(source, file);
      } catch (e) {
        if (!(e instanceof RequestFileInvalid)) throw e;
        for (const p of e.problems) io.err(formatFileProblem(p));
        return io.exit(ExitCode.badInput);
      }
      const { request, mailed } = await withSteps((rt, step) => submitRequest(rt.ctx, opts.org, input, { ...step, public: false }));
      io.out(`${request.entryId}\t${request.data.state}`);
      if (!mailed) io.err(`${request.entryId}: recorded, but the e-mail could not be sent (set SMTP_URL and MAIL_FROM, then ask for a new code)`);
    });

  const withReason = (name: string, description: string) =>
    requests.command(name).description(description).argument("<id>", "request id").requiredOption("--org <slug>", "organisation slug").requiredOption("--reason <text>", "why (the subject is told where a letter goes)");

  withReason("extend", "extend the deadline by two further months (ZZPL: 60 days) within the first period; a letter tells the subject").action(
    async (id: string, opts: { org: string; reason: string }) => report(io, await withSteps((rt, step) => extendRequest(rt.ctx, opts.org, id, opts.reason, step))),
  );
  withReason("pause", "stop the clock while waiting for the subject (explicit, logged)").action(async (id: string, opts: { org: string; reason: string }) =>
    report(io, await withSteps((rt, step) => pauseRequest(rt.ctx, opts.org, id, opts.reason, step))),
  );
  withReason("resume", "restart the clock; the deadline moves by the paused time").action(async (id: string, opts: { org: string; reason: string }) =>
    report(io, await withSteps((rt, step) => resumeRequest(rt.ctx, opts.org, id, opts.reason, step))),
  );
  withReason("refuse", "refuse (or, with --fee, charge for) a manifestly unfounded or excessive request, Art. 12(5)")
    .option("--ground <ground>", REFUSAL_GROUNDS.join(" | "), "manifestly_unfounded")
    .option("--fee <amount>", "ask a reasonable fee instead of refusing")
    .option("--currency <code>", "currency of the fee", "RON")
    .action(async (id: string, opts: { org: string; reason: string; ground: string; fee?: string; currency: string }) => {
      if (!(REFUSAL_GROUNDS as readonly string[]).includes(opts.ground)) throw new RegistruError("invalid_ground", `--ground must be one of ${REFUSAL_GROUNDS.join(", ")}`, 400);
      const amount = opts.fee === undefined ? undefined : Number(opts.fee);
      if (amount !== undefined && !(amount > 0)) throw new RegistruError("invalid_fee", "--fee must be a positive amount", 400);
      const input = {
        decision: amount === undefined ? ("refuse" as const) : ("fee" as const),
        ground: opts.ground as (typeof REFUSAL_GROUNDS)[number],
        reasons: opts.reason,
        ...(amount !== undefined && { fee: { amount, currency: opts.currency } }),
      };
      report(io, await withSteps((rt, step) => refuseRequest(rt.ctx, opts.org, id, input, step)));
    });
}

function report(io: Io, r: { entryId: string; data: { state: string } }) {
  io.out(`${r.entryId}\t${r.data.state}`);
}
