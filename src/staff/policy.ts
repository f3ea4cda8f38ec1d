import { addRetention } from "../law/index.ts";
import type { StaffAccountRules } from "../manifest/index.ts";

/** The password and login rules one staff user is held to. */
export interface AccountRules {
  minLength: number;
  /** ISO 8601 duration; undefined: passwords do not expire. */
  maxAge?: string;
  /** Earlier passwords a new one may not repeat. */
  history: number;
  requireTotp: boolean;
  lockoutAfter: number;
  lockoutFor: string;
}

export const DEFAULT_RULES: Readonly<AccountRules> = Object.freeze({ minLength: 12, history: 5, requireTotp: false, lockoutAfter: 5, lockoutFor: "PT15M" });

const REFERENCE = new Date("2000-01-01T00:00:00Z");
const later = (a: string, b: string) => addRetention(REFERENCE, a) > addRetention(REFERENCE, b);

/**
 * A user granted on several organisations is held to the strictest rule of each kind among their
 * manifests' `staff_accounts` (S1-07), so no organisation's promise is broken by another's.
 */
export function strictestRules(sections: ReadonlyArray<StaffAccountRules | undefined>): AccountRules {
  const rules: AccountRules = { ...DEFAULT_RULES };
  for (const s of sections) {
    if (!s) continue;
    if (s.password_min_length !== undefined) rules.minLength = Math.max(rules.minLength, s.password_min_length);
    if (s.password_max_age !== undefined && (rules.maxAge === undefined || later(rules.maxAge, s.password_max_age))) rules.maxAge = s.password_max_age;
    if (s.password_history !== undefined) rules.history = Math.max(rules.history, s.password_history);
    if (s.require_two_factor) rules.requireTotp = true;
    if (s.lockout_after !== undefined) rules.lockoutAfter = Math.min(rules.lockoutAfter, s.lockout_after);
    if (s.lockout_for !== undefined && later(s.lockout_for, rules.lockoutFor)) rules.lockoutFor = s.lockout_for;
  }
  return rules;
}

/** When a password set at `changedAt` must be changed, or undefined when it never expires. */
export const passwordExpiresAt = (rules: AccountRules, changedAt: Date): Date | undefined => (rules.maxAge ? addRetention(changedAt, rules.maxAge) : undefined);
