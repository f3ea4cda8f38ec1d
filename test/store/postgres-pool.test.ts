import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/store/index.ts";
import { createPostgresDatabase, onPostgres } from "../helpers/database.ts";

describe.skipIf(!onPostgres)("the PostgreSQL pool", () => {
  let database: Database;
  let created: Awaited<ReturnType<typeof createPostgresDatabase>>;

  beforeAll(async () => {
    created = await createPostgresDatabase();
    database = await openDatabase({ url: created.url, poolSize: 2 });
  });
  afterAll(async () => {
    await database.close();
    await created.drop();
  });

  it("survives the server ending its idle connections, and reconnects on the next query", async () => {
    await Promise.all([database.executeSql("select 1", []), database.executeSql("select 2", [])]);
    const admin = new pg.Client({ connectionString: created.url });
    await admin.connect();
    const { rows } = await admin.query("select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()");
    await admin.end();
    expect(rows[0].n).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 200));
    expect((await database.executeSql("select 42 as answer", [])).rows[0]!.answer).toBe(42);
  });
});
