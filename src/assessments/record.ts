import { z } from "zod";
import { isPlainDate } from "../law/index.ts";
import type { RegisterKind } from "../registers/index.ts";

/** Likelihood and severity on the four levels of the CNIL/EDPB risk method, as the breach register uses them. */
export const RISK_SCALE = ["negligible", "limited", "significant", "maximum"] as const;
export type RiskScale = (typeof RISK_SCALE)[number];
export const RISK_LEVELS = ["low", "medium", "high"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** What the DPO advises (Art. 35(2), ZZPL čl. 54(2)). */
export const DPO_ADVICE = ["proceed", "proceed_with_changes", "do_not_proceed"] as const;

/** Likelihood × severity, each 1-4: up to 3 low, up to 8 medium, from 9 (both at least significant) high. */
export function riskLevel(likelihood: RiskScale, severity: RiskScale): RiskLevel {
  const score = (RISK_SCALE.indexOf(likelihood) + 1) * (RISK_SCALE.indexOf(severity) + 1);
  return score >= 9 ? "high" : score >= 4 ? "medium" : "low";
}

const date = z.string().refine(isPlainDate, "expected a real date as YYYY-MM-DD");
const text = z.string().trim().min(1).max(8000);
const shortText = z.string().trim().min(1).max(200);
const id = z.string().regex(/^[a-z][a-z0-9_]*$/, "expected an id of lower-case letters, digits and _");
const rating = z.strictObject({ likelihood: z.enum(RISK_SCALE), severity: z.enum(RISK_SCALE) });

const risk = z.strictObject({
  /** The risk to the rights and freedoms of the subjects, e.g. "customer data disclosed by a stolen laptop". */
  risk: text,
  likelihood: z.enum(RISK_SCALE),
  severity: z.enum(RISK_SCALE),
  /** Measures against this risk (Art. 35(7)(d)). */
  measures: z.array(text).optional(),
  /** The rating once the measures are in place; without it the risk stays as rated. */
  residual: rating.optional(),
});
export type AssessedRisk = z.infer<typeof risk>;

const shape = {
  /** The processing activity of the policy in force. */
  activity: id,
  title: shortText.optional(),
  /** Art. 35(7)(a): a systematic description of the processing and its purposes. */
  description: text,
  /** Art. 35(7)(b): necessity and proportionality of the processing in relation to its purposes. */
  necessity: text,
  proportionality: text,
  /** Art. 35(7)(c). */
  risks: z.array(risk).min(1),
  /** Art. 35(7)(d): measures for the processing as a whole. */
  measures: z.array(text).optional(),
  /** Ids of the manifest's security_measures the assessment relies on. */
  security_measures: z.array(id).optional(),
  dpo_opinion: z.strictObject({ by: shortText, on: date, advice: z.enum(DPO_ADVICE), opinion: text }).optional(),
  /** Art. 36(1): derived from the residual risk when left out; a "not_required" against a high residual risk is refused. */
  prior_consultation: z
    .strictObject({
      decision: z.enum(["required", "not_required"]),
      reason: text.optional(),
      submitted_on: date.optional(),
      reference: shortText.optional(),
      /** The authority's written advice (Art. 36(2)). */
      answered_on: date.optional(),
    })
    .optional(),
  approved: z.strictObject({ by: shortText, on: date }).optional(),
  /** When the assessment is reviewed again (Art. 35(11)); the register's due date. */
  review_on: date,
};

/** The highest level among the risks once their measures apply. */
export function residualRisk(risks: readonly AssessedRisk[]): RiskLevel {
  const levels = risks.map((r) => riskLevel(r.residual?.likelihood ?? r.likelihood, r.residual?.severity ?? r.severity));
  return RISK_LEVELS[Math.max(...levels.map((l) => RISK_LEVELS.indexOf(l)))]!;
}

function consistent(a: { risks: AssessedRisk[]; prior_consultation?: { decision: string; submitted_on?: string } }, ctx: z.RefinementCtx) {
  if (residualRisk(a.risks) === "high" && a.prior_consultation?.decision === "not_required") {
    ctx.addIssue({ code: "custom", path: ["prior_consultation", "decision"], message: "the residual risk is high, so the authority must be consulted before the processing starts (GDPR Art. 36(1), ZZPL čl. 55(1))" });
  }
  if (a.prior_consultation?.submitted_on && a.prior_consultation.decision === "not_required") {
    ctx.addIssue({ code: "custom", path: ["prior_consultation", "submitted_on"], message: "a consultation was submitted, so the decision is \"required\"" });
  }
}

/** What a person gives (API body, CLI file). */
export const assessmentInput = z.strictObject(shape).superRefine(consistent);
export type AssessmentInput = z.infer<typeof assessmentInput>;

/** The stored entry: the input, and what the policy in force said when it was recorded. */
export const assessmentSchema = z
  .strictObject({ ...shape, policy_version: z.number().int().positive(), jurisdiction: z.string().regex(/^[A-Z]{2}$/), dpo_appointed: z.boolean() })
  .superRefine(consistent);
export type Assessment = z.infer<typeof assessmentSchema>;

export const priorConsultationRequired = (a: Pick<Assessment, "risks" | "prior_consultation">) =>
  a.prior_consultation ? a.prior_consultation.decision === "required" : residualRisk(a.risks) === "high";

export const ASSESSMENT_STATUSES = ["awaiting_dpo_opinion", "awaiting_prior_consultation", "consulting_authority", "completed"] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

export function assessmentStatus(a: Assessment): AssessmentStatus {
  if (a.dpo_appointed && !a.dpo_opinion) return "awaiting_dpo_opinion";
  if (priorConsultationRequired(a)) {
    if (!a.prior_consultation?.submitted_on) return "awaiting_prior_consultation";
    if (!a.prior_consultation.answered_on) return "consulting_authority";
  }
  return "completed";
}

export const assessmentKind: RegisterKind<Assessment> = {
  name: "dpia",
  schema: assessmentSchema,
  index: (a) => ({ status: assessmentStatus(a), dueAt: new Date(`${a.review_on}T00:00:00Z`) }),
};
