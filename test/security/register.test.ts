import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAudit } from "../../src/audit/index.ts";
import { fixedClock } from "../../src/clock.ts";
import { applyManifest, getOrganisation } from "../../src/organisations/index.ts";
import { entryEvents } from "../../src/registers/index.ts";
import { nextReviewOn, recordReview, reviewHistory, securityMeasureKind, securityRegister } from "../../src/security/index.ts";
import { backend, openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { loadExample } from "../helpers/manifests.ts";

const at = (day: string) => fixedClock(`${day}T09:00:00Z`);
const periodic = async (t: TestDatabase, day: string) =>
  (await securityRegister(t.ctx(at(day)), "sentosa")).measures.filter((m) => m.every).map((m) => [m.id, m.state, m.nextReview ?? null]);

describe(`security measures register on ${backend}`, () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await openTestDatabase();
    await applyManifest(t.ctx(at("2026-01-05")), loadExample("sentosa"), { slug: "sentosa", appliedBy: "test" });
  });
  afterAll(() => t.drop());

  it("lists the manifest's measures; the periodic ones are due until a review is on record", async () => {
    const r = await securityRegister(t.ctx(at("2026-01-10")), "sentosa");
    expect(r.measures).toHaveLength(18);
    expect(r.measures.filter((m) => m.state !== "not_periodic").map((m) => [m.id, m.every, m.state])).toEqual([
      ["password_rotation", "P3M", "never_reviewed"],
      ["quarterly_audit", "P3M", "never_reviewed"],
    ]);
    expect(r.alerts.map((a) => a.key)).toEqual(["never_reviewed:password_rotation", "never_reviewed:quarterly_audit"]);
  });

  it("S1-07 the quarterly evaluation: each review sets the next one three months on, and a late one is an alert", async () => {
    const first = await recordReview(t.ctx(at("2026-01-31")), "sentosa", "quarterly_audit", { on: "2026-01-31", reviewer: "Cenan Cosmin-Cristian (DPO)", outcome: "effective" }, "dpo");
    // Calendar months: a quarter from 31 January is 30 April.
    expect(first).toMatchObject({ state: "up_to_date", nextReview: "2026-04-30", lastReview: { on: "2026-01-31", outcome: "effective" } });
    expect(await periodic(t, "2026-04-30")).toContainEqual(["quarterly_audit", "up_to_date", "2026-04-30"]);
    expect(await periodic(t, "2026-05-01")).toContainEqual(["quarterly_audit", "overdue", "2026-04-30"]);
    expect((await securityRegister(t.ctx(at("2026-05-01")), "sentosa")).alerts).toContainEqual(expect.objectContaining({ kind: "review_overdue", measure: "quarterly_audit", dueOn: "2026-04-30" }));

    const second = await recordReview(t.ctx(at("2026-05-04")), "sentosa", "quarterly_audit", { on: "2026-05-04", reviewer: "DPO", outcome: "improvement_needed", notes: "restore test took 6 hours" }, "dpo");
    expect(second).toMatchObject({ state: "up_to_date", nextReview: "2026-08-04" });
    expect(await periodic(t, "2026-08-05")).toContainEqual(["quarterly_audit", "overdue", "2026-08-04"]);
  });

  it("S1-07 a review entered late joins the history without moving the next review", async () => {
    const late = await recordReview(t.ctx(at("2026-05-06")), "sentosa", "quarterly_audit", { on: "2026-03-31", reviewer: "DPO", outcome: "effective" }, "dpo");
    expect(late.nextReview).toBe("2026-08-04");
    expect((await reviewHistory(t.ctx(), "sentosa", "quarterly_audit")).map((r) => [r.on, r.outcome, r.recordedBy])).toEqual([
      ["2026-01-31", "effective", "dpo"],
      ["2026-05-04", "improvement_needed", "dpo"],
      ["2026-03-31", "effective", "dpo"],
    ]);
    const { entryId } = (await securityRegister(t.ctx(at("2026-05-06")), "sentosa")).measures.find((m) => m.id === "quarterly_audit")!;
    expect((await entryEvents(t.ctx(), "sentosa", securityMeasureKind, entryId!)).map((e) => e.kind)).toEqual(["created", "reviewed", "updated", "reviewed", "reviewed"]);
    const { tenant } = await getOrganisation(t.ctx(), "sentosa");
    expect(await verifyAudit(t.database.db, tenant.tenantId)).toMatchObject({ ok: true });
  });

  it("a measure found ineffective stays an alert until a later review finds it works", async () => {
    await recordReview(t.ctx(at("2026-06-01")), "sentosa", "https", { on: "2026-06-01", reviewer: "IT", outcome: "ineffective", notes: "one shop page still on http" }, "it");
    const r = await securityRegister(t.ctx(at("2026-06-02")), "sentosa");
    expect(r.measures.find((m) => m.id === "https")).toMatchObject({ state: "not_periodic", lastReview: { outcome: "ineffective" } });
    expect(r.alerts.map((a) => a.key)).toContain("review_found_ineffective:https");
    await recordReview(t.ctx(at("2026-06-03")), "sentosa", "https", { on: "2026-06-03", reviewer: "IT", outcome: "effective" }, "it");
    expect((await securityRegister(t.ctx(at("2026-06-03")), "sentosa")).alerts.map((a) => a.key)).not.toContain("review_found_ineffective:https");
  });

  it("refuses a review dated after today, of an unknown measure, or with an unknown outcome", async () => {
    const ctx = t.ctx(at("2026-06-03"));
    await expect(recordReview(ctx, "sentosa", "https", { on: "2026-06-04", reviewer: "IT", outcome: "effective" }, "it")).rejects.toMatchObject({ code: "invalid_review", status: 400 });
    await expect(recordReview(ctx, "sentosa", "moat", { on: "2026-06-01", reviewer: "IT", outcome: "effective" }, "it")).rejects.toMatchObject({ code: "security_measure_not_found", status: 404 });
    await expect(recordReview(ctx, "sentosa", "https", { on: "2026-06-01", reviewer: "IT", outcome: "fine" }, "it")).rejects.toMatchObject({ code: "invalid_review", details: [{ path: "outcome" }] });
  });

  it("counts periods in calendar months and years, never moved to a working day", () => {
    expect([nextReviewOn("2026-11-30", "P3M"), nextReviewOn("2028-02-29", "P1Y"), nextReviewOn("2026-12-24", "P1D")]).toEqual(["2027-02-28", "2029-02-28", "2026-12-25"]);
  });
});
