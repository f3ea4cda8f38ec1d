import { randomBytes, randomInt } from "node:crypto";
import argon2 from "argon2";
import type { AccountRules } from "./policy.ts";

/**
 * Argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): about 40 ms per hash
 * on a small server, so a login, or a change checked against a long history, stays quick.
 */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Longer input only costs hashing time; no one types more. */
export const PASSWORD_MAX_LENGTH = 256;
/** The history kept per user: the most any manifest may ask for (`password_history` ≤ 100). */
export const HISTORY_KEPT = 100;

export const hashPassword = (password: string): Promise<string> => argon2.hash(password, ARGON2_OPTIONS);

/** False for a wrong password and for a hash that cannot be read. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Verified against when no user has the e-mail given, so a miss takes as long as a wrong password. */
export const dummyHash = (): Promise<string> => (dummy ??= hashPassword(randomBytes(16).toString("base64url")));

export type PasswordProblem = "too_short" | "too_long" | "contains_email" | "same_as_current" | "reused";

export const problemText: Record<PasswordProblem, string> = {
  too_short: "is shorter than the organisation's rules allow",
  too_long: `is longer than ${PASSWORD_MAX_LENGTH} characters`,
  contains_email: "contains the name part of your e-mail address",
  same_as_current: "is the password you have now",
  reused: "was used recently; choose one you have not used before",
};

/** What the rules say of a password, before it is compared with earlier ones. */
export function shapeProblems(rules: Pick<AccountRules, "minLength">, email: string, password: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < rules.minLength) problems.push("too_short");
  if (length > PASSWORD_MAX_LENGTH) problems.push("too_long");
  // A very short local part ("a@…") would forbid half the alphabet; three characters is a name.
  const local = email.split("@")[0]!.toLowerCase();
  if (local.length >= 3 && password.toLowerCase().includes(local)) problems.push("contains_email");
  return problems;
}

/**
 * Whether `password` is the current one or one of the last `history` (the current one counted
 * among them, S1-07 "no reuse"). Each hash has its own salt, so each is verified in turn.
 */
export async function reuseProblem(password: string, current: string, recent: readonly string[]): Promise<PasswordProblem | undefined> {
  if (await verifyPassword(current, password)) return "same_as_current";
  const earlier = recent.filter((h) => h !== current);
  const matches = await Promise.all(earlier.map((h) => verifyPassword(h, password)));
  return matches.some(Boolean) ? "reused" : undefined;
}

// No 0/O, 1/l/I: a temporary password is read off a screen and typed.
const ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A one-time password handed to a new user or after a reset: 20 characters, about 116 bits. */
export function temporaryPassword(): string {
  const chars = Array.from({ length: 20 }, () => ALPHABET[randomInt(ALPHABET.length)]!);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join("")).join("-");
}
