import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import { addRetention } from "../law/index.ts";
import { dummyHash, verifyPassword } from "./passwords.ts";
import { createSession, endSession, grantsOf, markSecondFactorGiven, type NewSession } from "./sessions.ts";
import * as store from "./store.ts";
import { invalidCode, useTotpCode } from "./totp.ts";

/** Where a login came from, as kept on the session and in the audit trail (never the full address). */
export interface LoginMeta {
  ipTruncated?: string;
  userAgent?: string;
}

export interface LoggedIn {
  userId: string;
  session: NewSession;
}

const invalidCredentials = () => new RegistruError("invalid_credentials", "the e-mail address or the password is wrong", 401);

const accountLocked = (until: Date, now: Date) =>
  new RegistruError("account_locked", "too many failed attempts: the account is locked for a while", 423, {
    retryAfter: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)),
    lockedUntil: until.toISOString(),
  });

const lockedAt = (user: store.StaffUserRow, now: Date) => (user.lockedUntil && user.lockedUntil > now ? user.lockedUntil : undefined);

const where = (meta: LoginMeta) => (meta.ipTruncated ? { ip: meta.ipTruncated } : {});

/**
 * Password login. An unknown e-mail and a wrong password get the same answer after the same
 * work (a hash is verified either way); failures count toward the lockout of the manifests'
 * `staff_accounts` rules. The session waits for the second factor when TOTP is in force.
 */
export async function login(ctx: Context, email: string, password: string, meta: LoginMeta = {}): Promise<LoggedIn> {
  const user = await store.findUserByEmail(ctx.db, store.normaliseEmail(email));
  if (!user) {
    await verifyPassword(await dummyHash(), password);
    throw invalidCredentials();
  }
  const now = ctx.clock.now();
  const failures = await attempt(ctx, user, now);
  const ok = await verifyPassword(user.passwordHash, password);
  if (user.disabledAt) throw invalidCredentials();
  if (!ok) {
    const until = await recordFailure(ctx, user, "wrong_password", failures, meta);
    throw until ? accountLocked(until, now) : invalidCredentials();
  }
  const { grants } = await grantsOf(ctx, user.userId);
  const totp = user.totpEnabledAt !== null;
  const session = await ctx.db.transaction(async (tx) => {
    // With a second factor in force the login is not over: the count starts again only once the
    // code is accepted, or a password holder could guess codes forever by logging in again.
    if (!totp) await store.updateUser(tx, user.userId, { failedLogins: 0, lockedUntil: null });
    const created = await createSession({ ...ctx, db: tx }, user.userId, { secondFactorGiven: !totp, ...meta });
    const details = { result: "success", secondFactor: totp ? "pending" : "not_enabled", ...where(meta) };
    await store.auditOn(tx, grants.map((g) => g.tenantId), { at: now, actor: `staff:${user.email}`, action: "staff.login", entityId: user.userId, details });
    return created;
  });
  ctx.log.info({ userId: user.userId }, "staff login");
  return { userId: user.userId, session };
}

/**
 * The TOTP code that completes a login. A wrong or replayed code counts toward the lockout like
 * a wrong password, and a lockout ends the waiting session.
 */
export async function giveSecondFactor(ctx: Context, userId: string, sessionHash: string, code: string, meta: LoginMeta = {}): Promise<void> {
  const user = await store.requireUserById(ctx.db, userId);
  const now = ctx.clock.now();
  if (!user.totpEnabledAt) throw new RegistruError("totp_not_enabled", "this account has no second factor yet; set one up (POST /api/v1/session/totp)", 409);
  const failures = await attempt(ctx, user, now);
  if (!(await useTotpCode(ctx, user, code))) {
    const until = await recordFailure(ctx, user, "wrong_code", failures, meta);
    if (!until) throw invalidCode();
    await endSession(ctx, sessionHash);
    throw accountLocked(until, now);
  }
  const { grants } = await grantsOf(ctx, userId);
  await ctx.db.transaction(async (tx) => {
    await store.updateUser(tx, userId, { failedLogins: 0, lockedUntil: null });
    await markSecondFactorGiven({ ...ctx, db: tx }, sessionHash);
    const details = { result: "success", secondFactor: "given", ...where(meta) };
    await store.auditOn(tx, grants.map((g) => g.tenantId), { at: now, actor: `staff:${user.email}`, action: "staff.login", entityId: userId, details });
  });
}

/** Reserves an attempt (counted as failed until it succeeds); 423 while the account is locked. */
async function attempt(ctx: Context, user: store.StaffUserRow, now: Date): Promise<number> {
  const failures = await store.reserveAttempt(ctx.db, user.userId, now);
  if (failures !== undefined) return failures;
  const locked = lockedAt(await store.requireUserById(ctx.db, user.userId), now);
  throw accountLocked(locked ?? now, now);
}

/**
 * A failed attempt, already counted by {@link attempt}: audited, and at the rules' `lockoutAfter`
 * the account is locked for `lockoutFor` and the count starts again. Returns when the lock ends,
 * if this attempt set it.
 */
export async function recordFailure(ctx: Context, user: store.StaffUserRow, reason: "wrong_password" | "wrong_code", failures: number, meta: LoginMeta = {}): Promise<Date | undefined> {
  const { grants, rules } = await grantsOf(ctx, user.userId);
  const tenantIds = grants.map((g) => g.tenantId);
  const at = ctx.clock.now();
  const actor = `staff:${user.email}`;
  const until = await ctx.db.transaction(async (tx) => {
    await store.auditOn(tx, tenantIds, { at, actor, action: "staff.login_failed", entityId: user.userId, details: { result: "failure", reason, failures, ...where(meta) } });
    if (failures < rules.lockoutAfter) return undefined;
    const lockEnds = addRetention(at, rules.lockoutFor);
    await store.updateUser(tx, user.userId, { failedLogins: 0, lockedUntil: lockEnds });
    await store.auditOn(tx, tenantIds, { at, actor, action: "staff.locked", entityId: user.userId, details: { until: lockEnds.toISOString(), failures } });
    return lockEnds;
  });
  ctx.log.info({ userId: user.userId, reason, locked: until !== undefined }, "staff login failed");
  return until;
}
