import type { Context } from "../context.ts";
import { createEntry, getEntry, recordEvent, updateEntry, type StoredEntry } from "../registers/index.ts";
import { getRequest, recordOutcome, requestRegister, type OutcomeRow } from "../requests/index.ts";
import { executionRegister, type Execution, type StaffTask } from "./model.ts";

export type StoredExecution = StoredEntry<Execution>;

export const EXECUTOR = "registru:executor";

/** The steps of a request's timeline that name its execution entry. */
const NAMING = new Set(["execution_planned", "execution_finding"]);

/** The execution of a request, found through the `execution_planned` (or `execution_finding`) step of its timeline. */
export async function findExecution(ctx: Context, slug: string, requestId: string): Promise<StoredExecution | undefined> {
  const planned = (await getRequest(ctx, slug, requestId)).timeline.filter((e) => NAMING.has(e.kind)).at(-1);
  const id = (planned?.data as { execution?: string } | undefined)?.execution;
  return id ? getEntry(ctx, slug, executionRegister, id) : undefined;
}

/**
 * An execution that waits for HTTP systems' find answers (state `finding`), with the request's
 * `execution_finding` step, in one transaction: the next run finds it and calls nobody again.
 */
export async function persistFinding(ctx: Context, slug: string, finding: Execution): Promise<StoredExecution> {
  return ctx.db.transaction(async (tx) => {
    const inTx = { ...ctx, db: tx };
    const stored = await createEntry(inTx, slug, executionRegister, finding, EXECUTOR);
    await recordEvent(inTx, slug, requestRegister, finding.request, { actor: EXECUTOR, kind: "execution_finding", data: { execution: stored.entryId, systems: (finding.awaiting ?? []).map((a) => a.system) } });
    return stored;
  });
}

/** The plan and the request's `execution_planned` step, in one transaction: a plan is either persisted and findable, or not at all. */
export async function persistPlan(ctx: Context, slug: string, plan: Execution, finding?: StoredExecution): Promise<StoredExecution> {
  return ctx.db.transaction(async (tx) => {
    const inTx = { ...ctx, db: tx };
    // Once every find answer came, the plan replaces the `finding` entry, keeping whom it waited for.
    const stored = finding
      ? await updateEntry(inTx, slug, executionRegister, finding.entryId, finding.revision, { ...plan, awaiting: finding.data.awaiting }, EXECUTOR)
      : await createEntry(inTx, slug, executionRegister, plan, EXECUTOR);
    const systems = plan.systems.map((s) => ({ system: s.system, effects: s.effects.length + (s.remote ? 1 : 0), rows: s.rows.reduce((n, r) => n + r.found, 0) }));
    const data = { execution: stored.entryId, systems, tasks: plan.tasks.length, notifications: plan.notifications.length, ...(plan.package && { package: { expiresAt: plan.package.expiresAt, bytes: plan.package.bytes } }) };
    // The package link and the summary go into the outcome now, so whoever completes the request (the executor, or staff after a task) sends them.
    const add = { ...(plan.package && { package: { url: plan.package.url, expiresAt: plan.package.expiresAt } }), ...(plan.summary && { summary: plan.summary }) };
    await recordOutcome(inTx, slug, plan.request, add, { actor: EXECUTOR, event: { kind: "execution_planned", data } });
    return stored;
  });
}

export const saveExecution = (ctx: Context, slug: string, read: StoredExecution, next: Execution) => updateEntry(ctx, slug, executionRegister, read.entryId, read.revision, next, EXECUTOR);

/**
 * One system applied: marked done in the plan and its tables recorded in the request's outcome,
 * in one transaction. A crash before it leaves the system to be applied again (idempotently).
 */
export async function markSystemDone(ctx: Context, slug: string, read: StoredExecution, index: number, done: { matched: number[]; rows?: OutcomeRow[]; tasks?: StaffTask[] }): Promise<StoredExecution> {
  const e = read.data;
  const systems = e.systems.map((s, i) => (i === index ? { ...s, ...(done.rows && { rows: done.rows }), done: { at: ctx.clock.now().toISOString(), matched: done.matched } } : s));
  return ctx.db.transaction(async (tx) => {
    const inTx = { ...ctx, db: tx };
    const saved = await updateEntry(inTx, slug, executionRegister, read.entryId, read.revision, { ...e, systems, tasks: [...e.tasks, ...(done.tasks ?? [])] }, EXECUTOR);
    await recordOutcome(inTx, slug, e.request, { rows: systems[index]!.rows }, { actor: EXECUTOR });
    return saved;
  });
}

/** A step of the execution that changes nothing in the request itself, in its timeline and in the plan, together. */
export async function noteStep(ctx: Context, slug: string, read: StoredExecution, next: Execution, event: { kind: string; data: Record<string, unknown> }): Promise<StoredExecution> {
  return ctx.db.transaction(async (tx) => {
    const inTx = { ...ctx, db: tx };
    const saved = await updateEntry(inTx, slug, executionRegister, read.entryId, read.revision, next, EXECUTOR);
    await recordEvent(inTx, slug, requestRegister, next.request, { actor: EXECUTOR, kind: event.kind, data: event.data });
    return saved;
  });
}

/** Art. 19 done: the plan marks it, and the request's outcome names who was told (for whoever sends the letter), as one step. */
export async function markNotified(ctx: Context, slug: string, read: StoredExecution, data: Record<string, unknown>): Promise<StoredExecution> {
  const e = read.data;
  const notified = e.notifications.map((n) => ({ name: n.name, kind: n.kind, via: n.via }));
  return ctx.db.transaction(async (tx) => {
    const inTx = { ...ctx, db: tx };
    const saved = await updateEntry(inTx, slug, executionRegister, read.entryId, read.revision, { ...e, notifiedAt: ctx.clock.now().toISOString() }, EXECUTOR);
    await recordOutcome(inTx, slug, e.request, { notified }, { actor: EXECUTOR, event: { kind: "recipients_notified", data } });
    return saved;
  });
}
