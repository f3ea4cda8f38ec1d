import { Secret, TOTP } from "otpauth";
import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import { grantsOf } from "./sessions.ts";
import * as store from "./store.ts";

/** RFC 6238 as every authenticator app reads it: SHA-1, 6 digits, 30-second steps. */
const PERIOD = 30;
const ISSUER = "Registru";
/** One step either side: a phone's clock a little off, or a code typed as it changed. */
const WINDOW = 1;

const totpOf = (secret: string, label = "") =>
  new TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });

/** The time step a code belongs to, if it is valid at `now` within the window; undefined otherwise. */
export function matchTotp(secret: string, code: string, now: Date): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const timestamp = now.getTime();
  const delta = totpOf(secret).validate({ token: code, timestamp, window: WINDOW });
  return delta === null ? undefined : TOTP.counter({ period: PERIOD, timestamp }) + delta;
}

export const invalidCode = () => new RegistruError("invalid_code", "the code is wrong, already used or too old; wait for the next one", 401);
const alreadyEnabled = () => new RegistruError("totp_already_enabled", "two-factor authentication is already set up; an administrator can reset it", 409);

export interface TotpEnrolment {
  /** Base32, for typing into an app by hand. */
  secret: string;
  /** otpauth:// URI, for a QR code. */
  uri: string;
}

/**
 * A new secret kept on the user but not yet in force: logins do not ask for it until a code
 * from it is confirmed, so a half-finished enrolment cannot lock anyone out.
 */
export async function beginTotpEnrolment(ctx: Context, userId: string): Promise<TotpEnrolment> {
  const user = await store.requireUserById(ctx.db, userId);
  if (user.totpEnabledAt) throw alreadyEnabled();
  const secret = new Secret({ size: 20 }).base32;
  await store.updateUser(ctx.db, userId, { totpSecret: secret, totpLastStep: null });
  return { secret, uri: totpOf(secret, user.email).toString() };
}

/** Puts the pending secret in force once a code from it is right; the code's step counts as used. */
export async function confirmTotpEnrolment(ctx: Context, userId: string, code: string): Promise<void> {
  const user = await store.requireUserById(ctx.db, userId);
  if (user.totpEnabledAt) throw alreadyEnabled();
  if (!user.totpSecret) throw new RegistruError("totp_not_started", "start the enrolment first (POST /api/v1/session/totp)", 409);
  const at = ctx.clock.now();
  const step = matchTotp(user.totpSecret, code, at);
  if (step === undefined) throw invalidCode();
  const { grants } = await grantsOf(ctx, userId);
  await ctx.db.transaction(async (tx) => {
    await store.updateUser(tx, userId, { totpEnabledAt: at, totpLastStep: step });
    await store.auditOn(
      tx,
      grants.map((g) => g.tenantId),
      { at, actor: `staff:${user.email}`, action: "staff.totp_enabled", entityId: userId, details: {} },
    );
  });
}

/**
 * Checks a code of the user's TOTP in force and uses it up: a code of the same or an earlier
 * step than the last one accepted is refused, so an overheard code cannot be replayed.
 */
export async function useTotpCode(ctx: Context, user: store.StaffUserRow, code: string): Promise<boolean> {
  if (!user.totpEnabledAt || !user.totpSecret) return false;
  const step = matchTotp(user.totpSecret, code, ctx.clock.now());
  return step !== undefined && (await store.advanceTotpStep(ctx.db, user.userId, step));
}
