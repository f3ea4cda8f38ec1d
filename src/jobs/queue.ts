import PgBoss from "pg-boss";
import type { Context } from "../context.ts";
import type { Database } from "../store/index.ts";

/** A job a domain module offers to the worker: a name, an optional schedule, and the work. */
export interface JobDefinition<T extends object = object> {
  name: string;
  /** Cron expression (UTC) for recurring work. */
  schedule?: string;
  handle(ctx: Context, data: T): Promise<void>;
}

/** Higher priority is fetched first; a job running longer than `expireInSeconds` is given to another worker. */
export interface SendOptions {
  priority?: number;
  expireInSeconds?: number;
}

export interface Queue {
  send(name: string, data?: object, options?: SendOptions): Promise<string | null>;
  stop(): Promise<void>;
}

/**
 * The PostgreSQL-backed queue (pg-boss). Jobs survive crashes and are shared between worker
 * processes; on PGlite the same queue runs inside the single process.
 */
export async function startQueue(database: Database, ctx: Context, jobs: readonly JobDefinition[], opts: { work: boolean }): Promise<Queue> {
  const boss = new PgBoss({
    db: { executeSql: database.executeSql },
    supervise: opts.work,
    schedule: opts.work,
  });
  boss.on("error", (e: Error) => ctx.log.error({ err: e.message }, "queue error"));
  await boss.start();
  for (const job of jobs) {
    await boss.createQueue(job.name);
    if (!opts.work) continue;
    if (job.schedule) await boss.schedule(job.name, job.schedule);
    await boss.work(job.name, { pollingIntervalSeconds: 1 }, async (batch) => {
      for (const item of batch) {
        ctx.log.info({ job: job.name, id: item.id }, "job started");
        await job.handle(ctx, (item.data ?? {}) as object);
      }
    });
  }
  return {
    send: (name, data = {}, options = {}) => boss.send(name, data, options),
    stop: () => boss.stop({ graceful: true, wait: true }),
  };
}
