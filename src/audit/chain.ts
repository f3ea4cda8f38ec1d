import { createHash } from "node:crypto";

export interface AuditEntry {
  at: Date;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  details: Record<string, unknown>;
}

export const GENESIS_HASH = "0".repeat(64);

/** Canonical JSON (sorted keys) so the hash does not depend on key order after a jsonb round trip. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** One link of a hash chain: covers the previous link and the canonical form of this row. Shared by audit and consent. */
export function chainHash(prevHash: string, body: unknown): string {
  return createHash("sha256").update(prevHash).update(canonicalJson(body)).digest("hex");
}

export function entryHash(prevHash: string, seq: number, entry: AuditEntry): string {
  return chainHash(prevHash, { ...entry, at: entry.at.toISOString(), seq });
}

export type ChainCheck = { ok: true; count: number } | { ok: false; brokenAt: number };

/**
 * Walks a chain row by row (so callers may stream it in batches) and reports the first sequence
 * number whose row was edited, inserted or removed. `body` gives what the row's hash covers.
 */
export function chainVerifier<R extends { seq: number; prevHash: string; hash: string }>(body: (row: R, seq: number) => unknown) {
  let prevHash = GENESIS_HASH;
  let count = 0;
  let brokenAt: number | undefined;
  return {
    /** False once the chain is broken: stop feeding rows. */
    add(row: R): boolean {
      if (brokenAt !== undefined) return false;
      const seq = count + 1;
      if (row.seq !== seq || row.prevHash !== prevHash || row.hash !== chainHash(prevHash, body(row, seq))) {
        brokenAt = seq;
        return false;
      }
      prevHash = row.hash;
      count = seq;
      return true;
    },
    /** Rows removed from the end leave an intact but shorter chain: the head still names the last one. */
    finish(head: { seq: number; hash: string | null } | undefined): ChainCheck {
      if (brokenAt !== undefined) return { ok: false, brokenAt };
      if ((head?.seq ?? 0) !== count || (count > 0 && head?.hash !== prevHash)) return { ok: false, brokenAt: count + 1 };
      return { ok: true, count };
    },
  };
}

/** Where a stored chain is read from: its head (kept on the organisation's row) and its rows by seq. */
export interface StoredChain<R> {
  head(): Promise<{ seq: number; hash: string | null } | undefined>;
  /** Rows with after < seq <= last, in seq order, at most `limit`. */
  rows(after: number, last: number, limit: number): Promise<R[]>;
  /** The lowest seq above `seq`, if a row lies beyond it. */
  firstBeyond(seq: number): Promise<number | undefined>;
}

const VERIFY_BATCH = 5000;

/**
 * Recomputes a stored chain; returns the first sequence number whose row was edited, inserted or
 * removed. Reads in batches by seq up to the head read first, so millions of rows never sit in
 * memory and rows appended meanwhile are left for the next check rather than reported as broken.
 */
export async function verifyStoredChain<R extends { seq: number; prevHash: string; hash: string }>(
  chain: StoredChain<R>,
  body: (row: R, seq: number) => unknown,
): Promise<ChainCheck> {
  const head = await chain.head();
  const last = head?.seq ?? 0;
  const verifier = chainVerifier(body);
  let after = 0;
  for (;;) {
    const rows = await chain.rows(after, last, VERIFY_BATCH);
    for (const row of rows) if (!verifier.add(row)) return verifier.finish(head);
    if (rows.length < VERIFY_BATCH) break;
    after = rows[rows.length - 1]!.seq;
  }
  const check = verifier.finish(head);
  if (!check.ok) return check;
  // A row beyond the head was not appended the way that moves the head in the same transaction.
  const now = (await chain.head())?.seq ?? 0;
  const beyond = await chain.firstBeyond(now);
  return beyond === undefined ? check : { ok: false, brokenAt: now + 1 };
}

