import { z } from "zod";
import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import { getOrganisation } from "../organisations/index.ts";
import { outsideTenantScope } from "../store/index.ts";
import { hashPassword, HISTORY_KEPT, temporaryPassword } from "./passwords.ts";
import { isRole, ROLES, type Role } from "./roles.ts";
import * as store from "./store.ts";

/** Who changes staff accounts, and over which organisations. */
export interface StaffActor {
  /** The audit trail's name: `staff:<email>`, `cli`. */
  name: string;
  /** The installation's operator: may act on any account, and make other operators. */
  installationAdmin: boolean;
  /** Tenant ids where the actor holds manage_staff. */
  manages: readonly string[];
}

/** Whoever runs the CLI has the database itself: the installation's operator. */
export const CLI_ACTOR: StaffActor = Object.freeze({ name: "cli", installationAdmin: true, manages: [] });

export interface StaffMember {
  userId: string;
  email: string;
  name: string;
  installationAdmin: boolean;
  totpEnabled: boolean;
  mustChangePassword: boolean;
  passwordChangedAt: Date;
  /** Set while a lockout lasts. */
  lockedUntil: Date | null;
  disabled: boolean;
  createdAt: Date;
}

export interface AddedStaff {
  member: StaffMember;
  /** True when the account was made now; false when an existing user was granted. */
  created: boolean;
  /** A new account's one-time password: shown once, changed at first login. */
  temporaryPassword?: string;
}

const emailSchema = z.email().max(254);

export function memberOf(u: store.VisibleUser, now: Date): StaffMember {
  return {
    userId: u.userId,
    email: u.email,
    name: u.name,
    installationAdmin: u.installationAdmin,
    totpEnabled: u.totpEnabledAt !== null,
    mustChangePassword: u.mustChangePassword,
    passwordChangedAt: u.passwordChangedAt,
    lockedUntil: u.lockedUntil && u.lockedUntil > now ? u.lockedUntil : null,
    disabled: u.disabledAt !== null,
    createdAt: u.createdAt,
  };
}

/** The users granted on an organisation, with their role there (never a hash or a secret). */
export async function listStaff(ctx: Context, slug: string): Promise<Array<StaffMember & { role: Role; grantedAt: Date; grantedBy: string }>> {
  const { tenant } = await getOrganisation(ctx, slug);
  const now = ctx.clock.now();
  const rows = await store.usersOfTenant(ctx.db, tenant.tenantId);
  return rows.flatMap((r) => (isRole(r.role) ? [{ ...memberOf(r.user, now), role: r.role, grantedAt: r.grantedAt, grantedBy: r.grantedBy }] : []));
}

/** Every account of the installation with the organisations it works for (the CLI's view). */
export async function listAllStaff(ctx: Context): Promise<Array<StaffMember & { grants: Array<{ slug: string; role: string }> }>> {
  const now = ctx.clock.now();
  const users = await store.allUsers(ctx.db);
  const grants = await store.grantsOfUsers(ctx.db, users.map((u) => u.userId));
  return users.map((u) => ({ ...memberOf(u, now), grants: grants.filter((g) => g.userId === u.userId).map((g) => ({ slug: g.slug, role: g.role })) }));
}

export interface NewStaff {
  email: string;
  name?: string;
  /** The organisation to grant on, with `role`. */
  slug?: string;
  role?: string;
  installationAdmin?: boolean;
}

/**
 * Makes an account with a one-time password it must change at first login, granted on an
 * organisation (or an installation administrator). With `existing: "grant"`, an e-mail that
 * already has an account is granted instead, and no password is made.
 */
export function addStaff(ctx: Context, input: NewStaff, actor: StaffActor, opts: { existing: "grant" | "refuse" }): Promise<AddedStaff> {
  return outsideTenantScope(async () => {
    const email = parseEmail(input.email);
    const role = input.slug === undefined ? undefined : parseRole(input.role);
    if (input.installationAdmin && !actor.installationAdmin) throw forbidden("only an installation administrator can make another");
    if (!input.slug && !input.installationAdmin) throw new RegistruError("grant_required", "a staff user needs an organisation and a role (or to be an installation administrator)", 400);
    const existing = await store.findUserByEmail(ctx.db, email);
    if (existing) {
      if (opts.existing === "refuse" || !input.slug) throw new RegistruError("staff_user_exists", "a staff user with this e-mail address exists; grant them instead", 409);
      return { member: await grantStaff(ctx, input.slug, email, role!, actor), created: false };
    }
    const name = (input.name ?? "").trim();
    if (name.length === 0 || name.length > 200) throw new RegistruError("invalid_name", "a new staff user needs a name of 1 to 200 characters", 400);
    const tenant = input.slug ? (await getOrganisation(ctx, input.slug)).tenant : undefined;
    const password = temporaryPassword();
    const hash = await hashPassword(password);
    const at = ctx.clock.now();
    const user = await ctx.db.transaction(async (tx) => {
      const row = await store.insertUser(tx, { email, name, passwordHash: hash, passwordChangedAt: at, mustChangePassword: true, installationAdmin: input.installationAdmin ?? false, createdAt: at });
      if (!row) throw new RegistruError("staff_user_exists", "a staff user with this e-mail address exists; grant them instead", 409);
      await store.recordPassword(tx, row.userId, hash, at, HISTORY_KEPT);
      if (tenant) {
        await store.insertGrant(tx, { tenantId: tenant.tenantId, userId: row.userId, role: role!, grantedAt: at, grantedBy: actor.name });
        await store.auditOn(tx, [tenant.tenantId], { at, actor: actor.name, action: "staff.created", entityId: row.userId, details: { role, installationAdmin: row.installationAdmin } });
      }
      return row;
    });
    ctx.log.info({ userId: user.userId, tenant: input.slug }, "staff user created");
    return { member: memberOf(user, at), created: true, temporaryPassword: password };
  });
}

/** Grants an existing account on an organisation. */
export function grantStaff(ctx: Context, slug: string, email: string, role: string, actor: StaffActor): Promise<StaffMember> {
  return outsideTenantScope(async () => {
    const r = parseRole(role);
    const { tenant } = await getOrganisation(ctx, slug);
    const user = await store.findUserByEmail(ctx.db, parseEmail(email));
    if (!user) throw notFound();
    // A grant puts the account under this organisation's account rules (lockout, password age):
    // only someone who manages every organisation it works for may add one.
    const current = await store.grantsOfUsers(ctx.db, [user.userId]);
    if (!actor.installationAdmin && (user.installationAdmin || current.some((g) => !actor.manages.includes(g.tenantId)))) {
      throw new RegistruError("account_shared", "this user also works for organisations you do not manage: ask the installation's administrator", 403);
    }
    const at = ctx.clock.now();
    await ctx.db.transaction(async (tx) => {
      if (!(await store.insertGrant(tx, { tenantId: tenant.tenantId, userId: user.userId, role: r, grantedAt: at, grantedBy: actor.name }))) {
        throw new RegistruError("already_granted", "this user already works for the organisation; change their role instead", 409);
      }
      await store.auditOn(tx, [tenant.tenantId], { at, actor: actor.name, action: "staff.granted", entityId: user.userId, details: { role: r } });
    });
    ctx.log.info({ userId: user.userId, tenant: slug }, "staff user granted");
    return memberOf(user, at);
  });
}

/** A user named by id (the API) or by e-mail (the CLI). */
export type StaffRef = { userId: string } | { email: string };

/** Changes a user's role on an organisation; the last admin cannot stop being one. */
export function changeRole(ctx: Context, slug: string, ref: StaffRef, role: string, actor: StaffActor): Promise<void> {
  return outsideTenantScope(async () => {
    const r = parseRole(role);
    const { tenant } = await getOrganisation(ctx, slug);
    const user = await findRef(ctx, ref);
    const at = ctx.clock.now();
    await ctx.db.transaction(async (tx) => {
      const from = (await store.grantsOfUsers(tx, [user.userId])).find((g) => g.tenantId === tenant.tenantId)?.role;
      if (!from) throw notFound();
      if (from === r) return;
      if (from === "admin") await keepAnAdmin(tx, tenant.tenantId, user.userId);
      await store.setGrantRole(tx, tenant.tenantId, user.userId, r);
      await store.auditOn(tx, [tenant.tenantId], { at, actor: actor.name, action: "staff.role_changed", entityId: user.userId, details: { from, to: r } });
    });
  });
}

/** Ends a user's work for an organisation; their account and other grants stay. */
export function revokeGrant(ctx: Context, slug: string, ref: StaffRef, actor: StaffActor): Promise<void> {
  return outsideTenantScope(async () => {
    const { tenant } = await getOrganisation(ctx, slug);
    const user = await findRef(ctx, ref);
    const at = ctx.clock.now();
    await ctx.db.transaction(async (tx) => {
      await keepAnAdmin(tx, tenant.tenantId, user.userId);
      if (!(await store.deleteGrant(tx, tenant.tenantId, user.userId))) throw notFound();
      await store.auditOn(tx, [tenant.tenantId], { at, actor: actor.name, action: "staff.revoked", entityId: user.userId, details: {} });
    });
    ctx.log.info({ userId: user.userId, tenant: slug }, "staff grant revoked");
  });
}

/**
 * The first start with the examples loaded: when the installation has no staff user at all,
 * `admin@registru.local` becomes its administrator and an admin of each organisation, with a
 * one-time password to print once. Undefined when there already is a user.
 */
export function createFirstAdmin(ctx: Context, slugs: readonly string[]): Promise<{ email: string; temporaryPassword: string } | undefined> {
  return outsideTenantScope(async () => {
    if ((await store.countUsers(ctx.db)) > 0) return undefined;
    const email = FIRST_ADMIN_EMAIL;
    const password = temporaryPassword();
    const hash = await hashPassword(password);
    const at = ctx.clock.now();
    const actor = "registru:first-start";
    const created = await ctx.db.transaction(async (tx) => {
      const row = await store.insertUser(tx, { email, name: "Administrator", passwordHash: hash, passwordChangedAt: at, mustChangePassword: true, installationAdmin: true, createdAt: at });
      if (!row) return false; // another process made it first
      await store.recordPassword(tx, row.userId, hash, at, HISTORY_KEPT);
      for (const slug of slugs) {
        const { tenant } = await getOrganisation({ ...ctx, db: tx }, slug);
        await store.insertGrant(tx, { tenantId: tenant.tenantId, userId: row.userId, role: "admin", grantedAt: at, grantedBy: actor });
        await store.auditOn(tx, [tenant.tenantId], { at, actor, action: "staff.created", entityId: row.userId, details: { role: "admin", installationAdmin: true } });
      }
      return true;
    });
    return created ? { email, temporaryPassword: password } : undefined;
  });
}

export const FIRST_ADMIN_EMAIL = "admin@registru.local";

/** What the first start prints, once: the one place the first administrator's password is ever shown. */
export const firstAdminNotice = (admin: { email: string; temporaryPassword: string }) =>
  [
    "",
    "First start: a staff administrator was created for the example organisations.",
    `  e-mail:             ${admin.email}`,
    `  one-time password:  ${admin.temporaryPassword}`,
    "Log in at /admin (or POST /api/v1/session), then choose a new password and set up two-factor authentication.",
    "This password is not shown again; `registru staff reset-password` makes a new one.",
    "",
    "",
  ].join("\n");

/** An organisation always keeps one admin who can grant others. */
async function keepAnAdmin(tx: Context["db"], tenantId: string, leaving: string) {
  const admins = await store.adminsOf(tx, tenantId);
  if (admins.length === 1 && admins[0] === leaving) {
    throw new RegistruError("last_admin", "this is the organisation's only admin: make someone else admin first", 409);
  }
}

export async function findRef(ctx: Context, ref: StaffRef): Promise<store.StaffUserRow> {
  const user = "userId" in ref ? await store.findUserById(ctx.db, ref.userId) : await store.findUserByEmail(ctx.db, store.normaliseEmail(ref.email));
  if (!user) throw notFound();
  return user;
}

function parseEmail(email: string): string {
  const normalised = store.normaliseEmail(email);
  if (!emailSchema.safeParse(normalised).success) throw new RegistruError("invalid_email", "expected an e-mail address", 400);
  return normalised;
}

function parseRole(role: string | undefined): Role {
  if (role !== undefined && isRole(role)) return role;
  throw new RegistruError("invalid_role", `the role is one of ${ROLES.join(", ")}`, 400);
}

const notFound = () => new RegistruError("staff_user_not_found", "no such staff user on this organisation", 404);
const forbidden = (message: string) => new RegistruError("forbidden", message, 403);
