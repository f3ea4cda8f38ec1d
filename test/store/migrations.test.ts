import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/index.ts";
import { backend, onPostgres, openTestDatabase, type TestDatabase } from "../helpers/database.ts";

describe(`store migrations on ${backend}`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
  });
  afterAll(() => t.drop());

  it("creates the domain tables, each with a tenant_id but the installation's staff accounts", async () => {
    const { rows } = await t.database.executeSql(
      `select table_name, bool_or(column_name = 'tenant_id') as has_tenant
         from information_schema.columns where table_schema = 'public' group by table_name order by table_name`,
      [],
    );
    expect(rows.map((r) => r.table_name)).toEqual(["api_keys", "audit_events", "consent_records", "consent_state", "lint_findings", "policy_versions", "register_entries", "register_events", "staff_grants", "staff_password_history", "staff_sessions", "staff_users", "tenants", "webhook_deliveries", "webhooks"]);
    const installationWide = ["staff_password_history", "staff_sessions", "staff_users"];
    expect(rows.filter((r) => r.has_tenant !== true).map((r) => r.table_name)).toEqual(installationWide);
  });

  it("is idempotent: migrating again changes nothing", async () => {
    await t.database.migrate();
    const { rows } = await t.database.executeSql("select count(*)::int as n from drizzle.__drizzle_migrations", []);
    expect(rows[0]!.n).toBe(6);
  });

  it.runIf(onPostgres)("lets several processes migrate at once (advisory lock)", async () => {
    const [a, b] = await Promise.all([openDatabase({ url: t.url, poolSize: 2 }), openDatabase({ url: t.url, poolSize: 2 })]);
    await Promise.all([a.migrate(), b.migrate()]);
    await Promise.all([a.close(), b.close()]);
  });

  it("refuses an unreachable PostgreSQL with a clear error code", async () => {
    await expect(openDatabase({ url: "postgres://nobody@127.0.0.1:1/none" })).rejects.toMatchObject({ code: "database_unavailable" });
  });
});

describe.skipIf(onPostgres)("PGlite data directory", () => {
  it("is locked against a second process, which gets data_dir_in_use", async () => {
    const dir = mkdtempSync(join(tmpdir(), "registru-lock-"));
    const first = await openDatabase({ dataDir: dir });
    // A pid that is alive and not ours: the test runner's parent.
    writeFileSync(join(dir, "registru.lock"), String(process.ppid));
    await expect(openDatabase({ dataDir: dir })).rejects.toMatchObject({ code: "data_dir_in_use", status: 409 });
    await first.close();
  });

  it("takes over a lock left behind by a process that died", async () => {
    const dir = mkdtempSync(join(tmpdir(), "registru-lock-"));
    writeFileSync(join(dir, "registru.lock"), "999999999");
    const db = await openDatabase({ dataDir: dir });
    await db.close();
  });
});
