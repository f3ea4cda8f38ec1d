import type { Context } from "../context.ts";
import { getOrganisation } from "../organisations/index.ts";
import { isRegistruError, RegistruError } from "../errors.ts";
import { createEntry, getEntry, recordEvent, updateEntry, type StoredEntry } from "../registers/index.ts";
import { applyBatch, recordBatch, sweepTable, type Batch } from "./engine.ts";
import { emptyCounts, initialEvidence, type TableEvidence } from "./evidence.ts";
import { leaseAlive, markActive, newLease, retentionRunKind, saveProgress, unfinishedRun, type RetentionRun } from "./runs.ts";
import { DEFAULT_BATCH_SIZE, expiredCount, openRetention, type OrganisationRetention, type RetentionOptions } from "./service.ts";

export interface RunOptions extends RetentionOptions {
  trigger: RetentionRun["trigger"];
  actor: string;
  /** Resume or execute this run; by default the newest unfinished run, else a new one. */
  runId?: string;
  /** Start a new run even if one did not finish (that one is left as it is). */
  fresh?: boolean;
}

/** A queued run: created now, executed by a worker (or resumed by the next `run`). */
export async function createRun(ctx: Context, slug: string, opts: { trigger: RetentionRun["trigger"]; actor: string; batchSize?: number }): Promise<StoredEntry<RetentionRun>> {
  const data: RetentionRun = {
    status: "queued",
    trigger: opts.trigger,
    requested_by: opts.actor,
    policy_version: null,
    now: ctx.clock.now().toISOString(),
    today: null,
    time_zone: null,
    batch_size: opts.batchSize ?? DEFAULT_BATCH_SIZE,
    started_at: null,
    finished_at: null,
    holds: 0,
    batches: 0,
    tables: [],
    not_enforceable: [],
    notes: [],
    intent: null,
    lease: null,
    error: null,
  };
  return createEntry(ctx, slug, retentionRunKind, data, opts.actor);
}

/** Takes the run for this process: refused while another live process holds it. */
async function acquire(ctx: Context, slug: string, runId: string, actor: string): Promise<StoredEntry<RetentionRun>> {
  const run = await getEntry(ctx, slug, retentionRunKind, runId);
  if (run.data.status === "completed") throw new RegistruError("retention_run_finished", `${runId} has already completed`, 409);
  if (leaseAlive(run.data.lease, runId)) throw new RegistruError("retention_run_in_progress", `${runId} is being run by another process`, 409);
  const data: RetentionRun = { ...run.data, status: "running", lease: newLease(), error: null, started_at: run.data.started_at ?? ctx.clock.now().toISOString() };
  const taken = await updateEntry(ctx, slug, retentionRunKind, runId, run.revision, data, actor);
  markActive(runId, true);
  await recordEvent(ctx, slug, retentionRunKind, runId, { actor, kind: run.data.started_at ? "resumed" : "started", data: { batches: run.data.batches } });
  return taken;
}

/**
 * Runs (or resumes) the organisation's retention: every enforced table, children before parents,
 * in batches of short transactions. Before each batch's effects the batch is written to the run
 * as its intent (keys only); after a kill, the next run applies that intent again (deleting and
 * anonymising are idempotent) and counts it once, then goes on from the cursor.
 */
export async function runRetention(ctx: Context, slug: string, opts: RunOptions): Promise<StoredEntry<RetentionRun>> {
  const existing = opts.runId ?? (opts.fresh ? undefined : (await unfinishedRun(ctx, slug))?.entryId);
  const runId = existing ?? (await createRun(ctx, slug, { trigger: opts.trigger, actor: opts.actor, batchSize: opts.batchSize })).entryId;
  const { tenant } = await getOrganisation(ctx, slug);
  const run = await acquire(ctx, slug, runId, opts.actor);
  let org: OrganisationRetention | undefined;
  try {
    org = await openRetention(ctx, slug, new Date(run.data.now), { ...opts, batchSize: run.data.batch_size });
    if (run.data.policy_version !== null && run.data.policy_version !== org.policyVersion) {
      await finish(ctx, slug, org.tenantId, run, "failed", { code: "policy_changed", message: `the policy changed (version ${run.data.policy_version} → ${org.policyVersion}) since this run started; a new run follows` }, opts.actor);
      await org.systems.close();
      org = undefined;
      return runRetention(ctx, slug, { ...opts, runId: undefined, fresh: true });
    }
    await execute(ctx, org, run, opts);
    return await finish(ctx, slug, org.tenantId, run, "completed", null, opts.actor);
  } catch (e) {
    const error = isRegistruError(e) ? { code: e.code, message: e.message } : { code: "retention_run_failed", message: "the run stopped on an unexpected error" };
    ctx.log.error({ run: runId, code: error.code }, "retention run failed");
    if (!(isRegistruError(e) && e.code === "retention_run_taken_over")) await finish(ctx, slug, tenant.tenantId, run, "failed", error, opts.actor).catch(() => undefined);
    throw e;
  } finally {
    markActive(runId, false);
    await org?.systems.close();
  }
}

async function execute(ctx: Context, org: OrganisationRetention, run: StoredEntry<RetentionRun>, opts: RunOptions): Promise<void> {
  const data = run.data;
  if (data.tables.length === 0) {
    Object.assign(data, { policy_version: org.policyVersion, today: org.today, time_zone: org.timeZone, tables: initialEvidence(org.prepared), not_enforceable: org.prepared.notEnforceable, notes: org.prepared.notes });
  }
  data.holds = org.holds;
  const evidence = new Map<string, TableEvidence>(data.tables.map((t) => [`${t.system}.${t.table}`, t]));
  const save = () => saveProgress(ctx, org.tenantId, run, data);
  if (data.intent) {
    // A killed run's last batch: applied again (nothing changes where it had been), counted once.
    const intent = data.intent as Batch;
    await applyBatch(org.engine, intent);
    recordBatch(evidence, intent);
    data.intent = null;
    await save();
  }
  for (const key of org.prepared.order) {
    const ev = evidence.get(key);
    if (!ev || ev.done) continue;
    const total = opts.countTotals ? await expiredCount(org.engine, key) : undefined;
    const from = ev.counts.expired;
    await sweepTable(org.engine, key, ev, {
      batch: async (batch) => {
        data.intent = batch;
        data.batches += batch.batches;
        await save();
        await applyBatch(org.engine, batch);
        recordBatch(evidence, batch);
        data.intent = null;
        opts.onProgress?.({ table: key, rows: ev.counts.expired - from, ...(total !== undefined && { total }) });
      },
      tableDone: async () => {
        ev.done = true;
        await save();
      },
    });
  }
}

async function finish(ctx: Context, slug: string, tenantId: string, run: StoredEntry<RetentionRun>, status: "completed" | "failed", error: RetentionRun["error"], actor: string) {
  const data = run.data;
  Object.assign(data, { status, error, finished_at: status === "completed" ? ctx.clock.now().toISOString() : null });
  await saveProgress(ctx, tenantId, run, data, { release: true });
  const totals = data.tables.reduce((sum, t) => {
    for (const [k, v] of Object.entries(t.counts)) sum[k as keyof typeof sum] += v;
    return sum;
  }, emptyCounts());
  await recordEvent(ctx, slug, retentionRunKind, run.entryId, { actor, kind: status, data: { batches: data.batches, ...totals, ...(error && { error: error.code }) } });
  return { ...run, data };
}
