import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { authenticateSession, changePassword, createSession, grantsOf, hashPassword, standingIssues, temporaryPassword, verifyPassword } from "../../src/staff/index.ts";
import { HISTORY_KEPT, reuseProblem, shapeProblems } from "../../src/staff/passwords.ts";
import { recordPassword } from "../../src/staff/store.ts";
import { tables } from "../../src/store/index.ts";
import { backend } from "../helpers/database.ts";
import { loadExample } from "../helpers/manifests.ts";
import { manifestWith, staffFixture, type StaffFixture } from "./helpers.ts";

describe("password hashing", () => {
  it("hashes with argon2id and verifies only the same password", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(await verifyPassword(hash, "correct horse battery")).toBe(true);
    expect(await verifyPassword(hash, "correct horse batterY")).toBe(false);
    expect(await hashPassword("correct horse battery")).not.toBe(hash);
  });

  it("treats an unreadable hash as a wrong password", async () => {
    expect(await verifyPassword("not-a-hash", "x")).toBe(false);
  });

  it("makes one-time passwords of 20 unambiguous characters", () => {
    const seen = new Set(Array.from({ length: 50 }, temporaryPassword));
    expect(seen.size).toBe(50);
    for (const p of seen) expect(p).toMatch(/^([a-km-zA-HJ-NP-Z2-9]{5}-){3}[a-km-zA-HJ-NP-Z2-9]{5}$/);
  });
});

describe("password rules", () => {
  it("refuses a password shorter than the rules, longer than 256, or holding the e-mail's name", () => {
    expect(shapeProblems({ minLength: 12 }, "ana.pop@example.ro", "short")).toEqual(["too_short"]);
    expect(shapeProblems({ minLength: 12 }, "ana.pop@example.ro", "x".repeat(257))).toEqual(["too_long"]);
    expect(shapeProblems({ minLength: 12 }, "ana.pop@example.ro", "my-ANA.POP-password")).toEqual(["contains_email"]);
    expect(shapeProblems({ minLength: 12 }, "ana.pop@example.ro", "twelve chars")).toEqual([]);
    // Counted in characters, not UTF-16 units.
    expect(shapeProblems({ minLength: 12 }, "x@example.ro", "🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒")).toEqual(["too_short"]);
  });

  it("tells the current password apart from an earlier one", async () => {
    const [a, b, c] = await Promise.all(["first password 1", "second password 2", "third password 3"].map(hashPassword));
    expect(await reuseProblem("third password 3", c!, [c!, b!, a!])).toBe("same_as_current");
    expect(await reuseProblem("first password 1", c!, [c!, b!, a!])).toBe("reused");
    expect(await reuseProblem("first password 1", c!, [c!, b!])).toBeUndefined();
  });
});

describe(`password change on ${backend}`, () => {
  let f: StaffFixture;
  beforeAll(async () => {
    f = await staffFixture([
      ["plain", manifestWith()],
      ["sentosa", loadExample("sentosa")],
    ]);
  });
  afterAll(() => f.close());

  const change = (userId: string, current: string, next: string) => changePassword(f.ctx, userId, { current, next });
  const reasons = (p: Promise<unknown>) => p.then(() => [], (e: { code: string; details?: { reasons: string[] } }) => [e.code, ...(e.details?.reasons ?? [])]);

  it("refuses a wrong current password, a short one, and the one in use", async () => {
    const u = await f.user("ion.ionescu@example.ro", "plain");
    await expect(change(u.userId, "wrong", "a long new password 1")).rejects.toMatchObject({ code: "invalid_current_password", status: 403 });
    expect(await reasons(change(u.userId, u.password, "short"))).toEqual(["password_rejected", "too_short"]);
    expect(await reasons(change(u.userId, u.password, u.password))).toEqual(["password_rejected", "same_as_current"]);
    expect(await reasons(change(u.userId, u.password, "ION.IONESCU is my name"))).toEqual(["password_rejected", "contains_email"]);
  });

  it("refuses the last 5 passwords (the default history, the current one included) and allows the sixth back", async () => {
    const u = await f.user("maria.pop@example.ro", "plain");
    const passwords = [u.password, ...[1, 2, 3, 4, 5].map((i) => `a long password number ${i}`)];
    for (let i = 1; i < passwords.length; i++) await change(u.userId, passwords[i - 1]!, passwords[i]!);
    const current = passwords[5]!;
    for (const earlier of passwords.slice(1, 5)) expect(await reasons(change(u.userId, current, earlier))).toEqual(["password_rejected", "reused"]);
    // The one-time password is the sixth newest: outside a history of 5.
    await change(u.userId, current, passwords[0]!);
    const [row] = await f.ctx.db.select().from(tables.staffUsers).where(eq(tables.staffUsers.userId, u.userId));
    expect(await verifyPassword(row!.passwordHash, passwords[0]!)).toBe(true);
  });

  it("clears a forced change, ends the user's other sessions and audits without the password", async () => {
    const u = await f.user("dan.stan@example.ro", "plain");
    const mine = await createSession(f.ctx, u.userId, { secondFactorGiven: true });
    const other = await createSession(f.ctx, u.userId, { secondFactorGiven: true });
    const before = await authenticateSession(f.ctx, mine.token);
    expect(standingIssues(before, f.clock.now())).toEqual(["password_change_required"]);
    await changePassword(f.ctx, u.userId, { current: u.password, next: "a brand new passphrase" }, { keepSession: before.session.hash });
    const after = await authenticateSession(f.ctx, mine.token);
    expect(standingIssues(after, f.clock.now())).toEqual([]);
    await expect(authenticateSession(f.ctx, other.token)).rejects.toMatchObject({ code: "unauthorized" });
    const audit = await f.ctx.db.select().from(tables.auditEvents).where(eq(tables.auditEvents.entityId, u.userId));
    const changed = audit.filter((a) => a.action === "staff.password_changed");
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ actor: "staff:dan.stan@example.ro", entity: "staff_user" });
    expect(JSON.stringify(audit)).not.toContain("brand new");
    expect(JSON.stringify(audit)).not.toContain("$argon2");
  });

  it("S1-07: on Sentosa a 3-month-old password is a standing issue and none of the last 24 may return", { timeout: 60_000 }, async () => {
    const u = await f.user("operator@sentosa.example", "sentosa", "dpo");
    const { rules } = await grantsOf(f.ctx, u.userId);
    expect(rules).toMatchObject({ maxAge: "P3M", history: 24 });
    // 24 changes the way changePassword records them (tested above), hashed in parallel to save time.
    const passwords = Array.from({ length: 24 }, (_, i) => `sentosa passphrase ${i + 1}`);
    const hashes = await Promise.all(passwords.map(hashPassword));
    for (const [i, hash] of hashes.entries()) {
      f.clock.advance(1000);
      await recordPassword(f.ctx.db, u.userId, hash, f.clock.now(), HISTORY_KEPT);
      if (i === 23) await f.ctx.db.update(tables.staffUsers).set({ passwordHash: hash, passwordChangedAt: f.clock.now(), mustChangePassword: false }).where(eq(tables.staffUsers.userId, u.userId));
    }
    const current = passwords[23]!;

    const issuesNow = async () => standingIssues(await authenticateSession(f.ctx, (await createSession(f.ctx, u.userId, { secondFactorGiven: true })).token), f.clock.now());
    expect(await issuesNow()).toEqual([]);
    f.clock.advance(89 * 86_400_000);
    expect(await issuesNow()).toEqual([]);
    f.clock.advance(3 * 86_400_000);
    expect(await issuesNow()).toEqual(["password_change_required"]);

    // The 24 newest, the current one included, are refused; the one before them is allowed.
    for (const earlier of [passwords[0]!, passwords[11]!, passwords[22]!]) expect(await reasons(change(u.userId, current, earlier))).toEqual(["password_rejected", "reused"]);
    expect(await reasons(change(u.userId, current, current))).toEqual(["password_rejected", "same_as_current"]);
    await change(u.userId, current, u.password);
    expect(await issuesNow()).toEqual([]);
  });
});
