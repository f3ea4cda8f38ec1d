import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../src/apikeys/index.ts";
import { buildServer } from "../../src/http/server.ts";
import { applyManifest, getOrganisation } from "../../src/organisations/index.ts";
import { CLI_ACTOR, grantStaff, login } from "../../src/staff/index.ts";
import { tables } from "../../src/store/index.ts";
import { backend, openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { manifestWith, movableClock, readySession, type ReadySession } from "../staff/helpers.ts";

describe(`staff management API on ${backend}`, () => {
  let t: TestDatabase;
  let app: Awaited<ReturnType<typeof buildServer>>;
  const clock = movableClock();
  let alphaAdmin: ReadySession;
  let alphaDpo: ReadySession;
  let betaAdmin: ReadySession;
  let betaOnlyAdmin: ReadySession;
  let alphaKey: string;

  beforeAll(async () => {
    t = await openTestDatabase();
    const ctx = t.ctx(clock);
    await applyManifest(ctx, manifestWith(), { slug: "alpha", appliedBy: "test" });
    await applyManifest(ctx, manifestWith(), { slug: "beta", appliedBy: "test" });
    alphaAdmin = await readySession(ctx, "boss@alpha.example", "alpha", "admin");
    alphaDpo = await readySession(ctx, "dpo@alpha.example", "alpha", "dpo");
    betaAdmin = await readySession(ctx, "boss@beta.example", "beta", "admin");
    betaOnlyAdmin = await readySession(ctx, "other@beta.example", "beta", "admin");
    alphaKey = (await createApiKey(ctx, "alpha", { name: "test" })).key;
    app = await buildServer({ ctx, database: t.database, version: "test" });
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  const base = "/api/v1/organisations/alpha/staff";
  const as = (s: ReadySession) => ({ cookie: s.cookie, "x-csrf-token": s.csrf });
  const call = (s: ReadySession, method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: object) => app.inject({ method, url, headers: as(s), ...(payload && { payload }) });

  it("lists the organisation's staff with their roles and nothing secret", async () => {
    const res = await call(alphaAdmin, "GET", base);
    expect(res.statusCode).toBe(200);
    const staff = res.json().staff as Array<Record<string, unknown>>;
    expect(staff.map((m) => [m.email, m.role])).toEqual([
      ["boss@alpha.example", "admin"],
      ["dpo@alpha.example", "dpo"],
    ]);
    expect(staff[0]).toMatchObject({ totpEnabled: true, mustChangePassword: false, lockedUntil: null, installationAdmin: false });
    expect(res.body).not.toMatch(/argon2|passwordHash|totpSecret|secret/i);
  });

  it("creates a user with a one-time password that logs in and must be changed", async () => {
    const res = await call(alphaAdmin, "POST", base, { email: "Agent@Alpha.example", name: "New Agent", role: "agent" });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ created: true, user: { email: "agent@alpha.example", role: "agent", mustChangePassword: true, grantedBy: "staff:boss@alpha.example" } });
    expect(body.temporaryPassword).toMatch(/^[\w]{5}(-[\w]{5}){3}$/);
    await login(t.ctx(clock), "agent@alpha.example", body.temporaryPassword);
    const { tenant } = await getOrganisation(t.ctx(clock), "alpha");
    const [audit] = await t.ctx(clock).db.select().from(tables.auditEvents).where(and(eq(tables.auditEvents.tenantId, tenant.tenantId), eq(tables.auditEvents.action, "staff.created"), eq(tables.auditEvents.entityId, body.user.userId)));
    expect(audit).toMatchObject({ actor: "staff:boss@alpha.example", details: { role: "agent" } });
    expect(JSON.stringify(audit)).not.toContain(body.temporaryPassword);
  });

  it("grants an existing account only where the admin manages every organisation it works for; refuses a new user without a name", async () => {
    // beta's admin: a grant would hold the account to alpha's account rules (lockout, password age).
    const refused = await call(alphaAdmin, "POST", base, { email: "boss@beta.example", role: "auditor" });
    expect([refused.statusCode, refused.json().error.code]).toEqual([403, "account_shared"]);
    await grantStaff(t.ctx(clock), "alpha", "boss@beta.example", "auditor", CLI_ACTOR); // the installation's administrator may
    // An account that works for no other organisation is granted again without a password.
    const again = (await call(alphaAdmin, "POST", base, { email: "again@alpha.example", name: "Again", role: "agent" })).json();
    expect((await call(alphaAdmin, "DELETE", `${base}/${again.user.userId}`)).statusCode).toBe(204);
    const res = await call(alphaAdmin, "POST", base, { email: "again@alpha.example", role: "auditor" });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ created: false, user: { email: "again@alpha.example", role: "auditor" } });
    expect(res.json().temporaryPassword).toBeUndefined();
    expect((await call(alphaAdmin, "POST", base, { email: "again@alpha.example", role: "agent" })).json().error.code).toBe("already_granted");
    expect((await call(alphaAdmin, "POST", base, { email: "nameless@alpha.example", role: "agent" })).json().error.code).toBe("invalid_name");
    expect((await call(alphaAdmin, "POST", base, { email: "x@alpha.example", name: "X", role: "owner" })).statusCode).toBe(400);
  });

  it("changes a role, unlocks, resets the second factor and the password; refuses for a user shared with another organisation", async () => {
    const created = (await call(alphaAdmin, "POST", base, { email: "worker@alpha.example", name: "Worker", role: "agent" })).json();
    const url = `${base}/${created.user.userId}`;
    const role = await call(alphaAdmin, "PATCH", url, { role: "dpo" });
    expect(role.statusCode).toBe(200);
    expect(role.json().user.role).toBe("dpo");

    for (let i = 0; i < 5; i++) await login(t.ctx(clock), "worker@alpha.example", "wrong password").catch(() => undefined);
    expect((await call(alphaAdmin, "GET", base)).json().staff.find((m: { email: string }) => m.email === "worker@alpha.example").lockedUntil).not.toBeNull();
    const unlocked = await call(alphaAdmin, "PATCH", url, { unlock: true });
    expect(unlocked.json().user.lockedUntil).toBeNull();
    await login(t.ctx(clock), "worker@alpha.example", created.temporaryPassword);

    const reset = await call(alphaAdmin, "PATCH", url, { resetPassword: true, resetTotp: true });
    expect(reset.statusCode).toBe(200);
    expect(reset.json().temporaryPassword).toMatch(/-/);
    await expect(login(t.ctx(clock), "worker@alpha.example", created.temporaryPassword)).rejects.toMatchObject({ code: "invalid_credentials" });
    await login(t.ctx(clock), "worker@alpha.example", reset.json().temporaryPassword);

    // beta's admin is now also an auditor of alpha: alpha's admin may change the grant, not the account.
    const shared = (await call(alphaAdmin, "GET", base)).json().staff.find((m: { email: string }) => m.email === "boss@beta.example");
    const refused = await call(alphaAdmin, "PATCH", `${base}/${shared.userId}`, { resetPassword: true });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe("account_shared");
    expect((await call(alphaAdmin, "PATCH", `${base}/${shared.userId}`, { role: "agent" })).statusCode).toBe(200);
    expect((await call(alphaAdmin, "PATCH", url, {})).statusCode).toBe(400);
  });

  it("revokes a grant, and keeps the last admin", async () => {
    const created = (await call(alphaAdmin, "POST", base, { email: "temp@alpha.example", name: "Temp", role: "auditor" })).json();
    const res = await call(alphaAdmin, "DELETE", `${base}/${created.user.userId}`);
    expect(res.statusCode).toBe(204);
    expect((await call(alphaAdmin, "DELETE", `${base}/${created.user.userId}`)).statusCode).toBe(404);
    const last = await call(alphaAdmin, "DELETE", `${base}/${alphaAdmin.userId}`);
    expect(last.statusCode).toBe(409);
    expect(last.json().error.code).toBe("last_admin");
    expect((await call(alphaAdmin, "PATCH", `${base}/${alphaAdmin.userId}`, { role: "dpo" })).json().error.code).toBe("last_admin");
  });

  it("refuses a DPO, another organisation's admin and the organisation's API key (403)", async () => {
    const dpoId = alphaDpo.userId;
    for (const [method, url, payload] of [
      ["GET", base, undefined],
      ["POST", base, { email: "sneaky@alpha.example", name: "Sneaky", role: "admin" }],
      ["PATCH", `${base}/${dpoId}`, { role: "admin" }],
      ["DELETE", `${base}/${dpoId}`, undefined],
    ] as const) {
      const dpo = await call(alphaDpo, method, url, payload);
      expect(dpo.statusCode, `dpo ${method}`).toBe(403);
      expect(dpo.json().error.code).toBe("forbidden");
      const other = await call(betaOnlyAdmin, method, url, payload);
      expect(other.statusCode, `beta admin ${method}`).toBe(403);
      expect(other.json().error.code).toBe("forbidden");
      const key = await app.inject({ method, url, headers: { authorization: `Bearer ${alphaKey}` }, ...(payload && { payload }) });
      expect(key.statusCode, `api key ${method}`).toBe(403);
    }
    expect((await call(betaOnlyAdmin, "GET", "/api/v1/organisations/beta/staff")).statusCode).toBe(200);
  });

  it("refuses a change without the CSRF token, and a request without a session", async () => {
    const res = await app.inject({ method: "POST", url: base, headers: { cookie: alphaAdmin.cookie }, payload: { email: "csrf@alpha.example", name: "C", role: "agent" } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("csrf_failed");
    expect((await app.inject({ method: "GET", url: base })).statusCode).toBe(401);
  });
});
