import { deadline, endOfLocalDay, lawFor, localDate, parseIsoDuration, periodsFor, workingDayOnOrAfter, workingDaysBetween, type Deadline } from "../law/index.ts";
import { RegistruError } from "../errors.ts";
import type { SubjectRequest } from "./model.ts";

/** What the organisation promised for a right (manifest `rights.deadlines`), kept as written. */
export type Promised = { kind: "date"; promise: string; due: Date; rule: string } | { kind: "without_undue_delay"; promise: string };

export interface RequestDeadline {
  /** The deadline in force: the earlier of the law and the promise, moved by every closed pause. */
  due: Date;
  winner: "law" | "promise";
  legal: Deadline;
  promised?: Promised;
  /** GDPR Art. 12(3) or ZZPL čl. 21. */
  article: string;
  extended: boolean;
  /** The end of the first period (before any extension), moved by pauses: an extension must be decided before it. */
  firstPeriodDue: Date;
  pausedMs: number;
  /** Set while the clock is paused (state `awaiting`). */
  pausedSince?: Date;
}

export type DeadlineInput = Pick<SubjectRequest, "receivedAt" | "jurisdiction" | "promise" | "extension" | "pauses">;

/**
 * When a request must be answered. The period runs from receipt, not from verification (GDPR
 * Art. 12(3) "within one month of receipt of the request"; EDPB Guidelines 01/2022 §§ 157-159),
 * counted by `src/law` (Reg. 1182/71 with the country's holidays; ZZPL čl. 21: 30 days under the
 * administrative procedure). A stricter promise wins. An extension (GDPR +2 months, ZZPL +60 days,
 * counted from receipt) replaces the promise: it is the law's remedy for complex requests and
 * the subject is told why. A pause moves the deadline by exactly its elapsed time.
 */
export function requestDeadline(r: DeadlineInput): RequestDeadline {
  const receivedAt = new Date(r.receivedAt);
  const j = lawFor(r.jurisdiction);
  const periods = periodsFor(j);
  const firstLegal = deadline(receivedAt, periods.response, j);
  const promised = r.promise === undefined ? undefined : promisedDeadline(receivedAt, r.jurisdiction, r.promise);
  const promiseWins = promised?.kind === "date" && promised.due.getTime() < firstLegal.due.getTime();
  const firstDue = promiseWins ? promised.due : firstLegal.due;
  const { pausedMs, pausedSince } = pausedTime(r.pauses);
  const shift = (d: Date) => new Date(d.getTime() + pausedMs);
  const extended = r.extension !== undefined;
  const legal = extended ? deadline(receivedAt, periods.responseExtended, j) : firstLegal;
  return {
    due: shift(extended ? legal.due : firstDue),
    winner: !extended && promiseWins ? "promise" : "law",
    legal,
    ...(promised && { promised }),
    article: j.responseDeadlineArticle,
    extended,
    firstPeriodDue: shift(firstDue),
    pausedMs,
    ...(pausedSince && { pausedSince }),
  };
}

export const currentDue = (r: DeadlineInput): Date => requestDeadline(r).due;

function pausedTime(pauses: DeadlineInput["pauses"]): { pausedMs: number; pausedSince?: Date } {
  let pausedMs = 0;
  let pausedSince: Date | undefined;
  for (const p of pauses) {
    if (p.to) pausedMs += new Date(p.to).getTime() - new Date(p.from).getTime();
    else pausedSince = new Date(p.from);
  }
  return { pausedMs, ...(pausedSince && { pausedSince }) };
}

/**
 * A promise in `rights.deadlines`: an ISO duration counted like a legal period (months, then
 * days, moved off weekends and holidays), `on_receipt` (the end of the day of receipt, or of the
 * next working day when it arrives on a day off), or `without_undue_delay` (no date of its own:
 * the law's deadline is the outer limit, and the queue says the promise).
 */
export function promisedDeadline(receivedAt: Date, jurisdiction: string, promise: string): Promised {
  const j = lawFor(jurisdiction);
  if (promise === "without_undue_delay") return { kind: "without_undue_delay", promise };
  if (promise === "on_receipt") {
    const day = workingDayOnOrAfter(j.code, localDate(receivedAt, j.timeZone));
    return { kind: "date", promise, due: endOfLocalDay(day, j.timeZone), rule: "on receipt: the end of the day it arrives, or of the next working day" };
  }
  const parts = parseIsoDuration(promise);
  const months = (parts.years ?? 0) * 12 + (parts.months ?? 0);
  const days = (parts.weeks ?? 0) * 7 + (parts.days ?? 0);
  const hours = parts.hours ?? 0;
  if (parts.minutes || parts.seconds || (hours && (months || days))) {
    throw new RegistruError("unsupported_promise", `rights.deadlines: "${promise}" mixes hours with days or uses minutes; write days, months or hours`, 422);
  }
  if (hours) {
    const d = deadline(receivedAt, { hours }, j);
    return { kind: "date", promise, due: d.due, rule: d.rule };
  }
  if (months && days) {
    // Months first, then days from that date; only the final day moves off a holiday.
    const m = deadline(receivedAt, { months }, j, { moveToWorkingDay: false });
    const d = deadline(endOfLocalDay(m.dueDate!, j.timeZone), { days }, j);
    return { kind: "date", promise, due: d.due, rule: d.rule };
  }
  const d = deadline(receivedAt, months ? { months } : { days }, j);
  return { kind: "date", promise, due: d.due, rule: d.rule };
}

export interface TimeLeft {
  overdue: boolean;
  paused: boolean;
  /** Negative once overdue; frozen while paused. */
  msLeft: number;
  workingDaysLeft: number;
}

export function timeLeft(r: DeadlineInput, now: Date): TimeLeft {
  const d = requestDeadline(r);
  const j = lawFor(r.jurisdiction);
  const at = d.pausedSince ?? now;
  const msLeft = d.due.getTime() - at.getTime();
  const workingDaysLeft = msLeft < 0 ? 0 : workingDaysBetween(j.code, localDate(at, j.timeZone), localDate(d.due, j.timeZone));
  return { overdue: msLeft < 0, paused: d.pausedSince !== undefined, msLeft, workingDaysLeft };
}

/** "3d 4h left", "overdue by 2d 1h", "paused, 5d left". */
export function describeTimeLeft(t: TimeLeft): string {
  const span = humanSpan(Math.abs(t.msLeft));
  if (t.overdue) return `overdue by ${span}`;
  return t.paused ? `paused, ${span} left` : `${span} left`;
}

function humanSpan(ms: number): string {
  const hours = Math.floor(ms / 3_600_000);
  const days = Math.floor(hours / 24);
  if (days > 0) return `${days}d ${hours % 24}h`;
  const minutes = Math.floor(ms / 60_000) % 60;
  return `${hours}h ${minutes}m`;
}
