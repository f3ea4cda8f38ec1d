/**
 * `npm run bench requests`: an access request over a generated PostgreSQL database of 5 million
 * rows in 12 tables with 3 levels of references below the customers (every reference and
 * identity column indexed), run through the executor to the finished package — find, package,
 * encrypted store, letter — against the same indexed SELECTs sent by hand with `pg`, in the
 * same batches, plus writing the same JSON and CSV files, in the same run. Target: at most 2x.
 * The subject is a heavy one: 1 % of every table's rows. Fewer rows for a quick run:
 * `npm run bench requests --rows=200000`, REQUESTS_ROWS=200000, or `npx tsx bench/requests.ts --rows 200000`.
 */
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import pino from "pino";
import { stringify } from "yaml";
import { systemClock } from "../src/clock.ts";
import { planForSubject, type FindPlan } from "../src/connectors/index.ts";
import type { Context } from "../src/context.ts";
import { executeRequest, findExecution } from "../src/execution/index.ts";
import type { Mailer } from "../src/mail/index.ts";
import { parseManifest, type LoadedManifest } from "../src/manifest/index.ts";
import { applyManifest } from "../src/organisations/index.ts";
import { getRequest, submitRequest, verifyRequest } from "../src/requests/index.ts";
import { openDatabase } from "../src/store/index.ts";
import type { Benchmark } from "./index.ts";
import { createScratchDatabase, defaultDatabaseUrl } from "./postgres.ts";

const ROUNDS = 3;
const BATCH = 1000;
const SUBJECT = "user1@example.com";

interface TableDef {
  name: string;
  parent?: { table: string; fk: string };
  /** Rows per customer. */
  fanout: number;
}

/** 12 tables: the customers, 4 tables under them, 5 under those, 2 more below: 47 rows per customer. */
const TABLES: TableDef[] = [
  { name: "customers", fanout: 1 },
  { name: "accounts", parent: { table: "customers", fk: "customer_id" }, fanout: 1 },
  { name: "orders", parent: { table: "customers", fk: "customer_id" }, fanout: 4 },
  { name: "addresses", parent: { table: "customers", fk: "customer_id" }, fanout: 1 },
  { name: "consent_log", parent: { table: "customers", fk: "customer_id" }, fanout: 2 },
  { name: "order_items", parent: { table: "orders", fk: "order_id" }, fanout: 12 },
  { name: "payments", parent: { table: "orders", fk: "order_id" }, fanout: 4 },
  { name: "shipments", parent: { table: "orders", fk: "order_id" }, fanout: 4 },
  { name: "sessions", parent: { table: "accounts", fk: "account_id" }, fanout: 8 },
  { name: "tickets", parent: { table: "accounts", fk: "account_id" }, fanout: 1 },
  { name: "ticket_messages", parent: { table: "tickets", fk: "ticket_id" }, fanout: 3 },
  { name: "shipment_events", parent: { table: "shipments", fk: "shipment_id" }, fanout: 6 },
];
const PER_CUSTOMER = TABLES.reduce((n, t) => n + t.fanout, 0);

/** Customer 1 owns one row in a hundred of every table under the customers; the others share the rest evenly. */
function generate(customers: number): string {
  const count = (t: TableDef) => t.fanout * customers;
  const byName = new Map(TABLES.map((t) => [t.name, t]));
  const out = [
    `create table customers (id bigint primary key, email text not null, phone text, full_name text not null, created_at timestamp not null);
     insert into customers select g, 'user' || g || '@example.com', '+4072' || lpad(g::text, 7, '0'), 'Customer ' || g, timestamp '2024-01-01' + g * interval '1 minute' from generate_series(1, ${customers}) g;
     create unique index customers_email on customers (email);
     create index customers_phone on customers (phone);`,
  ];
  for (const t of TABLES.filter((x) => x.parent)) {
    const parentRows = count(byName.get(t.parent!.table)!);
    const fk = t.parent!.table === "customers" ? `case when g % 100 = 0 then 1 else g % ${parentRows} + 1 end` : `g % ${parentRows} + 1`;
    out.push(`create table ${t.name} (id bigint primary key, ${t.parent!.fk} bigint not null, amount numeric(10, 2) not null, note text, at timestamp not null);
      insert into ${t.name} select g, ${fk}, (g % 997) / 10.0, '${t.name} note ' || g, timestamp '2025-01-01' + (g % 100000) * interval '1 minute' from generate_series(1, ${count(t)}) g;
      create index ${t.name}_${t.parent!.fk} on ${t.name} (${t.parent!.fk});`);
  }
  out.push("analyze;");
  return out.join("\n");
}

function manifest(): LoadedManifest {
  const tables: Record<string, unknown> = {
    customers: { identity: { email: "email", phone: "phone" }, fields: { email: "contact.email", phone: "contact.phone", full_name: "identity.name", created_at: "event.registered" }, activity: "shop" },
  };
  for (const t of TABLES.filter((x) => x.parent)) {
    tables[t.name] = { belongs_to: { [t.parent!.fk]: `${t.parent!.table}.id` }, fields: { amount: "financial.transactions", note: "communication.content", at: "commercial.service_usage" }, activity: "shop" };
  }
  const doc = {
    organisation: { name: "Bench Shop S.R.L.", country: "RO", jurisdiction: "RO", languages: ["en"], contact: { email: "privacy@bench.example" } },
    subjects: [{ id: "customers" }],
    activities: [{ id: "shop", name: "Online shop", role: "controller", purpose: "Sell and deliver", legal_basis: ["contract"], subjects: ["customers"], data: ["identity.name", "contact.email", "contact.phone", "financial.transactions", "communication.content", "commercial.service_usage"] }],
    systems: [{ id: "shop", kind: "postgres", url: "${BENCH_SHOP_URL}", tables }],
  };
  return parseManifest(stringify(doc), "bench.yaml");
}

/** The baseline: the plan's SELECTs (same columns, same `key = any($1)`, same batches) sent with pg, then the same files written. */
async function byHand(url: string, plan: FindPlan, dir: string): Promise<{ ms: number; rows: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const started = performance.now();
    const found = new Map<string, Map<string, Record<string, unknown>>>();
    await client.query("begin isolation level repeatable read read only");
    for (const step of plan.steps) {
      const table = plan.tables.find((t) => t.table === step.table)!;
      const source = step.source;
      const keys = "identity" in source ? [SUBJECT] : [...new Set([...(found.get(source.reference.parent.table)?.values() ?? [])].map((r) => String(r[source.reference.parent.column])))];
      const rows = found.get(step.table) ?? new Map<string, Record<string, unknown>>();
      found.set(step.table, rows);
      for (let i = 0; i < keys.length; i += BATCH) {
        const res = await client.query(`select ${table.select.map((c) => pg.escapeIdentifier(c)).join(", ")} from ${pg.escapeIdentifier(step.table)} where ${pg.escapeIdentifier(step.key)} = any($1)`, [keys.slice(i, i + BATCH)]);
        for (const r of res.rows) rows.set(String(r[table.primaryKey]), r);
      }
    }
    await client.query("commit");
    await mkdir(join(dir, "csv"), { recursive: true });
    const json = { system: "shop", tables: plan.tables.map((t) => ({ table: t.table, rows: [...(found.get(t.table)?.values() ?? [])].map((r) => Object.fromEntries(Object.keys(t.fields).map((c) => [c, r[c]]))) })) };
    await writeFile(join(dir, "shop.json"), JSON.stringify(json, null, 2));
    for (const t of plan.tables) {
      const columns = Object.keys(t.fields);
      const lines = [columns.join(","), ...[...(found.get(t.table)?.values() ?? [])].map((r) => columns.map((c) => JSON.stringify(String(r[c] ?? ""))).join(","))];
      await writeFile(join(dir, "csv", `${t.table}.csv`), `${lines.join("\r\n")}\r\n`);
    }
    const total = [...found.values()].reduce((n, m) => n + m.size, 0);
    return { ms: performance.now() - started, rows: total };
  } finally {
    await client.end();
  }
}

/** Codes and letters go nowhere; the code is read back from the message the executor would have sent. */
function droppingMailer(): Mailer & { lastText: string } {
  const m = { from: "bench@registru.test", lastText: "", send: async (msg: { text: string }) => ((m.lastText = msg.text), { messageId: `<${Date.now()}@bench>` }), close: () => undefined };
  return m as Mailer & { lastText: string };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function requestsBench(rows: number): Promise<void> {
  const admin = process.env.DATABASE_URL || defaultDatabaseUrl;
  const customers = Math.max(200, Math.ceil(rows / PER_CUSTOMER));
  const shop = await createScratchDatabase(admin);
  const store = await createScratchDatabase(admin);
  const dir = await mkdtemp(join(tmpdir(), "registru-bench-requests-"));
  const database = await openDatabase({ url: store.url, poolSize: 4 });
  try {
    const t0 = performance.now();
    const c = new pg.Client({ connectionString: shop.url });
    await c.connect();
    await c.query(generate(customers));
    await c.end();
    process.stdout.write(`${(customers * PER_CUSTOMER).toLocaleString("en")} rows in ${TABLES.length} tables (3 levels under the customers) generated and indexed in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

    await database.migrate();
    const ctx: Context = { db: database.db, clock: systemClock, log: pino({ level: "silent" }) };
    const loaded = manifest();
    const m = loaded.manifest;
    await applyManifest(ctx, loaded, { slug: "bench", appliedBy: "bench" });
    const mailer = droppingMailer();
    const deps = { mailer, env: { BENCH_SHOP_URL: shop.url }, packages: { dir: join(dir, "packages"), publicUrl: "http://registru.bench" } };
    const { plan } = planForSubject(m, { email: SUBJECT });

    await byHand(shop.url, plan, join(dir, "warm-up"));
    const hand: number[] = [];
    const executor: number[] = [];
    let found = 0;
    let bytes = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const baseline = await byHand(shop.url, plan, join(dir, `hand-${i}`));
      hand.push(baseline.ms);
      const { request } = await submitRequest(ctx, "bench", { right: "access", language: "en", subject: { email: SUBJECT } }, { actor: "bench", public: true, mailer });
      await verifyRequest(ctx, "bench", request.entryId, /^\s{4}(\d{6})$/m.exec(mailer.lastText)![1]!, { actor: "bench", mailer });
      const started = performance.now();
      const result = await executeRequest(ctx, deps, "bench", request.entryId);
      executor.push(performance.now() - started);
      if (result !== "completed") throw new Error(`the access request ended ${result}`);
      const outcome = (await getRequest(ctx, "bench", request.entryId)).request.outcome!;
      found = outcome.rows.reduce((n, r) => n + r.found, 0);
      if (found !== baseline.rows) throw new Error(`the executor found ${found} rows, the hand-written queries ${baseline.rows}`);
      bytes = (await findExecution(ctx, "bench", request.entryId))!.data.package!.bytes;
    }
    const h = median(hand);
    const e = median(executor);
    const ratio = e / h;
    process.stdout.write(`subject's rows: ${found.toLocaleString("en")} in ${plan.tables.length} tables; ${plan.steps.length} plan steps, batches of ${BATCH} keys\n`);
    process.stdout.write(`${"baseline: the same SELECTs with pg + JSON/CSV files".padEnd(56)} ${h.toFixed(0).padStart(7)} ms (median of ${ROUNDS})\n`);
    process.stdout.write(`${"executor: access request to the finished package".padEnd(56)} ${e.toFixed(0).padStart(7)} ms (median of ${ROUNDS}; a zip of ${(bytes / 1024).toFixed(0)} KiB, stored encrypted)\n`);
    process.stdout.write(`ratio ${ratio.toFixed(2)}x; target <= 2x ${ratio <= 2 ? "met" : "MISSED"}\n`);
  } finally {
    await database.close();
    await rm(dir, { recursive: true, force: true });
    await shop.drop();
    await store.drop();
  }
}

const rowsWanted = () => {
  const at = process.argv.indexOf("--rows");
  const given = at > 0 ? process.argv[at + 1] : (process.env.npm_config_rows ?? process.env.REQUESTS_ROWS);
  return Number(given && given !== "true" ? given : 5_000_000);
};

export const requestsBenchmark: Benchmark = {
  name: "requests",
  description: "an access request over 5 million PostgreSQL rows in 12 tables, 3 levels of references, to the finished package, vs the same indexed queries by hand (target ≤ 2x)",
  run: () => requestsBench(rowsWanted()),
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await requestsBench(rowsWanted());
