import type { Clock } from "../clock.ts";
import { RegistruError } from "../errors.ts";
import { addWorkingDays, workingDayOnOrAfter, workingDaysBetween } from "./calendar.ts";
import { resolveJurisdiction } from "./jurisdictions.ts";
import { addDays, addMonths, assertInstant, endOfLocalDay, localDate, type PlainDate } from "./plain-date.ts";
import type { Jurisdiction } from "./types.ts";

export type Period = { months: number } | { days: number } | { workingDays: number } | { hours: number };

export interface Deadline {
  /** The event the period runs from (receipt, awareness). */
  start: Date;
  period: Period;
  /** The last instant of the period. */
  due: Date;
  /** The last day of the period in the jurisdiction's zone; null for periods in hours. */
  dueDate: PlainDate | null;
  /** The day the period would have ended before the weekend/holiday rule moved it. */
  movedFrom?: PlainDate;
  /** The rules applied, e.g. "Reg. 1182/71 art. 3(1), 3(2)(c), 3(4)". */
  rule: string;
  jurisdiction: string;
  timeZone: string;
}

export interface DeadlineOptions {
  /** Reg. 1182/71 art. 3(4)-(5); default true. Periods in hours are never moved. */
  moveToWorkingDay?: boolean;
}

export interface Remaining {
  overdue: boolean;
  /** Negative once overdue. */
  msLeft: number;
  /** Working days after today up to and including the due date; 0 when due today or overdue. */
  workingDaysLeft: number;
}

const HOUR_MS = 3_600_000;
const REG = "Reg. 1182/71 art.";
// Reg. 1182/71 is EU law; Serbian periods follow the general administrative procedure, which
// counts the same way (day of the event excluded, a last non-working day moves on) but has no
// "at least two working days" rule.
const ZUP_RULE = "Zakon o opštem upravnom postupku: day of the event not counted; a last day that is not a working day moves to the next working day";

export function deadline(
  event: Date,
  period: Period,
  jurisdiction: Jurisdiction | string,
  opts: DeadlineOptions = {},
): Deadline {
  assertInstant(event);
  assertPeriod(period);
  const j = resolveJurisdiction(jurisdiction);
  const base = { start: new Date(event.getTime()), period: { ...period }, jurisdiction: j.code, timeZone: j.timeZone };
  if ("hours" in period) return { ...base, ...hoursDeadline(event, count(period.hours), opts) };
  // Art. 3(1): the day of the event is not counted; the period runs from the next day.
  const startDate = localDate(event, j.timeZone);
  const gdpr = j.regime === "GDPR";
  const { dueDate, movedFrom, rule } =
    "workingDays" in period
      ? workingDaysDeadline(j.code, startDate, count(period.workingDays))
      : calendarDeadline(j.code, startDate, period, opts.moveToWorkingDay ?? true, gdpr);
  return { ...base, due: endOfLocalDay(dueDate, j.timeZone), dueDate, ...(movedFrom && { movedFrom }), rule: gdpr ? rule : ZUP_RULE };
}

export function remaining(d: Deadline, clock: Clock): Remaining {
  const now = clock.now();
  const msLeft = d.due.getTime() - now.getTime();
  if (msLeft < 0) return { overdue: true, msLeft, workingDaysLeft: 0 };
  const today = localDate(now, d.timeZone);
  const last = d.dueDate ?? localDate(d.due, d.timeZone);
  return { overdue: false, msLeft, workingDaysLeft: workingDaysBetween(d.jurisdiction, today, last) };
}

/**
 * Counted as elapsed hours from the event instant, so a DST change shifts the local clock
 * time. Art. 3(1) would also leave out the rest of the hour of the event; we do not, so the
 * instant is never later than any reading of "within 72 hours". Art. 3(4): never moved.
 */
function hoursDeadline(event: Date, hours: number, opts: DeadlineOptions) {
  if (opts.moveToWorkingDay) {
    throw new RegistruError("invalid_period", "periods in hours are never moved (Reg. 1182/71 art. 3(4))", 400);
  }
  return {
    due: new Date(event.getTime() + hours * HOUR_MS),
    dueDate: null,
    rule: `elapsed hours from the event; not moved: ${REG} 3(4)`,
  };
}

function workingDaysDeadline(country: string, startDate: PlainDate, n: number) {
  return { dueDate: addWorkingDays(country, startDate, n), movedFrom: undefined, rule: `${REG} 3(1), 3(2)(b), 3(3)` };
}

function calendarDeadline(
  country: string,
  startDate: PlainDate,
  period: { months: number } | { days: number },
  move: boolean,
  minimumTwoWorkingDays: boolean,
) {
  const inMonths = "months" in period;
  const rules = ["3(1)", inMonths ? "3(2)(c)" : "3(2)(b)"];
  const n = count(inMonths ? period.months : period.days);
  const end = inMonths ? addMonths(startDate, n) : addDays(startDate, n);
  if (!move) return { dueDate: end, movedFrom: undefined, rule: `${REG} ${rules.join(", ")}; not moved` };
  let dueDate = workingDayOnOrAfter(country, end);
  if (dueDate !== end) rules.push("3(4)");
  // Art. 3(5): a period of two days or more contains at least two working days.
  const minimum = minimumTwoWorkingDays && (inMonths || n >= 2) ? 2 : 0;
  while (workingDaysBetween(country, startDate, dueDate) < minimum) {
    dueDate = workingDayOnOrAfter(country, addDays(dueDate, 1));
    if (!rules.includes("3(5)")) rules.push("3(5)");
  }
  return { dueDate, movedFrom: dueDate !== end ? end : undefined, rule: `${REG} ${rules.join(", ")}` };
}

const PERIOD_UNITS = ["months", "days", "workingDays", "hours"];

function assertPeriod(period: Period): void {
  const keys = typeof period === "object" && period !== null ? Object.keys(period) : [];
  if (keys.length !== 1 || !PERIOD_UNITS.includes(keys[0] ?? "")) {
    throw new RegistruError("invalid_period", "a period is one of { months }, { days }, { workingDays }, { hours }", 400);
  }
}

function count(n: number): number {
  if (!Number.isInteger(n) || n < 1) {
    throw new RegistruError("invalid_period", "a period must be a whole number of at least 1", 400);
  }
  return n;
}
