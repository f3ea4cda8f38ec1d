import { DateTime } from "luxon";
import { addRetention, localDate, parseIsoDuration, type PlainDate } from "../law/index.ts";

/**
 * The boundary convention: retention is counted in whole calendar days of the organisation's
 * time zone. Data "kept P3Y after X" expires on the day X + 3 years (luxon's calendar
 * arithmetic, a shorter month's last day for a day it lacks) and is kept until the day before.
 * Weekends and holidays never move it (`addRetention`): it is not a procedural time limit.
 */
export const expiresOn = (eventDay: PlainDate, keep: string): PlainDate =>
  addRetention(new Date(`${eventDay}T00:00:00Z`), keep, "UTC").toISOString().slice(0, 10);

const shift = (day: PlainDate, days: number) => DateTime.fromISO(day, { zone: "UTC" }).plus({ days }).toISODate()!;

/**
 * The last event day whose data has expired on `today`: rows with an event on or before it go.
 * Subtracting a duration is not the inverse of adding one at months' ends (31 Mar − 1 month =
 * 28 Feb, + 1 month = 28 Mar), so the subtraction is only the first guess, corrected day by day.
 */
export function cutoffDay(today: PlainDate, keep: string): PlainDate {
  let day = DateTime.fromISO(today, { zone: "UTC" }).minus(parseIsoDuration(keep)).toISODate()!;
  while (expiresOn(shift(day, 1), keep) <= today) day = shift(day, 1);
  while (expiresOn(day, keep) > today) day = shift(day, -1);
  return day;
}

export const today = (now: Date, timeZone: string): PlainDate => localDate(now, timeZone);

/**
 * The first value that has NOT expired, for a column of this type: `column < bound` is "the
 * event happened on or before the cutoff day". Dates and time stamps without a zone are read as
 * the organisation's local time; time stamps with a zone get the instant local midnight is.
 */
export function boundFor(columnType: string, cutoff: PlainDate, timeZone: string): string {
  const next = shift(cutoff, 1);
  if (/with time zone|timestamptz/.test(columnType)) return DateTime.fromISO(next, { zone: timeZone }).toUTC().toISO()!;
  return next;
}
