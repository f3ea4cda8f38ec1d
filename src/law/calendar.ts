import Holidays from "date-holidays";
import { RegistruError } from "../errors.ts";
import { addDays, parsePlainDate, weekday, type PlainDate } from "./plain-date.ts";

export type { PlainDate } from "./plain-date.ts";

export interface PublicHoliday {
  date: PlainDate;
  /** Name in the country's own language, as date-holidays gives it. */
  name: string;
}

const DAY_MS = 86_400_000;
const byYear = new Map<string, ReadonlyMap<PlainDate, string>>();
const known = new Set(Object.keys(new Holidays().getCountries()));

/**
 * Public holidays of a country in a year. Only date-holidays type "public" counts: "bank",
 * "optional", "school" and "observance" days are working days for Reg. 1182/71 art. 3(4).
 * A holiday that starts during the day (e.g. IS Christmas Eve from 13:00) is not a whole
 * non-working day and is left out; multi-day holidays (RO 1-2 January) count every day.
 */
export function holidaysIn(country: string, year: number): PublicHoliday[] {
  return [...holidayMap(country, year)].map(([date, name]) => ({ date, name }));
}

export function isPublicHoliday(country: string, date: PlainDate): boolean {
  return holidayMap(country, parsePlainDate(date).year).has(date);
}

/** Monday to Friday and not a public holiday of the country. */
export function isWorkingDay(country: string, date: PlainDate): boolean {
  return weekday(date) <= 5 && !isPublicHoliday(country, date);
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(country: string, date: PlainDate): PlainDate {
  let day = addDays(date, 1);
  while (!isWorkingDay(country, day)) day = addDays(day, 1);
  return day;
}

/** `date` itself when it is a working day, otherwise the next one. */
export const workingDayOnOrAfter = (country: string, date: PlainDate): PlainDate =>
  isWorkingDay(country, date) ? date : nextWorkingDay(country, date);

/** The n-th working day after `date` (the day itself not counted, Reg. 1182/71 art. 3(1)). */
export function addWorkingDays(country: string, date: PlainDate, n: number): PlainDate {
  let day = date;
  for (let i = 0; i < n; i++) day = nextWorkingDay(country, day);
  return day;
}

/** Working days in the interval (from, to]. */
export function workingDaysBetween(country: string, from: PlainDate, to: PlainDate): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
    if (isWorkingDay(country, day)) count++;
  }
  return count;
}

export const hasCalendar = (country: string): boolean => known.has(country.toUpperCase());

function holidayMap(country: string, year: number): ReadonlyMap<PlainDate, string> {
  const code = country.toUpperCase();
  const key = `${code}:${year}`;
  let map = byYear.get(key);
  if (!map) {
    map = loadYear(code, year);
    byYear.set(key, map);
  }
  return map;
}

function loadYear(country: string, year: number): ReadonlyMap<PlainDate, string> {
  if (!known.has(country)) {
    throw new RegistruError("unknown_calendar", "no public-holiday calendar for that country code", 400);
  }
  const map = new Map<PlainDate, string>();
  const calendar = new Holidays(country);
  // The previous year too: a multi-day holiday may start on 31 December.
  for (const h of [...calendar.getHolidays(year - 1), ...calendar.getHolidays(year)]) {
    if (h.type !== "public" || h.date.slice(11, 19) !== "00:00:00") continue;
    // Rounds away the ±1 h of a DST change inside a holiday; a half day rounds to none.
    const days = Math.floor((h.end.getTime() - h.start.getTime() + 2 * 3_600_000) / DAY_MS);
    for (let i = 0; i < days; i++) {
      const date = addDays(h.date.slice(0, 10), i);
      map.set(date, map.has(date) ? `${map.get(date)}; ${h.name}` : h.name);
    }
  }
  const inYear = [...map].filter(([date]) => date.startsWith(`${year}-`));
  return new Map(inYear.sort(([a], [b]) => a.localeCompare(b)));
}
