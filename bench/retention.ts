/**
 * `npm run bench retention`: a retention sweep over a PostgreSQL table of 10 million rows, 10 %
 * expired, against a hand-written batched loop in the same run on an identical copy:
 *   delete:    DELETE FROM t WHERE ctid IN (SELECT ctid FROM t WHERE created_at < $1 LIMIT n)
 *   anonymise: UPDATE t SET ... = NULL WHERE ctid IN (SELECT ctid ... AND not yet emptied LIMIT n)
 * Target: the engine within 1.5x of the loop, memory flat (peak RSS sampled during the run).
 * Fewer rows for a quick run: RETENTION_ROWS=200000 npm run bench retention, or
 * `npx tsx bench/retention.ts --rows 200000`.
 */
import { pathToFileURL } from "node:url";
import pino from "pino";
import { stringify } from "yaml";
import { fixedClock } from "../src/clock.ts";
import { parseManifest } from "../src/manifest/index.ts";
import { applyManifest } from "../src/organisations/index.ts";
import { runRetention } from "../src/retention/index.ts";
import { WINDOW } from "../src/retention/engine.ts";
import { openDatabase } from "../src/store/index.ts";
import type { Benchmark } from "./index.ts";
import { createScratchDatabase, defaultDatabaseUrl, withClient } from "./postgres.ts";

const NOW = "2026-06-01T10:00:00Z";
const BATCH = 1000;
const adminUrl = () => process.env.DATABASE_URL || defaultDatabaseUrl;

/** One row in ten was created before the cutoff (1 June 2025 in Bucharest), spread over 2024; the rest in 2026. */
const generate = (table: string, rows: number) => `
  create table ${table} (id bigint primary key, email text, ip text, note text, created_at timestamp not null);
  insert into ${table}
    select n, 'user' || n || '@example.com', '192.0.2.' || (n % 250), 'note ' || n,
           case when n % 10 = 0 then timestamp '2024-01-01' + (n % 360) * interval '1 day' + (n % 86400) * interval '1 second'
                else timestamp '2026-01-01' + (n % 120) * interval '1 day' end
    from generate_series(1, ${rows}) as s(n);
  create index ${table}_created_at on ${table} (created_at);
`;

const copy = (from: string, to: string) => `create table ${to} as select * from ${from}; alter table ${to} add primary key (id); create index ${to}_created_at on ${to} (created_at);`;

function manifest(table: string, then: "delete" | "anonymise") {
  return {
    organisation: { name: "Bench S.R.L.", country: "RO", jurisdiction: "RO", languages: ["ro"] },
    subjects: [{ id: "users" }],
    activities: [{ id: "logs", name: "Logs", role: "controller", purpose: "Logs", subjects: ["users"], data: ["contact.email", "device.ip"], retention: { keep: "P1Y", after: "created", then } }],
    systems: [{ id: "app", kind: "postgres", url: "${BENCH_ORG_URL}", tables: { [table]: { fields: { email: "contact.email", ip: "device.ip", note: "communication.content", created_at: "event.created" }, activity: "logs" } } }],
  };
}

/** The hand-written loop: one short statement per batch, autocommit, until nothing matches. */
async function baseline(url: string, table: string, mode: "delete" | "anonymise"): Promise<{ ms: number; rows: number }> {
  const bound = "2025-06-02";
  const sql =
    mode === "delete"
      ? `delete from ${table} where ctid in (select ctid from ${table} where created_at < $1 limit ${BATCH})`
      : `update ${table} set email = null, ip = null, note = null where ctid in (select ctid from ${table} where created_at < $1 and (email is not null or ip is not null or note is not null) limit ${BATCH})`;
  return withClient(url, async (c) => {
    const started = performance.now();
    let rows = 0;
    for (;;) {
      const n = (await c.query(sql, [bound])).rowCount ?? 0;
      rows += n;
      if (n === 0) break;
    }
    return { ms: performance.now() - started, rows };
  });
}

async function engine(storeUrl: string, orgUrl: string, table: string, mode: "delete" | "anonymise") {
  const database = await openDatabase({ url: storeUrl, poolSize: 2 });
  await database.migrate();
  const ctx = { db: database.db, clock: fixedClock(NOW), log: pino({ level: "silent" }) };
  try {
    await applyManifest(ctx, parseManifest(stringify(manifest(table, mode)), `${mode}.yaml`), { slug: `bench-${mode}`, appliedBy: "bench" });
    const rss = { start: process.memoryUsage().rss, peak: 0, samples: [] as number[] };
    const sampler = setInterval(() => {
      const now = process.memoryUsage().rss;
      rss.peak = Math.max(rss.peak, now);
      rss.samples.push(now);
    }, 50);
    const started = performance.now();
    const run = await runRetention(ctx, `bench-${mode}`, { env: { BENCH_ORG_URL: orgUrl }, trigger: "cli", actor: "bench", batchSize: BATCH }).finally(() => clearInterval(sampler));
    const ms = performance.now() - started;
    const c = run.data.tables[0]!.counts;
    return { ms, rows: mode === "delete" ? c.deleted : c.anonymised, rss, batches: run.data.batches };
  } finally {
    await database.close();
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
/** The largest RSS in each tenth of the run: a flat line is bounded memory. */
const tenths = (samples: number[]) =>
  Array.from({ length: 10 }, (_, i) => Math.max(...samples.slice(Math.floor((i * samples.length) / 10), Math.max(Math.floor(((i + 1) * samples.length) / 10), Math.floor((i * samples.length) / 10) + 1))))
    .map((b) => (b / 1024 / 1024).toFixed(0))
    .join(" ");

export async function retentionBench(rows: number): Promise<void> {
  const admin = adminUrl();
  const org = await createScratchDatabase(admin);
  const store = await createScratchDatabase(admin);
  try {
    const t0 = performance.now();
    await withClient(org.url, async (c) => {
      await c.query(generate("events_engine", rows));
      for (const t of ["events_loop", "events_anon", "events_anon_loop"]) await c.query(copy("events_engine", t));
      await c.query("vacuum analyze");
      await c.query("checkpoint");
    });
    process.stdout.write(`${rows.toLocaleString("en")} rows per table, 10 % expired, generated and copied in ${((performance.now() - t0) / 1000).toFixed(1)} s; batches of ${BATCH}\n`);
    for (const [mode, mine, theirs] of [
      ["delete", "events_engine", "events_loop"],
      ["anonymise", "events_anon", "events_anon_loop"],
    ] as const) {
      const loop = await baseline(org.url, theirs, mode);
      await withClient(org.url, (c) => c.query("checkpoint"));
      const run = await engine(store.url, org.url, mine, mode);
      await withClient(org.url, (c) => c.query("checkpoint"));
      if (run.rows !== loop.rows) throw new Error(`${mode}: the engine changed ${run.rows} rows, the loop ${loop.rows}`);
      const ratio = run.ms / loop.ms;
      process.stdout.write(
        [
          `${mode.padEnd(9)} hand-written loop ${(loop.ms / 1000).toFixed(1).padStart(6)} s   engine ${(run.ms / 1000).toFixed(1).padStart(6)} s (${run.batches} batches; intent, evidence and cursor written every ${WINDOW})   ${ratio.toFixed(2)}x ${ratio <= 1.5 ? "(target ≤ 1.5x met)" : "(target ≤ 1.5x MISSED)"}`,
          `          ${run.rows.toLocaleString("en")} rows; RSS at start ${mb(run.rss.start)}, peak during the run ${mb(run.rss.peak)}; by tenths of the run (MB): ${tenths(run.rss.samples)}`,
        ].join("\n") + "\n",
      );
    }
  } finally {
    await org.drop();
    await store.drop();
  }
}

export const retentionBenchmark: Benchmark = {
  name: "retention",
  description: "retention sweep over 10 million PostgreSQL rows, 10 % expired, vs a hand-written batched DELETE/UPDATE loop (target ≤ 1.5x, memory flat)",
  run: () => retentionBench(Number(process.env.RETENTION_ROWS ?? 10_000_000)),
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const at = process.argv.indexOf("--rows");
  await retentionBench(at > 0 ? Number(process.argv[at + 1]) : Number(process.env.RETENTION_ROWS ?? 10_000_000));
}
