import { describe, expect, it } from "vitest";
import { breachNotificationDeadline, PERIODS, periodsFor, responseDeadline } from "../../src/law/index.ts";

describe("legal periods per regime", () => {
  it("states the GDPR and ZZPL periods", () => {
    expect(PERIODS.GDPR).toEqual({ response: { months: 1 }, responseExtended: { months: 3 }, breachNotification: { hours: 72 } });
    expect(PERIODS.ZZPL).toEqual({ response: { days: 30 }, responseExtended: { days: 90 }, breachNotification: { hours: 72 } });
    expect(periodsFor("FR")).toBe(PERIODS.GDPR);
    expect(periodsFor("RS")).toBe(PERIODS.ZZPL);
  });
});

describe("responseDeadline", () => {
  it("gives one month under the GDPR, citing Art. 12(3)", () => {
    const r = responseDeadline(new Date("2025-01-31T08:00:00Z"), "RO");
    expect(r.deadline.dueDate).toBe("2025-02-28");
    expect(r.winner).toBe("law");
    expect(r.article).toBe("GDPR Art. 12(3)");
  });

  it("counts the extended total of three months from receipt, not from the first due date", () => {
    // 31 Jan + 3 months = Wednesday 30 Apr 2025; chaining from 28 Feb would give 28 Apr.
    const r = responseDeadline(new Date("2025-01-31T08:00:00Z"), "RO", { extended: true });
    expect(r.deadline.dueDate).toBe("2025-04-30");
  });

  it("moves the extended deadline past Orthodox Good Friday, Easter and Easter Monday", () => {
    // Saturday 18 Jan 2025 + 3 months = Friday 18 Apr 2025 (Vinerea Mare); 20-21 Apr Easter.
    const r = responseDeadline(new Date("2025-01-18T10:00:00Z"), "RO", { extended: true });
    expect(r.deadline.movedFrom).toBe("2025-04-18");
    expect(r.deadline.dueDate).toBe("2025-04-22");
  });

  it("gives 30 days under the ZZPL, citing čl. 21", () => {
    // Monday 2 Jun 2025 + 30 days = Wednesday 2 Jul 2025.
    const r = responseDeadline(new Date("2025-06-02T08:00:00Z"), "RS");
    expect(r.deadline.dueDate).toBe("2025-07-02");
    expect(r.article).toBe("ZZPL čl. 21");
  });

  it("gives 90 days in total when the ZZPL extension is used", () => {
    // 2 Jun 2025 + 90 days = Sunday 31 Aug 2025, moved to Monday 1 Sep.
    const r = responseDeadline(new Date("2025-06-02T08:00:00Z"), "RS", { extended: true });
    expect(r.deadline.movedFrom).toBe("2025-08-31");
    expect(r.deadline.dueDate).toBe("2025-09-01");
  });

  it("S1-07 lets a promise of 5 days beat the one-month rule", () => {
    // Monday 3 Mar 2025: 5 days = Saturday 8 Mar, moved to Monday 10 Mar; the law says 3 April.
    const r = responseDeadline(new Date("2025-03-03T09:00:00Z"), "RO", { promiseDays: 5 });
    expect(r.winner).toBe("promise");
    expect(r.deadline.dueDate).toBe("2025-03-10");
    expect(r.legal.dueDate).toBe("2025-04-03");
    expect(r.promised?.dueDate).toBe("2025-03-10");
  });

  it("S3-06 keeps the law when a 30-day promise ends later than one month", () => {
    // 31 Jan 2025: one month = 28 Feb; 30 days = Sunday 2 Mar, moved to Monday 3 Mar.
    const r = responseDeadline(new Date("2025-01-31T08:00:00Z"), "RO", { promiseDays: 30 });
    expect(r.winner).toBe("law");
    expect(r.deadline.dueDate).toBe("2025-02-28");
    expect(r.promised?.dueDate).toBe("2025-03-03");
  });

  it("still holds the organisation to its promise when the legal deadline is extended", () => {
    const r = responseDeadline(new Date("2025-03-03T09:00:00Z"), "RO", { extended: true, promiseDays: 5 });
    expect(r.winner).toBe("promise");
    expect(r.legal.dueDate).toBe("2025-06-03"); // Tuesday 3 June 2025
  });
});

describe("breachNotificationDeadline", () => {
  it("is 72 elapsed hours from awareness, unmoved by the weekend", () => {
    // Friday 14 Nov 2025 14:30 in Belgrade (UTC+1) = 13:30 UTC.
    const d = breachNotificationDeadline(new Date("2025-11-14T13:30:00Z"), "RS");
    expect(d.due.toISOString()).toBe("2025-11-17T13:30:00.000Z");
    expect(d.dueDate).toBeNull();
  });
});
