import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/http/server.ts";
import { SESSION_RATE_LIMITS } from "../../src/http/routes/session.ts";
import { applyManifest } from "../../src/organisations/index.ts";
import { addStaff, CLI_ACTOR } from "../../src/staff/index.ts";
import { backend, openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { codeAt, manifestWith, movableClock } from "../staff/helpers.ts";

const STEP = 30_000;

describe(`staff session API on ${backend}`, () => {
  let t: TestDatabase;
  let app: Awaited<ReturnType<typeof buildServer>>;
  const clock = movableClock();
  let address = 0;
  // Each test logs in from its own address, so the per-address rate limit is met only where it is tested.
  const from = () => `198.51.100.${++address}`;

  beforeAll(async () => {
    t = await openTestDatabase();
    const ctx = t.ctx(clock);
    await applyManifest(ctx, manifestWith(), { slug: "alpha", appliedBy: "test" });
    app = await buildServer({ ctx, database: t.database, version: "test" });
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  const newUser = async (email: string, role: string) => (await addStaff(t.ctx(clock), { email, name: "Session User", slug: "alpha", role }, CLI_ACTOR, { existing: "refuse" })).temporaryPassword!;
  const cookieOf = (res: { headers: Record<string, unknown> }) => String(res.headers["set-cookie"]).split(";")[0]!;

  async function logIn(email: string, password: string, remoteAddress = from()) {
    const res = await app.inject({ method: "POST", url: "/api/v1/session", payload: { email, password }, remoteAddress });
    return { res, body: res.json(), cookie: res.statusCode === 200 ? cookieOf(res) : "" };
  }
  const as = (s: { cookie: string; body: { csrfToken: string } }, csrf = true) => ({ cookie: s.cookie, ...(csrf && { "x-csrf-token": s.body.csrfToken }) });

  it("logs in with the one-time password: a strict HttpOnly cookie, the CSRF token, the grants and the standing issue", async () => {
    const password = await newUser("agent@alpha.example", "agent");
    const { res, body } = await logIn("Agent@Alpha.example", password);
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers["set-cookie"]);
    expect(cookie).toMatch(/^registru_session=[A-Za-z0-9_-]{43}; Path=\/; Expires=.+; HttpOnly; SameSite=Strict$/);
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(body).toMatchObject({
      user: { email: "agent@alpha.example", name: "Session User" },
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
      issues: ["password_change_required"],
      grants: [{ slug: "alpha", name: "Exemplu S.R.L.", role: "agent" }],
    });
    const again = await app.inject({ method: "GET", url: "/api/v1/session", headers: { cookie: cookieOf(res) } });
    expect(again.json()).toEqual(body);
  });

  it("answers a wrong password and an unknown e-mail with the same 401, and no cookie", async () => {
    const password = await newUser("wrong@alpha.example", "agent");
    const wrong = await logIn("wrong@alpha.example", `${password}x`);
    const unknown = await logIn("nobody@alpha.example", password);
    expect(wrong.res.statusCode).toBe(401);
    expect(unknown.res.statusCode).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe("invalid_credentials");
    expect(wrong.res.headers["set-cookie"]).toBeUndefined();
    expect((await app.inject({ method: "GET", url: "/api/v1/session" })).json().error.code).toBe("unauthorized");
  });

  it("locks the account after 5 failures with 423 and the seconds to wait, then lets it in after the period", async () => {
    const password = await newUser("locked@alpha.example", "agent");
    for (let i = 0; i < 4; i++) expect((await logIn("locked@alpha.example", "bad password")).res.statusCode).toBe(401);
    const locked = await logIn("locked@alpha.example", "bad password");
    expect(locked.res.statusCode).toBe(423);
    expect(locked.body.error).toMatchObject({ code: "account_locked", details: { retryAfter: 900 } });
    expect((await logIn("locked@alpha.example", password)).res.statusCode).toBe(423);
    clock.advance(15 * 60_000);
    expect((await logIn("locked@alpha.example", password)).res.statusCode).toBe(200);
  });

  it("changes the password only with the CSRF token, explains a refusal, and ends the user's other sessions", async () => {
    const password = await newUser("changer@alpha.example", "agent");
    const first = await logIn("changer@alpha.example", password);
    const second = await logIn("changer@alpha.example", password);
    const change = (s: typeof first, payload: object, csrf = true) => app.inject({ method: "POST", url: "/api/v1/session/password", headers: as(s, csrf), payload, remoteAddress: from() });

    const noToken = await change(first, { current: password, next: "a long and new password" }, false);
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe("csrf_failed");
    const otherToken = await app.inject({ method: "POST", url: "/api/v1/session/password", headers: { cookie: first.cookie, "x-csrf-token": second.body.csrfToken }, payload: { current: password, next: "a long and new password" } });
    expect(otherToken.json().error.code).toBe("csrf_failed");

    const short = await change(first, { current: password, next: "short" });
    expect(short.statusCode).toBe(422);
    expect(short.json().error).toMatchObject({ code: "password_rejected", details: { reasons: ["too_short"] } });
    expect((await change(first, { current: password, next: password })).json().error.details.reasons).toEqual(["same_as_current"]);
    expect((await change(first, { current: "not it", next: "a long and new password" })).json().error.code).toBe("invalid_current_password");

    const ok = await change(first, { current: password, next: "a long and new password" });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ issues: [], csrfToken: first.body.csrfToken });
    expect((await app.inject({ method: "GET", url: "/api/v1/session", headers: { cookie: first.cookie } })).statusCode).toBe(200);
    expect((await app.inject({ method: "GET", url: "/api/v1/session", headers: { cookie: second.cookie } })).statusCode).toBe(401);
    expect((await logIn("changer@alpha.example", "a long and new password")).res.statusCode).toBe(200);
  });

  it("takes an admin through password change and TOTP enrolment, then asks for the second factor at the next login", async () => {
    const temporary = await newUser("boss@alpha.example", "admin");
    const s = await logIn("boss@alpha.example", temporary);
    expect(s.body.issues).toEqual(["totp_enrolment_required", "password_change_required"]);
    const post = (url: string, payload?: object, session = s) => app.inject({ method: "POST", url, headers: as(session), remoteAddress: from(), ...(payload && { payload }) });
    // The work routes wait for the standing issues; the session routes do not.
    const staffList = (session: { cookie: string }) => app.inject({ method: "GET", url: "/api/v1/organisations/alpha/staff", headers: { cookie: session.cookie } });
    expect((await staffList(s)).json().error.code).toBe("totp_enrolment_required");

    expect((await post("/api/v1/session/password", { current: temporary, next: "the admin's own password" })).json().issues).toEqual(["totp_enrolment_required"]);
    const enrol = await post("/api/v1/session/totp");
    expect(enrol.statusCode).toBe(200);
    const { secret, uri } = enrol.json();
    expect(uri).toMatch(/^otpauth:\/\/totp\/Registru:boss%40alpha\.example\?.*secret=/);
    expect((await post("/api/v1/session/totp/confirm", { code: codeAt(secret, new Date(clock.now().getTime() - 3 * STEP)) })).json().error.code).toBe("invalid_code");
    const confirmed = await post("/api/v1/session/totp/confirm", { code: codeAt(secret, clock.now()) });
    expect(confirmed.json().issues).toEqual([]);
    expect((await staffList(s)).statusCode).toBe(200);

    const logout = await app.inject({ method: "DELETE", url: "/api/v1/session", headers: as(s) });
    expect(logout.statusCode).toBe(204);
    expect(String(logout.headers["set-cookie"])).toMatch(/^registru_session=; .*Expires=Thu, 01 Jan 1970/);
    expect((await app.inject({ method: "GET", url: "/api/v1/session", headers: { cookie: s.cookie } })).statusCode).toBe(401);

    clock.advance(STEP);
    const next = await logIn("boss@alpha.example", "the admin's own password");
    expect(next.body.issues).toEqual(["second_factor_required"]);
    expect((await staffList(next)).json().error.code).toBe("second_factor_required");
    // The password alone cannot change the password (and so lock the owner out).
    const early = await post("/api/v1/session/password", { current: "the admin's own password", next: "taken over by someone" }, next);
    expect(early.statusCode).toBe(403);
    expect(early.json().error.code).toBe("second_factor_required");
    const wrong = await post("/api/v1/session/second-factor", { code: "12345" }, next);
    expect(wrong.statusCode).toBe(400);
    const code = codeAt(secret, clock.now());
    const given = await post("/api/v1/session/second-factor", { code }, next);
    expect(given.statusCode).toBe(200);
    expect(given.json().issues).toEqual([]);
    expect((await staffList(next)).statusCode).toBe(200);
    // The same code cannot open another session.
    const replay = await logIn("boss@alpha.example", "the admin's own password");
    const replayed = await post("/api/v1/session/second-factor", { code }, replay);
    expect(replayed.statusCode).toBe(401);
    expect(replayed.json().error.code).toBe("invalid_code");
  });

  it("refuses logout without the CSRF token", async () => {
    const password = await newUser("leaver@alpha.example", "auditor");
    const s = await logIn("leaver@alpha.example", password);
    expect((await app.inject({ method: "DELETE", url: "/api/v1/session", headers: as(s, false) })).json().error.code).toBe("csrf_failed");
    expect((await app.inject({ method: "GET", url: "/api/v1/session", headers: { cookie: s.cookie } })).statusCode).toBe(200);
  });

  it(`limits logins to ${SESSION_RATE_LIMITS.login} a minute from one address`, async () => {
    const remoteAddress = from();
    const codes: number[] = [];
    for (let i = 0; i <= SESSION_RATE_LIMITS.login; i++) codes.push((await logIn("nobody@alpha.example", "whatever it is", remoteAddress)).res.statusCode);
    expect(codes.slice(0, -1).every((c) => c === 401)).toBe(true);
    expect(codes.at(-1)).toBe(429);
    expect((await logIn("nobody@alpha.example", "whatever it is", remoteAddress)).body.error.code).toBe("rate_limited");
  });

  it("lists the session and staff routes in the OpenAPI document", async () => {
    const doc = (await app.inject({ method: "GET", url: "/openapi.json" })).json();
    for (const path of ["/api/v1/session", "/api/v1/session/second-factor", "/api/v1/session/totp", "/api/v1/session/totp/confirm", "/api/v1/session/password", "/api/v1/organisations/{slug}/staff", "/api/v1/organisations/{slug}/staff/{userId}"]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths["/api/v1/session"].post.summary).toMatch(/^Log in/);
  });
});
