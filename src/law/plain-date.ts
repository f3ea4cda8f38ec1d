import { DateTime } from "luxon";
import { RegistruError } from "../errors.ts";

/** A calendar date without a time or a zone, as "YYYY-MM-DD". */
export type PlainDate = string;

const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Parses a PlainDate as a luxon date at UTC midnight: pure calendar arithmetic, no DST. */
export function parsePlainDate(date: PlainDate): DateTime<true> {
  const parsed = PLAIN_DATE.test(date) ? DateTime.fromISO(date, { zone: "UTC" }) : undefined;
  if (!parsed?.isValid) throw new RegistruError("invalid_date", "expected a calendar date as YYYY-MM-DD", 400);
  return parsed;
}

export const isPlainDate = (value: string): boolean => PLAIN_DATE.test(value) && DateTime.fromISO(value).isValid;

export const addDays = (date: PlainDate, days: number): PlainDate => parsePlainDate(date).plus({ days }).toISODate();

/** Luxon clamps to the last day of a shorter month, which is Reg. 1182/71 art. 3(2)(c). */
export const addMonths = (date: PlainDate, months: number): PlainDate =>
  parsePlainDate(date).plus({ months }).toISODate();

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export const weekday = (date: PlainDate): number => parsePlainDate(date).weekday;

export function assertTimeZone(timeZone: string): void {
  if (!DateTime.now().setZone(timeZone).isValid) {
    throw new RegistruError("invalid_time_zone", "expected an IANA time zone such as Europe/Bucharest", 400);
  }
}

/** The calendar date an instant falls on in a time zone. */
export function localDate(instant: Date, timeZone: string): PlainDate {
  assertInstant(instant);
  return DateTime.fromJSDate(instant, { zone: timeZone }).toISODate() ?? invalidZone();
}

/** The last millisecond (23:59:59.999 local) of a calendar date in a time zone. */
export function endOfLocalDay(date: PlainDate, timeZone: string): Date {
  parsePlainDate(date);
  const end = DateTime.fromISO(date, { zone: timeZone }).endOf("day");
  if (!end.isValid) invalidZone();
  return end.toJSDate();
}

export function assertInstant(instant: Date): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RegistruError("invalid_instant", "expected a valid date and time", 400);
  }
}

function invalidZone(): never {
  throw new RegistruError("invalid_time_zone", "expected an IANA time zone such as Europe/Bucharest", 400);
}
