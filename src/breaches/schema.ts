import { z } from "zod";
import { dataCategory } from "../law/index.ts";

/** Art. 4(12): a breach of security leading to loss of confidentiality, integrity or availability (EDPB Guidelines 9/2022 §15). */
export const NATURES = ["confidentiality", "integrity", "availability"] as const;
export type BreachNature = (typeof NATURES)[number];

/** Likelihood and severity, each on the four-level scale of the EDPB/CNIL risk method. */
export const RISK_SCALE = ["negligible", "limited", "significant", "maximum"] as const;
export type RiskScale = (typeof RISK_SCALE)[number];

/** What the assessment leads to: no risk (no notification), a risk (Art. 33), a high risk (Art. 34). */
export const RISK_LEVELS = ["none", "risk", "high"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** GDPR Art. 34(3)(a)-(c), ZZPL čl. 53(3) tač. 1-3: when subjects need not be told one by one. */
export const SUBJECT_EXCEPTIONS = ["protected_data", "risk_no_longer_likely", "disproportionate_effort"] as const;
export type SubjectException = (typeof SUBJECT_EXCEPTIONS)[number];

/** Art. 33(4): the information may be provided in phases. */
export const NOTIFICATION_PHASES = ["initial", "follow_up", "final"] as const;
export type NotificationPhase = (typeof NOTIFICATION_PHASES)[number];

export const AUTHORITY_CHANNELS = ["online_form", "email", "post", "in_person", "other"] as const;
/** `public_communication` is the Art. 34(3)(c) substitute for telling each subject. */
export const SUBJECT_CHANNELS = ["email", "sms", "letter", "phone", "in_app", "public_communication", "other"] as const;

const instant = z.iso.datetime({ offset: true, message: "expected a date and time with its offset, e.g. 2026-11-23T10:00:00+02:00" });
const text = z.string().trim().min(1).max(4000);
const shortText = z.string().trim().min(1).max(200);
const id = z.string().regex(/^[a-z][a-z0-9_]*$/, "expected an id of lower-case letters, digits and _");
const country = z.string().regex(/^[A-Z]{2}$/, "expected an ISO 3166 country code such as HU");

/** Free text in one language, or per language (ro, sr, sr-Cyrl, en): documents pick theirs. */
export const localized = z.union([
  text,
  z
    .strictObject({ ro: text, sr: text, "sr-Cyrl": text, en: text })
    .partial()
    .refine((t) => Object.keys(t).length > 0, "give the text in at least one language"),
]);
export type Localized = z.infer<typeof localized>;

const ms = (s: string) => new Date(s).getTime();

/** Art. 33(3)(a) "approximate number": a count, a range, or not known yet. */
export const approximate = z.union([
  z.number().int().min(0),
  z.strictObject({ min: z.number().int().min(0), max: z.number().int().min(0) }).refine((r) => r.min <= r.max, "min must not exceed max"),
  z.literal("unknown"),
]);
export type Approximate = z.infer<typeof approximate>;

export const occurrence = z.union([
  instant,
  z.strictObject({ from: instant, to: instant }).refine((r) => ms(r.from) <= ms(r.to), "from must not be after to"),
  z.literal("unknown"),
]);
export type Occurrence = z.infer<typeof occurrence>;

/**
 * ENISA's severity method (Recommendations for a methodology of the assessment of severity of
 * personal data breaches, 2013): SE = DPC × EI + CB.
 */
export const enisaScore = z.strictObject({
  /** Data processing context, 1 (simple) to 4 (sensitive), after the method's adjustments. */
  dpc: z.number().min(1).max(4),
  /** Ease of identification: 0.25 negligible, 0.5 limited, 0.75 significant, 1 maximum. */
  ei: z.union([z.literal(0.25), z.literal(0.5), z.literal(0.75), z.literal(1)]),
  /** Circumstances of the breach: the loss of confidentiality, integrity, availability and malicious intent, added. */
  cb: z.number().min(0).max(2),
});

export const riskInput = z
  .strictObject({
    likelihood: z.enum(RISK_SCALE),
    /** Give the severity, or the ENISA score it is derived from. */
    severity: z.enum(RISK_SCALE).optional(),
    enisa: enisaScore.optional(),
    rationale: localized.optional(),
    assessed_by: shortText.optional(),
    assessed_at: instant.optional(),
    /** The DPO's own conclusion where the matrix does not fit the case, with the reason. */
    override: z.strictObject({ level: z.enum(RISK_LEVELS), reason: text, by: shortText }).optional(),
  })
  .superRefine((r, ctx) => {
    if ((r.severity === undefined) === (r.enisa === undefined)) {
      ctx.addIssue({ code: "custom", path: ["severity"], message: "give either severity or the enisa score it is derived from" });
    }
  });
export type RiskInput = z.infer<typeof riskInput>;

const decision = { reason: localized, by: shortText.optional(), at: instant.optional() };

export const decisionsInput = z.strictObject({
  notify_authority: z.strictObject({ notify: z.boolean(), ...decision }).optional(),
  notify_subjects: z.strictObject({ notify: z.boolean(), exception: z.enum(SUBJECT_EXCEPTIONS).optional(), ...decision }).optional(),
});

const processorReport = z.strictObject({
  /** A processor id of the manifest in force. */
  processor: id,
  processor_aware_at: instant,
  /** When the processor told the controller; until then its contractual window is running. */
  told_controller_at: instant.optional(),
});

const crossBorder = z.strictObject({
  /** Member states where affected subjects live (Art. 56, one-stop shop). */
  member_states: z.array(country).optional(),
  other_authorities: z.array(z.strictObject({ authority: shortText, at: instant.optional(), reference: shortText.optional() })).optional(),
});

const taxonomyId = z.string().superRefine((c, ctx) => {
  if (!dataCategory(c)) ctx.addIssue({ code: "custom", message: `unknown data category "${c}"; use an id of the taxonomy, e.g. contact.email or special.health` });
});

const shape = {
  title: shortText,
  description: localized,
  aware_at: instant,
  occurred_at: occurrence,
  detection: localized,
  nature: z
    .array(z.enum(NATURES))
    .min(1)
    .refine((n) => new Set(n).size === n.length, "each nature at most once"),
  /** Taxonomy ids (src/law/taxonomy.ts); special (Art. 9) and criminal (Art. 10) ones are flagged. */
  data_categories: z.array(taxonomyId).min(1),
  /** Subject ids of the manifest, or words. */
  subject_categories: z.array(shortText).min(1),
  subjects_count: approximate,
  records_count: approximate,
  consequences: localized,
  measures: z.strictObject({ taken: localized, proposed: localized.optional() }),
  /** What subjects can do themselves, for the Art. 34 letter (besides the advice Registru gives per category). */
  advice: localized.optional(),
  reported_by_processor: processorReport.optional(),
  risk: riskInput.optional(),
  decisions: decisionsInput.optional(),
  /** Art. 33(1) second sentence, ZZPL čl. 52(2): why the authority is notified after 72 hours (S1-08). */
  delay_reason: localized.optional(),
  cross_border: crossBorder.optional(),
  closed_at: instant.optional(),
};

type Refinable = { aware_at: string; occurred_at: Occurrence; reported_by_processor?: { processor_aware_at: string; told_controller_at?: string } };

function checkConsistency(b: Refinable, ctx: z.RefinementCtx) {
  const occurredFrom = b.occurred_at === "unknown" ? undefined : typeof b.occurred_at === "string" ? b.occurred_at : b.occurred_at.from;
  if (occurredFrom && ms(occurredFrom) > ms(b.aware_at)) ctx.addIssue({ code: "custom", path: ["occurred_at"], message: "the breach cannot have started after the controller became aware of it" });
  const p = b.reported_by_processor;
  if (p?.told_controller_at && ms(p.told_controller_at) < ms(p.processor_aware_at)) {
    ctx.addIssue({ code: "custom", path: ["reported_by_processor", "told_controller_at"], message: "the processor cannot have told the controller before it was aware" });
  }
}

/** What a person gives (API body, CLI file): the breach without what Registru derives or records. */
export const breachInput = z.strictObject(shape).superRefine(checkConsistency);
export type BreachInput = z.infer<typeof breachInput>;

export const authorityNotification = z.strictObject({
  to: z.literal("authority"),
  phase: z.enum(NOTIFICATION_PHASES),
  channel: z.enum(AUTHORITY_CHANNELS),
  at: instant,
  /** The authority's registration number of the notification. */
  reference: shortText.optional(),
  /** Notified after the 72 hours (with the entry's delay reason). */
  late: z.boolean(),
  recorded_by: shortText,
});

export const subjectNotification = z.strictObject({
  to: z.literal("subjects"),
  channel: z.enum(SUBJECT_CHANNELS),
  count: z.number().int().min(0),
  at: instant,
  recorded_by: shortText,
});

export const notification = z.discriminatedUnion("to", [authorityNotification, subjectNotification]);
export type Notification = z.infer<typeof notification>;
export type AuthorityNotification = z.infer<typeof authorityNotification>;

/** The stored entry: the input, the law and the processor window in force when it was recorded, and the notifications sent. */
export const breachSchema = z
  .strictObject({
    ...shape,
    reported_by_processor: processorReport.extend({ window_hours: z.number().int().positive().nullable() }).optional(),
    jurisdiction: z.string().regex(/^[A-Z]{2}$/),
    notifications: z.array(notification),
  })
  .superRefine(checkConsistency);
export type Breach = z.infer<typeof breachSchema>;
