import { addRetention, localDate, type PlainDate } from "../law/index.ts";
import { vocabulary, type Processor } from "../manifest/index.ts";

type Dpa = NonNullable<Processor["dpa"]>;

/** The Art. 28(3)(a)-(h) clauses a DPA's recorded terms lack. */
export const missingDpaTerms = (terms: readonly string[]): string[] => vocabulary.dpaTermsRequired.filter((t) => !terms.includes(t));

/** How far ahead an ending DPA is flagged: time to renew it or to plan the processor's exit. */
export const DPA_WARNING_DAYS = 30;

export type DpaState = "missing" | "in_force" | "expiring" | "expired";

/** A calendar date plus an ISO duration, as a calendar date (no working-day move). */
export const plusDuration = (date: PlainDate, iso: string): PlainDate => localDate(addRetention(new Date(`${date}T00:00:00Z`), iso), "UTC");

/** `ends` is the contract's last day: it has ended from the day after. */
export function dpaState(dpa: Dpa | undefined, today: PlainDate): DpaState {
  if (!dpa) return "missing";
  if (!dpa.ends) return "in_force";
  if (dpa.ends < today) return "expired";
  return dpa.ends <= plusDuration(today, `P${DPA_WARNING_DAYS}D`) ? "expiring" : "in_force";
}
