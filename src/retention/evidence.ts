import { z } from "zod";
import { tableKey } from "../connectors/index.ts";
import type { Prepared } from "./prepare.ts";

const count = z.number().int().min(0);

/** What happened to a table's expired rows: numbers only, never the rows. */
export const countsSchema = z.object({
  /** Rows whose period has run out (for an inherited table: rows that went with their parent). */
  expired: count,
  /** Kept by a legal hold. */
  held: count,
  deleted: count,
  anonymised: count,
  /** Expired, but anonymised by an earlier run: nothing to change. */
  already_anonymised: count,
  /** `then: delete` (or an anonymisation the columns do not allow), but rows that stay still reference them. */
  kept_referenced: count,
});
export type Counts = z.infer<typeof countsSchema>;

export const tableEvidenceSchema = z.object({
  system: z.string(),
  table: z.string(),
  rule: z.enum(["own", "inherited"]),
  action: z.string(),
  /** Inherited tables: the parent table whose rows they go with. */
  with: z.string().optional(),
  periods: z.array(z.object({ label: z.string(), cutoff: z.string() })),
  /** Expired rows per period (the first of an activity's periods that applies). */
  by_rule: z.record(z.string(), count),
  counts: countsSchema,
  done: z.boolean(),
  /** Where the next batch starts (keyset position: a primary key, or an event date and a key). */
  cursor: z.array(z.unknown()).nullable(),
});
export type TableEvidence = z.infer<typeof tableEvidenceSchema>;

export const emptyCounts = (): Counts => ({ expired: 0, held: 0, deleted: 0, anonymised: 0, already_anonymised: 0, kept_referenced: 0 });

export function addCounts(into: Counts, more: Partial<Counts>): Counts {
  for (const [k, v] of Object.entries(more) as Array<[keyof Counts, number]>) into[k] += v;
  return into;
}

export function initialEvidence(prepared: Prepared): TableEvidence[] {
  return prepared.order.map((key) => {
    const t = prepared.tables.get(key)!;
    const r = t.rule;
    const periods = t.activities.flat().map((p) => ({ label: p.label, cutoff: p.cutoff }));
    return {
      system: r.system,
      table: r.table,
      rule: r.kind,
      action: r.kind === "own" ? r.action : "with parent",
      ...(r.kind === "inherited" && { with: r.parent }),
      periods,
      by_rule: {},
      counts: emptyCounts(),
      done: r.kind === "inherited",
      cursor: null,
    };
  });
}

export const evidenceKey = (e: TableEvidence) => tableKey(e);
