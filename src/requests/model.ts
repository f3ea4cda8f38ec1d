import { z } from "zod";
import type { RegisterKind } from "../registers/index.ts";
import { currentDue } from "./deadlines.ts";

/** The rights a subject can ask for. `complaint` also covers a question to the controller. */
export const REQUEST_RIGHTS = ["access", "rectification", "erasure", "restriction", "portability", "objection", "automated_decision", "withdraw_consent", "complaint"] as const;
export type RequestRight = (typeof REQUEST_RIGHTS)[number];

export const REQUEST_STATES = ["received", "verifying", "in_progress", "awaiting", "done", "refused", "forwarded"] as const;
export type RequestState = (typeof REQUEST_STATES)[number];
export const FINAL_STATES: readonly RequestState[] = ["done", "refused", "forwarded"];

export const REQUEST_CHANNELS = ["web_form", "api", "email", "post", "phone", "in_person"] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];
/** Channels where a person at the organisation types the request in: who did it is recorded (S0-17). */
export const STAFF_CHANNELS: readonly RequestChannel[] = ["email", "post", "phone", "in_person"];

export const LETTER_LANGUAGES = ["ro", "sr", "sr-Cyrl", "en"] as const;
export type LetterLanguage = (typeof LETTER_LANGUAGES)[number];

export const REFUSAL_GROUNDS = ["manifestly_unfounded", "excessive"] as const;
export const KEPT_REASONS = ["legal_obligation", "legal_claims", "legal_hold", "contract", "other"] as const;

const instant = z.iso.datetime({ offset: true });
const text = z.string().trim().min(1).max(2000);
const shortText = z.string().trim().min(1).max(200);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, "sha256 in hex");

export const subjectIdentity = z.strictObject({
  /** Required: the code goes there, and so do the letters (a representative gives the address they read). */
  email: z.email().max(254),
  name: shortText.optional(),
  /** E.164, normalised at intake. */
  phone: z.string().regex(/^\+\d{6,15}$/).optional(),
  customerId: shortText.optional(),
  cnp: z.string().regex(/^\d{13}$/).optional(),
  jmbg: z.string().regex(/^\d{13}$/).optional(),
});

export const requestDetails = z.strictObject({
  text: text.optional(),
  /** Rectification: field → the correct value. */
  fields: z.record(shortText, shortText).optional(),
  /** Objection or withdrawal: the purposes (activity ids or free words). */
  purposes: z.array(shortText).max(50).optional(),
});

/** S4-16: someone acting for the subject, with the reference and hash of the document that proves it. */
export const representative = z.strictObject({
  name: shortText,
  relationship: shortText,
  proof: z.strictObject({ reference: shortText, sha256 }),
  decision: z.strictObject({ accepted: z.boolean(), at: instant, by: shortText, note: text.optional() }).optional(),
});

const verification = z.strictObject({
  /** HMAC-SHA256 of the current code under the organisation's key and a fresh salt; never the code. */
  codeHash: z.string().optional(),
  salt: z.string().optional(),
  sentAt: instant.optional(),
  expiresAt: instant.optional(),
  /** When codes were sent in the last day, for the resend limit. */
  sends: z.array(instant),
  /** Wrong codes since the last staff reset, over all codes sent. */
  attempts: z.number().int().min(0),
  lockedAt: instant.optional(),
  verifiedAt: instant.optional(),
});

const pause = z.strictObject({ from: instant, reason: text, by: shortText, to: instant.optional(), resumeReason: text.optional(), resumedBy: shortText.optional() });

const decision = z.strictObject({
  kind: z.enum(["refused", "fee", "representative_rejected"]),
  ground: z.enum(REFUSAL_GROUNDS).optional(),
  reasons: text,
  fee: z.strictObject({ amount: z.number().positive(), currency: z.string().regex(/^[A-Z]{3}$/) }).optional(),
  article: shortText,
  at: instant,
  by: shortText,
});

const controller = z.strictObject({ client: z.string().optional(), name: shortText, email: z.email(), activity: z.string(), at: instant });

/** What the executor did in one table of one system (S4-15: what was kept, and why). */
export const outcomeRow = z.strictObject({
  system: shortText,
  table: shortText,
  found: z.number().int().min(0),
  exported: z.number().int().min(0).optional(),
  rectified: z.number().int().min(0).optional(),
  erased: z.number().int().min(0).optional(),
  anonymised: z.number().int().min(0).optional(),
  restricted: z.number().int().min(0).optional(),
  kept: z.array(z.strictObject({ count: z.number().int().min(1), reason: z.enum(KEPT_REASONS), basis: text.optional() })).optional(),
});
export type OutcomeRow = z.infer<typeof outcomeRow>;

/** Art. 19 (ZZPL čl. 33): a recipient or processor told of a rectification, erasure or restriction, by e-mail or by a task for staff. */
export const notifiedRecipient = z.strictObject({ name: shortText, kind: z.enum(["processor", "recipient", "client"]), via: z.enum(["email", "task"]) });

export const outcome = z.strictObject({
  rows: z.array(outcomeRow).max(1000),
  notified: z.array(notifiedRecipient).max(200).optional(),
  /** Free text for the letter (what was answered to a question, what a package holds). */
  summary: text.optional(),
  package: z.strictObject({ url: z.url(), expiresAt: instant }).optional(),
});
export type RequestOutcome = z.infer<typeof outcome>;

export const subjectRequest = z.strictObject({
  right: z.enum(REQUEST_RIGHTS),
  state: z.enum(REQUEST_STATES),
  language: z.enum(LETTER_LANGUAGES),
  channel: z.enum(REQUEST_CHANNELS),
  enteredBy: shortText.optional(),
  receivedAt: instant,
  /** The organisation's law when the request arrived: its deadline does not move with a later manifest. */
  jurisdiction: z.string().regex(/^[A-Z]{2}$/),
  /** `rights.deadlines` for this right when the request arrived. */
  promise: z.string().optional(),
  subject: subjectIdentity,
  details: requestDetails,
  representative: representative.optional(),
  concerns: z.strictObject({ activity: z.string().optional(), client: z.string().optional() }).optional(),
  verification,
  extension: z.strictObject({ at: instant, reason: text, by: shortText }).optional(),
  pauses: z.array(pause),
  decision: decision.optional(),
  forwardedTo: controller.optional(),
  outcome: outcome.optional(),
  completedAt: instant.optional(),
});
export type SubjectRequest = z.infer<typeof subjectRequest>;

/** A request is an entry of the `request` register: its status is its state, its due date the deadline in force. */
export const requestRegister: RegisterKind<SubjectRequest> = {
  name: "request",
  schema: subjectRequest,
  index: (r) => ({ status: r.state, dueAt: FINAL_STATES.includes(r.state) ? null : currentDue(r) }),
};

export const REQUEST_ID = /^request-\d{4}-\d{3,}$/;
