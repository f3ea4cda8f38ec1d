import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import { outsideTenantScope } from "../store/index.ts";
import { hashPassword, HISTORY_KEPT, problemText, reuseProblem, shapeProblems, temporaryPassword, verifyPassword, type PasswordProblem } from "./passwords.ts";
import { endSessionsOf, grantsOf } from "./sessions.ts";
import * as store from "./store.ts";
import { findRef, type StaffActor, type StaffRef } from "./users.ts";

/**
 * The user's own password change: the current password, then the rules of every organisation
 * they work for (length, not their e-mail, none of the last `history` passwords, S1-07). On
 * success the history is written, a forced change is cleared, and every other session of the
 * user ends, in one transaction.
 */
export async function changePassword(ctx: Context, userId: string, input: { current: string; next: string }, opts: { keepSession?: string } = {}): Promise<void> {
  const user = await store.requireUserById(ctx.db, userId);
  if (!(await verifyPassword(user.passwordHash, input.current))) {
    throw new RegistruError("invalid_current_password", "the current password is wrong", 403);
  }
  const { grants, rules } = await grantsOf(ctx, userId);
  const problems: PasswordProblem[] = shapeProblems(rules, user.email, input.next);
  if (problems.length === 0) {
    const reused = await reuseProblem(input.next, user.passwordHash, await store.recentPasswordHashes(ctx.db, userId, rules.history));
    if (reused) problems.push(reused);
  }
  if (problems.length > 0) {
    throw new RegistruError("password_rejected", `the new password ${problems.map((p) => problemText[p]).join("; ")}`, 422, { reasons: problems, minLength: rules.minLength, history: rules.history });
  }
  const hash = await hashPassword(input.next);
  const at = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await store.updateUser(tx, userId, { passwordHash: hash, passwordChangedAt: at, mustChangePassword: false });
    await store.recordPassword(tx, userId, hash, at, HISTORY_KEPT);
    await endSessionsOf({ ...ctx, db: tx }, userId, opts.keepSession);
    await store.auditOn(tx, grants.map((g) => g.tenantId), { at, actor: `staff:${user.email}`, action: "staff.password_changed", entityId: userId, details: { by: "self" } });
  });
  ctx.log.info({ userId }, "staff password changed");
}

/**
 * The account a manager acts on. Named with `slug`, it must be granted there. An organisation's
 * admin may only touch an account that works for no one else: resetting the password of a DPO
 * firm's consultant would otherwise open every client of the firm to one client's admin.
 */
async function accountFor(ctx: Context, ref: StaffRef, actor: StaffActor, slug?: string) {
  const user = await findRef(ctx, ref);
  const grants = await store.grantsOfUsers(ctx.db, [user.userId]);
  if (slug !== undefined && !grants.some((g) => g.slug === slug)) throw new RegistruError("staff_user_not_found", "no such staff user on this organisation", 404);
  if (!actor.installationAdmin && (user.installationAdmin || grants.some((g) => !actor.manages.includes(g.tenantId)))) {
    throw new RegistruError("account_shared", "this user also works for organisations you do not manage: ask the installation's administrator", 403);
  }
  return { user, tenantIds: grants.map((g) => g.tenantId) };
}

type AccountChange = (tx: Context["db"], user: store.StaffUserRow, at: Date) => Promise<Record<string, unknown>>;

/** One change to an account by a manager: checked, applied and audited on each organisation of the user. */
function changeAccount(ctx: Context, ref: StaffRef, actor: StaffActor, slug: string | undefined, action: string, change: AccountChange): Promise<store.StaffUserRow> {
  return outsideTenantScope(async () => {
    const { user, tenantIds } = await accountFor(ctx, ref, actor, slug);
    const at = ctx.clock.now();
    await ctx.db.transaction(async (tx) => {
      const details = await change(tx, user, at);
      await store.auditOn(tx, tenantIds, { at, actor: actor.name, action, entityId: user.userId, details });
    });
    ctx.log.info({ userId: user.userId, action }, "staff account changed");
    return user;
  });
}

/**
 * A new one-time password the user must change at first login; their sessions end and a
 * lockout is lifted. Returns the password, shown once.
 */
export async function resetPassword(ctx: Context, ref: StaffRef, actor: StaffActor, opts: { slug?: string } = {}): Promise<{ userId: string; temporaryPassword: string }> {
  const password = temporaryPassword();
  const hash = await hashPassword(password);
  const user = await changeAccount(ctx, ref, actor, opts.slug, "staff.password_reset", async (tx, u, at) => {
    await store.updateUser(tx, u.userId, { passwordHash: hash, passwordChangedAt: at, mustChangePassword: true, failedLogins: 0, lockedUntil: null });
    await store.recordPassword(tx, u.userId, hash, at, HISTORY_KEPT);
    await endSessionsOf({ ...ctx, db: tx }, u.userId);
    return {};
  });
  return { userId: user.userId, temporaryPassword: password };
}

/** Removes the user's second factor (a lost phone); they enrol again at next login, and their sessions end. */
export async function resetTotp(ctx: Context, ref: StaffRef, actor: StaffActor, opts: { slug?: string } = {}): Promise<void> {
  await changeAccount(ctx, ref, actor, opts.slug, "staff.totp_reset", async (tx, u) => {
    await store.updateUser(tx, u.userId, { totpSecret: null, totpEnabledAt: null, totpLastStep: null });
    await endSessionsOf({ ...ctx, db: tx }, u.userId);
    return {};
  });
}

/** Lifts a lockout before its time. */
export async function unlockUser(ctx: Context, ref: StaffRef, actor: StaffActor, opts: { slug?: string } = {}): Promise<void> {
  await changeAccount(ctx, ref, actor, opts.slug, "staff.unlocked", async (tx, u, at) => {
    const wasLocked = u.lockedUntil !== null && u.lockedUntil > at;
    await store.updateUser(tx, u.userId, { failedLogins: 0, lockedUntil: null });
    return { wasLocked };
  });
}
