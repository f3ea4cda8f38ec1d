import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAudit } from "../../src/audit/index.ts";
import type { ManifestInvalid } from "../../src/manifest/index.ts";
import { getOrganisation } from "../../src/organisations/index.ts";
import { authenticateSession, changePassword, login, unlockUser, CLI_ACTOR } from "../../src/staff/index.ts";
import { tables } from "../../src/store/index.ts";
import { backend } from "../helpers/database.ts";
import { manifestWith, staffFixture, type StaffFixture } from "./helpers.ts";

const MINUTE = 60_000;

describe(`staff login on ${backend}`, () => {
  let f: StaffFixture;
  beforeAll(async () => {
    f = await staffFixture([
      ["plain", manifestWith()],
      ["strict", manifestWith({ lockout_after: 3, lockout_for: "PT1H" })],
    ]);
  });
  afterAll(() => f.close());

  const auditOf = async (userId: string, slug = "plain") => {
    const { tenant } = await getOrganisation(f.ctx, slug);
    return f.ctx.db
      .select()
      .from(tables.auditEvents)
      .where(and(eq(tables.auditEvents.tenantId, tenant.tenantId), eq(tables.auditEvents.entityId, userId), like(tables.auditEvents.action, "staff.%")))
      .orderBy(tables.auditEvents.seq);
  };

  it("opens a session for the right password and audits the login on each organisation of the user", async () => {
    const u = await f.user("ok@example.ro", "plain");
    const { session, userId } = await login(f.ctx, " OK@Example.ro ", u.password, { ipTruncated: "192.0.2.0/24", userAgent: "test" });
    expect(userId).toBe(u.userId);
    const p = await authenticateSession(f.ctx, session.token);
    expect(p).toMatchObject({ email: "ok@example.ro", session: { secondFactorGiven: true }, mustChangePassword: true });
    const entries = await auditOf(u.userId);
    expect(entries.at(-1)).toMatchObject({ action: "staff.login", actor: "staff:ok@example.ro", details: { result: "success", secondFactor: "not_enabled", ip: "192.0.2.0/24" } });
    expect(JSON.stringify(entries)).not.toContain(u.password);
  });

  it("refuses account rules that would let one organisation lock its staff out for long, or force a change every minute", () => {
    const problem = (rules: Record<string, unknown>) => {
      try {
        manifestWith(rules);
        return "accepted";
      } catch (e) {
        return (e as ManifestInvalid).problems.map((p) => `${p.path}: ${p.message}`).join("; ");
      }
    };
    expect(problem({ lockout_for: "P100Y" })).toBe("staff_accounts.lockout_for: expected a duration from PT1M to PT24H");
    expect(problem({ password_max_age: "PT1S" })).toBe("staff_accounts.password_max_age: expected a duration from P30D to P10Y");
    expect(() => manifestWith({ lockout_for: "PT24H", password_max_age: "P3M" })).not.toThrow();
  });

  it("answers an unknown e-mail and a wrong password alike", async () => {
    const u = await f.user("alike@example.ro", "plain");
    const failure = (p: Promise<unknown>) => p.then(() => new Error("logged in"), (e: Error) => e);
    const unknown = await failure(login(f.ctx, "nobody@example.ro", u.password));
    const wrong = await failure(login(f.ctx, "alike@example.ro", "not the password"));
    expect(unknown).toMatchObject({ code: "invalid_credentials", status: 401 });
    expect(wrong).toMatchObject({ code: "invalid_credentials", status: 401 });
    expect(unknown.message).toBe(wrong.message);
    const failed = (await auditOf(u.userId)).filter((a) => a.action === "staff.login_failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]!.details).toMatchObject({ result: "failure", reason: "wrong_password", failures: 1 });
    expect(JSON.stringify(failed)).not.toContain("not the password");
  });

  it("locks after 5 failures for 15 minutes, then lets the right password in and resets the count", async () => {
    const u = await f.user("lock@example.ro", "plain");
    for (let i = 0; i < 4; i++) await expect(login(f.ctx, "lock@example.ro", `wrong ${i}`)).rejects.toMatchObject({ code: "invalid_credentials" });
    await expect(login(f.ctx, "lock@example.ro", "wrong 5")).rejects.toMatchObject({ code: "account_locked", status: 423, details: { retryAfter: 900 } });
    // Locked: even the right password is refused, and says how long is left.
    f.clock.advance(10 * MINUTE);
    await expect(login(f.ctx, "lock@example.ro", u.password)).rejects.toMatchObject({ code: "account_locked", details: { retryAfter: 300 } });
    f.clock.advance(5 * MINUTE);
    await login(f.ctx, "lock@example.ro", u.password);
    const [row] = await f.ctx.db.select().from(tables.staffUsers).where(eq(tables.staffUsers.userId, u.userId));
    expect(row).toMatchObject({ failedLogins: 0, lockedUntil: null });
    const actions = (await auditOf(u.userId)).map((a) => a.action);
    expect(actions.filter((a) => a === "staff.login_failed")).toHaveLength(5);
    expect(actions.filter((a) => a === "staff.locked")).toHaveLength(1);
    expect(actions.at(-1)).toBe("staff.login");
    const { tenant } = await getOrganisation(f.ctx, "plain");
    expect(await verifyAudit(f.ctx.db, tenant.tenantId)).toMatchObject({ ok: true });
  });

  it("a success resets the count: four failures, a login, four failures do not lock", async () => {
    const u = await f.user("reset@example.ro", "plain");
    for (let i = 0; i < 4; i++) await login(f.ctx, "reset@example.ro", "wrong").catch(() => undefined);
    await login(f.ctx, "reset@example.ro", u.password);
    for (let i = 0; i < 4; i++) await expect(login(f.ctx, "reset@example.ro", "wrong")).rejects.toMatchObject({ code: "invalid_credentials" });
    await login(f.ctx, "reset@example.ro", u.password);
  });

  it("follows the strictest organisation's lockout, and an administrator can unlock early", async () => {
    const u = await f.user("strict@example.ro", "plain");
    await f.ctx.db.insert(tables.staffGrants).values({ tenantId: (await getOrganisation(f.ctx, "strict")).tenant.tenantId, userId: u.userId, role: "agent", grantedAt: f.clock.now(), grantedBy: "test" });
    await login(f.ctx, "strict@example.ro", "wrong").catch(() => undefined);
    await login(f.ctx, "strict@example.ro", "wrong").catch(() => undefined);
    await expect(login(f.ctx, "strict@example.ro", "wrong")).rejects.toMatchObject({ code: "account_locked", details: { retryAfter: 3600 } });
    // Audited on both organisations the user works for.
    expect((await auditOf(u.userId, "strict")).map((a) => a.action)).toContain("staff.locked");
    expect((await auditOf(u.userId, "plain")).map((a) => a.action)).toContain("staff.locked");
    await unlockUser(f.ctx, { email: "strict@example.ro" }, CLI_ACTOR);
    await login(f.ctx, "strict@example.ro", u.password);
  });

  it("refuses a disabled user with the same answer as a wrong password", async () => {
    const u = await f.user("gone@example.ro", "plain");
    await f.ctx.db.update(tables.staffUsers).set({ disabledAt: f.clock.now() }).where(eq(tables.staffUsers.userId, u.userId));
    await expect(login(f.ctx, "gone@example.ro", u.password)).rejects.toMatchObject({ code: "invalid_credentials", status: 401 });
  });

  it("a password change by the user lets the new password in and not the old one", async () => {
    const u = await f.user("newpw@example.ro", "plain");
    await changePassword(f.ctx, u.userId, { current: u.password, next: "a fresh long password" });
    await expect(login(f.ctx, "newpw@example.ro", u.password)).rejects.toMatchObject({ code: "invalid_credentials" });
    await login(f.ctx, "newpw@example.ro", "a fresh long password");
  });
});
