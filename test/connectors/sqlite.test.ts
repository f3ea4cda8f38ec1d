import { readdirSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildReferenceGraph, deleteRows, findSubject, normaliseIdentities, openSystems, planFind, type SystemSpec } from "../../src/connectors/index.ts";
import { selectByKeys, updateByKeys } from "../../src/connectors/sql/queries.ts";
import { organisationSqlite, query } from "./helpers/databases.ts";

type Sqlite = Awaited<ReturnType<typeof organisationSqlite>>;

const loops = (url: string): SystemSpec[] => [
  {
    id: "app",
    kind: "sqlite",
    url,
    tables: {
      accounts: { identity: { username: "login" }, belongs_to: { referred_by: "accounts.id", household_id: "households.id" }, fields: { login: "identity.username" }, activity: "a" },
      households: { belongs_to: { owner_id: "accounts.id" }, fields: { address: "contact.address" }, activity: "a" },
    },
  },
];

describe("SQLite through sql.js", () => {
  let db: Sqlite;
  beforeEach(async () => {
    db = await organisationSqlite();
    await db.exec(`
      create table accounts (id integer primary key, login text not null, referred_by integer, household_id integer);
      create index accounts_login on accounts (login);
      create index accounts_referred_by on accounts (referred_by);
      create index accounts_household on accounts (household_id);
      create table households (id integer primary key, owner_id integer not null, address text);
      create index households_owner on households (owner_id);
      -- ana referred bea, bea referred cid; cid owns a household where dan (referred by nobody) lives
      insert into accounts values (1, 'ana', null, null), (2, 'bea', 1, null), (3, 'cid', 2, null), (4, 'dan', null, 100), (5, 'eve', null, null);
      insert into households values (100, 3, 'Str. Demo 3');`);
  });
  afterEach(() => db.drop());

  it("repeats a loop of references until no new keys appear, and reads the file without changing it", async () => {
    const before = statSync(db.file).mtimeMs;
    const systems = openSystems(loops(db.url));
    const result = await findSubject(systems, planFind(buildReferenceGraph(systems.specs), ["username"]), normaliseIdentities({ username: "ana" }));
    await systems.close();
    expect(result.tables.map((t) => [t.table, t.rows.map((r) => r.primaryKey).sort()])).toEqual([
      ["accounts", [1, 2, 3, 4]],
      ["households", [100]],
    ]);
    expect(statSync(db.file).mtimeMs).toBe(before);
  });

  it("writes a committed transaction back by replacing the file, leaving no temporary file", async () => {
    const systems = openSystems(loops(db.url));
    expect((await deleteRows(systems, "app", "households", [100])).rows).toBe(1);
    await systems.close();
    expect(await query(db.url, "select count(*) as n from households")).toEqual([{ n: 0 }]);
    expect(readdirSync(dirname(db.file))).toEqual(["org.db"]);
  });

  it("refuses to overwrite the file when someone else changed it during the transaction", async () => {
    const systems = openSystems(loops(db.url));
    const driver = systems.sql("app");
    const tx = await driver.begin("write");
    await tx.run(updateByKeys(driver.dialect, "accounts", { login: "changed" }, "id", [5]));
    await new Promise((r) => setTimeout(r, 20));
    await db.exec("insert into accounts values (6, 'fay', null, null);");
    await expect(tx.commit()).rejects.toMatchObject({ code: "connector_conflict" });
    expect(await query(db.url, "select login from accounts where id in (5, 6) order by id")).toEqual([{ login: "eve" }, { login: "fay" }]);
    expect(readdirSync(dirname(db.file))).toEqual(["org.db"]);
    await systems.close();
  });

  it("a rolled-back transaction leaves the file as it was", async () => {
    const systems = openSystems(loops(db.url));
    const driver = systems.sql("app");
    const tx = await driver.begin("write");
    await tx.run(updateByKeys(driver.dialect, "accounts", { login: "changed" }, "id", [1]));
    expect(await tx.rows(selectByKeys(driver.dialect, "accounts", ["login"], "id", [1]))).toEqual([{ login: "changed" }]);
    await tx.rollback();
    expect(await query(db.url, "select login from accounts where id = 1")).toEqual([{ login: "ana" }]);
    await systems.close();
  });

  it("reports a missing file as unreachable", async () => {
    const systems = openSystems(loops("sqlite:///nonexistent/dir/app.db"));
    await expect(deleteRows(systems, "app", "households", [1])).rejects.toMatchObject({ code: "connector_unreachable", message: 'system "app" cannot be reached (ENOENT)' });
  });
});
