import { and, eq, like } from "drizzle-orm";
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.ts";
import { guardRoutes } from "../../src/http/access.ts";
import { installErrorHandling } from "../../src/http/errors.ts";
import { tables } from "../../src/store/index.ts";
import { apiFixture, type ApiFixture } from "../helpers/api.ts";
import { onPostgres } from "../helpers/database.ts";
import { loadExample } from "../helpers/manifests.ts";
import { staffSession, type TestSession } from "../helpers/staff-session.ts";

const clock = fixedClock("2026-11-23T10:00:00Z");

describe("access: API keys and staff sessions on the organisation routes", () => {
  let f: ApiFixture;
  let dpo: TestSession;
  let auditor: TestSession;
  let otherAdmin: TestSession;
  beforeAll(async () => {
    f = await apiFixture(clock, [
      ["eldrive", loadExample("eldrive")],
      ["sentosa", loadExample("sentosa")],
    ]);
    const ctx = f.t.ctx(clock);
    dpo = await staffSession(ctx, [["eldrive", "dpo"]]);
    auditor = await staffSession(ctx, [["eldrive", "auditor"]]);
    otherAdmin = await staffSession(ctx, [["sentosa", "admin"]]);
  });
  afterAll(() => f.close());

  const consentBody = { consentId: "c-1", purposes: ["direct_marketing"], decision: "given", textHash: "a".repeat(64), method: "form", language: "ro" };

  it("lets a granted DPO read and change with the CSRF header", async () => {
    expect((await f.app.inject({ method: "GET", url: "/api/v1/organisations/eldrive/requests", headers: dpo.cookie })).statusCode).toBe(200);
    const made = await f.app.inject({ method: "POST", url: "/api/v1/organisations/eldrive/legal-holds", headers: dpo.write, payload: {} });
    expect(made.statusCode).toBe(400); // past the guard: the empty body is what is wrong
  });

  it("refuses a change made with the session cookie but without the CSRF token", async () => {
    const res = await f.app.inject({ method: "POST", url: "/api/v1/organisations/eldrive/legal-holds", headers: dpo.cookie, payload: {} });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("csrf_failed");
  });

  it("lets an auditor read but not change", async () => {
    expect((await f.app.inject({ method: "GET", url: "/api/v1/organisations/eldrive/breaches", headers: auditor.cookie })).statusCode).toBe(200);
    const res = await f.app.inject({ method: "POST", url: "/api/v1/organisations/eldrive/consents", headers: auditor.write, payload: consentBody });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("forbidden");
  });

  it("logs a refused change with who tried it, the route, status and duration (S4-20)", async () => {
    await f.app.inject({ method: "POST", url: "/api/v1/organisations/eldrive/consents/c-9/withdraw", headers: auditor.write, payload: {} });
    const [entry] = await f.t.database.db
      .select()
      .from(tables.auditEvents)
      .where(and(eq(tables.auditEvents.action, "change.refused"), eq(tables.auditEvents.actor, `staff:${auditor.email}`), eq(tables.auditEvents.entityId, "c-9")));
    expect(entry).toMatchObject({ entity: "consents" });
    expect(entry!.details).toMatchObject({ method: "POST", route: "/api/v1/organisations/:slug/consents/:consentId/withdraw", status: 403, result: "failure" });
  });

  it("refuses a user of another organisation, whatever their role there", async () => {
    const res = await f.app.inject({ method: "GET", url: "/api/v1/organisations/eldrive/requests", headers: otherAdmin.cookie });
    expect(res.statusCode).toBe(403);
  });

  it("answers 401 to an unknown or ended session", async () => {
    const res = await f.app.inject({ method: "GET", url: "/api/v1/organisations/eldrive/requests", headers: { cookie: "registru_session=" + "A".repeat(43) } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("unauthorized");
  });

  it("holds a user whose password is past the organisation's maximum age (S1-07) until it is changed", async () => {
    const ctx = f.t.ctx(clock);
    const s = await staffSession(ctx, [["sentosa", "agent"]]);
    await ctx.db.update(tables.staffUsers).set({ passwordChangedAt: new Date("2026-08-22T10:00:00Z") }).where(eq(tables.staffUsers.userId, s.userId));
    const res = await f.app.inject({ method: "GET", url: "/api/v1/organisations/sentosa/requests", headers: s.cookie });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("password_change_required");
    await ctx.db.update(tables.staffUsers).set({ passwordChangedAt: new Date("2026-08-24T10:00:00Z") }).where(eq(tables.staffUsers.userId, s.userId));
    expect((await f.app.inject({ method: "GET", url: "/api/v1/organisations/sentosa/requests", headers: s.cookie })).statusCode).toBe(200);
  });

  it("logs each view of a subject's data with who, what, result and duration (S1-07, S4-20)", async () => {
    await f.app.inject({ method: "POST", url: "/api/v1/organisations/eldrive/consents", headers: f.auth("eldrive"), payload: consentBody });
    const res = await f.app.inject({ method: "GET", url: "/api/v1/organisations/eldrive/consents/c-1/history", headers: dpo.cookie });
    expect(res.statusCode).toBe(200);
    const missing = await f.app.inject({ method: "GET", url: "/api/v1/organisations/eldrive/requests/request-2026-999", headers: dpo.cookie });
    expect(missing.statusCode).toBe(404);
    const views = await f.t.database.db
      .select()
      .from(tables.auditEvents)
      .where(and(eq(tables.auditEvents.action, "personal_data.viewed"), eq(tables.auditEvents.actor, `staff:${dpo.email}`)))
      .orderBy(tables.auditEvents.seq);
    expect(views.map((v) => [v.entity, v.entityId, (v.details as { result: string }).result])).toEqual([
      ["consent_subject", "c-1", "success"],
      ["request", "request-2026-999", "failure"],
    ]);
    expect(views[0]!.details).toMatchObject({ method: "GET", route: "/api/v1/organisations/:slug/consents/:consentId/history", status: 200 });
    expect(typeof (views[0]!.details as { durationMs: unknown }).durationMs).toBe("number");
  });

  it("does not log the organisation's own systems asking by key (its processing, not a person looking)", async () => {
    expect((await f.app.inject({ method: "GET", url: "/api/v1/organisations/eldrive/consents/c-1", headers: f.auth("eldrive") })).statusCode).toBe(200);
    const byKey = await f.t.database.db
      .select()
      .from(tables.auditEvents)
      .where(and(eq(tables.auditEvents.action, "personal_data.viewed"), like(tables.auditEvents.actor, "apikey:%")));
    expect(byKey).toEqual([]);
  });
});

describe("access: the tenant wall behind the application's checks", () => {
  let f: ApiFixture;
  beforeAll(async () => {
    f = await apiFixture(clock, [
      ["eldrive", loadExample("eldrive")],
      ["sentosa", loadExample("sentosa")],
    ]);
  });
  afterAll(() => f.close());

  /** A route that forgets to filter by tenant: the wall must still hide the other organisation. */
  async function careless() {
    const app = Fastify();
    installErrorHandling(app);
    const ctx = f.t.ctx(clock);
    await app.register(async (scoped) => {
      guardRoutes(scoped, ctx, { permission: "read" });
      scoped.get("/api/v1/organisations/:slug/everyone", async () => {
        const rows = await ctx.db.select({ slug: tables.tenants.slug }).from(tables.tenants).orderBy(tables.tenants.slug);
        return { slugs: rows.map((r) => r.slug) };
      });
    });
    return app;
  }

  it.runIf(onPostgres)("on PostgreSQL, shows a key's request only its own organisation's rows", async () => {
    const app = await careless();
    const res = await app.inject({ method: "GET", url: "/api/v1/organisations/eldrive/everyone", headers: f.auth("eldrive") });
    expect(res.json()).toEqual({ slugs: ["eldrive"] });
    await app.close();
  });

  it.runIf(onPostgres)("on PostgreSQL, shows a staff request only the organisation in its path, among those granted", async () => {
    const app = await careless();
    const both = await staffSession(f.t.ctx(clock), [
      ["eldrive", "auditor"],
      ["sentosa", "auditor"],
    ]);
    const res = await app.inject({ method: "GET", url: "/api/v1/organisations/sentosa/everyone", headers: both.cookie });
    expect(res.json()).toEqual({ slugs: ["sentosa"] });
    await app.close();
  });

  it.skipIf(onPostgres)("on PGlite, the one shared connection is not walled: the application's checks are the wall", async () => {
    const app = await careless();
    const res = await app.inject({ method: "GET", url: "/api/v1/organisations/eldrive/everyone", headers: f.auth("eldrive") });
    expect(res.json()).toEqual({ slugs: ["eldrive", "sentosa"] });
    await app.close();
  });
});
