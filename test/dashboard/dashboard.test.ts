import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBreach, notifyBreach } from "../../src/breaches/index.ts";
import { fixedClock } from "../../src/clock.ts";
import type { Context } from "../../src/context.ts";
import { buildDashboard, type DashboardOrganisation } from "../../src/dashboard/index.ts";
import { lintManifest } from "../../src/lint/index.ts";
import { applyManifest, listOrganisations } from "../../src/organisations/index.ts";
import { submitRequest } from "../../src/requests/index.ts";
import { createRun } from "../../src/retention/index.ts";
import { recordReview } from "../../src/security/index.ts";
import { tables } from "../../src/store/index.ts";
import { breachFixture } from "../breaches/fixtures.ts";
import { backend, openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { cleanManifest, loadExample, loadObject } from "../helpers/manifests.ts";

const NOW = "2026-11-23T10:00:00Z";

describe(`the dashboard across organisations on ${backend}`, () => {
  let t: TestDatabase;
  let ctx: Context;
  let orgs: DashboardOrganisation[];
  const pick = (...slugs: string[]) => orgs.filter((o) => slugs.includes(o.slug));

  beforeAll(async () => {
    t = await openTestDatabase();
    ctx = t.ctx(fixedClock(NOW));
    await applyManifest(ctx, loadExample("eldrive"), { slug: "eldrive", appliedBy: "test" });
    await applyManifest(ctx, loadExample("sentosa"), { slug: "sentosa", appliedBy: "test" });
    await applyManifest(ctx, loadExample("promedia"), { slug: "promedia", appliedBy: "test" });
    await applyManifest(ctx, loadObject(cleanManifest()), { slug: "clean", appliedBy: "test" });
    const staffEntry = (receivedAt: string) => ({ right: "access" as const, channel: "post" as const, enteredBy: "Maria", receivedAt, subject: { email: "ana@example.com" } });
    // Eldrive: one received long ago (overdue), one today; Sentosa promises 5 days (S1-07); Promedia's is not asked for.
    await submitRequest(ctx, "eldrive", staffEntry("2026-09-01T09:00:00+03:00"), { actor: "test", public: false });
    await submitRequest(ctx, "eldrive", staffEntry("2026-11-23T09:00:00+02:00"), { actor: "test", public: false });
    await submitRequest(ctx, "sentosa", staffEntry("2026-11-20T09:00:00+02:00"), { actor: "test", public: false });
    await submitRequest(ctx, "promedia", { ...staffEntry("2026-08-01T09:00:00+02:00") }, { actor: "test", public: false });
    await createBreach(ctx, "eldrive", breachFixture({ title: "Later", aware_at: "2026-11-23T08:00:00+02:00" }), "test");
    await createBreach(ctx, "sentosa", breachFixture({ title: "Sooner", aware_at: "2026-11-21T08:00:00+02:00" }), "test");
    const notified = await createBreach(ctx, "eldrive", breachFixture({ title: "Notified", aware_at: "2026-11-22T08:00:00+02:00" }), "test");
    await notifyBreach(ctx, "eldrive", notified.entryId, { to: "authority", phase: "initial", channel: "online_form" }, "test");
    orgs = (await listOrganisations(ctx)).map((o) => ({ tenantId: o.tenantId, slug: o.slug, name: o.name }));
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("lists open requests of the given organisations only, overdue first, then by time left", async () => {
    const d = await buildDashboard(ctx, pick("eldrive", "sentosa"));
    expect(d.now).toBe(new Date(NOW).toISOString());
    expect(d.requests.map((r) => r.organisation)).toEqual(["eldrive", "sentosa", "eldrive"]);
    expect(d.requests[0]).toMatchObject({ id: "request-2026-001", overdue: true });
    expect(d.requests[0]!.msLeft).toBeLessThan(0);
    expect(d.requests[1]!.msLeft).toBeLessThan(d.requests[2]!.msLeft);
    expect(d.requests[1]!.overdue).toBe(false);
    expect(d.organisations.map((o) => [o.slug, o.openRequests, o.overdueRequests])).toEqual([
      ["eldrive", 2, 1],
      ["sentosa", 1, 0],
    ]);
  });

  it("shows the breach clocks still running, the nearest deadline first; a notified breach drops out", async () => {
    const d = await buildDashboard(ctx, pick("eldrive", "sentosa"));
    expect(d.breaches.map((b) => [b.organisation, b.title])).toEqual([
      ["sentosa", "Sooner"],
      ["eldrive", "Later"],
    ]);
    // 72 elapsed hours from awareness: 21 Nov 06:00 UTC + 72 h = 24 Nov 06:00 UTC, 20 hours after now.
    expect(d.breaches[0]).toMatchObject({ due: "2026-11-24T06:00:00.000Z", msLeft: 20 * 3_600_000, state: "open" });
    expect(d.organisations.find((o) => o.slug === "eldrive")!.openBreaches).toBe(1);
  });

  it("lists vendor alerts, errors first", async () => {
    const d = await buildDashboard(ctx, pick("promedia", "sentosa"));
    expect(d.vendorAlerts.length).toBeGreaterThan(2);
    expect(d.vendorAlerts[0]).toMatchObject({ organisation: "promedia", kind: "dpa_missing", severity: "error", processor: "google" });
    const severities = d.vendorAlerts.map((a) => a.severity);
    expect(severities.indexOf("warning")).toBeGreaterThan(severities.lastIndexOf("error"));
    expect((await buildDashboard(ctx, pick("clean"))).vendorAlerts.map((a) => a.kind)).toEqual(["records_term_missing"]);
  });

  it("lints the policy in force when the nightly lint has not seen it, and uses the stored findings when it has", async () => {
    const live = lintManifest(loadExample("promedia"), ctx.clock);
    const before = await buildDashboard(ctx, pick("promedia"));
    expect(before.organisations[0]).toMatchObject({ policyVersion: 1, lintErrors: live.errors, lintWarnings: live.warnings });
    expect(before.lint.map((f) => f.rule)).toEqual(live.findings.filter((f) => f.severity === "error").concat(live.findings.filter((f) => f.severity === "warning")).map((f) => f.rule));

    const promedia = orgs.find((o) => o.slug === "promedia")!;
    const stored = { rule: "dpo-missing", severity: "error", article: "GDPR Art. 37", message: "stored by the nightly lint", hint: "", path: "dpo", file: "promedia.yaml", line: 3, col: 1 };
    await ctx.db.insert(tables.lintFindings).values({ tenantId: promedia.tenantId, version: 1, checkedAt: new Date(NOW), findings: [stored], errors: 1, warnings: 0 });
    const after = await buildDashboard(ctx, pick("promedia"));
    expect(after.lint).toEqual([{ organisation: "promedia", policyVersion: 1, rule: "dpo-missing", severity: "error", article: "GDPR Art. 37", message: "stored by the nightly lint", path: "dpo", line: 3 }]);
    expect(after.organisations[0]).toMatchObject({ lintErrors: 1, lintWarnings: 0 });
    expect((await buildDashboard(ctx, pick("clean"))).lint).toEqual([]);
  });

  it("S1-07 lists security reviews never done, and a quarterly review falling due within 30 days", async () => {
    const before = await buildDashboard(ctx, pick("sentosa"));
    expect(before.securityReviews).toContainEqual(expect.objectContaining({ organisation: "sentosa", measure: "password_rotation", kind: "never_reviewed" }));
    await recordReview(ctx, "sentosa", "password_rotation", { on: "2026-09-10", reviewer: "DPO", outcome: "effective" }, "test");
    const after = await buildDashboard(ctx, pick("sentosa"));
    expect(after.securityReviews.filter((s) => s.measure === "password_rotation")).toEqual([
      { organisation: "sentosa", measure: "password_rotation", kind: "review_due_soon", message: "the review of password_rotation falls due on 2026-12-10", dueOn: "2026-12-10" },
    ]);
  });

  it("shows the last retention runs with their state and progress", async () => {
    const run = await createRun(ctx, "eldrive", { trigger: "api", actor: "staff:dpo@example.com" });
    const d = await buildDashboard(ctx, pick("eldrive"));
    expect(d.retentionRuns).toEqual([{ organisation: "eldrive", id: run.entryId, status: "queued", trigger: "api", startedAt: null, finishedAt: null, tablesDone: 0, tables: 0, error: null }]);
  });
});
