import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { listenOn, openDatabase } from "../../src/store/index.ts";
import { backend, onPostgres, openTestDatabase, type TestDatabase } from "../helpers/database.ts";

const until = (what: () => boolean | Promise<boolean>) => vi.waitUntil(what, { timeout: 5000, interval: 20 });

describe(`LISTEN on ${backend}`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
  });
  afterAll(() => t.drop());

  it("hands each NOTIFY on the channel to the listener, says when it is live, and stops when closed", async () => {
    const got: string[] = [];
    let resets = 0;
    const listening = listenOn(t.database.db, "registru_test", { message: (p) => got.push(p), reset: () => void (resets += 1) })!;
    await until(() => listening.live);
    expect(resets).toBe(1);
    await t.database.executeSql("select pg_notify('registru_test', 'one'), pg_notify('registru_other', 'not mine')");
    await until(() => got.length > 0);
    await listening.close();
    expect(listening.live).toBe(false);
    await t.database.executeSql("select pg_notify('registru_test', 'two')");
    await new Promise((r) => setTimeout(r, 100));
    expect(got).toEqual(["one"]);
  });

  it("gives a transaction's handle no listener", async () => {
    await t.database.db.transaction(async (tx) => {
      expect(listenOn(tx, "registru_test", { message: () => undefined, reset: () => undefined })).toBeUndefined();
    });
  });

  it.runIf(onPostgres)("leaves no connection behind when the database closes before LISTEN is in place", async () => {
    const other = await openDatabase({ url: t.url!, poolSize: 1 });
    listenOn(other.db, "registru_early", { message: () => undefined, reset: () => undefined });
    await other.close();
    await new Promise((r) => setTimeout(r, 300));
    const { rows } = await t.database.executeSql("select count(*)::int as n from pg_stat_activity where datname = current_database() and query ilike 'listen %'");
    expect(rows[0]!.n).toBe(0);
  });
});
