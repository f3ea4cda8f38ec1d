import { describe, expect, it } from "vitest";
import { describeTimeLeft, requestDeadline, timeLeft } from "../../src/requests/index.ts";
import { loadExample } from "../helpers/manifests.ts";

type Input = Parameters<typeof requestDeadline>[0];
const request = (receivedAt: string, jurisdiction: string, extra: Partial<Input> = {}): Input => ({ receivedAt, jurisdiction, pauses: [], ...extra });
const promiseOf = (example: string, right: string) => (loadExample(example).manifest.rights?.deadlines as Record<string, string>)[right];
const extension = { at: "2026-12-01T00:00:00Z", reason: "many systems", by: "dpo" };

describe("request deadlines", () => {
  it("Romania: a request on 31 December 2026 is due Monday 1 February 2027 (31 January is a Sunday), GDPR Art. 12(3)", () => {
    const d = requestDeadline(request("2026-12-31T10:00:00Z", "RO"));
    expect(d.legal.dueDate).toBe("2027-02-01");
    expect(d.legal.movedFrom).toBe("2027-01-31");
    expect(d.due.toISOString()).toBe("2027-02-01T21:59:59.999Z");
    expect(d.article).toBe("GDPR Art. 12(3)");
  });

  it("Serbia: 30 days from 8 December 2026 end on Orthodox Christmas, 7 January 2027, and move to the 8th (ZZPL čl. 21)", () => {
    const d = requestDeadline(request("2026-12-08T10:00:00Z", "RS"));
    expect(d.legal.movedFrom).toBe("2027-01-07");
    expect(d.legal.dueDate).toBe("2027-01-08");
    expect(d.article).toBe("ZZPL čl. 21");
    expect(d.due.toISOString()).toBe("2027-01-08T22:59:59.999Z");
  });

  it("S1-07 Sentosa answers every request and complaint in 5 days; Epiphany and St John (6-7 January) move the 6th to the 8th", () => {
    for (const right of ["access", "erasure", "objection", "complaint", "withdraw_consent"]) {
      const promise = promiseOf("sentosa", right);
      expect(promise).toBe("P5D");
      const d = requestDeadline(request("2027-01-01T09:00:00Z", "RO", { promise }));
      expect(d.winner).toBe("promise");
      expect(d.due.toISOString()).toBe("2027-01-08T21:59:59.999Z");
      expect(d.legal.dueDate).toBe("2027-02-01");
    }
  });

  it("S3-06 Registratura answers complaints in 30 days: in December that is a day before the law's month (and its New Year holidays)", () => {
    const promise = promiseOf("registratura", "complaint");
    expect(promise).toBe("P30D");
    const d = requestDeadline(request("2026-12-01T10:00:00Z", "RO", { promise }));
    expect(d.winner).toBe("promise");
    expect(d.due.toISOString()).toBe("2026-12-31T21:59:59.999Z");
    expect(d.legal.dueDate).toBe("2027-01-04");
  });

  it("S4-17 Eldrive's table: access one month (the law's own, named as law), erasure without undue delay, objection on receipt", () => {
    const at = "2026-11-27T15:00:00Z"; // a Friday; 30 November and 1 December are public holidays
    const access = requestDeadline(request(at, "RO", { promise: promiseOf("eldrive", "access") }));
    expect(access).toMatchObject({ winner: "law", promised: { kind: "date", promise: "P1M" } });
    expect(access.legal.dueDate).toBe("2026-12-28");
    const erasure = requestDeadline(request(at, "RO", { promise: promiseOf("eldrive", "erasure") }));
    expect(erasure).toMatchObject({ winner: "law", promised: { kind: "without_undue_delay" } });
    expect(erasure.due).toEqual(access.due);
    const objection = requestDeadline(request(at, "RO", { promise: promiseOf("eldrive", "objection") }));
    expect(objection.winner).toBe("promise");
    expect(objection.due.toISOString()).toBe("2026-11-27T21:59:59.999Z");
    const onSaturday = requestDeadline(request("2026-11-28T10:00:00Z", "RO", { promise: "on_receipt" }));
    expect(onSaturday.due.toISOString()).toBe("2026-12-02T21:59:59.999Z");
  });

  it("an extension counts three months (ZZPL: 90 days) from receipt and replaces a shorter promise", () => {
    const ro = requestDeadline(request("2026-12-31T10:00:00Z", "RO", { promise: "P5D", extension }));
    expect(ro).toMatchObject({ extended: true, winner: "law" });
    expect(ro.legal.dueDate).toBe("2027-03-31");
    expect(ro.firstPeriodDue.toISOString()).toBe("2027-01-05T21:59:59.999Z");
    const rs = requestDeadline(request("2026-12-08T10:00:00Z", "RS", { extension }));
    expect(rs.legal.dueDate).toBe("2027-03-08");
  });

  it("a pause moves the deadline by exactly the paused time; an open pause freezes the time left", () => {
    const base = requestDeadline(request("2026-11-23T10:00:00Z", "RO"));
    const pauses = [{ from: "2026-11-25T08:00:00Z", to: "2026-11-27T09:30:00.250Z", reason: "waiting for the subject", by: "dpo" }];
    const paused = requestDeadline(request("2026-11-23T10:00:00Z", "RO", { pauses }));
    const pausedMs = Date.parse(pauses[0]!.to) - Date.parse(pauses[0]!.from);
    expect(paused.due.getTime() - base.due.getTime()).toBe(pausedMs);
    expect(paused.pausedMs).toBe(pausedMs);

    const open = request("2026-11-23T10:00:00Z", "RO", { pauses: [{ from: "2026-11-25T08:00:00Z", reason: "waiting", by: "dpo" }] });
    const early = timeLeft(open, new Date("2026-11-26T00:00:00Z"));
    const late = timeLeft(open, new Date("2027-03-01T00:00:00Z"));
    expect(early).toEqual(late);
    expect(early).toMatchObject({ paused: true, overdue: false, msLeft: base.due.getTime() - Date.parse("2026-11-25T08:00:00Z") });
    expect(describeTimeLeft(early)).toMatch(/^paused, \d+d \d+h left$/);
  });

  it("shows the time left and when it is overdue", () => {
    const r = request("2026-11-23T10:00:00Z", "RO");
    expect(describeTimeLeft(timeLeft(r, new Date("2026-12-23T18:00:00Z")))).toBe("3h 59m left");
    const over = timeLeft(r, new Date("2026-12-25T22:00:00Z"));
    expect(over).toMatchObject({ overdue: true, workingDaysLeft: 0 });
    expect(describeTimeLeft(over)).toBe("overdue by 2d 0h");
  });

  it("refuses a promise it cannot count instead of guessing", () => {
    expect(() => requestDeadline(request("2026-11-23T10:00:00Z", "RO", { promise: "PT1H30M" }))).toThrow(expect.objectContaining({ code: "unsupported_promise" }));
  });
});
