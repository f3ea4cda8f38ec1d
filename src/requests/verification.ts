import { createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { RegistruError } from "../errors.ts";
import type { SubjectRequest } from "./model.ts";

export const CODE_TTL_MS = 30 * 60_000;
export const MAX_ATTEMPTS = 5;
/** A new code at most once a minute and five times a day per request; the HTTP layer also limits per address. */
export const RESEND_INTERVAL_MS = 60_000;
export const MAX_SENDS_PER_DAY = 5;
const DAY_MS = 86_400_000;

type Verification = SubjectRequest["verification"];

export const newVerification = (): Verification => ({ sends: [], attempts: 0 });

export const generateCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, "0");

/**
 * A 6-digit code has a million values: a plain salted hash would fall to brute force if the
 * database leaked, so the hash is keyed with the organisation's secret as well.
 */
export function hashCode(key: Buffer, salt: string, entryId: string, code: string): string {
  return createHmac("sha256", key).update(`${salt}\n${entryId}\n${code}`).digest("hex");
}

/** The verification after a new code was sent; refuses when sends come too fast or too often. */
export function withNewCode(v: Verification, key: Buffer, entryId: string, code: string, now: Date): Verification {
  assertCanSend(v, now);
  const salt = randomBytes(16).toString("hex");
  const recent = v.sends.filter((s) => now.getTime() - new Date(s).getTime() < DAY_MS);
  return {
    ...v,
    codeHash: hashCode(key, salt, entryId, code),
    salt,
    sentAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + CODE_TTL_MS).toISOString(),
    sends: [...recent, now.toISOString()],
  };
}

export function assertCanSend(v: Verification, now: Date): void {
  if (v.lockedAt) throw locked();
  const recent = v.sends.map((s) => new Date(s).getTime()).filter((t) => now.getTime() - t < DAY_MS);
  const last = Math.max(0, ...recent);
  if (now.getTime() - last < RESEND_INTERVAL_MS) {
    throw new RegistruError("code_rate_limited", "a code was sent less than a minute ago; wait for it or try again shortly", 429);
  }
  if (recent.length >= MAX_SENDS_PER_DAY) {
    throw new RegistruError("code_rate_limited", `no more than ${MAX_SENDS_PER_DAY} codes a day for one request; the organisation can reset it`, 429);
  }
}

export type CodeCheck = { ok: true; verification: Verification } | { ok: false; verification: Verification; error: RegistruError };

/** Checks a code: an expired code costs no attempt; a wrong one does, and the fifth locks the request. */
export function checkCode(v: Verification, key: Buffer, entryId: string, code: string, now: Date): CodeCheck {
  if (v.lockedAt) return { ok: false, verification: v, error: locked() };
  if (!v.codeHash || !v.salt || !v.expiresAt) {
    return { ok: false, verification: v, error: new RegistruError("no_code", "no code was sent for this request; ask for one", 409) };
  }
  if (now.getTime() > new Date(v.expiresAt).getTime()) {
    return { ok: false, verification: v, error: new RegistruError("code_expired", "the code has expired (codes are valid for 30 minutes); ask for a new one", 410) };
  }
  const expected = Buffer.from(v.codeHash, "hex");
  const given = Buffer.from(hashCode(key, v.salt, entryId, code), "hex");
  if (timingSafeEqual(expected, given)) {
    const { codeHash: _h, salt: _s, ...rest } = v;
    return { ok: true, verification: { ...rest, verifiedAt: now.toISOString() } };
  }
  const attempts = v.attempts + 1;
  if (attempts >= MAX_ATTEMPTS) return { ok: false, verification: { ...v, attempts, lockedAt: now.toISOString() }, error: locked() };
  const left = MAX_ATTEMPTS - attempts;
  return { ok: false, verification: { ...v, attempts }, error: new RegistruError("wrong_code", `the code is not right; ${left} attempt(s) left`, 400, { attemptsLeft: left }) };
}

/** Staff reset after a lockout: attempts and the daily send count start again. */
export const resetVerification = (v: Verification): Verification => ({ ...newVerification(), ...(v.verifiedAt && { verifiedAt: v.verifiedAt }) });

const locked = () => new RegistruError("verification_locked", "too many wrong codes: verification is locked until the organisation resets it", 423);
