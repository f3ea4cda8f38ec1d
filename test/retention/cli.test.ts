import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.ts";
import { listRuns, runScheduledRetention } from "../../src/retention/index.ts";
import { organisationPostgres, type OrganisationDatabase } from "../connectors/helpers/databases.ts";
import { cliDatabase, runCli } from "../helpers/cli.ts";
import { backend } from "../helpers/database.ts";
import { cleanManifest } from "../helpers/manifests.ts";
import { manifestWith } from "./helpers.ts";

describe(`registru retention (Registru on ${backend})`, () => {
  const cli = cliDatabase("retention-cli");
  let org: OrganisationDatabase;
  const dir = mkdtempSync(join(tmpdir(), "registru-retention-cli-"));
  const write = (name: string, m: unknown) => {
    const file = join(dir, `${name}.yaml`);
    writeFileSync(file, stringify(m));
    return file;
  };

  beforeAll(async () => {
    await cli.setUp();
    org = await organisationPostgres();
    await org.exec(`
      create table customers (id integer primary key, email varchar(254) not null, name varchar(100), closed_at timestamp);
      create unique index customers_email on customers (email);
      create table consents (id integer primary key, email varchar(254), given_at timestamp);
      insert into customers values (1, 'ana@example.com', 'Ana', '2020-01-01 10:00:00'), (2, 'bob@example.com', 'Bob', null);
    `);
    process.env.RETENTION_CLI_URL = org.url;
    const manifest = manifestWith(
      [
        { id: "accounts", retention: { keep: "P3Y", after: "account_closed", then: "delete" } },
        { id: "newsletter", retention: { keep: "until_withdrawn", then: "delete" } },
      ],
      {
        id: "app",
        kind: "postgres",
        url: "${RETENTION_CLI_URL}",
        tables: {
          customers: { identity: { email: "email" }, fields: { email: "contact.email", name: "identity.name", closed_at: "event.account_closed" }, activity: "accounts" },
          consents: { fields: { email: "contact.email" }, activity: "newsletter" },
        },
      },
    );
    expect((await runCli("apply", write("exemplu", manifest), "--org", "exemplu")).exitCode).toBe(0);
    expect((await runCli("apply", write("other", cleanManifest()), "--org", "other")).exitCode).toBe(0);
  });
  afterAll(async () => {
    delete process.env.RETENTION_CLI_URL;
    await Promise.all([cli.drop(), org?.drop()]);
  });

  it("plan prints counts and reasons per table, what is not enforceable and why, never the data", async () => {
    const r = await runCli("retention", "plan", "--org", "exemplu", "--now", "2026-11-23T10:00:00Z");
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split("\n")).toEqual([
      "exemplu: retention plan for 2026-11-23 (Europe/Bucharest), policy version 1, 0 active legal hold(s)",
      "app.customers\tdelete\texpired 1, to delete 1",
      "  accounts: P3Y after account_closed: event on or before 2023-11-23: 1",
      "app.consents: not enforceable automatically: activity \"newsletter\": keep: until_withdrawn ends with a consent withdrawal, not a date in this table",
    ]);
    expect(r.stdout + r.stderr).not.toMatch(/ana@|Ana\b/);
  });

  it("holds: add, list, set the proceedings' end, release", async () => {
    const added = await runCli("retention", "hold", "add", "--org", "exemplu", "--email", "ana@example.com", "--reason", "Dosar 1/2026", "--keep", "P5Y");
    expect(added.stdout).toMatch(/^exemplu: legal_hold-\d{4}-001 created$/);
    const id = added.stdout.split(" ")[1]!;
    expect((await runCli("retention", "hold", "list", "--org", "exemplu")).stdout).toBe(`${id}\tactive\tsubject (email)\tP5Y after the proceedings end (not yet known)`);
    expect((await runCli("retention", "plan", "--org", "exemplu", "--now", "2026-11-23T10:00:00Z")).stdout).toContain("app.customers\tdelete\texpired 1, held 1");
    expect((await runCli("retention", "hold", "end", "--org", "exemplu", id, "--date", "2026-01-31")).stdout).toBe(`exemplu: ${id} now holds until 2031-01-30`);
    expect((await runCli("retention", "hold", "release", "--org", "exemplu", id)).stdout).toBe(`exemplu: ${id} released`);
    const bad = await runCli("retention", "hold", "add", "--org", "exemplu", "--record", "customers-1", "--reason", "x");
    expect(bad).toMatchObject({ exitCode: 2, stderr: "registru: --record must be system.table:primary-key [invalid_record]" });
  });

  it("refuses a run dated in the future and a batch size out of range", async () => {
    expect(await runCli("retention", "run", "--org", "exemplu", "--now", "2999-01-01T00:00:00Z")).toMatchObject({ exitCode: 2, stderr: expect.stringContaining("[retention_now_in_future]") });
    expect(await runCli("retention", "run", "--org", "exemplu", "--batch-size", "0")).toMatchObject({ exitCode: 2, stderr: expect.stringContaining("[invalid_batch_size]") });
  });

  it("the daily job runs only organisations that turned it on, and records the run", async () => {
    expect((await runCli("retention", "schedule", "--org", "exemplu")).stdout).toBe("exemplu: daily retention run off");
    expect((await runCli("retention", "schedule", "--org", "exemplu", "on")).stdout).toBe("exemplu: daily retention run on");
    const store = await cli.open();
    try {
      const ctx = { db: store.db, clock: fixedClock("2026-11-23T02:40:00Z"), log: pino({ level: "silent" }) };
      expect(await runScheduledRetention(ctx)).toEqual({ ran: ["exemplu"], failed: [] });
      const [run] = await listRuns(ctx, "exemplu");
      expect(run!.data).toMatchObject({ status: "completed", trigger: "schedule", today: "2026-11-23" });
      expect(await listRuns(ctx, "other")).toEqual([]);
    } finally {
      await store.close();
    }
    expect((await runCli("retention", "runs", "--org", "exemplu")).stdout).toMatch(/^retention_run-2026-001\tcompleted\tschedule\tas of 2026-11-23\texpired 1, held 0, deleted 1, anonymised 0$/);
    expect((await runCli("retention", "schedule", "--org", "exemplu", "off")).stdout).toBe("exemplu: daily retention run off");
  });
});
