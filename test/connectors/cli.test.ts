import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoDatabase } from "../../examples/demo-db/load.ts";
import { cliDatabase, runCli } from "../helpers/cli.ts";
import { backend } from "../helpers/database.ts";
import { exampleFile } from "../helpers/manifests.ts";
import { organisationMariadb, organisationPostgres, type OrganisationDatabase } from "./helpers/databases.ts";

describe(`registru systems check and find on eldrive's demo databases (Registru on ${backend})`, () => {
  const cli = cliDatabase("systems");
  let app: OrganisationDatabase;
  let legacy: OrganisationDatabase;

  beforeAll(async () => {
    await cli.setUp();
    expect((await runCli("apply", exampleFile("eldrive"))).exitCode).toBe(0);
    [app, legacy] = await Promise.all([organisationPostgres(), organisationMariadb()]);
    await loadDemoDatabase(app.url);
    await loadDemoDatabase(legacy.url);
    process.env.ELDRIVE_DATABASE_URL = app.url;
    process.env.ELDRIVE_LEGACY_DATABASE_URL = legacy.url;
  });
  afterAll(async () => {
    delete process.env.ELDRIVE_DATABASE_URL;
    delete process.env.ELDRIVE_LEGACY_DATABASE_URL;
    await Promise.all([cli.drop(), app?.drop(), legacy?.drop()]);
  });

  it("checks both demo databases against the manifest: reachable, every table, column and index present", async () => {
    expect(await runCli("systems", "check", "--org", "eldrive")).toEqual({ exitCode: 0, stdout: "app_db (postgres): ok\nlegacy_db (mariadb): ok", stderr: "" });
  });

  it("prints counts per system.table, never the data", async () => {
    const r = await runCli("systems", "find", "--org", "eldrive", "--email", "Ana.Popescu@Example.com");
    expect(r.exitCode).toBe(0);
    // In plan order (parents first); the stored manifest (jsonb) does not keep the order tables were written in.
    expect(r.stdout.split("\n").sort()).toEqual([
      "app_db.charging_sessions\t3",
      "app_db.customers\t1",
      "app_db.payments\t2",
      "legacy_db.charging_sessions\t3",
      "legacy_db.customers\t1",
      "legacy_db.payments\t2",
    ]);
    expect(r.stdout + r.stderr).not.toMatch(/Ana|popescu|\+40/i);
  });

  it("finds the same subject by a national phone number, and shows the rows only with --show", async () => {
    const byPhone = await runCli("systems", "find", "--org", "eldrive", "--phone", "0721 000 001");
    expect(byPhone.stdout.split("\n")).toContain("app_db.payments\t2");
    expect(byPhone.stdout.split("\n")[0]).toBe("app_db.customers\t1");
    const shown = await runCli("systems", "find", "--org", "eldrive", "--email", "marko.petrovic@example.com", "--show");
    const json = JSON.parse(shown.stdout.split("\n").slice(6).join("\n"));
    const table = (system: string, name: string) => json.find((t: { system: string; table: string }) => t.system === system && t.table === name);
    expect(table("app_db", "customers")).toMatchObject({ rows: [{ primaryKey: 2, fields: { full_name: "Marko Petrovic", email: "marko.petrovic@example.com" } }] });
    expect(table("legacy_db", "payments").rows).toEqual([{ primaryKey: 3, fields: { amount: "42.75", due_date: "2026-09-30", invoice_number: "ELD-2026-00077", settled_at: "2026-09-29 14:30:00" } }]);
    // The same row reads the same from PostgreSQL and MariaDB: decimals as text, dates and naive time stamps as written.
    expect(table("app_db", "payments").rows).toEqual(table("legacy_db", "payments").rows);
    expect(table("app_db", "charging_sessions").rows).toEqual(table("legacy_db", "charging_sessions").rows);
  });

  it("exits 1 with the CREATE INDEX to run when a lookup column lost its index", async () => {
    await app.exec("drop index payments_customer_id_idx");
    const check = await runCli("systems", "check", "--org", "eldrive");
    expect(check.exitCode).toBe(1);
    expect(check.stdout.split("\n")).toEqual([
      "app_db (postgres): 1 problem(s)",
      "  app_db.payments.customer_id: no index leads with this column",
      '    hint: CREATE INDEX "payments_customer_id_idx" ON "payments" ("customer_id");',
      "legacy_db (mariadb): ok",
    ]);
    const find = await runCli("systems", "find", "--org", "eldrive", "--email", "ana.popescu@example.com");
    expect(find.exitCode).toBe(1);
    expect(find.stdout).toBe("");
    expect(find.stderr).toContain("[connector_missing_index]");
    expect(find.stderr).toContain('hint: CREATE INDEX "payments_customer_id_idx" ON "payments" ("customer_id");');
    await app.exec('CREATE INDEX "payments_customer_id_idx" ON "payments" ("customer_id");');
  });

  it("names an unset url variable and exits 1", async () => {
    delete process.env.ELDRIVE_LEGACY_DATABASE_URL;
    const check = await runCli("systems", "check", "--org", "eldrive");
    process.env.ELDRIVE_LEGACY_DATABASE_URL = legacy.url;
    expect(check.exitCode).toBe(1);
    expect(check.stdout.split("\n")[1]).toBe('legacy_db (mariadb): not configured: system "legacy_db": environment variable ELDRIVE_LEGACY_DATABASE_URL is not set');
  });

  it("refuses a find without an identity, and an unknown organisation, with exit 2", async () => {
    expect((await runCli("systems", "find", "--org", "eldrive")).exitCode).toBe(2);
    expect((await runCli("systems", "check", "--org", "nobody")).exitCode).toBe(2);
  });
});
