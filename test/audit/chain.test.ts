import { describe, expect, it } from "vitest";
import { chainHash, GENESIS_HASH, verifyStoredChain, type StoredChain } from "../../src/audit/index.ts";

interface Row {
  seq: number;
  prevHash: string;
  hash: string;
  text: string;
}

const body = (r: Row, seq: number) => ({ text: r.text, seq });

function chainOf(texts: string[]): Row[] {
  let prevHash = GENESIS_HASH;
  return texts.map((text, i) => {
    const row = { seq: i + 1, prevHash, hash: chainHash(prevHash, { text, seq: i + 1 }), text };
    prevHash = row.hash;
    return row;
  });
}

/** A chain in memory whose head moves when `commit` runs, as another writer's transaction would. */
function stored(rows: Row[], headSeq: number, onRows?: () => void): StoredChain<Row> & { commit(seq: number): void } {
  let head = headSeq;
  return {
    commit: (seq) => void (head = seq),
    head: async () => ({ seq: head, hash: rows[head - 1]?.hash ?? null }),
    rows: async (after, last, limit) => {
      onRows?.();
      return rows.filter((r) => r.seq > after && r.seq <= last).slice(0, limit);
    },
    firstBeyond: async (seq) => rows.find((r) => r.seq > seq)?.seq,
  };
}

describe("verifyStoredChain", () => {
  it("leaves a record committed while it reads for the next check instead of reporting a break", async () => {
    const rows = chainOf(["a", "b", "c"]);
    // The head says 2 when read; the third record and its head move commit during the walk.
    const chain = stored(rows, 2, () => chain.commit(3));
    expect(await verifyStoredChain(chain, body)).toEqual({ ok: true, count: 2 });
  });

  it("reports a row beyond the head that no append put there", async () => {
    const rows = chainOf(["a", "b", "c"]);
    expect(await verifyStoredChain(stored(rows, 2), body)).toEqual({ ok: false, brokenAt: 3 });
  });

  it("reports an edited row and a removed last row", async () => {
    const edited = chainOf(["a", "b", "c"]);
    edited[1] = { ...edited[1]!, text: "B" };
    expect(await verifyStoredChain(stored(edited, 3), body)).toEqual({ ok: false, brokenAt: 2 });
    const shortened = chainOf(["a", "b", "c"]).slice(0, 2);
    expect(await verifyStoredChain(stored(shortened, 3), body)).toEqual({ ok: false, brokenAt: 3 });
  });
});
