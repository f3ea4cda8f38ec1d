import { describe, expect, it } from "vitest";
import { authorityClock, breachClock, formatSpan, nextDue, processorClock } from "../../src/breaches/index.ts";
import { fixedClock } from "../../src/clock.ts";
import { deadline, isPublicHoliday, localDate } from "../../src/law/index.ts";
import { storedFixture } from "./fixtures.ts";

const HOUR = 3_600_000;
const localTime = (d: Date, timeZone: string) =>
  new Intl.DateTimeFormat("en-GB", { timeZone, dateStyle: "short", timeStyle: "short", hourCycle: "h23" }).format(d);

describe("the 72-hour authority clock (GDPR Art. 33(1), ZZPL čl. 52(1))", () => {
  it("falls exactly 72 elapsed hours after awareness; a notification at the 72nd hour is in time, one second later is late", () => {
    const b = storedFixture({ aware_at: "2026-11-20T09:00:00+02:00" });
    const c = authorityClock(b, fixedClock("2026-11-20T10:00:00+02:00"));
    expect(c.due.toISOString()).toBe("2026-11-23T07:00:00.000Z");
    expect(c.due.getTime() - new Date(b.aware_at).getTime()).toBe(72 * HOUR);
    expect(c).toMatchObject({ state: "open", msLeft: 71 * HOUR, article: "GDPR Art. 33(1)" });

    const onTime = authorityClock({ ...b, notifications: [{ to: "authority", phase: "initial", channel: "online_form", at: "2026-11-23T07:00:00.000Z", late: false, recorded_by: "dpo" }] }, fixedClock("2026-11-30T00:00:00Z"));
    expect(onTime).toMatchObject({ state: "met", msLeft: 0 });
    const late = authorityClock({ ...b, notifications: [{ to: "authority", phase: "initial", channel: "email", at: "2026-11-23T07:00:01.000Z", late: true, recorded_by: "dpo" }] }, fixedClock("2026-11-30T00:00:00Z"));
    expect(late).toMatchObject({ state: "late", msLeft: -1000 });
  });

  it("shows the time left, then how long it is overdue", () => {
    const b = storedFixture({ aware_at: "2026-11-20T09:00:00+02:00" });
    const left = authorityClock(b, fixedClock("2026-11-22T17:45:00+02:00"));
    expect(formatSpan(left.msLeft)).toBe("15h 15m");
    const overdue = authorityClock(b, fixedClock("2026-11-24T11:30:00+02:00"));
    expect(overdue.state).toBe("overdue");
    expect(overdue.msLeft).toBe(-(26 * HOUR + 30 * 60_000));
    expect(formatSpan(overdue.msLeft)).toBe("1d 02h 30m");
  });

  for (const [zone, jurisdiction, aware] of [
    ["Europe/Bucharest", "RO", "2026-10-24T10:00:00+03:00"],
    ["Europe/Belgrade", "RS", "2026-10-24T10:00:00+02:00"],
  ] as const) {
    it(`is not shifted by the change from summer time on the last Sunday of October in ${zone}`, () => {
      const b = storedFixture({ aware_at: aware, jurisdiction });
      const { due } = authorityClock(b, fixedClock(aware));
      expect(due.getTime() - new Date(aware).getTime()).toBe(72 * HOUR);
      // 10:00 summer time + 72 real hours = 09:00 winter time: the wall clock moved, the hours did not.
      expect(localTime(new Date(aware), zone)).toBe("24/10/2026, 10:00");
      expect(localTime(due, zone)).toBe("27/10/2026, 09:00");
    });
  }

  it("is not moved by a weekend or a Romanian public holiday (Christmas 2026 falls on Friday and Saturday)", () => {
    const aware = "2026-12-24T16:00:00+02:00";
    expect(isPublicHoliday("RO", "2026-12-25") && isPublicHoliday("RO", "2026-12-26")).toBe(true);
    const { due } = authorityClock(storedFixture({ aware_at: aware, jurisdiction: "RO" }), fixedClock(aware));
    expect(due.toISOString()).toBe("2026-12-27T14:00:00.000Z");
    expect(localDate(due, "Europe/Bucharest")).toBe("2026-12-27");
    // A period in days would have been moved past the holidays and the weekend: the hours are not.
    expect(deadline(new Date(aware), { days: 3 }, "RO").dueDate).toBe("2026-12-29");
  });

  it("is not moved by a Serbian public holiday (New Year 1-2 January, Orthodox Christmas 7 January)", () => {
    const aware = "2027-01-05T12:00:00+01:00";
    expect(isPublicHoliday("RS", "2027-01-07")).toBe(true);
    const { due, article } = authorityClock(storedFixture({ aware_at: aware, jurisdiction: "RS" }), fixedClock(aware));
    expect(due.toISOString()).toBe("2027-01-08T11:00:00.000Z");
    expect(article).toBe("ZZPL čl. 52(1)");
  });

  it("is not required once the DPO decides no risk is likely, and then no longer due", () => {
    const b = storedFixture({
      risk: { likelihood: "limited", severity: "negligible" },
      decisions: { notify_authority: { notify: false, reason: "Encrypted backup, key not affected" } },
    });
    expect(authorityClock(b, fixedClock("2026-12-01T00:00:00Z")).state).toBe("not_required");
    expect(nextDue(b)).toBeNull();
  });
});

describe("the processor's contractual window (GDPR Art. 33(2); S4-09: 48 hours)", () => {
  const reported = (told?: string) =>
    storedFixture({
      aware_at: "2026-11-22T10:00:00+02:00",
      reported_by_processor: { processor: "ampeco", processor_aware_at: "2026-11-20T08:00:00+02:00", window_hours: 48, ...(told && { told_controller_at: told }) },
    });

  it("S4-09 is met when the processor tells the controller within 48 hours (exactly 48 included)", () => {
    const c = processorClock(reported("2026-11-22T08:00:00+02:00"), fixedClock("2026-11-25T00:00:00Z"));
    expect(c).toMatchObject({ processor: "ampeco", windowHours: 48, state: "met", msLeft: 0, article: "GDPR Art. 33(2)" });
    expect(c!.due!.toISOString()).toBe("2026-11-22T06:00:00.000Z");
  });

  it("S4-09 is missed when the processor tells the controller after 48 hours", () => {
    const c = processorClock(reported("2026-11-22T08:00:01+02:00"), fixedClock("2026-11-25T00:00:00Z"));
    expect(c).toMatchObject({ state: "missed", msLeft: -1000 });
  });

  it("runs while the processor has not told the controller, and puts the nearest deadline first", () => {
    const b = reported();
    expect(processorClock(b, fixedClock("2026-11-21T08:00:00+02:00"))).toMatchObject({ state: "open", msLeft: 24 * HOUR });
    expect(processorClock(b, fixedClock("2026-11-23T08:00:00+02:00"))).toMatchObject({ state: "overdue" });
    // Processor window ends 22 Nov 08:00, the authority's 25 Nov 10:00: the sooner one is due.
    expect(nextDue(b)?.toISOString()).toBe("2026-11-22T06:00:00.000Z");
    const told = reported("2026-11-21T08:00:00+02:00");
    expect(nextDue(told)?.toISOString()).toBe("2026-11-25T08:00:00.000Z");
    expect(breachClock(told, fixedClock("2026-11-22T10:00:00+02:00")).nextDue?.toISOString()).toBe("2026-11-25T08:00:00.000Z");
  });

  it("has no window when the DPA sets no breach notice hours", () => {
    const b = storedFixture({ reported_by_processor: { processor: "it", processor_aware_at: "2026-11-20T08:00:00+02:00", window_hours: null } });
    expect(processorClock(b, fixedClock("2026-11-21T00:00:00Z"))).toMatchObject({ state: "no_window", due: null });
  });
});
