import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import type { Manifest } from "../manifest/index.ts";
import { tables } from "../store/index.ts";
import { passwordExpiresAt, strictestRules } from "./policy.ts";
import { isRole, roleRequiresTotp } from "./roles.ts";
import type { StaffGrant, StaffPrincipal, StandingIssue } from "./types.ts";

/** A session ends after this long without a request... */
export const SESSION_IDLE_MS = 30 * 60_000;
/** ...and after this long in any case. */
export const SESSION_MAX_MS = 12 * 3_600_000;
// Writing last_seen_at on every request would make each read a write.
const TOUCH_EVERY_MS = 60_000;

const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export interface NewSession {
  /** For the cookie: shown once, only its hash is kept. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(
  ctx: Context,
  userId: string,
  opts: { secondFactorGiven: boolean; ipTruncated?: string; userAgent?: string },
): Promise<NewSession> {
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + SESSION_MAX_MS);
  await ctx.db.insert(tables.staffSessions).values({
    sessionHash: sha256(token),
    userId,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    mfaAt: opts.secondFactorGiven ? now : null,
    ipTruncated: opts.ipTruncated ?? null,
    userAgent: opts.userAgent?.slice(0, 300) ?? null,
  });
  return { token, csrfToken, expiresAt };
}

const unauthorized = () => new RegistruError("unauthorized", "log in first: the session is missing, expired or ended", 401);

/** The user behind a session cookie; 401 `unauthorized` when it is missing, unknown, idle too long or expired. */
export async function authenticateSession(ctx: Context, token: string | undefined): Promise<StaffPrincipal> {
  if (!token || !TOKEN.test(token)) throw unauthorized();
  const hash = sha256(token);
  const [row] = await ctx.db
    .select({ s: tables.staffSessions, u: tables.staffUsers })
    .from(tables.staffSessions)
    .innerJoin(tables.staffUsers, eq(tables.staffUsers.userId, tables.staffSessions.userId))
    .where(eq(tables.staffSessions.sessionHash, hash));
  const now = ctx.clock.now();
  if (!row || row.u.disabledAt || row.s.expiresAt <= now || now.getTime() - row.s.lastSeenAt.getTime() > SESSION_IDLE_MS) throw unauthorized();
  if (now.getTime() - row.s.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await ctx.db.update(tables.staffSessions).set({ lastSeenAt: now }).where(eq(tables.staffSessions.sessionHash, hash));
  }
  const { grants, rules } = await grantsOf(ctx, row.u.userId);
  return {
    userId: row.u.userId,
    email: row.u.email,
    name: row.u.name,
    installationAdmin: row.u.installationAdmin,
    grants,
    rules,
    session: { hash, csrfToken: row.s.csrfToken, expiresAt: row.s.expiresAt, secondFactorGiven: row.s.mfaAt !== null },
    totpEnabled: row.u.totpEnabledAt !== null,
    passwordChangedAt: row.u.passwordChangedAt,
    mustChangePassword: row.u.mustChangePassword,
  };
}

/** The organisations a user works for, and the strictest account rules among their policies in force. */
export async function grantsOf(ctx: Context, userId: string): Promise<{ grants: StaffGrant[]; rules: StaffPrincipal["rules"] }> {
  const rows = await ctx.db
    .select({ tenantId: tables.staffGrants.tenantId, role: tables.staffGrants.role, slug: tables.tenants.slug, name: tables.tenants.name })
    .from(tables.staffGrants)
    .innerJoin(tables.tenants, eq(tables.tenants.tenantId, tables.staffGrants.tenantId))
    .where(eq(tables.staffGrants.userId, userId))
    .orderBy(tables.tenants.slug);
  const grants = rows.flatMap((r) => (isRole(r.role) ? [{ tenantId: r.tenantId, slug: r.slug, name: r.name, role: r.role }] : []));
  return { grants, rules: strictestRules(await accountRulesOf(ctx, grants.map((g) => g.tenantId))) };
}

/** Only the `staff_accounts` section of each policy in force is read, not the whole manifest. */
async function accountRulesOf(ctx: Context, tenantIds: string[]) {
  if (tenantIds.length === 0) return [];
  const pv = tables.policyVersions;
  const rows = await ctx.db
    .selectDistinctOn([pv.tenantId], { rules: sql<Manifest["staff_accounts"] | null>`${pv.manifest} -> 'staff_accounts'` })
    .from(pv)
    .where(inArray(pv.tenantId, tenantIds))
    .orderBy(pv.tenantId, desc(pv.version));
  return rows.map((r) => r.rules ?? undefined);
}

/** What the user must do before working: give the second factor, enrol one, or change the password. */
export function standingIssues(p: StaffPrincipal, now: Date): StandingIssue[] {
  const issues: StandingIssue[] = [];
  const totpRequired = p.rules.requireTotp || p.installationAdmin || p.grants.some((g) => roleRequiresTotp(g.role));
  if (p.totpEnabled && !p.session.secondFactorGiven) issues.push("second_factor_required");
  else if (!p.totpEnabled && totpRequired) issues.push("totp_enrolment_required");
  const expires = passwordExpiresAt(p.rules, p.passwordChangedAt);
  if (p.mustChangePassword || (expires && expires <= now)) issues.push("password_change_required");
  return issues;
}

export async function markSecondFactorGiven(ctx: Context, sessionHash: string): Promise<void> {
  await ctx.db.update(tables.staffSessions).set({ mfaAt: ctx.clock.now() }).where(eq(tables.staffSessions.sessionHash, sessionHash));
}

export async function endSession(ctx: Context, sessionHash: string): Promise<void> {
  await ctx.db.delete(tables.staffSessions).where(eq(tables.staffSessions.sessionHash, sessionHash));
}

/** Ends every session of a user but, optionally, the one making the change (after a password change or a disable). */
export async function endSessionsOf(ctx: Context, userId: string, keep?: string): Promise<void> {
  const mine = eq(tables.staffSessions.userId, userId);
  await ctx.db.delete(tables.staffSessions).where(keep ? and(mine, sql`${tables.staffSessions.sessionHash} <> ${keep}`) : mine);
}
