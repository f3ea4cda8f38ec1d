import type { RegisterKind } from "../registers/index.ts";
import { firstAuthorityNotification, nextDue } from "./clock.ts";
import { breachSchema, type Breach } from "./schema.ts";

export const BREACH_STATUSES = ["open", "notified", "closed"] as const;
export type BreachStatus = (typeof BREACH_STATUSES)[number];

/** Derived, never stored apart from the entry: closed once closed_at is set, notified once the authority has been. */
export const breachStatus = (b: Breach): BreachStatus => (b.closed_at ? "closed" : firstAuthorityNotification(b) ? "notified" : "open");

export const breachKind: RegisterKind<Breach> = {
  name: "breach",
  schema: breachSchema,
  index: (b) => ({ status: breachStatus(b), dueAt: nextDue(b) }),
};

export const BREACH_ID = /^breach-\d{4}-\d{3,}$/;
