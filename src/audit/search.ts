import { and, asc, count, desc, eq, gt, gte, like, lt, type SQL } from "drizzle-orm";
import { RegistruError } from "../errors.ts";
import type { Db } from "../store/index.ts";
import { tables } from "../store/index.ts";

const { auditEvents } = tables;

/**
 * What to look for in an organisation's audit trail. A text filter matches exactly, or, ending in
 * `*`, as a prefix (`action=breach.*`, `actor=staff:*`). `from` is inclusive, `to` exclusive.
 */
export interface AuditFilter {
  actor?: string;
  action?: string;
  entity?: string;
  entityId?: string;
  from?: Date;
  to?: Date;
}

export interface AuditRecord {
  seq: number;
  at: Date;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  details: unknown;
  hash: string;
}

export type AuditOrder = "asc" | "desc";

export interface AuditPage {
  entries: AuditRecord[];
  /** The cursor for the next page (the last entry's seq), or null when this page is the last. */
  next: number | null;
}

export const AUDIT_PAGE_MAX = 1000;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function textFilter(column: typeof auditEvents.actor | typeof auditEvents.action | typeof auditEvents.entity, value: string | undefined): SQL | undefined {
  if (value === undefined) return undefined;
  return value.endsWith("*") ? like(column, `${escapeLike(value.slice(0, -1))}%`) : eq(column, value);
}

function conditions(tenantId: string, f: AuditFilter): SQL[] {
  return [
    eq(auditEvents.tenantId, tenantId),
    textFilter(auditEvents.actor, f.actor),
    textFilter(auditEvents.action, f.action),
    textFilter(auditEvents.entity, f.entity),
    f.entityId === undefined ? undefined : eq(auditEvents.entityId, f.entityId),
    f.from && gte(auditEvents.at, f.from),
    f.to && lt(auditEvents.at, f.to),
  ].filter((c): c is SQL => c !== undefined);
}

const columns = {
  seq: auditEvents.seq,
  at: auditEvents.at,
  actor: auditEvents.actor,
  action: auditEvents.action,
  entity: auditEvents.entity,
  entityId: auditEvents.entityId,
  details: auditEvents.details,
  hash: auditEvents.hash,
};

/**
 * One page of the trail, keyset-paginated by seq: pass the previous page's `next` as `cursor`
 * (newest first by default; with `asc` the oldest first).
 */
export async function searchAudit(db: Db, tenantId: string, filter: AuditFilter, page: { order?: AuditOrder; cursor?: number; limit?: number } = {}): Promise<AuditPage> {
  const order = page.order ?? "desc";
  const limit = Math.min(Math.max(page.limit ?? 100, 1), AUDIT_PAGE_MAX);
  const where = conditions(tenantId, filter);
  if (page.cursor !== undefined) where.push(order === "desc" ? lt(auditEvents.seq, page.cursor) : gt(auditEvents.seq, page.cursor));
  const rows = await db
    .select(columns)
    .from(auditEvents)
    .where(and(...where))
    .orderBy(order === "desc" ? desc(auditEvents.seq) : asc(auditEvents.seq))
    .limit(limit + 1);
  const entries = rows.slice(0, limit);
  return { entries, next: rows.length > limit ? entries[entries.length - 1]!.seq : null };
}

export async function countAudit(db: Db, tenantId: string, filter: AuditFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(auditEvents).where(and(...conditions(tenantId, filter)));
  return Number(row?.n ?? 0);
}

/** Every matching entry, oldest first, read in batches so a long trail never sits in one query. */
export async function* auditEntries(db: Db, tenantId: string, filter: AuditFilter, batch = 1000): AsyncGenerator<AuditRecord> {
  let cursor: number | undefined;
  for (;;) {
    const page = await searchAudit(db, tenantId, filter, { order: "asc", cursor, limit: batch });
    yield* page.entries;
    if (page.next === null) return;
    cursor = page.next;
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A bound of a period as a person writes it: an instant with its offset, or a date (UTC). A date
 * given as `to` includes that whole day, so `--from 2026-01-01 --to 2026-01-31` is January.
 */
export function auditBound(value: string, side: "from" | "to"): Date {
  const ok = DATE.test(value) || INSTANT.test(value);
  const at = ok ? new Date(DATE.test(value) ? `${value}T00:00:00Z` : value) : undefined;
  if (!at || Number.isNaN(at.getTime()) || (DATE.test(value) && at.toISOString().slice(0, 10) !== value)) {
    throw new RegistruError("invalid_period", `${side} must be a date (2026-01-31) or an instant with its offset (2026-01-31T10:00:00Z)`, 400);
  }
  return side === "to" && DATE.test(value) ? new Date(at.getTime() + 86_400_000) : at;
}

/** The period's bounds from what was asked; a period that ends before it starts is refused. */
export function auditPeriod(from: string | undefined, to: string | undefined): { from?: Date; to?: Date } {
  const period = { from: from === undefined ? undefined : auditBound(from, "from"), to: to === undefined ? undefined : auditBound(to, "to") };
  if (period.from && period.to && period.to <= period.from) throw new RegistruError("invalid_period", "to must come after from", 400);
  return period;
}
