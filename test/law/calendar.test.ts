import { describe, expect, it } from "vitest";
import { isRegistruError } from "../../src/errors.ts";
import { holidaysIn, isPublicHoliday, isWorkingDay, nextWorkingDay, workingDaysBetween } from "../../src/law/index.ts";

const dates = (country: string, year: number) => holidaysIn(country, year).map((h) => h.date);

describe("Romanian public holidays (Labour Code art. 139)", () => {
  it("lists the 2026 holidays, including both days of New Year and the Orthodox movable feasts", () => {
    expect(dates("RO", 2026)).toEqual([
      "2026-01-01",
      "2026-01-02",
      "2026-01-06",
      "2026-01-07",
      "2026-01-24",
      "2026-04-10", // Orthodox Good Friday
      "2026-04-12", // Orthodox Easter
      "2026-04-13",
      "2026-05-01",
      "2026-05-31", // Orthodox Pentecost
      "2026-06-01", // Whit Monday and Children's Day
      "2026-08-15",
      "2026-11-30",
      "2026-12-01",
      "2026-12-25",
      "2026-12-26",
    ]);
  });

  it("treats observances such as Constitution Day (8 December) as working days", () => {
    expect(isWorkingDay("RO", "2026-12-08")).toBe(true); // a Tuesday
  });

  it("finds the next working day after Good Friday and Easter", () => {
    expect(nextWorkingDay("RO", "2026-04-09")).toBe("2026-04-14");
  });
});

describe("Serbian public holidays (Zakon o državnim i drugim praznicima)", () => {
  it("includes Orthodox Easter Monday but not the Catholic one", () => {
    expect(isPublicHoliday("RS", "2026-04-13")).toBe(true);
    expect(isWorkingDay("RS", "2026-04-06")).toBe(true); // Catholic Easter Monday: optional only
  });

  it("adds the substitute day when Statehood Day falls on a Sunday", () => {
    // 15 Feb 2026 is a Sunday: 16 Feb is the second day, Tuesday 17 Feb the substitute.
    expect(isPublicHoliday("RS", "2026-02-16")).toBe(true);
    expect(isPublicHoliday("RS", "2026-02-17")).toBe(true);
    expect(isWorkingDay("RS", "2026-02-18")).toBe(true);
  });

  it("treats St Sava's Day (27 January) as a working day", () => {
    expect(isWorkingDay("RS", "2026-01-27")).toBe(true);
  });
});

describe("working days", () => {
  it("are Monday to Friday outside public holidays", () => {
    expect(isWorkingDay("RO", "2025-02-28")).toBe(true); // Friday
    expect(isWorkingDay("RO", "2025-03-01")).toBe(false); // Saturday
    expect(isWorkingDay("RO", "2025-03-02")).toBe(false); // Sunday
  });

  it("do not lose a whole day to a holiday that starts in the afternoon (Iceland, 24 December)", () => {
    expect(isWorkingDay("IS", "2026-12-24")).toBe(true); // Thursday; Aðfangadagur from 13:00
  });

  it("are counted in the interval after the first date up to the second", () => {
    expect(workingDaysBetween("RO", "2025-04-28", "2025-05-05")).toBe(4); // 29, 30 Apr, 2, 5 May
  });

  it("reject an impossible date and an unknown country", () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return isRegistruError(e) ? e.code : undefined;
      }
    };
    expect(code(() => isWorkingDay("RO", "2026-02-30"))).toBe("invalid_date");
    expect(code(() => isWorkingDay("RO", "1 March 2026"))).toBe("invalid_date");
    expect(code(() => isWorkingDay("XX", "2026-03-02"))).toBe("unknown_calendar");
  });
});
