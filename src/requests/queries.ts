import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import type { RegisterEvent } from "../registers/index.ts";
import { requestDeadline, timeLeft, type TimeLeft } from "./deadlines.ts";
import { letterSchema, renderLetterPdf, type Letter } from "./letters/index.ts";
import { FINAL_STATES, type RequestState, type SubjectRequest } from "./model.ts";
import { readRequest, readRequests, readTimeline, type StoredRequest } from "./store.ts";

export interface DeadlineView {
  due: string;
  winner: "law" | "promise";
  article: string;
  legalDue: string;
  promise?: string;
  extended: boolean;
  pausedMs: number;
  timeLeft: TimeLeft;
}

export interface RequestSummary {
  id: string;
  state: RequestState;
  right: SubjectRequest["right"];
  channel: SubjectRequest["channel"];
  receivedAt: string;
  revision: number;
  /** Null once the request is done, refused or forwarded. */
  deadline: DeadlineView | null;
}

export interface RequestDetail extends RequestSummary {
  /** The request as stored, without the code's hash and salt. */
  request: Omit<SubjectRequest, "verification"> & { verification: Omit<SubjectRequest["verification"], "codeHash" | "salt"> };
  /** Every step, oldest first; the register's bare revision markers are left out (each step names its revision). */
  timeline: RegisterEvent[];
}

function deadlineView(r: SubjectRequest, now: Date): DeadlineView | null {
  if (FINAL_STATES.includes(r.state)) return null;
  const d = requestDeadline(r);
  return {
    due: d.due.toISOString(),
    winner: d.winner,
    article: d.article,
    legalDue: d.legal.due.toISOString(),
    ...(r.promise && { promise: r.promise }),
    extended: d.extended,
    pausedMs: d.pausedMs,
    timeLeft: timeLeft(r, now),
  };
}

export const summary = (e: StoredRequest, now: Date): RequestSummary => ({
  id: e.entryId,
  state: e.data.state,
  right: e.data.right,
  channel: e.data.channel,
  receivedAt: e.data.receivedAt,
  revision: e.revision,
  deadline: deadlineView(e.data, now),
});

/**
 * The queue: open requests by time left (overdue first), then the closed ones. Sorted here, not
 * by the stored due date, because a paused request's time left is frozen while its date ages.
 */
export async function listRequests(ctx: Context, slug: string, filter: { state?: RequestState } = {}): Promise<RequestSummary[]> {
  const now = ctx.clock.now();
  const rows = (await readRequests(ctx, slug)).filter((e) => !filter.state || e.data.state === filter.state).map((e) => summary(e, now));
  const left = (s: RequestSummary) => s.deadline?.timeLeft.msLeft ?? Number.POSITIVE_INFINITY;
  return rows.sort((a, b) => left(a) - left(b) || a.id.localeCompare(b.id));
}

export async function getRequest(ctx: Context, slug: string, id: string): Promise<RequestDetail> {
  const e = await readRequest(ctx, slug, id);
  const { codeHash: _h, salt: _s, ...verification } = e.data.verification;
  const timeline = (await readTimeline(ctx, slug, id)).filter((ev) => ev.kind !== "updated");
  return { ...summary(e, ctx.clock.now()), request: { ...e.data, verification }, timeline };
}

/** A sent letter again, as the PDF that was attached (rendered from the letter stored with the event). */
export async function letterPdf(ctx: Context, slug: string, id: string, seq: number): Promise<{ letter: Letter; pdf: Buffer }> {
  const event = (await readTimeline(ctx, slug, id)).find((e) => e.seq === seq && e.kind === "letter_sent");
  if (!event) throw new RegistruError("letter_not_found", `no letter at step ${seq} of ${id}`, 404);
  const letter = letterSchema.parse((event.data as { letter: unknown }).letter);
  return { letter, pdf: await renderLetterPdf(letter) };
}
