import { performance } from "node:perf_hooks";
import { listenOn, type Db, type Listening } from "../store/index.ts";
import type { ApiKeyRow } from "./store.ts";

/** Where a revocation is announced to every process; the payload is the key id. */
export const REVOKED_CHANNEL = "registru_api_keys";
/** A key revoked without the announcement (by hand, in SQL) is still read again this often. */
const MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 10_000;

export type KnownKey = ApiKeyRow & { slug: string };

/**
 * Active keys as last read, so that an API request need not ask the database for its key. Used
 * only while this process LISTENs on {@link REVOKED_CHANNEL}: a revocation committed anywhere (the
 * CLI, another process) then reaches it, and while the connection is down nothing is served from
 * here. A read that overlapped a revocation is not kept: the generation it started in has passed.
 */
export class KeyCache {
  private readonly entries = new Map<string, { key: KnownKey; readAt: number }>();
  private generation = 0;
  private readonly listening: Listening | undefined;

  constructor(db: Db) {
    this.listening = listenOn(db, REVOKED_CHANNEL, { message: (keyId) => this.forget(keyId), reset: () => this.forgetAll() });
  }

  /** Whether keys are served from here: the LISTEN is in place. */
  get trusted(): boolean {
    return this.listening?.live ?? false;
  }

  get(keyId: string): KnownKey | undefined {
    if (!this.trusted) return undefined;
    const entry = this.entries.get(keyId);
    if (!entry) return undefined;
    if (performance.now() - entry.readAt <= MAX_AGE_MS) return entry.key;
    this.entries.delete(keyId);
    return undefined;
  }

  /** Taken before reading a key from the database, and given back to {@link keep}. */
  mark(): number {
    return this.generation;
  }

  keep(key: KnownKey, mark: number) {
    if (mark !== this.generation || !this.trusted || key.revokedAt) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key.keyId, { key, readAt: performance.now() });
  }

  forget(keyId: string) {
    this.generation += 1;
    this.entries.delete(keyId);
  }

  private forgetAll() {
    this.generation += 1;
    this.entries.clear();
  }
}

const caches = new WeakMap<Db, KeyCache>();

export function keyCacheOf(db: Db): KeyCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new KeyCache(db)));
  return cache;
}

/** Forgets a key in this process's cache, if it has one (a CLI process that revokes has none). */
export function forgetKey(db: Db, keyId: string) {
  caches.get(db)?.forget(keyId);
}
