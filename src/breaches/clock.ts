import type { Clock } from "../clock.ts";
import { breachNotificationDeadline, lawFor } from "../law/index.ts";
import { breachArticles } from "./articles.ts";
import { assessRisk, requiredNotifications } from "./risk.ts";
import type { AuthorityNotification, Breach } from "./schema.ts";

const HOUR_MS = 3_600_000;

/**
 * The states of a deadline: running (`open`), passed with nothing done (`overdue`), kept (`met`),
 * kept late (`late`, for the authority: with the reasons for the delay), or not applicable.
 */
export type DeadlineState = "open" | "overdue" | "met" | "late" | "not_required";

export interface AuthorityClock {
  article: string;
  /** aware_at + 72 elapsed hours: weekends, holidays and DST changes do not move it. */
  due: Date;
  rule: string;
  /** null while the decision is not taken and the risk not assessed. */
  required: boolean | null;
  state: DeadlineState;
  notifiedAt: Date | null;
  /** Until the deadline; negative once it has passed. Measured to the notification once there is one. */
  msLeft: number;
}

export interface ProcessorClock {
  processor: string;
  article: string;
  /** The DPA's breach notice hours (S4-09: 48); null when the DPA sets none (then "without undue delay"). */
  windowHours: number | null;
  processorAwareAt: Date;
  due: Date | null;
  toldControllerAt: Date | null;
  state: Exclude<DeadlineState, "late" | "not_required"> | "missed" | "no_window";
  msLeft: number | null;
}

export interface BreachClock {
  now: Date;
  authority: AuthorityClock;
  processor: ProcessorClock | null;
  /** The nearest deadline still running (or overdue): what a DPO looks at first. */
  nextDue: Date | null;
}

const at = (s: string) => new Date(s);

export const firstAuthorityNotification = (b: Pick<Breach, "notifications">): AuthorityNotification | undefined =>
  b.notifications.find((n): n is AuthorityNotification => n.to === "authority");

/** Whether the authority must be notified: the recorded decision, else what the assessed risk asks, else not known yet. */
export function authorityRequired(b: Pick<Breach, "decisions" | "risk">): boolean | null {
  const decided = b.decisions?.notify_authority?.notify;
  if (decided !== undefined) return decided;
  return b.risk ? requiredNotifications(assessRisk(b.risk).level).authority : null;
}

export function authorityDeadline(b: Pick<Breach, "aware_at" | "jurisdiction">) {
  return breachNotificationDeadline(at(b.aware_at), b.jurisdiction);
}

export function authorityClock(b: Breach, clock: Clock): AuthorityClock {
  const deadline = authorityDeadline(b);
  const first = firstAuthorityNotification(b);
  const required = authorityRequired(b);
  const notifiedAt = first ? at(first.at) : null;
  const until = notifiedAt ?? clock.now();
  const msLeft = deadline.due.getTime() - until.getTime();
  let state: DeadlineState;
  if (notifiedAt) state = msLeft >= 0 ? "met" : "late";
  else if (required === false) state = "not_required";
  else state = msLeft >= 0 ? "open" : "overdue";
  return { article: breachArticles(lawFor(b.jurisdiction)).authority, due: deadline.due, rule: deadline.rule, required, state, notifiedAt, msLeft };
}

/** The processor's contractual window, from its own awareness to telling the controller (Art. 28(3)(f), 33(2); S4-09). */
export function processorClock(b: Breach, clock: Clock): ProcessorClock | null {
  const p = b.reported_by_processor;
  if (!p) return null;
  const awareAt = at(p.processor_aware_at);
  const told = p.told_controller_at ? at(p.told_controller_at) : null;
  const base = { processor: p.processor, article: breachArticles(lawFor(b.jurisdiction)).processor, windowHours: p.window_hours, processorAwareAt: awareAt, toldControllerAt: told };
  if (p.window_hours === null) return { ...base, due: null, state: told ? "met" : "no_window", msLeft: null };
  const due = new Date(awareAt.getTime() + p.window_hours * HOUR_MS);
  const msLeft = due.getTime() - (told ?? clock.now()).getTime();
  const state = told ? (msLeft >= 0 ? "met" : "missed") : msLeft >= 0 ? "open" : "overdue";
  return { ...base, due, state, msLeft };
}

const running = (state: string) => state === "open" || state === "overdue";

/** The deadlines a closed breach no longer has; what `index()` puts in `dueAt`. */
export function nextDue(b: Breach): Date | null {
  if (b.closed_at) return null;
  const never = { now: () => new Date(0) };
  const candidates = [authorityClock(b, never), processorClock(b, never)]
    .filter((c): c is AuthorityClock | ProcessorClock => c !== null && running(c.state) && c.due !== null)
    .map((c) => c.due!.getTime());
  return candidates.length ? new Date(Math.min(...candidates)) : null;
}

export function breachClock(b: Breach, clock: Clock): BreachClock {
  const authority = authorityClock(b, clock);
  const processor = processorClock(b, clock);
  return { now: clock.now(), authority, processor, nextDue: nextDue(b) };
}

/** "2d 03h 15m" for a span of milliseconds (its absolute value). */
export function formatSpan(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const hm = `${String(h).padStart(2, "0")}h ${String(m).padStart(2, "0")}m`;
  return d ? `${d}d ${hm}` : hm;
}
