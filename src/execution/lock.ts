import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Context } from "../context.ts";
import type { Database } from "../store/index.ts";

/** Runs `work` unless another worker runs the same request; undefined when it was busy. */
export type ExecutionLock = <T>(ctx: Context, key: string, work: () => Promise<T>) => Promise<T | undefined>;

const lockId = (key: string) => createHash("sha256").update(`registru execution\n${key}`).digest().readBigInt64BE(0);

/**
 * One execution of a request at a time. On PostgreSQL an advisory lock held by a transaction
 * open for the whole run: it is shared by every worker process, and a worker that dies (even
 * by SIGKILL) loses its connection and with it the lock, so the next worker can resume at once.
 * PGlite belongs to one process, where a set of running keys is enough.
 */
export function executionLock(kind: Database["kind"]): ExecutionLock {
  const running = new Set<string>();
  return async (ctx, key, work) => {
    if (running.has(key)) return undefined;
    running.add(key);
    try {
      if (kind !== "postgres") return await work();
      return await ctx.db.transaction(async (tx) => {
        const got = await tx.execute(sql`select pg_try_advisory_xact_lock(${lockId(key).toString()}::bigint) as locked`);
        if (!(got as { rows: Array<{ locked: boolean }> }).rows[0]?.locked) return undefined;
        // The work uses the pool (ctx.db), not this transaction: it only holds the lock.
        return await work();
      });
    } finally {
      running.delete(key);
    }
  };
}
