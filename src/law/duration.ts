import { DateTime, Duration } from "luxon";
import { RegistruError } from "../errors.ts";
import { assertInstant, assertTimeZone } from "./plain-date.ts";

export type DurationUnit = "years" | "months" | "weeks" | "days" | "hours" | "minutes" | "seconds";
/** A parsed ISO 8601 duration: only the units it names, whole and non-negative. */
export type DurationParts = Readonly<Partial<Record<DurationUnit, number>>>;

// Whole, non-negative units only: a retention of "P1.5Y" or "-P1D" is a mistake, not a rule.
const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

/** Parses manifest durations such as "P3Y", "P180D", "P14M", "PT72H". */
export function parseIsoDuration(iso: string): DurationParts {
  const duration = typeof iso === "string" && ISO_DURATION.test(iso) ? Duration.fromISO(iso) : undefined;
  if (!duration?.isValid) {
    throw new RegistruError(
      "invalid_duration",
      "expected an ISO 8601 duration in whole units, such as P3Y, P180D, P14M or PT72H",
      400,
    );
  }
  return Object.freeze(duration.toObject());
}

export const isIsoDuration = (value: string): boolean => ISO_DURATION.test(value);

/**
 * When data kept for a retention period expires. Calendar arithmetic in `timeZone` (months
 * clamp to the month's last day), and deliberately NOT moved to a working day: retention
 * expiry is not a procedural time limit under Reg. 1182/71.
 */
export function addRetention(from: Date, isoDuration: string, timeZone = "UTC"): Date {
  assertInstant(from);
  assertTimeZone(timeZone);
  const parts = parseIsoDuration(isoDuration);
  return DateTime.fromJSDate(from, { zone: timeZone }).plus(parts).toJSDate();
}
