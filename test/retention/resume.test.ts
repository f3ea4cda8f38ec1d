import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pino from "pino";
import { stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/clock.ts";
import { listRuns } from "../../src/retention/index.ts";
import { query, type OrganisationDatabase } from "../connectors/helpers/databases.ts";
import { cliDatabase, runCli } from "../helpers/cli.ts";
import { backend } from "../helpers/database.ts";
import { manifestWith, orgDatabases, stamp, type OrgKind } from "./helpers.ts";

const bin = fileURLToPath(new URL("../../bin/registru.js", import.meta.url));
const ROWS = 4000;
const NOW = "2025-06-01T10:00:00Z";

/** 4000 customers, 3 in 4 closed long ago; every 4th has a recent invoice (so it is anonymised, not deleted); 2 tickets each. */
function seed(kind: OrgKind) {
  const numbers = kind === "postgres" ? `generate_series(1, ${ROWS}) as s(n)` : `(select seq as n from seq_1_to_${ROWS}) s`;
  const concat = (...parts: string[]) => (kind === "postgres" ? parts.join(" || ") : `concat(${parts.join(", ")})`);
  const closed = kind === "postgres" ? "case when n % 4 = 3 then null else timestamp '2020-01-01 10:00:00' + n * interval '1 hour' end" : "case when n % 4 = 3 then null else timestamp '2020-01-01 10:00:00' + interval n hour end";
  return `
    create table customers (id integer primary key, email varchar(254) not null, name varchar(100) not null, phone varchar(32), closed_at ${stamp(kind)});
    create unique index customers_email on customers (email);
    create table invoices (id integer primary key, customer_id integer not null references customers (id), amount decimal(10, 2) not null, issued_at ${stamp(kind)} not null);
    create index invoices_customer_id on invoices (customer_id);
    create table tickets (id integer primary key, customer_id integer not null references customers (id), subject varchar(200));
    create index tickets_customer_id on tickets (customer_id);
    insert into customers select n, ${concat("'c'", "n", "'@example.com'")}, ${concat("'Customer Number'", "n")}, ${concat("'+40721'", "n")}, ${closed} from ${numbers};
    insert into invoices select n, n, 9.99, timestamp '2024-06-01 10:00:00' from ${numbers} where n % 4 = 0;
    insert into tickets select 2 * n, n, ${concat("'ticket '", "n")} from ${numbers};
    insert into tickets select 2 * n + 1, n, ${concat("'follow-up '", "n")} from ${numbers};
  `;
}

const manifest = (kind: OrgKind) =>
  manifestWith(
    [
      { id: "accounts", retention: { keep: "P1Y", after: "account_closed", then: "delete_or_anonymise" } },
      { id: "invoicing", retention: { keep: "P10Y", after: "invoice_issued", then: "delete" } },
      { id: "support", retention: undefined },
    ],
    {
      id: "app",
      kind: kind === "postgres" ? "postgres" : "mariadb",
      url: "${APP_URL}",
      tables: {
        customers: { identity: { email: "email" }, fields: { email: "contact.email", name: "identity.name", phone: "contact.phone", closed_at: "event.account_closed" }, activity: "accounts" },
        invoices: { belongs_to: { customer_id: "customers.id" }, fields: { amount: "financial.invoices", issued_at: "event.invoice_issued" }, activity: "invoicing" },
        tickets: { belongs_to: { customer_id: "customers.id" }, fields: { subject: "communication.content" }, activity: "support" },
      },
    },
  );

describe.each(["postgres", "mariadb"] as const)(`a killed retention run resumes without double effects (organisation on %s, Registru on ${backend})`, (kind) => {
  const cli = cliDatabase(`retention-${kind}`);
  let original: OrganisationDatabase;
  let copy: OrganisationDatabase;
  const contents = async (url: string) => ({
    customers: await query(url, "select * from customers order by id"),
    tickets: await query(url, "select * from tickets order by id"),
    invoices: await query(url, "select * from invoices order by id"),
  });
  const count = async (url: string, table: string) => Number((await query(url, `select count(*) as n from ${table}`))[0]!.n);

  beforeAll(async () => {
    await cli.setUp();
    [original, copy] = await Promise.all([orgDatabases[kind](), orgDatabases[kind]()]);
    await Promise.all([original.exec(seed(kind)), copy.exec(seed(kind))]);
    const file = join(mkdtempSync(join(tmpdir(), "registru-retention-")), "shop.yaml");
    writeFileSync(file, stringify(manifest(kind)));
    expect((await runCli("apply", file, "--org", "shop")).exitCode).toBe(0);
  }, 120_000);
  afterAll(async () => {
    delete process.env.APP_URL;
    await Promise.all([cli.drop(), original?.drop(), copy?.drop()]);
  });

  it("SIGKILL after the first batches, run again: the same final state as an uninterrupted run on a copy, and evidence that adds up", async () => {
    process.env.APP_URL = original.url;
    const plan = await runCli("retention", "plan", "--org", "shop", "--now", NOW, "--json");
    const planned = JSON.parse(plan.stdout) as { tables: Array<{ table: string; counts: Record<string, number> }> };

    // The first run, in another process, killed once it has deleted a few batches' rows.
    const child = spawn(process.execPath, [bin, "retention", "run", "--org", "shop", "--now", NOW, "--batch-size", "25"], { env: { ...process.env, LOG_LEVEL: "silent" }, stdio: "ignore" });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    const start = await count(original.url, "tickets");
    for (let i = 0; i < 3000 && (await count(original.url, "tickets")) > start - 100; i++) await new Promise((r) => setTimeout(r, 10));
    child.kill("SIGKILL");
    await exited;
    const killed = await runCli("retention", "runs", "--org", "shop");
    expect(killed.stdout).toMatch(/^retention_run-\d{4}-001\trunning\tcli/);
    // It died between writing a batch as its intent and confirming it: the case resuming must get right.
    const store = await cli.open();
    try {
      const ctx = { db: store.db, clock: systemClock, log: pino({ level: "silent" }) };
      const [run] = await listRuns(ctx, "shop");
      expect(run!.data.intent).not.toBeNull();
      expect(run!.data.batches).toBeGreaterThan(1);
    } finally {
      await store.close();
    }
    const leftAfterKill = await count(original.url, "tickets");
    expect(leftAfterKill).toBeLessThan(start);

    // Run again: it resumes the same run, applies the batch it was in the middle of, and goes on.
    const resumed = await runCli("retention", "run", "--org", "shop");
    expect(resumed.exitCode).toBe(0);
    expect(resumed.stdout.split("\n")[0]).toMatch(/^shop: retention_run-\d{4}-001 completed/);

    // The same run, uninterrupted, on an identical copy (same organisation, so the same anonymisation key).
    process.env.APP_URL = copy.url;
    const straight = await runCli("retention", "run", "--org", "shop", "--now", NOW, "--batch-size", "25", "--new");
    expect(straight.stdout.split("\n")[0]).toMatch(/^shop: retention_run-\d{4}-002 completed/);
    expect(await contents(original.url)).toEqual(await contents(copy.url));

    // Evidence: the interrupted-and-resumed run counts exactly what the plan said and what the straight run did.
    const show = async (n: string) => JSON.parse((await runCli("retention", "show", "--org", "shop", `retention_run-${NOW.slice(0, 4)}-${n}`)).stdout) as { tables: Array<{ table: string; counts: Record<string, number> }> };
    const counts = (r: { tables: Array<{ table: string; counts: Record<string, number> }> }) => Object.fromEntries(r.tables.map((t) => [t.table, t.counts]));
    const [first, second] = [await show("001"), await show("002")];
    expect(counts(first)).toEqual(counts(planned));
    expect(counts(second)).toEqual(counts(planned));
    const customers = counts(first).customers as { deleted: number; anonymised: number };
    expect(customers.deleted + (await count(original.url, "customers"))).toBe(ROWS);
    expect(Number((await query(original.url, "select count(*) as n from customers where phone is null"))[0]!.n)).toBe(customers.anonymised);
    expect(counts(first).tickets!.deleted).toBe(2 * customers.deleted);
  }, 180_000);
});
