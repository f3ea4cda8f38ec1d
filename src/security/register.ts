import type { PlainDate } from "../law/index.ts";
import type { LocalizedText, Manifest } from "../manifest/index.ts";
import { nextReviewOn, type MeasureRecord, type ReviewInput } from "./kind.ts";

/**
 * `periodic`: the manifest sets no review period; `never_reviewed`: it does, and no review is on
 * record; `overdue`: the next review's day has passed.
 */
export type ReviewState = "not_periodic" | "never_reviewed" | "up_to_date" | "overdue";

export interface SecurityMeasureRow {
  id: string;
  kind: "technical" | "organisational";
  measure: LocalizedText;
  every?: string;
  lastReview?: ReviewInput;
  nextReview?: PlainDate;
  state: ReviewState;
  /** The register entry holding the review history, once a review was recorded. */
  entryId?: string;
}

export interface SecurityAlert {
  key: string;
  kind: "review_overdue" | "never_reviewed" | "review_found_ineffective";
  measure: string;
  message: string;
  dueOn?: PlainDate;
}

/** The manifest's measures with their review records, judged on `today`. */
export function securityRows(manifest: Manifest, records: ReadonlyMap<string, { entryId: string; data: MeasureRecord }>, today: PlainDate): SecurityMeasureRow[] {
  return (manifest.security_measures ?? []).map((m) => {
    const record = records.get(m.id);
    const last = record?.data.last_review;
    // The manifest's period in force counts, not the one stored with the last review.
    const nextReview = last && m.every ? nextReviewOn(last.on, m.every) : undefined;
    const state: ReviewState = !m.every ? "not_periodic" : !last ? "never_reviewed" : nextReview! < today ? "overdue" : "up_to_date";
    return {
      id: m.id,
      kind: m.kind,
      measure: m.measure,
      ...(m.every && { every: m.every }),
      ...(last && { lastReview: last }),
      ...(nextReview && { nextReview }),
      state,
      ...(record && { entryId: record.entryId }),
    };
  });
}

/** Periodic measures whose review is late or was never recorded, and measures last found not to work. */
export function securityAlerts(rows: readonly SecurityMeasureRow[]): SecurityAlert[] {
  return rows.flatMap((r): SecurityAlert[] => {
    const out: SecurityAlert[] = [];
    if (r.state === "overdue") out.push({ key: `review_overdue:${r.id}`, kind: "review_overdue", measure: r.id, message: `the review of "${r.id}" was due on ${r.nextReview}`, dueOn: r.nextReview });
    if (r.state === "never_reviewed") out.push({ key: `never_reviewed:${r.id}`, kind: "never_reviewed", measure: r.id, message: `"${r.id}" is to be reviewed every ${r.every}, and no review is on record` });
    if (r.lastReview?.outcome === "ineffective") {
      out.push({ key: `review_found_ineffective:${r.id}`, kind: "review_found_ineffective", measure: r.id, message: `the last review of "${r.id}" (${r.lastReview.on}) found it ineffective` });
    }
    return out;
  });
}
