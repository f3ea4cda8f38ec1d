import { z } from "zod";
import { effectSchema } from "../connectors/index.ts";
import { notifiedRecipient, outcomeRow, REQUEST_RIGHTS } from "../requests/index.ts";
import type { RegisterKind } from "../registers/index.ts";

const shortText = z.string().trim().min(1).max(500);
const instant = z.iso.datetime({ offset: true });

/** An HTTP system's write, sent with the request id as idempotency key (the protocol's `erase` / `rectify`). */
export const remoteAction = z.strictObject({
  action: z.enum(["erase", "rectify"]),
  payload: z.record(z.string(), z.unknown()),
});

/** One system's share of the plan: its effects as data, applied in one transaction, then marked done. */
export const systemPlan = z.strictObject({
  system: z.string(),
  effects: z.array(effectSchema),
  remote: remoteAction.optional(),
  /** What the request's outcome says about each table (`recordOutcome`'s rows), decided with the plan so a resumed run reports the same counts. */
  rows: z.array(outcomeRow),
  done: z.strictObject({ at: instant, matched: z.array(z.number().int().min(0)) }).optional(),
  /** The remote write was accepted (202): the system is done when its callback is recorded. */
  pending: z.strictObject({ at: instant }).optional(),
});
export type SystemPlan = z.infer<typeof systemPlan>;

/** Work for a person: a system Registru cannot reach, or a recipient without an e-mail address (Art. 19). */
export const staffTask = z.strictObject({
  kind: z.enum(["search_system", "notify_recipient", "review_decision", "answer_question", "rectify_by_hand"]),
  target: shortText,
  text: z.string().max(20_000),
});
export type StaffTask = z.infer<typeof staffTask>;

/** Art. 19: who must be told of a rectification, erasure or restriction, and whether it was done. */
export const notification = notifiedRecipient.extend({ id: z.string(), email: z.email().optional(), sentAt: instant.optional(), messageId: z.string().optional() });
export type Notification = z.infer<typeof notification>;

/**
 * `finding`: an HTTP system answered the find with 202, nothing is planned until its callback;
 * `waiting_for_systems`: applied except the HTTP systems whose writes are still pending.
 */
export const EXECUTION_STATES = ["finding", "planned", "waiting_for_systems", "applied", "waiting_for_staff", "completed"] as const;

/**
 * The persisted plan of one request's execution: every effect per system, decided once and
 * stored before the first is applied. A worker that dies mid-way leaves it here; the next one
 * applies only the systems not marked done (effects are idempotent, so a crash between applying
 * and marking is safe too).
 */
export const execution = z.strictObject({
  request: z.string(),
  right: z.enum(REQUEST_RIGHTS),
  state: z.enum(EXECUTION_STATES),
  plannedAt: instant,
  systems: z.array(systemPlan),
  notifications: z.array(notification),
  tasks: z.array(staffTask),
  /** Objection and withdrawal: the consent purposes to withdraw, per consent subject (`src/consent`). */
  consent: z.array(z.strictObject({ consentId: z.string(), purposes: z.array(z.string()).min(1) })).optional(),
  /** Restriction: the mark the organisation's systems look up, with the identities normalised. */
  restriction: z.strictObject({ identities: z.record(z.string(), z.array(z.string())), activities: z.array(z.string()) }).optional(),
  /** When the Art. 19 notices were all sent and the step recorded in the request's timeline. */
  notifiedAt: instant.optional(),
  /** Free text for the letter: what was withdrawn, what staff must decide. */
  summary: z.string().max(2000).optional(),
  package: z.strictObject({ id: z.string(), url: z.url(), expiresAt: instant, bytes: z.number().int().min(0) }).optional(),
  lastError: z.strictObject({ code: z.string(), at: instant }).optional(),
  /** While `finding`: the HTTP systems whose find answer comes by callback. */
  awaiting: z.array(z.strictObject({ system: z.string(), action: z.literal("find"), at: instant })).optional(),
});
export type Execution = z.infer<typeof execution>;

export const executionRegister: RegisterKind<Execution> = {
  name: "execution",
  schema: execution,
  index: (e) => ({ status: e.state, dueAt: null }),
};
