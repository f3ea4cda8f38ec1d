import { z } from "zod";
import { addRetention, isIsoDuration, isPlainDate, localDate, type PlainDate } from "../law/index.ts";
import type { RegisterKind } from "../registers/index.ts";

/** What a review found: the measure works, works with changes to make, or does not work. */
export const REVIEW_OUTCOMES = ["effective", "improvement_needed", "ineffective"] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

const date = z.string().refine(isPlainDate, "expected a real date as YYYY-MM-DD");

export const reviewInput = z.strictObject({
  /** The day the measure was tested and evaluated. */
  on: date,
  /** Who reviewed it: a name or role, as the organisation records it. */
  reviewer: z.string().trim().min(1).max(200),
  outcome: z.enum(REVIEW_OUTCOMES),
  notes: z.string().trim().min(1).max(4000).optional(),
});
export type ReviewInput = z.infer<typeof reviewInput>;

/** A security measure's review record; the manifest holds the measure itself. */
const measureRecord = z.strictObject({
  measure: z.string().regex(/^[a-z][a-z0-9_]*$/),
  /** The review period in force when the last review was recorded (the manifest's `every`). */
  every: z.string().refine(isIsoDuration, "expected an ISO 8601 duration").optional(),
  last_review: reviewInput,
});
export type MeasureRecord = z.infer<typeof measureRecord>;

/** Calendar arithmetic: a quarterly review done on 31 January is next due on 30 April. */
export const nextReviewOn = (lastOn: PlainDate, every: string): PlainDate => localDate(addRetention(new Date(`${lastOn}T00:00:00Z`), every), "UTC");

export const securityMeasureKind: RegisterKind<MeasureRecord> = {
  name: "security-measure",
  schema: measureRecord,
  index: (r) => ({ status: r.last_review.outcome, dueAt: r.every ? new Date(`${nextReviewOn(r.last_review.on, r.every)}T00:00:00Z`) : null }),
};
