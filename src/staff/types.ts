import type { AccountRules } from "./policy.ts";
import type { Role } from "./roles.ts";

/** One organisation a staff user works for. */
export interface StaffGrant {
  tenantId: string;
  slug: string;
  name: string;
  role: Role;
}

/** A logged-in staff user as one request sees them. */
export interface StaffPrincipal {
  userId: string;
  email: string;
  name: string;
  installationAdmin: boolean;
  grants: StaffGrant[];
  rules: AccountRules;
  session: {
    /** sha256 of the cookie's token: how the session row is named. */
    hash: string;
    csrfToken: string;
    expiresAt: Date;
    secondFactorGiven: boolean;
  };
  totpEnabled: boolean;
  passwordChangedAt: Date;
  mustChangePassword: boolean;
}

/**
 * What stands between a logged-in user and their work, in the order it must be dealt with.
 * Only the session routes (second factor, enrolment, password change, logout) are open until it is empty.
 */
export type StandingIssue = "second_factor_required" | "totp_enrolment_required" | "password_change_required";
