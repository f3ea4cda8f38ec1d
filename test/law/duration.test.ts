import { describe, expect, it } from "vitest";
import { isRegistruError } from "../../src/errors.ts";
import { addRetention, parseIsoDuration } from "../../src/law/index.ts";

describe("parseIsoDuration", () => {
  it.each([
    ["P3Y", { years: 3 }],
    ["P180D", { days: 180 }],
    ["P14M", { months: 14 }],
    ["PT72H", { hours: 72 }],
    ["P1Y6M", { years: 1, months: 6 }],
    ["P2W", { weeks: 2 }],
  ])("reads %s", (iso, parts) => {
    expect(parseIsoDuration(iso)).toEqual(parts);
  });

  it.each(["", "P", "PT", "3Y", "P3", "P1.5Y", "-P1D", "PT72h", "P1Y2", "three years", "P1DT"])(
    "rejects %j as invalid_duration",
    (iso) => {
      try {
        parseIsoDuration(iso);
        expect.unreachable();
      } catch (e) {
        expect(isRegistruError(e) && e.code).toBe("invalid_duration");
      }
    },
  );
});

describe("addRetention", () => {
  it("adds calendar years, clamping 29 February", () => {
    expect(addRetention(new Date("2024-02-29T10:00:00Z"), "P1Y").toISOString()).toBe("2025-02-28T10:00:00.000Z");
  });

  it("adds months, clamping to the end of a shorter month", () => {
    expect(addRetention(new Date("2024-01-31T10:00:00Z"), "P14M").toISOString()).toBe("2025-03-31T10:00:00.000Z");
    expect(addRetention(new Date("2025-01-31T10:00:00Z"), "P1M").toISOString()).toBe("2025-02-28T10:00:00.000Z");
  });

  it("does not move an expiry that falls on a weekend or holiday", () => {
    // 15 Feb 2025 is a Saturday; 1 Dec 2026 a Romanian holiday.
    expect(addRetention(new Date("2025-01-15T09:00:00Z"), "P1M").toISOString()).toBe("2025-02-15T09:00:00.000Z");
    expect(addRetention(new Date("2026-11-01T10:00:00Z"), "P1M", "Europe/Bucharest").toISOString()).toBe(
      "2026-12-01T10:00:00.000Z",
    );
  });

  it("keeps the local wall-clock time across DST when given a zone, and elapsed time for hours", () => {
    // 1 Mar 2026 12:00 in Bucharest is 10:00 UTC (EET); 1 Apr 2026 12:00 is 09:00 UTC (EEST).
    expect(addRetention(new Date("2026-03-01T10:00:00Z"), "P1M", "Europe/Bucharest").toISOString()).toBe(
      "2026-04-01T09:00:00.000Z",
    );
    expect(addRetention(new Date("2026-03-27T12:30:00Z"), "PT72H", "Europe/Bucharest").toISOString()).toBe(
      "2026-03-30T12:30:00.000Z",
    );
  });

  it("rejects a bad duration and a bad zone", () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return isRegistruError(e) ? e.code : undefined;
      }
    };
    expect(code(() => addRetention(new Date(), "3 years"))).toBe("invalid_duration");
    expect(code(() => addRetention(new Date(), "P1Y", "Mars/Olympus"))).toBe("invalid_time_zone");
  });
});
