import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import type { Jurisdiction, PlainDate } from "../law/index.ts";
import type { Language } from "../manifest/index.ts";
import { policyInForce } from "../organisations/index.ts";
import { createEntry, entryEvents, listEntries, recordEvent, updateEntry, type RegisterEvent } from "../registers/index.ts";
import { reviewInput, securityMeasureKind, type MeasureRecord, type ReviewInput } from "./kind.ts";
import { securityAlerts, securityRows, type SecurityAlert, type SecurityMeasureRow } from "./register.ts";

export interface SecurityRegister {
  slug: string;
  organisation: string;
  languages: Language[];
  policyVersion: number;
  jurisdiction: Jurisdiction;
  today: PlainDate;
  measures: SecurityMeasureRow[];
  alerts: SecurityAlert[];
}

async function storedRecords(ctx: Context, slug: string) {
  return new Map((await listEntries(ctx, slug, securityMeasureKind)).map((e) => [e.data.measure, e]));
}

/** The security measures of the policy in force with their reviews, judged on the clock's date. */
export async function securityRegister(ctx: Context, slug: string): Promise<SecurityRegister> {
  const policy = await policyInForce(ctx, slug);
  const measures = securityRows(policy.manifest, await storedRecords(ctx, slug), policy.today);
  return {
    slug,
    organisation: policy.manifest.organisation.name,
    languages: policy.manifest.organisation.languages,
    policyVersion: policy.version,
    jurisdiction: policy.jurisdiction,
    today: policy.today,
    measures,
    alerts: securityAlerts(measures),
  };
}

export function parseReview(value: unknown): ReviewInput {
  const r = reviewInput.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
  throw new RegistruError("invalid_review", `invalid review: ${issues.map((i) => i.path || "(root)").join(", ")}`, 400, issues);
}

/**
 * Records a test and evaluation of a measure (S1-07: quarterly). The latest review by date sets
 * the next one due; an older review, entered late, joins the history without moving that date.
 */
export async function recordReview(ctx: Context, slug: string, measureId: string, value: unknown, actor: string): Promise<SecurityMeasureRow> {
  const review = parseReview(value);
  const policy = await policyInForce(ctx, slug);
  const measure = policy.manifest.security_measures?.find((m) => m.id === measureId);
  if (!measure) throw new RegistruError("security_measure_not_found", `no security measure "${measureId}" in the policy in force`, 404);
  if (review.on > policy.today) throw new RegistruError("invalid_review", "a review cannot be dated after today", 400, [{ path: "on", message: "after today" }]);
  await ctx.db.transaction(async (tx) => {
    const c = { ...ctx, db: tx };
    const existing = (await storedRecords(c, slug)).get(measureId);
    const data: MeasureRecord = { measure: measureId, ...(measure.every && { every: measure.every }), last_review: review };
    let entryId = existing?.entryId;
    if (!existing) entryId = (await createEntry(c, slug, securityMeasureKind, data, actor)).entryId;
    else if (review.on >= existing.data.last_review.on) await updateEntry(c, slug, securityMeasureKind, existing.entryId, existing.revision, data, actor);
    await recordEvent(c, slug, securityMeasureKind, entryId!, { actor, kind: "reviewed", data: review });
  });
  ctx.log.info({ tenant: slug, measure: measureId, outcome: review.outcome }, "security measure reviewed");
  const register = await securityRegister(ctx, slug);
  return register.measures.find((m) => m.id === measureId)!;
}

/** Every review of a measure, oldest first. */
export async function reviewHistory(ctx: Context, slug: string, measureId: string): Promise<Array<ReviewInput & { recordedAt: Date; recordedBy: string }>> {
  const policy = await policyInForce(ctx, slug);
  if (!policy.manifest.security_measures?.some((m) => m.id === measureId)) {
    throw new RegistruError("security_measure_not_found", `no security measure "${measureId}" in the policy in force`, 404);
  }
  const entry = (await storedRecords(ctx, slug)).get(measureId);
  if (!entry) return [];
  const events: RegisterEvent[] = await entryEvents(ctx, slug, securityMeasureKind, entry.entryId);
  return events.filter((e) => e.kind === "reviewed").map((e) => ({ ...(e.data as ReviewInput), recordedAt: e.at, recordedBy: e.actor }));
}
