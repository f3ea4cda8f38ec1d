import { Secret, TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Clock } from "../../src/clock.ts";
import { buildServer } from "../../src/http/server.ts";
import { applyManifest } from "../../src/organisations/index.ts";
import { addStaff, CLI_ACTOR } from "../../src/staff/index.ts";
import { backend, openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { loadExample } from "../helpers/manifests.ts";

type Server = Awaited<ReturnType<typeof buildServer>>;

let now = new Date("2026-11-23T10:00:00Z").getTime();
const clock: Clock = { now: () => new Date(now) };
const codeAt = (secret: string) => new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp: now });

/** Every leaf of a value, keys included, as text. */
function leaves(value: unknown, out: string[] = []): string[] {
  if (value === null || value === undefined) return out;
  if (Array.isArray(value)) value.forEach((v) => leaves(v, out));
  else if (typeof value === "object") for (const [k, v] of Object.entries(value)) (out.push(k), leaves(v, out));
  else out.push(String(value));
  return out;
}

describe(`S1-07 the audit trail never holds a password, a code or a session token, after a whole login flow, on ${backend}`, () => {
  let t: TestDatabase;
  let app: Server;
  /** Long secrets: none may appear anywhere in any audit entry. */
  const secrets = new Map<string, string>();
  /** Six-digit codes: none may be a value in any audit entry (as a substring they could be part of a hash). */
  const codes = new Set<string>();
  let cookie = "";
  let csrf = "";

  const keep = (what: string, value: string | undefined) => {
    expect(value, what).toBeTruthy();
    secrets.set(value!, what);
    return value!;
  };
  const send = (method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: unknown) =>
    app.inject({ method, url, headers: { ...(cookie && { cookie }), ...(csrf && method !== "GET" && { "x-csrf-token": csrf }) }, ...(payload !== undefined && { payload: payload as object }) });
  async function logIn(email: string, password: string) {
    cookie = "";
    csrf = "";
    const res = await send("POST", "/api/v1/session", { email, password });
    expect(res.statusCode, res.body).toBe(200);
    const token = /registru_session=([^;]+)/.exec(String(res.headers["set-cookie"]))?.[1];
    cookie = `registru_session=${keep("session token", token)}`;
    csrf = keep("csrf token", res.json().csrfToken);
    return res.json() as { issues: string[] };
  }

  beforeAll(async () => {
    t = await openTestDatabase();
    const ctx = t.ctx(clock);
    await applyManifest(ctx, loadExample("eldrive"), { slug: "eldrive", appliedBy: "test" });
    await applyManifest(ctx, loadExample("sentosa"), { slug: "sentosa", appliedBy: "test" });
    app = await buildServer({ ctx, database: t.database, version: "test" });

    const ana = await addStaff(ctx, { email: "ana@firm.ro", name: "Ana", slug: "eldrive", role: "admin" }, CLI_ACTOR, { existing: "refuse" });
    const first = keep("ana's one-time password", ana.temporaryPassword);
    const bob = await addStaff(ctx, { email: "bob@firm.ro", name: "Bob", slug: "eldrive", role: "agent" }, CLI_ACTOR, { existing: "refuse" });
    keep("bob's one-time password", bob.temporaryPassword);
    await addStaff(ctx, { email: "ana@firm.ro", name: "Ana", slug: "sentosa", role: "dpo" }, CLI_ACTOR, { existing: "grant" });

    // A wrong password, then the one-time one; a new password; TOTP set up with a wrong code first.
    expect((await send("POST", "/api/v1/session", { email: "ana@firm.ro", password: keep("a wrong password", "Tr0ub4dor&3-wrong") })).statusCode).toBe(401);
    const issues = (await logIn("ana@firm.ro", first)).issues;
    expect(issues).toEqual(expect.arrayContaining(["password_change_required", "totp_enrolment_required"]));
    const rejected = await send("POST", "/api/v1/session/password", { current: first, next: keep("a rejected password", "short") });
    expect(rejected.statusCode).toBe(422);
    expect((await send("POST", "/api/v1/session/password", { current: first, next: keep("ana's password", "correct horse battery staple 1") })).statusCode).toBe(200);
    const enrolment = await send("POST", "/api/v1/session/totp");
    expect(enrolment.statusCode, enrolment.body).toBe(200);
    const secret = keep("totp secret", enrolment.json().secret);
    keep("totp uri", enrolment.json().uri);
    const wrong = codeAt(secret) === "123456" ? "654321" : "123456";
    codes.add(wrong);
    expect((await send("POST", "/api/v1/session/totp/confirm", { code: wrong })).statusCode).toBe(401);
    const right = codeAt(secret);
    codes.add(right);
    expect((await send("POST", "/api/v1/session/totp/confirm", { code: right })).json().issues).toEqual([]);

    // Work as an admin: look at the audit trail, reset bob's password (a new one-time password).
    expect((await send("GET", "/api/v1/organisations/eldrive/audit")).statusCode).toBe(200);
    const reset = await send("PATCH", `/api/v1/organisations/eldrive/staff/${bob.member.userId}`, { resetPassword: true });
    expect(reset.statusCode, reset.body).toBe(200);
    const bobsNext = keep("bob's reset password", reset.json().temporaryPassword);
    expect((await send("DELETE", "/api/v1/session")).statusCode).toBe(204);

    // Later: log in again, a wrong code, then the right one.
    now += 90_000;
    expect((await logIn("ana@firm.ro", "correct horse battery staple 1")).issues).toEqual(["second_factor_required"]);
    const wrongAgain = codeAt(secret) === "000001" ? "000002" : "000001";
    codes.add(wrongAgain);
    expect((await send("POST", "/api/v1/session/second-factor", { code: wrongAgain })).statusCode).toBe(401);
    const rightAgain = codeAt(secret);
    codes.add(rightAgain);
    expect((await send("POST", "/api/v1/session/second-factor", { code: rightAgain })).statusCode).toBe(200);
    expect((await send("DELETE", "/api/v1/session")).statusCode).toBe(204);

    // Bob's first login with the reset password, and his own choice.
    await logIn("bob@firm.ro", bobsNext);
    expect((await send("POST", "/api/v1/session/password", { current: bobsNext, next: keep("bob's password", "another long passphrase 22") })).statusCode).toBe(200);

    // The stored hashes are secrets too.
    for (const row of (await t.database.executeSql("select password_hash, totp_secret from staff_users", [])).rows) {
      keep("a password hash", row.password_hash as string);
      if (row.totp_secret) keep("a stored totp secret", row.totp_secret as string);
    }
    for (const row of (await t.database.executeSql("select password_hash from staff_password_history", [])).rows) keep("an old password hash", row.password_hash as string);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it("wrote the flow's logins, failures and changes to the trail (so the scan below has something to scan)", async () => {
    const { rows } = await t.database.executeSql("select action from audit_events where action like 'staff.%'", []);
    const actions = rows.map((r) => r.action as string);
    expect(actions.length).toBeGreaterThanOrEqual(6);
    expect(actions).toEqual(expect.arrayContaining(["staff.login", "staff.login_failed"]));
  });

  it("no audit entry of any organisation holds a password, a password hash, a TOTP secret or code, a session or CSRF token", async () => {
    const { rows } = await t.database.executeSql("select seq, actor, action, entity, entity_id, details from audit_events", []);
    expect(rows.length).toBeGreaterThan(10);
    const found: string[] = [];
    for (const row of rows) {
      const texts = [row.actor, row.action, row.entity, row.entity_id, ...leaves(row.details)].map(String);
      for (const text of texts) {
        for (const [secret, what] of secrets) if (text.includes(secret)) found.push(`${what} in entry ${row.seq} (${row.action})`);
        if (codes.has(text)) found.push(`a TOTP code in entry ${row.seq} (${row.action})`);
      }
    }
    expect(secrets.size).toBeGreaterThanOrEqual(12);
    expect(found).toEqual([]);
  });
});
