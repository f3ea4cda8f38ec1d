import type { Context } from "../context.ts";
import { responseLetter } from "./letters/index.ts";
import { assertAllowed } from "./lifecycle.ts";
import { sendLetter } from "./mailing.ts";
import type { OutcomeRow, RequestOutcome, SubjectRequest } from "./model.ts";
import { letterContext, requestOrganisation } from "./organisation.ts";
import { commitStep, readRequest, type StepEvent, type StoredRequest } from "./store.ts";
import type { StepOptions } from "./verify.ts";

/** Rows replace earlier rows of the same system and table, so an executor that runs a step again does not count it twice. */
function mergeOutcome(current: RequestOutcome | undefined, add: Partial<RequestOutcome>): RequestOutcome {
  const key = (row: OutcomeRow) => `${row.system}\u0000${row.table}`;
  const rows = new Map((current?.rows ?? []).map((row) => [key(row), row]));
  for (const row of add.rows ?? []) rows.set(key(row), row);
  return {
    rows: [...rows.values()],
    ...((add.summary ?? current?.summary) && { summary: add.summary ?? current?.summary }),
    ...((add.package ?? current?.package) && { package: add.package ?? current?.package }),
    ...((add.notified ?? current?.notified) && { notified: add.notified ?? current?.notified }),
  };
}

/**
 * The executor's seam: what was found and done in one or more tables, recorded as it happens.
 * `event` names the step when it is not a table's outcome (the executor's `recipients_notified`).
 */
export async function recordOutcome(ctx: Context, slug: string, id: string, add: Partial<RequestOutcome>, opts: { actor: string; event?: StepEvent }): Promise<StoredRequest> {
  const read = await readRequest(ctx, slug, id);
  const r = read.data;
  assertAllowed(r.state, "record_outcome");
  const outcome = mergeOutcome(r.outcome, add);
  const tables = (add.rows ?? []).map((row) => `${row.system}.${row.table}`);
  return commitStep(ctx, slug, read, { ...r, outcome }, [opts.event ?? { kind: "outcome_recorded", data: { tables } }], opts.actor);
}

export interface CompleteOptions extends StepOptions {
  /** Runs once the answer letter is recorded as sent, before the request is recorded done (a test kills the step there). */
  afterLetterSent?: () => Promise<void>;
}

/**
 * Closes the request as done and sends the answer: the right, its article, what was done and kept,
 * and where to complain. The letter goes through the outbox: completing again after a crash
 * between the send and the commit records the letter already sent instead of sending it twice.
 */
export async function completeRequest(ctx: Context, slug: string, id: string, add: Partial<RequestOutcome>, opts: CompleteOptions): Promise<StoredRequest> {
  const read = await readRequest(ctx, slug, id);
  const r = read.data;
  assertAllowed(r.state, "complete");
  const org = await requestOrganisation(ctx, slug);
  const now = ctx.clock.now().toISOString();
  const next: SubjectRequest = { ...r, state: "done", outcome: mergeOutcome(r.outcome, add), completedAt: now };
  const letter = await sendLetter(ctx, opts.mailer, {
    entryId: read.entryId,
    letter: responseLetter(letterContext(org, read.entryId, next)),
    to: r.subject.email,
    recipient: "subject",
    outbox: { slug, revision: read.revision },
    afterSent: opts.afterLetterSent,
  });
  const done = await commitStep(ctx, slug, read, next, [{ kind: "completed", data: { tables: next.outcome!.rows.length } }, letter], opts.actor);
  ctx.log.info({ tenant: slug, request: read.entryId }, "request completed");
  return done;
}
