import { describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.ts";
import { isRegistruError } from "../../src/errors.ts";
import { deadline, lawFor, remaining } from "../../src/law/index.ts";

// Expected dates below were worked out by hand from the 2024-2026 calendars
// (1 Jan 2024 Monday, 1 Jan 2025 Wednesday, 1 Jan 2026 Thursday) and the official holiday lists.
// Bucharest is UTC+2 in winter and UTC+3 in summer; Belgrade UTC+1 / UTC+2.

const errorCode = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return isRegistruError(e) ? e.code : "not a RegistruError";
  }
  return undefined;
};

describe("periods in months (Reg. 1182/71 art. 3(2)(c))", () => {
  it("ends on the last day of February when the next month has no 31st (non-leap 2025)", () => {
    const d = deadline(new Date("2025-01-31T08:00:00Z"), { months: 1 }, "RO");
    expect(d.dueDate).toBe("2025-02-28"); // a Friday, a working day
    expect(d.movedFrom).toBeUndefined();
    expect(d.due.toISOString()).toBe("2025-02-28T21:59:59.999Z"); // 23:59:59.999 in Bucharest
    expect(d.rule).toContain("3(2)(c)");
  });

  it("ends on 29 February in a leap year", () => {
    const d = deadline(new Date("2024-01-31T08:00:00Z"), { months: 1 }, "RO");
    expect(d.dueDate).toBe("2024-02-29"); // a Thursday
  });

  it("moves a deadline that lands on a Saturday to the Monday (art. 3(4))", () => {
    // Wednesday 15 Jan 2025 + 1 month = Saturday 15 Feb 2025.
    const d = deadline(new Date("2025-01-15T09:00:00Z"), { months: 1 }, "RO");
    expect(d.movedFrom).toBe("2025-02-15");
    expect(d.dueDate).toBe("2025-02-17");
    expect(d.rule).toContain("3(4)");
  });

  it("moves past the Romanian National Day, 1 December", () => {
    // Sunday 1 Nov 2026 + 1 month = Tuesday 1 Dec 2026, a public holiday.
    const d = deadline(new Date("2026-11-01T10:00:00Z"), { months: 1 }, "RO");
    expect(d.movedFrom).toBe("2026-12-01");
    expect(d.dueDate).toBe("2026-12-02");
  });

  it("moves past St Andrew's Day and the National Day in a row", () => {
    // Friday 30 Oct 2026 + 1 month = Monday 30 Nov 2026 (Sf. Andrei), then Tuesday 1 Dec.
    const d = deadline(new Date("2026-10-30T10:00:00Z"), { months: 1 }, "RO");
    expect(d.movedFrom).toBe("2026-11-30");
    expect(d.dueDate).toBe("2026-12-02");
  });

  it("uses the country's own holidays: 3 October is a holiday in Germany, not in Romania", () => {
    // Wednesday 3 Sep 2025 + 1 month = Friday 3 Oct 2025 (Tag der Deutschen Einheit).
    const received = new Date("2025-09-03T08:00:00Z");
    expect(deadline(received, { months: 1 }, "DE").dueDate).toBe("2025-10-06");
    expect(deadline(received, { months: 1 }, "RO").dueDate).toBe("2025-10-03");
  });

  it("counts from the local date of receipt: 23:30 UTC on 31 January is already 1 February in Bucharest", () => {
    const d = deadline(new Date("2024-01-31T23:30:00Z"), { months: 1 }, "RO");
    expect(d.dueDate).toBe("2024-03-01"); // a Friday; counting in UTC would give 29 February
    expect(d.due.toISOString()).toBe("2024-03-01T21:59:59.999Z");
  });

  it("leaves the deadline on the weekend when asked not to move it", () => {
    const d = deadline(new Date("2025-01-15T09:00:00Z"), { months: 1 }, "RO", { moveToWorkingDay: false });
    expect(d.dueDate).toBe("2025-02-15");
    expect(d.movedFrom).toBeUndefined();
  });
});

describe("periods in days (Reg. 1182/71 art. 3(2)(b))", () => {
  it("moves a ZZPL 30-day deadline off Serbian Orthodox Easter Monday", () => {
    // Saturday 14 Mar 2026 + 30 days = Monday 13 Apr 2026, Vaskrsni ponedeljak.
    const d = deadline(new Date("2026-03-14T10:00:00Z"), { days: 30 }, "RS");
    expect(d.movedFrom).toBe("2026-04-13");
    expect(d.dueDate).toBe("2026-04-14");
    expect(d.due.toISOString()).toBe("2026-04-14T21:59:59.999Z"); // 23:59:59.999 CEST
    expect(d.rule).toContain("Zakon o opštem upravnom postupku");
    expect(d.rule).not.toContain("1182/71");
  });

  it("gives a two-day period at least two working days (art. 3(5))", () => {
    // Thursday 9 Apr 2026 + 2 days = Saturday 11 Apr; Sunday is Easter and Monday 13 Apr a holiday,
    // so art. 3(4) gives Tuesday 14 Apr, which is the only working day after Good Friday (10 Apr).
    const d = deadline(new Date("2026-04-09T08:00:00Z"), { days: 2 }, "RO");
    expect(d.dueDate).toBe("2026-04-15");
    expect(d.movedFrom).toBe("2026-04-11");
    expect(d.rule).toContain("3(5)");
  });
});

describe("periods in working days", () => {
  it("skips Labour Day in Romania: 10 working days from Monday 28 April 2025", () => {
    // 29, 30 Apr, (1 May), 2, 5, 6, 7, 8, 9, 12, 13 May.
    expect(deadline(new Date("2025-04-28T09:00:00Z"), { workingDays: 10 }, "RO").dueDate).toBe("2025-05-13");
  });

  it("skips Orthodox Good Friday and Easter Monday in Romania", () => {
    // From Wednesday 8 Apr 2026: 9, (10), (13), 14, 15, 16, 17, 20, 21, 22, 23, 24 Apr.
    expect(deadline(new Date("2026-04-08T09:00:00Z"), { workingDays: 10 }, "RO").dueDate).toBe("2026-04-24");
  });

  it("skips both Serbian Labour Day holidays", () => {
    // Wednesday 30 Apr 2025; 1 and 2 May are holidays in Serbia, 3-4 May a weekend.
    expect(deadline(new Date("2025-04-30T09:00:00Z"), { workingDays: 1 }, "RS").dueDate).toBe("2025-05-05");
  });
});

describe("periods in hours (never moved, art. 3(4))", () => {
  it("runs 72 hours over a weekend: Friday 14:30 to Monday 14:30 local", () => {
    // Friday 14 Nov 2025 14:30 in Bucharest (UTC+2) is 12:30 UTC.
    const d = deadline(new Date("2025-11-14T12:30:00Z"), { hours: 72 }, "RO");
    expect(d.due.toISOString()).toBe("2025-11-17T12:30:00.000Z");
    expect(d.dueDate).toBeNull();
    expect(d.movedFrom).toBeUndefined();
  });

  it("counts elapsed hours across the spring DST change (local clock shows 15:30)", () => {
    // Friday 27 Mar 2026 14:30 EET = 12:30 UTC; clocks go forward on Sunday 29 March.
    const d = deadline(new Date("2026-03-27T12:30:00Z"), { hours: 72 }, "RO");
    expect(d.due.toISOString()).toBe("2026-03-30T12:30:00.000Z"); // 15:30 EEST
  });

  it("counts elapsed hours across the autumn DST change (local clock shows 13:30)", () => {
    // Friday 23 Oct 2026 14:30 EEST = 11:30 UTC; clocks go back on Sunday 25 October.
    const d = deadline(new Date("2026-10-23T11:30:00Z"), { hours: 72 }, "RO");
    expect(d.due.toISOString()).toBe("2026-10-26T11:30:00.000Z"); // 13:30 EET
  });

  it("does not move a deadline in hours that ends on a Sunday", () => {
    // Thursday 13 Nov 2025 10:00 UTC + 72 h = Sunday 16 Nov 2025 10:00 UTC.
    const d = deadline(new Date("2025-11-13T10:00:00Z"), { hours: 72 }, "RS");
    expect(d.due.toISOString()).toBe("2025-11-16T10:00:00.000Z");
  });

  it("refuses to move a period in hours", () => {
    expect(errorCode(() => deadline(new Date(), { hours: 72 }, "RO", { moveToWorkingDay: true }))).toBe(
      "invalid_period",
    );
  });
});

describe("invalid input", () => {
  it.each([[{ days: 0 }], [{ months: 1.5 }], [{ hours: -1 }], [{}], [{ days: 1, months: 1 }]])(
    "rejects the period %j",
    (period) => {
      expect(errorCode(() => deadline(new Date(), period as never, "RO"))).toBe("invalid_period");
    },
  );

  it("rejects an invalid event instant", () => {
    expect(errorCode(() => deadline(new Date("nope"), { days: 1 }, "RO"))).toBe("invalid_instant");
  });

  it("rejects an unknown jurisdiction", () => {
    expect(errorCode(() => deadline(new Date(), { days: 1 }, "US"))).toBe("unknown_jurisdiction");
  });

  it("accepts a Jurisdiction object as well as a code", () => {
    const d = deadline(new Date("2025-01-31T08:00:00Z"), { months: 1 }, lawFor("RO"));
    expect(d.dueDate).toBe("2025-02-28");
    expect(d.jurisdiction).toBe("RO");
  });
});

describe("remaining", () => {
  const due = deadline(new Date("2025-01-31T08:00:00Z"), { months: 1 }, "RO"); // Friday 28 Feb 2025

  it("counts working days after today up to the due date", () => {
    const left = remaining(due, fixedClock("2025-02-26T10:00:00Z")); // Wednesday
    expect(left).toEqual({ overdue: false, msLeft: Date.parse("2025-02-28T21:59:59.999Z") - Date.parse("2025-02-26T10:00:00Z"), workingDaysLeft: 2 });
  });

  it("is not overdue until the last millisecond of the due date", () => {
    expect(remaining(due, fixedClock("2025-02-28T21:59:59.999Z"))).toEqual({ overdue: false, msLeft: 0, workingDaysLeft: 0 });
  });

  it("is overdue from local midnight after the due date", () => {
    const left = remaining(due, fixedClock("2025-02-28T22:00:00Z")); // 00:00 on 1 March in Bucharest
    expect(left.overdue).toBe(true);
    expect(left.msLeft).toBe(-1);
    expect(left.workingDaysLeft).toBe(0);
  });
});
