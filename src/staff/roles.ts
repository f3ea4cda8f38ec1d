/**
 * What a principal may do on one organisation. Roles are fixed; each route names the one
 * permission it needs (src/http/access.ts), and the authorization matrix test calls every route
 * as every role.
 */
export const PERMISSIONS = ["read", "operate", "manage", "administer", "manage_staff"] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ["admin", "dpo", "agent", "auditor"] as const;
export type Role = (typeof ROLES)[number];

const byRole: Record<Role, readonly Permission[]> = {
  // Everything, including who else may work on the organisation.
  admin: PERMISSIONS,
  // Registers, retention, manifest, breaches: the DPO's own work.
  dpo: ["read", "operate", "manage"],
  // Handles requests and records consent on a subject's behalf.
  agent: ["read", "operate"],
  // Reads everything, changes nothing.
  auditor: ["read"],
};

/** An organisation's API key is its systems' integration: everything but staff accounts. */
const apiKeyPermissions: readonly Permission[] = ["read", "operate", "manage", "administer"];

export const roleAllows = (role: Role, permission: Permission): boolean => byRole[role].includes(permission);
export const apiKeyAllows = (permission: Permission): boolean => apiKeyPermissions.includes(permission);
export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** Admins must use a second factor; other roles may, and an organisation's policy may require it of all. */
export const roleRequiresTotp = (role: Role): boolean => role === "admin";
