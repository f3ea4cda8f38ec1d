import { deadline, type Deadline, type Period } from "./deadlines.ts";
import { resolveJurisdiction } from "./jurisdictions.ts";
import type { Jurisdiction, Regime } from "./types.ts";

/** The legal periods of each regime. Totals are counted from the event, not chained. */
export interface RegimePeriods {
  /** GDPR Art. 12(3) / ZZPL čl. 21: act on a data-subject request. */
  readonly response: Period;
  /** The response period plus the extension (GDPR +2 months, ZZPL +60 days), from receipt. */
  readonly responseExtended: Period;
  /** GDPR Art. 33(1) / ZZPL čl. 52(1): notify the authority, from awareness. */
  readonly breachNotification: Period;
}

export const PERIODS: Readonly<Record<Regime, RegimePeriods>> = Object.freeze({
  GDPR: Object.freeze({ response: { months: 1 }, responseExtended: { months: 3 }, breachNotification: { hours: 72 } }),
  ZZPL: Object.freeze({ response: { days: 30 }, responseExtended: { days: 90 }, breachNotification: { hours: 72 } }),
});

export const periodsFor = (jurisdiction: Jurisdiction | string): RegimePeriods =>
  PERIODS[resolveJurisdiction(jurisdiction).regime];

export interface ResponseDeadlineOptions {
  /** The controller told the subject it needs the extension. */
  extended?: boolean;
  /** The organisation's own promise in calendar days (manifest `rights.deadlines`). */
  promiseDays?: number;
}

export interface ResponseDeadline {
  /** The deadline to keep: the earlier of the legal one and the promise. */
  deadline: Deadline;
  winner: "law" | "promise";
  legal: Deadline;
  promised?: Deadline;
  /** The article of the legal deadline. */
  article: string;
}

/**
 * When a data-subject request must be answered. A stricter promise wins when it ends earlier;
 * it is counted like a legal period in days (Reg. 1182/71, moved off weekends and holidays),
 * and it still holds when the legal deadline is extended: the extension is the law's, the
 * promise the organisation's. On a tie the law is named.
 */
export function responseDeadline(
  receivedAt: Date,
  jurisdiction: Jurisdiction | string,
  opts: ResponseDeadlineOptions = {},
): ResponseDeadline {
  const j = resolveJurisdiction(jurisdiction);
  const periods = PERIODS[j.regime];
  const legal = deadline(receivedAt, opts.extended ? periods.responseExtended : periods.response, j);
  const article = j.responseDeadlineArticle;
  if (opts.promiseDays === undefined) return { deadline: legal, winner: "law", legal, article };
  const promised = deadline(receivedAt, { days: opts.promiseDays }, j);
  const winner = promised.due.getTime() < legal.due.getTime() ? "promise" : "law";
  return { deadline: winner === "promise" ? promised : legal, winner, legal, promised, article };
}

/** When the authority must be notified of a breach: 72 elapsed hours from awareness, never moved. */
export function breachNotificationDeadline(awareAt: Date, jurisdiction: Jurisdiction | string): Deadline {
  return deadline(awareAt, periodsFor(jurisdiction).breachNotification, jurisdiction);
}
