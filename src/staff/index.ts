export { DEFAULT_RULES, passwordExpiresAt, strictestRules } from "./policy.ts";
export type { AccountRules } from "./policy.ts";
export { apiKeyAllows, isRole, PERMISSIONS, roleAllows, roleRequiresTotp, ROLES } from "./roles.ts";
export type { Permission, Role } from "./roles.ts";
export { authenticateSession, createSession, endSession, endSessionsOf, grantsOf, markSecondFactorGiven, SESSION_IDLE_MS, SESSION_MAX_MS, standingIssues } from "./sessions.ts";
export type { NewSession } from "./sessions.ts";
export type { StaffGrant, StaffPrincipal, StandingIssue } from "./types.ts";
