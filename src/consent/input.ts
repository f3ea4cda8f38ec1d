import { isIP } from "node:net";
import { z } from "zod";

export const DECISIONS = ["given", "refused", "withdrawn", "expired"] as const;
export type Decision = (typeof DECISIONS)[number];

export const METHODS = [
  "banner_accept_all",
  "banner_reject_all",
  "banner_custom",
  "form",
  "app_registration",
  "paper_scan",
  "gpc",
  "unsubscribe_link",
  "preference_centre",
  "staff_entry",
] as const;
export type CollectionMethod = (typeof METHODS)[number];

// Control characters are never part of an id or a name, and PostgreSQL text refuses NUL outright.
const noControl = (s: string) => !/[\u0000-\u001f\u007f]/.test(s);
const shortText = z.string().trim().min(1).max(200).refine(noControl, "must not contain control characters");
const ip = z.string().refine((s) => isIP(s) !== 0, "not an IP address");

/** What a client sends to record a decision; the server adds the time, the chain and the policy version. */
export const consentInput = z.strictObject({
  consentId: shortText,
  subjectRef: shortText.optional(),
  purposes: z.array(shortText).min(1).max(100),
  decision: z.enum(DECISIONS),
  /** Must match the version in force when given: a stale banner asks again (re-consent). */
  policyVersion: z.number().int().positive().optional(),
  textHash: z.string().regex(/^[0-9a-f]{64}$/, "sha256 hex of the exact text shown"),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/),
  method: z.enum(METHODS),
  collectedBy: shortText.optional(),
  guardian: shortText.optional(),
  /** Only compared with the digital-consent age; never stored. */
  age: z.number().int().min(0).max(150).optional(),
  ip: ip.optional(),
  userAgent: z.string().max(512).refine((s) => !s.includes("\u0000"), "must not contain NUL").optional(),
});
export type ConsentInput = z.input<typeof consentInput>;

export const withdrawalInput = z.strictObject({
  purposes: z.array(shortText).min(1).max(100),
  method: z.enum(METHODS),
  collectedBy: shortText.optional(),
  ip: ip.optional(),
  userAgent: z.string().max(512).refine((s) => !s.includes("\u0000"), "must not contain NUL").optional(),
});
export type WithdrawalInput = z.input<typeof withdrawalInput>;
