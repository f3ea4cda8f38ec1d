import { Secret, TOTP } from "otpauth";
import type { Clock } from "../../src/clock.ts";
import type { LoadedManifest } from "../../src/manifest/index.ts";
import { applyManifest } from "../../src/organisations/index.ts";
import type { Context } from "../../src/context.ts";
import { SESSION_COOKIE } from "../../src/http/session-cookie.ts";
import { addStaff, beginTotpEnrolment, changePassword, CLI_ACTOR, confirmTotpEnrolment, createSession } from "../../src/staff/index.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { cleanManifest, loadObject } from "../helpers/manifests.ts";

/** A clock the test moves: lockouts, password age and TOTP steps all read it. */
export function movableClock(start = "2026-11-23T10:00:00Z") {
  let t = new Date(start).getTime();
  const clock: Clock & { advance(ms: number): void; set(at: string | Date): void } = {
    now: () => new Date(t),
    advance: (ms) => void (t += ms),
    set: (at) => void (t = new Date(at).getTime()),
  };
  return clock;
}

/** A code of the user's authenticator app at the clock's time, made by otpauth itself. */
export const codeAt = (secret: string, at: Date) =>
  new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp: at.getTime() });

/** The small clean manifest, optionally with a `staff_accounts` section. */
export function manifestWith(staffAccounts?: Record<string, unknown>): LoadedManifest {
  const m = cleanManifest();
  if (staffAccounts) m.staff_accounts = staffAccounts;
  return loadObject(m);
}

export interface StaffFixture {
  t: TestDatabase;
  clock: ReturnType<typeof movableClock>;
  ctx: ReturnType<TestDatabase["ctx"]>;
  /** Creates an account granted on `slug` and returns its id and one-time password. */
  user(email: string, slug: string, role?: string): Promise<{ userId: string; password: string }>;
  close(): Promise<void>;
}

export async function staffFixture(organisations: Array<[slug: string, manifest: LoadedManifest]>): Promise<StaffFixture> {
  const t = await openTestDatabase();
  const clock = movableClock();
  const ctx = t.ctx(clock);
  for (const [slug, manifest] of organisations) await applyManifest(ctx, manifest, { slug, appliedBy: "test" });
  return {
    t,
    clock,
    ctx,
    async user(email, slug, role = "agent") {
      const added = await addStaff(ctx, { email, name: "Test User", slug, role }, CLI_ACTOR, { existing: "refuse" });
      return { userId: added.member.userId, password: added.temporaryPassword! };
    },
    close: () => t.drop(),
  };
}

export interface ReadySession {
  userId: string;
  email: string;
  password: string;
  /** The TOTP secret, for an admin (admins must have one). */
  secret?: string;
  /** The Cookie header of a session with nothing left to do. */
  cookie: string;
  csrf: string;
}

/**
 * A user granted on `slug` who has chosen a password and, as an admin, set up TOTP, with a
 * session that may work: what a person has after the first login is done.
 */
export async function readySession(ctx: Context, email: string, slug: string, role: string): Promise<ReadySession> {
  const added = await addStaff(ctx, { email, name: "Ready User", slug, role }, CLI_ACTOR, { existing: "grant" });
  const userId = added.member.userId;
  const password = "correct horse battery staple 42";
  if (added.temporaryPassword) await changePassword(ctx, userId, { current: added.temporaryPassword, next: password });
  let secret: string | undefined;
  if (role === "admin" && !added.member.totpEnabled) {
    secret = (await beginTotpEnrolment(ctx, userId)).secret;
    await confirmTotpEnrolment(ctx, userId, codeAt(secret, ctx.clock.now()));
  }
  const session = await createSession(ctx, userId, { secondFactorGiven: true });
  return { userId, email, password, secret, cookie: `${SESSION_COOKIE}=${session.token}`, csrf: session.csrfToken };
}
