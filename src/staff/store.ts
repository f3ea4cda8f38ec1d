import { and, asc, desc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import { appendAudit, type AuditEntry } from "../audit/index.ts";
import { RegistruError } from "../errors.ts";
import type { Db } from "../store/index.ts";
import { tables } from "../store/index.ts";

const { staffUsers, staffGrants, staffPasswordHistory, tenants } = tables;

export type StaffUserRow = typeof staffUsers.$inferSelect;

/** E-mail addresses are kept lower-cased and trimmed: one account per address, however it is typed. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export async function findUserByEmail(db: Db, email: string): Promise<StaffUserRow | undefined> {
  const [row] = await db.select().from(staffUsers).where(eq(staffUsers.email, email));
  return row;
}

export async function findUserById(db: Db, userId: string): Promise<StaffUserRow | undefined> {
  const [row] = await db.select().from(staffUsers).where(eq(staffUsers.userId, userId));
  return row;
}

export async function allUsers(db: Db): Promise<StaffUserRow[]> {
  return db.select().from(staffUsers).orderBy(asc(staffUsers.email));
}

/** Inserts an account; undefined when the e-mail address already has one. */
export async function insertUser(db: Db, row: typeof staffUsers.$inferInsert): Promise<StaffUserRow | undefined> {
  const [created] = await db.insert(staffUsers).values(row).onConflictDoNothing().returning();
  return created;
}

export async function requireUserById(db: Db, userId: string): Promise<StaffUserRow> {
  const user = await findUserById(db, userId);
  if (!user) throw new RegistruError("staff_user_not_found", "no such staff user", 404);
  return user;
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(staffUsers);
  return row?.n ?? 0;
}

export async function updateUser(db: Db, userId: string, set: Partial<typeof staffUsers.$inferInsert>): Promise<void> {
  await db.update(staffUsers).set(set).where(eq(staffUsers.userId, userId));
}

/**
 * Counts an attempt as failed before it is checked, atomically, unless the account is locked
 * (undefined then): parallel attempts cannot all slip in under the lockout. A success takes it back.
 */
export async function reserveAttempt(db: Db, userId: string, now: Date): Promise<number | undefined> {
  const [row] = await db
    .update(staffUsers)
    .set({ failedLogins: sql`${staffUsers.failedLogins} + 1` })
    .where(and(eq(staffUsers.userId, userId), or(isNull(staffUsers.lockedUntil), lte(staffUsers.lockedUntil, now))))
    .returning({ failedLogins: staffUsers.failedLogins });
  return row?.failedLogins;
}

/** Moves the last accepted TOTP step forward; false when `step` is not later than it (a replayed code). */
export async function advanceTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const rows = await db
    .update(staffUsers)
    .set({ totpLastStep: step })
    .where(and(eq(staffUsers.userId, userId), sql`(${staffUsers.totpLastStep} is null or ${staffUsers.totpLastStep} < ${step})`))
    .returning({ userId: staffUsers.userId });
  return rows.length === 1;
}

/** The newest `limit` password hashes of a user, newest first (the current one among them). */
export async function recentPasswordHashes(db: Db, userId: string, limit: number): Promise<string[]> {
  if (limit <= 0) return [];
  const rows = await db
    .select({ hash: staffPasswordHistory.passwordHash })
    .from(staffPasswordHistory)
    .where(eq(staffPasswordHistory.userId, userId))
    .orderBy(desc(staffPasswordHistory.setAt))
    .limit(limit);
  return rows.map((r) => r.hash);
}

/**
 * Records a password set at `at`, keeping the newest `keep` entries. The history is keyed by
 * time, so two changes within one millisecond get distinct instants rather than colliding.
 */
export async function recordPassword(db: Db, userId: string, hash: string, at: Date, keep: number): Promise<void> {
  const [last] = await db
    .select({ setAt: staffPasswordHistory.setAt })
    .from(staffPasswordHistory)
    .where(eq(staffPasswordHistory.userId, userId))
    .orderBy(desc(staffPasswordHistory.setAt))
    .limit(1);
  const setAt = last && last.setAt >= at ? new Date(last.setAt.getTime() + 1) : at;
  await db.insert(staffPasswordHistory).values({ userId, passwordHash: hash, setAt });
  const [oldestKept] = await db
    .select({ setAt: staffPasswordHistory.setAt })
    .from(staffPasswordHistory)
    .where(eq(staffPasswordHistory.userId, userId))
    .orderBy(desc(staffPasswordHistory.setAt))
    .offset(keep - 1)
    .limit(1);
  if (oldestKept) await db.delete(staffPasswordHistory).where(and(eq(staffPasswordHistory.userId, userId), lt(staffPasswordHistory.setAt, oldestKept.setAt)));
}

export interface GrantRow {
  tenantId: string;
  slug: string;
  userId: string;
  role: string;
  grantedAt: Date;
  grantedBy: string;
}

/** Every grant of these users, across organisations. */
export async function grantsOfUsers(db: Db, userIds: string[]): Promise<GrantRow[]> {
  if (userIds.length === 0) return [];
  return db
    .select({ tenantId: staffGrants.tenantId, slug: tenants.slug, userId: staffGrants.userId, role: staffGrants.role, grantedAt: staffGrants.grantedAt, grantedBy: staffGrants.grantedBy })
    .from(staffGrants)
    .innerJoin(tenants, eq(tenants.tenantId, staffGrants.tenantId))
    .where(inArray(staffGrants.userId, userIds))
    .orderBy(asc(tenants.slug));
}

/** What may be shown of an account: never its password hash or TOTP secret (the wall's role cannot read them). */
export const visibleColumns = {
  userId: staffUsers.userId,
  email: staffUsers.email,
  name: staffUsers.name,
  installationAdmin: staffUsers.installationAdmin,
  totpEnabledAt: staffUsers.totpEnabledAt,
  mustChangePassword: staffUsers.mustChangePassword,
  passwordChangedAt: staffUsers.passwordChangedAt,
  lockedUntil: staffUsers.lockedUntil,
  disabledAt: staffUsers.disabledAt,
  createdAt: staffUsers.createdAt,
};
export type VisibleUser = { [K in keyof typeof visibleColumns]: StaffUserRow[K] };

/** The users granted on one organisation, with their grant. */
export async function usersOfTenant(db: Db, tenantId: string) {
  return db
    .select({ user: visibleColumns, role: staffGrants.role, grantedAt: staffGrants.grantedAt, grantedBy: staffGrants.grantedBy })
    .from(staffGrants)
    .innerJoin(staffUsers, eq(staffUsers.userId, staffGrants.userId))
    .where(eq(staffGrants.tenantId, tenantId))
    .orderBy(asc(staffUsers.email));
}

export async function insertGrant(db: Db, row: typeof staffGrants.$inferInsert): Promise<boolean> {
  const rows = await db.insert(staffGrants).values(row).onConflictDoNothing().returning({ userId: staffGrants.userId });
  return rows.length === 1;
}

export async function setGrantRole(db: Db, tenantId: string, userId: string, role: string): Promise<boolean> {
  const rows = await db
    .update(staffGrants)
    .set({ role })
    .where(and(eq(staffGrants.tenantId, tenantId), eq(staffGrants.userId, userId)))
    .returning({ userId: staffGrants.userId });
  return rows.length === 1;
}

export async function deleteGrant(db: Db, tenantId: string, userId: string): Promise<boolean> {
  const rows = await db
    .delete(staffGrants)
    .where(and(eq(staffGrants.tenantId, tenantId), eq(staffGrants.userId, userId)))
    .returning({ userId: staffGrants.userId });
  return rows.length === 1;
}

/** Admins of an organisation, locked against a concurrent demotion so the last one cannot be removed twice at once. */
export async function adminsOf(db: Db, tenantId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: staffGrants.userId })
    .from(staffGrants)
    .where(and(eq(staffGrants.tenantId, tenantId), eq(staffGrants.role, "admin")))
    .for("update");
  return rows.map((r) => r.userId);
}

/**
 * Appends the same entry to the audit trail of each organisation. Sorted, so two transactions
 * lock the organisations' chain heads in one order and cannot deadlock.
 */
export async function auditOn(db: Db, tenantIds: Iterable<string>, entry: Omit<AuditEntry, "entity"> & { entity?: string }): Promise<void> {
  for (const tenantId of [...new Set(tenantIds)].sort()) {
    await appendAudit(db, tenantId, { entity: "staff_user", ...entry });
  }
}
