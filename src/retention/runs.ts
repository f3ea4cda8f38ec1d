import { hostname } from "node:os";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import { listEntries, type RegisterKind, type StoredEntry } from "../registers/index.ts";
import { tables } from "../store/index.ts";
import { tableEvidenceSchema } from "./evidence.ts";

export const RUN_STATUSES = ["queued", "running", "completed", "failed"] as const;
export const RUN_TRIGGERS = ["cli", "api", "schedule"] as const;

const effect = z.object({ system: z.string(), effects: z.array(z.unknown()) });

/**
 * A retention run, the evidence of it: when, the cutoffs, the counts per rule and table, never
 * the rows. `intent` is the batch being applied (its primary keys only), written before the
 * effects and replaced after them, so a killed run applies it again and counts it once.
 */
export const retentionRunSchema = z.object({
  status: z.enum(RUN_STATUSES),
  trigger: z.enum(RUN_TRIGGERS),
  requested_by: z.string(),
  policy_version: z.number().int().nullable(),
  /** The instant the cutoffs are computed from, fixed when the run is created (a resumed run keeps it). */
  now: z.string(),
  today: z.string().nullable(),
  time_zone: z.string().nullable(),
  batch_size: z.number().int().min(1).max(100_000),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
  holds: z.number().int().min(0),
  batches: z.number().int().min(0),
  tables: z.array(tableEvidenceSchema),
  not_enforceable: z.array(z.object({ system: z.string(), table: z.string(), activities: z.array(z.string()), reason: z.string() })),
  notes: z.array(z.object({ system: z.string(), table: z.string(), note: z.string() })),
  intent: z
    .object({ table: z.string(), cursor: z.array(z.unknown()), effects: z.array(effect), counts: z.record(z.string(), z.record(z.string(), z.number())), byRule: z.record(z.string(), z.number()), batches: z.number().int() })
    .nullable(),
  lease: z.object({ holder: z.string(), host: z.string(), pid: z.number().int(), renewed_at: z.string() }).nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type RetentionRun = z.infer<typeof retentionRunSchema>;

export const retentionRunKind: RegisterKind<RetentionRun> = {
  name: "retention_run",
  schema: retentionRunSchema,
  index: (r) => ({ status: r.status, dueAt: null }),
};

export const listRuns = async (ctx: Context, slug: string) => (await listEntries(ctx, slug, retentionRunKind)).sort((a, b) => b.entryId.localeCompare(a.entryId));

/** The newest run that did not finish (queued, running, or failed part-way): the one to resume. */
export const unfinishedRun = async (ctx: Context, slug: string) => (await listRuns(ctx, slug)).find((r) => r.data.status !== "completed");

const LEASE_STALE_MS = 10 * 60_000;
/** Runs this process is executing now: a lease naming this process but not listed here is a crashed job's. */
const activeHere = new Set<string>();

/**
 * Whether another process is executing the run. A lease is alive while it was renewed in the
 * last ten minutes (every batch renews it) and, on this machine, its process still exists: a
 * killed CLI run can be resumed at once. Wall-clock time, not the business clock.
 */
export function leaseAlive(lease: RetentionRun["lease"], entryId: string): boolean {
  if (!lease) return false;
  if (Date.now() - Date.parse(lease.renewed_at) > LEASE_STALE_MS) return false;
  if (lease.host !== hostname()) return true;
  if (lease.pid === process.pid) return activeHere.has(entryId);
  try {
    process.kill(lease.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export const newLease = (): NonNullable<RetentionRun["lease"]> => ({
  holder: `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 10)}`,
  host: hostname(),
  pid: process.pid,
  renewed_at: new Date().toISOString(),
});

export const markActive = (entryId: string, active: boolean) => (active ? activeHere.add(entryId) : activeHere.delete(entryId));

/**
 * Progress of a run, written after each batch by the lease holder only. Not audited per batch
 * (the run's start and end are): it is the run's bookkeeping, not a change of its meaning.
 */
export async function saveProgress(ctx: Context, tenantId: string, run: StoredEntry<RetentionRun>, data: RetentionRun, opts: { release?: boolean } = {}): Promise<void> {
  const holder = data.lease?.holder;
  if (!holder) throw new Error("progress without a lease");
  const lease = opts.release ? null : { ...data.lease!, renewed_at: new Date().toISOString() };
  const next = retentionRunSchema.parse({ ...data, lease });
  const e = tables.registerEntries;
  const updated = await ctx.db
    .update(e)
    .set({ data: next, status: next.status, updatedAt: ctx.clock.now(), revision: sql`${e.revision} + 1` })
    .where(and(eq(e.tenantId, tenantId), eq(e.register, retentionRunKind.name), eq(e.entryId, run.entryId), sql`${e.data}->'lease'->>'holder' = ${holder}`))
    .returning({ revision: e.revision });
  if (updated.length === 0) throw new RegistruError("retention_run_taken_over", `${run.entryId} is being run by another process`, 409);
  data.lease = lease;
  run.revision = updated[0]!.revision;
}
