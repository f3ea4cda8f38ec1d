import { PgTransaction } from "drizzle-orm/pg-core";
import { outsideTenantScope, type Db } from "../store/index.ts";
import { openBatch, openBatchAt, writeBatch, writeBatchIfUnchanged, type LedgerHeads } from "./store.ts";

/**
 * An append's own work inside the shared transaction: the ledger rows, the audit entry, the outbox.
 * It may run twice (after its batch rolled back), so it must only write through `tx`; and it may
 * run where there is no transaction yet (see {@link groupCommit}), where `tx` takes no query.
 */
export type LedgerWork<T> = (tx: Db) => Promise<T>;

interface Pending<T = unknown> {
  work: LedgerWork<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

/** Enough to share a commit among many callers, small enough to keep each one's wait short. */
const MAX_BATCH = 128;

/** Statements a batch tries on guessed heads (those this process left, then those the miss found) before it locks. */
const GUESSES = 2;
/** How many batches run the locking way after one missed every guess. */
const LOCKING_AFTER_MISS = 8;

/** Thrown by a query a work sends where there is no transaction: its batch then runs in one. */
class NeedsTransaction extends Error {}

/** Stands for a batch that has no transaction: it names the batch's ledger, and refuses to be queried. */
function detachedHandle(): Db {
  return new Proxy(Object.create(null) as Db, {
    get() {
      throw new NeedsTransaction("a consent batch without a transaction takes no query");
    },
  });
}

/**
 * Group commit for the consent ledger. Appends to one tenant's chain serialise on its head row
 * anyway, so each process keeps one transaction per tenant in flight: appends that arrive
 * meanwhile queue and the next transaction runs all of them under one lock of the head and one
 * commit. A caller is answered only after its transaction commits. If a work fails, the batch
 * rolls back and its appends are retried one per transaction, so a bad record fails alone.
 * Processes do not coordinate: their batches take turns on the head row like single appends.
 *
 * After a commit the process knows the heads it left; the next batch chains onto them without
 * reading them and is written in one statement that checks they still hold (its own transaction,
 * one round trip instead of four). Where they moved — another process appended, the audit chain
 * grew, a policy was applied — nothing is written; the statement also returns the heads it found,
 * and the batch tries once more on those. If that misses too, it runs the locking way, as do the
 * next few: where other processes keep appending to the chain, guessing would only waste round trips.
 */
export function groupCommit(db: Db) {
  const queues = new Map<string, Pending[]>();
  const known = new Map<string, LedgerHeads>();
  /** Batches left to run the locking way since the heads last moved under this process. */
  const locking = new Map<string, number>();

  async function drain(tenantId: string, queue: Pending[]) {
    while (queue.length > 0) await commit(tenantId, queue.splice(0, MAX_BATCH));
    queues.delete(tenantId);
  }

  const runWorks = async (tx: Db, batch: Pending[]) => {
    const results: unknown[] = [];
    for (const p of batch) results.push(await p.work(tx));
    return results;
  };

  /**
   * The batch on the heads this process left, in one statement; where another writer had moved
   * them, once more on the heads that statement found. Undefined when that missed too, or when a
   * work needs a transaction.
   */
  async function onKnownHeads(heads: LedgerHeads, batch: Pending[], committing: () => void): Promise<unknown[] | undefined> {
    let guess: LedgerHeads | undefined = heads;
    for (let attempt = 0; guess && attempt < GUESSES; attempt++) {
      const handle = detachedHandle();
      openBatchAt(handle, guess);
      let results: unknown[];
      try {
        results = await runWorks(handle, batch);
      } catch (error) {
        if (error instanceof NeedsTransaction) return undefined;
        throw error;
      }
      committing();
      const outcome = await writeBatchIfUnchanged(db, handle);
      if ("left" in outcome) {
        known.set(heads.tenantId, outcome.left);
        return results;
      }
      guess = outcome.found;
    }
    locking.set(heads.tenantId, LOCKING_AFTER_MISS);
    return undefined;
  }

  async function inTransaction(tenantId: string, batch: Pending[], committing: () => void): Promise<unknown[]> {
    let results: unknown[] = [];
    let left: LedgerHeads | undefined;
    await db.transaction(async (tx) => {
      await openBatch(tx, tenantId);
      results = await runWorks(tx, batch);
      left = await writeBatch(tx);
      committing();
    });
    known.set(tenantId, left!);
    const still = (locking.get(tenantId) ?? 0) - 1;
    if (still > 0) locking.set(tenantId, still);
    else locking.delete(tenantId);
    return results;
  }

  async function commit(tenantId: string, batch: Pending[]) {
    let committing = false;
    const setCommitting = () => void (committing = true);
    let results: unknown[] | undefined;
    try {
      const heads = locking.has(tenantId) ? undefined : known.get(tenantId);
      known.delete(tenantId); // known again only once this batch's outcome is
      if (heads) results = await onKnownHeads(heads, batch, setCommitting);
      committing = false;
      results ??= await inTransaction(tenantId, batch, setCommitting);
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
