import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { beginTotpEnrolment, confirmTotpEnrolment, createSession, giveSecondFactor, authenticateSession, login, standingIssues, matchTotp } from "../../src/staff/index.ts";
import { tables } from "../../src/store/index.ts";
import { backend } from "../helpers/database.ts";
import { codeAt, manifestWith, staffFixture, type StaffFixture } from "./helpers.ts";

const STEP = 30_000;

describe("TOTP codes", () => {
  const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
  const at = new Date("2026-11-23T10:00:10Z");
  const step = Math.floor(at.getTime() / STEP);

  it("accepts the code of the current step and one step either side, and names the step", () => {
    expect(matchTotp(secret, codeAt(secret, at), at)).toBe(step);
    expect(matchTotp(secret, codeAt(secret, new Date(at.getTime() - STEP)), at)).toBe(step - 1);
    expect(matchTotp(secret, codeAt(secret, new Date(at.getTime() + STEP)), at)).toBe(step + 1);
  });

  it("refuses a code two steps away, a wrong code and anything not six digits", () => {
    expect(matchTotp(secret, codeAt(secret, new Date(at.getTime() - 2 * STEP)), at)).toBeUndefined();
    expect(matchTotp(secret, codeAt(secret, new Date(at.getTime() + 2 * STEP)), at)).toBeUndefined();
    const right = codeAt(secret, at);
    expect(matchTotp(secret, String((Number(right) + 1) % 1_000_000).padStart(6, "0"), at)).toBeUndefined();
    expect(matchTotp(secret, "12345", at)).toBeUndefined();
    expect(matchTotp(secret, `${right} `, at)).toBeUndefined();
  });
});

describe(`TOTP enrolment and use on ${backend}`, () => {
  let f: StaffFixture;
  beforeAll(async () => {
    f = await staffFixture([["plain", manifestWith()]]);
  });
  afterAll(() => f.close());

  const userRow = async (userId: string) => (await f.ctx.db.select().from(tables.staffUsers).where(eq(tables.staffUsers.userId, userId)))[0]!;

  it("keeps a new secret pending until a code from it confirms it", async () => {
    const u = await f.user("enrol@example.ro", "plain", "admin");
    const { secret, uri } = await beginTotpEnrolment(f.ctx, u.userId);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(uri).toMatch(/^otpauth:\/\/totp\/Registru:enrol%40example\.ro\?/);
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain("algorithm=SHA1&digits=6&period=30");
    expect(await userRow(u.userId)).toMatchObject({ totpSecret: secret, totpEnabledAt: null });

    // A second start replaces the pending secret: the first one's codes no longer confirm.
    const second = await beginTotpEnrolment(f.ctx, u.userId);
    await expect(confirmTotpEnrolment(f.ctx, u.userId, codeAt(secret, f.clock.now()))).rejects.toMatchObject({ code: "invalid_code", status: 401 });
    await confirmTotpEnrolment(f.ctx, u.userId, codeAt(second.secret, f.clock.now()));
    expect((await userRow(u.userId)).totpEnabledAt).toEqual(f.clock.now());
    await expect(beginTotpEnrolment(f.ctx, u.userId)).rejects.toMatchObject({ code: "totp_already_enabled", status: 409 });
  });

  it("refuses to confirm before an enrolment is started", async () => {
    const u = await f.user("nostart@example.ro", "plain");
    await expect(confirmTotpEnrolment(f.ctx, u.userId, "123456")).rejects.toMatchObject({ code: "totp_not_started", status: 409 });
  });

  it("completes a login with a code, refuses the same code again and an earlier step's code, and accepts the next step", async () => {
    const u = await f.user("second@example.ro", "plain");
    const { secret } = await beginTotpEnrolment(f.ctx, u.userId);
    await confirmTotpEnrolment(f.ctx, u.userId, codeAt(secret, f.clock.now()));
    f.clock.advance(STEP);

    const s = await createSession(f.ctx, u.userId, { secondFactorGiven: false });
    const p = await authenticateSession(f.ctx, s.token);
    expect(standingIssues(p, f.clock.now())).toContain("second_factor_required");
    const now = f.clock.now();
    const code = codeAt(secret, now);
    await giveSecondFactor(f.ctx, u.userId, p.session.hash, code);
    expect(standingIssues(await authenticateSession(f.ctx, s.token), f.clock.now())).not.toContain("second_factor_required");

    // Replayed: the same code, and the previous step's code, which the window would otherwise allow.
    await expect(giveSecondFactor(f.ctx, u.userId, p.session.hash, code)).rejects.toMatchObject({ code: "invalid_code" });
    await expect(giveSecondFactor(f.ctx, u.userId, p.session.hash, codeAt(secret, new Date(now.getTime() - STEP)))).rejects.toMatchObject({ code: "invalid_code" });
    // The next step's code (a phone clock a little ahead) is fine once.
    await giveSecondFactor(f.ctx, u.userId, p.session.hash, codeAt(secret, new Date(now.getTime() + STEP)));
    expect((await userRow(u.userId)).totpLastStep).toBe(Math.floor(now.getTime() / STEP) + 1);
  });

  it("does not let a password holder guess codes for ever by logging in again: the count survives until a code is accepted", async () => {
    const u = await f.user("guess@example.ro", "plain");
    const { secret } = await beginTotpEnrolment(f.ctx, u.userId);
    await confirmTotpEnrolment(f.ctx, u.userId, codeAt(secret, f.clock.now()));
    f.clock.advance(STEP);
    const wrong = String((Number(codeAt(secret, f.clock.now())) + 500_000) % 1_000_000).padStart(6, "0");
    const tries: string[] = [];
    for (let round = 0; round < 3; round++) {
      const { session } = await login(f.ctx, "guess@example.ro", u.password).catch((e: { code: string }) => ({ session: undefined, code: e.code }));
      if (!session) break;
      const p = await authenticateSession(f.ctx, session.token);
      tries.push(await giveSecondFactor(f.ctx, u.userId, p.session.hash, wrong).then(() => "accepted", (e: { code: string }) => e.code));
    }
    // Each login and each wrong code count: the lock comes within three rounds, not never.
    expect(tries).toContain("account_locked");
    await expect(login(f.ctx, "guess@example.ro", u.password)).rejects.toMatchObject({ code: "account_locked" });
  });

  it("refuses a second-factor code for a user without TOTP", async () => {
    const u = await f.user("nototp@example.ro", "plain");
    const s = await createSession(f.ctx, u.userId, { secondFactorGiven: true });
    const p = await authenticateSession(f.ctx, s.token);
    await expect(giveSecondFactor(f.ctx, u.userId, p.session.hash, "123456")).rejects.toMatchObject({ code: "totp_not_enabled", status: 409 });
  });
});
