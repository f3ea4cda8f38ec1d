import { PgTransaction } from "drizzle-orm/pg-core";
import { outsideTenantScope, type Db } from "../store/index.ts";
import { openBatch, writeBatch } from "./store.ts";

/**
 * An append's own work inside the shared transaction: the ledger rows, the audit entry, the outbox.
 * It may run twice (after its batch rolled back), so it must only write through `tx`.
 */
export type LedgerWork<T> = (tx: Db) => Promise<T>;

interface Pending<T = unknown> {
  work: LedgerWork<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

/** Enough to share a commit among many callers, small enough to keep each one's wait short. */
const MAX_BATCH = 128;

/**
 * Group commit for the consent ledger. Appends to one tenant's chain serialise on its head row
 * anyway, so each process keeps one transaction per tenant in flight: appends that arrive
 * meanwhile queue and the next transaction runs all of them under one lock of the head and one
 * commit. A caller is answered only after its transaction commits. If a work fails, the batch
 * rolls back and its appends are retried one per transaction, so a bad record fails alone.
 * Processes do not coordinate: their batches take turns on the head row like single appends.
 */
export function groupCommit(db: Db) {
  const queues = new Map<string, Pending[]>();

  async function drain(tenantId: string, queue: Pending[]) {
    while (queue.length > 0) await commit(tenantId, queue.splice(0, MAX_BATCH));
    queues.delete(tenantId);
  }

  async function commit(tenantId: string, batch: Pending[]) {
    let committing = false;
    let results: unknown[] = [];
    try {
      await db.transaction(async (tx) => {
        await openBatch(tx, tenantId);
        results = [];
        for (const p of batch) results.push(await p.work(tx));
        await writeBatch(tx);
        committing = true;
      });
    } catch (error) {
      if (batch.length === 1 || (committing && outcomeUnknown(error))) {
        for (const p of batch) p.reject(error);
      } else {
        for (const p of batch) await commit(tenantId, [p]);
      }
      return;
    }
    batch.forEach((p, i) => p.resolve(results[i]));
  }

  return {
    /** Runs `work` in a transaction shared with other appends to the tenant's chain; resolves after the commit. */
    append<T>(tenantId: string, work: LedgerWork<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const pending: Pending<T> = { work, resolve, reject };
        const queue = queues.get(tenantId);
        if (queue) return void queue.push(pending as Pending);
        const fresh: Pending[] = [pending as Pending];
        queues.set(tenantId, fresh);
        // A batch serves several requests, so it runs as none of them: as the owner, outside any
        // request's tenant wall (each request's key was checked against this tenant before it queued).
        void outsideTenantScope(() => drain(tenantId, fresh));
      });
    },
  };
}

/**
 * A failed COMMIT that the server answered (it carries a SQLSTATE) rolled back; one without an
 * answer (the connection dropped) may have committed, so retrying could write the records twice.
 */
function outcomeUnknown(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) {
    const { code } = e as { code?: unknown };
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return false;
  }
  return true;
}

const isTransaction = (db: Db): boolean => db instanceof PgTransaction;

const committers = new WeakMap<Db, ReturnType<typeof groupCommit>>();

/**
 * Appends through the process's group commit for this database. Inside a caller's transaction
 * it runs there instead, so the caller's other writes and these commit or roll back together.
 */
export function appendInBatch<T>(db: Db, tenantId: string, work: LedgerWork<T>): Promise<T> {
  if (isTransaction(db)) return work(db);
  let committer = committers.get(db);
  if (!committer) committers.set(db, (committer = groupCommit(db)));
  return committer.append(tenantId, work);
}
