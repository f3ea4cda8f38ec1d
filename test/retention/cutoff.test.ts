import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { boundFor, cutoffDay, expiresOn } from "../../src/retention/cutoff.ts";

const days = (from: string, n: number) => Array.from({ length: n }, (_, i) => DateTime.fromISO(from, { zone: "UTC" }).plus({ days: i }).toISODate()!);

describe("retention cutoffs (calendar days, never moved to a working day)", () => {
  it("adds calendar units: a shorter month's last day for a day it lacks, leap days, days across a year end", () => {
    expect(expiresOn("2024-12-31", "P14M")).toBe("2026-02-28");
    expect(expiresOn("2024-02-29", "P1Y")).toBe("2025-02-28");
    expect(expiresOn("2025-10-14", "P180D")).toBe("2026-04-12");
    expect(expiresOn("2026-01-15", "P90D")).toBe("2026-04-15");
    expect(expiresOn("2025-03-10", "P3Y")).toBe("2028-03-10");
  });

  it("the cutoff is the last event day that has expired by today, for every day and duration (checked against expiresOn)", () => {
    for (const keep of ["P1Y", "P3Y", "P14M", "P1M", "P90D", "P180D", "P2W", "P1Y6M"]) {
      for (const today of days("2027-12-20", 80)) {
        const cutoff = cutoffDay(today, keep);
        expect(expiresOn(cutoff, keep) <= today, `${keep} ${today}: ${cutoff} has expired`).toBe(true);
        const next = DateTime.fromISO(cutoff, { zone: "UTC" }).plus({ days: 1 }).toISODate()!;
        expect(expiresOn(next, keep) > today, `${keep} ${today}: the day after ${cutoff} has not`).toBe(true);
      }
    }
  });

  it("a day with no day of its own a month back (31 Mar − 1 month) keeps the month's end and the days clamped onto it", () => {
    // 28, 29, 30 and 31 January all expire on 28 February 2026 with P1M.
    expect(cutoffDay("2026-02-28", "P1M")).toBe("2026-01-31");
    expect(cutoffDay("2026-02-27", "P1M")).toBe("2026-01-27");
  });

  it("turns the cutoff into the first instant kept: the next local midnight for zoned time stamps, the next day for dates and naive time stamps", () => {
    expect(boundFor("timestamp with time zone", "2026-04-11", "Europe/Bucharest")).toBe("2026-04-11T21:00:00.000Z");
    expect(boundFor("timestamp without time zone", "2026-04-11", "Europe/Bucharest")).toBe("2026-04-12");
    expect(boundFor("datetime", "2025-12-31", "Europe/Belgrade")).toBe("2026-01-01");
    expect(boundFor("date", "2026-02-28", "Europe/Bucharest")).toBe("2026-03-01");
  });
});
