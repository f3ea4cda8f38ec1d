import type { Row } from "../connectors/index.ts";
import { localDate, type PlainDate } from "../law/index.ts";
import type { Manifest, ProcessingActivity } from "../manifest/index.ts";
import { expiresOn, retentionRules, type Period } from "../retention/index.ts";
import type { TableRows } from "./rows.ts";

/**
 * An activity whose only legal basis is a legal obligation (GDPR Art. 17(3)(b), ZZPL čl. 30(4)):
 * its rows outlive an erasure request while its retention period runs. An activity that also
 * rests on the contract or consent ends with the erasure; the obligation part is expected in an
 * activity of its own (as Eldrive's accounting is), so the manifest says which rows the law needs.
 */
export const restsOnLegalObligation = (a: ProcessingActivity) => a.legal_basis?.length === 1 && a.legal_basis[0] === "legal_obligation";

/** One activity's periods for one table, as the retention engine reads them; null when it cannot count them (no period, no event column). */
export interface ActivityPeriods {
  activity: ProcessingActivity;
  periods: Period[] | null;
}

export type RetentionIndex = (system: string, table: string) => ActivityPeriods[];

/** The legal-obligation activities of each SQL table with the periods `src/retention` derives for them. */
export function obligationIndex(manifest: Manifest): RetentionIndex {
  const rules = retentionRules(manifest).rules;
  const activities = new Map(manifest.activities.map((a) => [a.id, a]));
  return (system, table) => {
    const spec = manifest.systems?.find((s) => s.id === system)?.tables?.[table];
    if (!spec) return [];
    const ids = Array.isArray(spec.activity) ? spec.activity : [spec.activity];
    const rule = rules.find((r) => r.system === system && r.table === table);
    return ids
      .map((id) => activities.get(id))
      .filter((a): a is ProcessingActivity => a !== undefined && restsOnLegalObligation(a))
      .map((activity) => ({ activity, periods: rule?.kind === "own" ? (rule.activities.find((x) => x.activity === activity.id)?.periods ?? null) : null }));
  };
}

/** A date or time stamp as the organisation's calendar day: naive values as written, zoned ones in its time zone. */
function dayOf(value: unknown, timeZone: string): PlainDate | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return localDate(value, timeZone);
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(String(value));
  if (!m) return null;
  return /[zZ]|[+-]\d{2}:?\d{2}$/.test(String(value)) ? localDate(new Date(String(value)), timeZone) : m[1]!;
}

export interface RowContext {
  row: Row;
  /** The table's rows and its same-system parents' rows, for events read through `belongs_to`. */
  tables: ReadonlyMap<string, TableRows>;
  system: string;
  timeZone: string;
}

function eventDay(term: Period["terms"][number], c: RowContext): PlainDate | null {
  const s = term.source;
  if (s.via === "own") return dayOf(c.row[s.column], c.timeZone);
  if (s.via !== "parent") return null; // read over several rows: not decided here, the row is kept
  const parent = c.tables.get(`${c.system}.${s.parent}`);
  const ref = c.row[s.fk];
  if (!parent || ref === null || ref === undefined) return null;
  for (const p of parent.rows.values()) if (String(p[s.parentColumn]) === String(ref)) return dayOf(p[s.column], c.timeZone);
  return null;
}

/** The first day the period no longer keeps the row, or null while its start event has not happened (or cannot be read). */
function periodEnds(p: Period, c: RowContext): PlainDate | null {
  const days = p.terms.map((t) => eventDay(t, c));
  const known = days.filter((d): d is PlainDate => d !== null);
  if (p.combine === "latest" && known.length < days.length) return null;
  if (known.length === 0) return null;
  const start = p.combine === "latest" ? known.reduce((a, b) => (a > b ? a : b)) : known.reduce((a, b) => (a < b ? a : b));
  return expiresOn(start, p.keep);
}

/**
 * Whether the activity still keeps the row on `today`, and until when if that is known. A row
 * goes when any of the activity's periods has run out (the retention engine's reading).
 */
export function keptUntil(a: ActivityPeriods, c: RowContext, today: PlainDate): { kept: boolean; until?: PlainDate } {
  if (!a.periods) return { kept: true };
  const ends = a.periods.map((p) => periodEnds(p, c));
  if (ends.some((e) => e !== null && e <= today)) return { kept: false };
  const known = ends.filter((e): e is PlainDate => e !== null);
  return known.length === ends.length ? { kept: true, until: known.reduce((x, y) => (x < y ? x : y)) } : { kept: true };
}

/** The columns a table's obligation periods read from its own rows, and from its parents' rows. */
export function eventColumns(periods: ActivityPeriods[]): { own: string[]; parents: Array<{ table: string; columns: string[] }> } {
  const own = new Set<string>();
  const parents = new Map<string, Set<string>>();
  for (const p of periods.flatMap((a) => a.periods ?? [])) {
    for (const t of p.terms) {
      if (t.source.via === "own") own.add(t.source.column);
      if (t.source.via === "parent") {
        own.add(t.source.fk);
        parents.set(t.source.parent, (parents.get(t.source.parent) ?? new Set()).add(t.source.parentColumn).add(t.source.column));
      }
    }
  }
  return { own: [...own], parents: [...parents].map(([table, columns]) => ({ table, columns: [...columns] })) };
}
