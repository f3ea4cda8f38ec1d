import type { Context } from "../context.ts";
import { isRegistruError } from "../errors.ts";
import type { JobDefinition, Queue } from "../jobs/queue.ts";
import { listOrganisations } from "../organisations/index.ts";
import { pruneExpiredPackages } from "../packages/index.ts";
import { getEntry } from "../registers/index.ts";
import { listRequests, requestRegister } from "../requests/index.ts";
import { executeRequest, type ExecutionDeps } from "./execute.ts";
import type { ExecutionLock } from "./lock.ts";
import { saveExecution, findExecution } from "./store.ts";

export const EXECUTE_JOB = "request.execute";
export const SWEEP_JOB = "request.execution.sweep";

/** A run may take long on big databases; only after this is its job handed to another worker. */
const JOB_EXPIRY_SECONDS = 6 * 3600;

/**
 * S4-17: a request the organisation promised to answer on receipt, or without undue delay
 * (erasure, restriction, objection), is fetched from the queue before the others.
 */
export function priorityOf(promise: string | undefined): number {
  if (promise === "on_receipt") return 20;
  if (promise === "without_undue_delay") return 10;
  return 0;
}

export interface Executor {
  /** The queue's jobs: one execution per request, and the sweep (every minute, and once at start). */
  jobs: JobDefinition[];
  bind(queue: Queue): void;
  /** Puts a verified request in the queue, with its priority. */
  enqueue(slug: string, id: string): Promise<void>;
}

export function createExecutor(ctx: Context, deps: ExecutionDeps & { lock: ExecutionLock }): Executor {
  let queue: Queue | undefined;
  const enqueue = async (slug: string, id: string) => {
    if (!queue) throw new Error("the executor is not bound to a queue");
    const r = await getEntry(ctx, slug, requestRegister, id);
    await queue.send(EXECUTE_JOB, { slug, id }, { priority: priorityOf(r.data.promise), expireInSeconds: JOB_EXPIRY_SECONDS });
  };
  const execute: JobDefinition<{ slug?: string; id?: string }> = {
    name: EXECUTE_JOB,
    async handle(jobCtx, data) {
      if (!data.slug || !data.id) return;
      await runOne(jobCtx, deps, data.slug, data.id);
    },
  };
  const sweep: JobDefinition = {
    name: SWEEP_JOB,
    schedule: "* * * * *",
    async handle(jobCtx) {
      for (const org of await listOrganisations(jobCtx)) {
        for (const r of await listRequests(jobCtx, org.slug, { state: "in_progress" })) await enqueue(org.slug, r.id);
      }
      const removed = await pruneExpiredPackages(deps.packages, jobCtx.clock.now());
      if (removed > 0) jobCtx.log.info({ removed }, "expired packages removed");
    },
  };
  return {
    jobs: [execute as JobDefinition, sweep],
    bind: (q) => void (queue = q),
    enqueue,
  };
}

/**
 * One request under its lock. A failure (a database down, no mail server) is logged with its
 * code and kept on the plan; the next sweep, a minute later, tries again from where it stopped.
 */
export async function runOne(ctx: Context, deps: ExecutionDeps & { lock: ExecutionLock }, slug: string, id: string): Promise<void> {
  try {
    const result = await deps.lock(ctx, `${slug}/${id}`, () => executeRequest(ctx, deps, slug, id));
    ctx.log.info({ tenant: slug, request: id, result: result ?? "busy" }, "request execution");
  } catch (e) {
    const code = isRegistruError(e) ? e.code : "internal_error";
    ctx.log.error({ tenant: slug, request: id, code, ...(!isRegistruError(e) && { err: (e as Error).name }) }, "request execution failed");
    const exec = await findExecution(ctx, slug, id).catch(() => undefined);
    if (exec && exec.data.lastError?.code !== code) await saveExecution(ctx, slug, exec, { ...exec.data, lastError: { code, at: ctx.clock.now().toISOString() } }).catch(() => undefined);
  }
}

/**
 * A test hook, `REGISTRU_TEST_HOLD_AFTER_SYSTEMS=n`: after the n-th system of a request is
 * applied and recorded, the worker says so on stdout and stops there, so a test can kill it at a
 * known point instead of guessing with sleeps. Unset in production.
 */
export function holdAfterSystemsFromEnv(env: NodeJS.ProcessEnv): ExecutionDeps["afterSystem"] {
  const n = Number(env.REGISTRU_TEST_HOLD_AFTER_SYSTEMS);
  if (!Number.isInteger(n) || n < 1) return undefined;
  return async ({ done }) => {
    if (done < n) return;
    process.stdout.write(`execution held after ${done} systems (REGISTRU_TEST_HOLD_AFTER_SYSTEMS)\n`);
    await new Promise(() => undefined);
  };
}
