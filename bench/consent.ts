import { createHash } from "node:crypto";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { createApiKey } from "../src/apikeys/index.ts";
import { systemClock } from "../src/clock.ts";
import { verifyConsentLedger } from "../src/consent/index.ts";
import type { Context } from "../src/context.ts";
import { buildServer } from "../src/http/server.ts";
import { createLogger } from "../src/logger.ts";
import { loadManifestFile } from "../src/manifest/index.ts";
import { applyManifest, examplesDir, getOrganisation } from "../src/organisations/index.ts";
import { openDatabase, type Database } from "../src/store/index.ts";
import { registruVersion } from "../src/version.ts";
import type { Benchmark } from "./index.ts";
import { percentile, runLoad, type LoadPlan, type LoadResult } from "./load.ts";
import { createScratchDatabase, defaultDatabaseUrl, runPgbench } from "./postgres.ts";
import { seedSubjects } from "./seed.ts";

const settings = () => ({
  connections: Number(process.env.BENCH_CONNECTIONS ?? 8),
  seconds: Number(process.env.BENCH_SECONDS ?? 5),
  subjects: Number(process.env.BENCH_SUBJECTS ?? 1_000_000),
});
const ROUNDS = 3;
const WARMUP_MS = 1000;
const SLUG = "eldrive";
const PURPOSE = "direct_marketing";
const textHash = createHash("sha256").update("Vrei să primești newsletterul Eldrive?").digest("hex");

/** What the organisation's website sends for one decision; each request gets a new consentId. */
const consentBody = { purposes: [PURPOSE], decision: "given", textHash, language: "ro", method: "banner_custom" };

/**
 * The baseline writes what one recorded decision is, a ledger row and the state upsert, in one
 * transaction per record, for another tenant so its rows stay out of the measured chain.
 */
function pgbenchScript(tenantId: string) {
  if (!/^[0-9a-f-]{36}$/.test(tenantId)) throw new Error("unexpected tenant id");
  const t = `'${tenantId}'`;
  return `\\set r random(1, 1000000000)
BEGIN;
INSERT INTO consent_records (tenant_id, seq, consent_id, subject_ref, purpose, decision, legal_basis, policy_version, text_hash, language,
  jurisdiction, method, collected_by, guardian, recorded_at, valid_until, ip_truncated, user_agent, prev_hash, hash)
  VALUES (${t}, nextval('bench_baseline_seq'), 'pgbench-' || :r, NULL, '${PURPOSE}', 'given', 'consent', 1, '${textHash}', 'ro',
  'RO', 'banner_custom', NULL, NULL, now(), NULL, '127.0.0.0/24', 'registru-bench/1', md5(:r::text) || md5(:r::text), md5((:r + 1)::text) || md5((:r + 1)::text));
INSERT INTO consent_state (tenant_id, consent_id, purpose, decision, policy_version, seq, recorded_at, valid_until)
  VALUES (${t}, 'pgbench-' || :r, '${PURPOSE}', 'given', 1, currval('bench_baseline_seq'), now(), NULL)
  ON CONFLICT (tenant_id, consent_id, purpose) DO UPDATE SET decision = excluded.decision, policy_version = excluded.policy_version,
  seq = excluded.seq, recorded_at = excluded.recorded_at, valid_until = excluded.valid_until;
END;
`;
}

/** One subject's state rows: what GET .../consents/:consentId reads (the server's query also names the organisation and its policy version). */
const lookupSql = `select tenant_id, consent_id, purpose, decision, policy_version, seq, recorded_at, valid_until
  from consent_state where tenant_id = $1 and consent_id = $2 order by purpose`;

const out = (line = "") => process.stdout.write(`${line}\n`);
const rate = (r: LoadResult) => r.ok / r.seconds;
const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const verdict = (met: boolean) => (met ? "met" : "NOT MET");

function assertClean(label: string, r: LoadResult) {
  if (r.errors > 0) throw new Error(`${label}: ${r.errors} of ${r.ok + r.errors} requests failed, first: ${r.firstError}`);
}

/** `registru consent verify`'s check; the run stops if it fails. */
async function verified(ctx: Context): Promise<number> {
  const check = await verifyConsentLedger(ctx, SLUG);
  if (!check.ok) throw new Error(`the consent ledger does not verify: ${JSON.stringify(check)}`);
  return check.count;
}

async function organisation(ctx: Context, slug: string) {
  await applyManifest(ctx, await loadManifestFile(join(examplesDir, `${SLUG}.yaml`)), { slug, appliedBy: "registru:bench" });
  return (await getOrganisation(ctx, slug)).tenant.tenantId;
}

/**
 * Counts the statements this process sends PostgreSQL, each one round trip (pg sends one at a
 * time on a connection): drizzle's, the pool's and the tenant wall's all go through Client#query.
 */
function countStatements() {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const query = proto.query;
  let count = 0;
  proto.query = function (this: unknown, ...args: unknown[]) {
    count += 1;
    return query.apply(this, args);
  };
  return {
    get count() {
      return count;
    },
    stop: () => void (proto.query = query),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Baseline and Registru take turns, ROUNDS times, and each reports its median: other work on the
 * machine then weighs on both sides alike rather than on whichever ran during it.
 */
async function measureWrites(database: Database, ctx: Context, scratchUrl: string, origin: string, apiKey: string) {
  const { connections, seconds } = settings();
  const baselineTenant = await organisation(ctx, "baseline");
  await database.executeSql("create sequence bench_baseline_seq");
  out(`writes: ${connections} connections, ${ROUNDS} rounds of ${seconds} s each, one record per transaction or request`);
  const baseline: number[] = [];
  const api: number[] = [];
  const busyPerRecord: number[] = [];
  const loopShare: number[] = [];
  const cpuPerRecord: number[] = [];
  const statementsPerRecord: number[] = [];
  const clientPerRecord: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const pgbench = await runPgbench(scratchUrl, pgbenchScript(baselineTenant), { connections, seconds });
    if (pgbench.failed > 0) throw new Error(`pgbench: ${pgbench.failed} transactions failed`);
    baseline.push(pgbench.tps);
    const before = performance.eventLoopUtilization();
    const cpu = process.cpuUsage();
    const statements = countStatements();
    const http = await runLoad({ ...basePlan("record", `w${round}-`), url: `${origin}/api/v1/organisations/${SLUG}/consents`, apiKey, body: consentBody }).finally(
      statements.stop,
    );
    const used = process.cpuUsage(cpu);
    const loop = performance.eventLoopUtilization(before);
    assertClean("POST /consents", http);
    api.push(rate(http));
    busyPerRecord.push((loop.active * 1000) / http.requests);
    loopShare.push(loop.utilization);
    // The load runs in a process of its own, so this process's CPU time is the server's (and its driver's).
    cpuPerRecord.push((used.user + used.system) / http.requests);
    statementsPerRecord.push(statements.count / http.requests);
    clientPerRecord.push(http.cpuMicros / http.requests);
  }
  const ratio = median(api) / median(baseline);
  const row = (label: string, xs: number[], extra = "") =>
    out(`  ${label.padEnd(52)} ${fmt(median(xs)).padStart(8)} records/s  (${xs.map((x) => fmt(x)).join(", ")})${extra}`);
  row("baseline: pgbench, record INSERT + state upsert", baseline);
  row("Registru: POST /api/v1/organisations/:slug/consents", api, `  ${ratio.toFixed(2)}x baseline`);
  // Where the time goes: the server's event loop (its one thread) busy share and busy time a request.
  out(`  server thread busy ${fmt(median(loopShare) * 100)}% of the time, ${fmt(median(busyPerRecord))} µs a request`);
  out(`  server process CPU ${fmt(median(cpuPerRecord))} µs a record (${cpuPerRecord.map((x) => fmt(x)).join(", ")}); ${fmt(median(statementsPerRecord), 2)} statements to PostgreSQL a request`);
  out(`  load client CPU ${fmt(median(clientPerRecord))} µs a request (it shares the machine with the server and PostgreSQL)`);
  const started = performance.now();
  const count = await verified(ctx);
  out(`  ledger verified: ${fmt(count)} records in ${fmt(performance.now() - started)} ms`);
  out(`  target write ratio >= 0.5: ${verdict(ratio >= 0.5)} (${ratio.toFixed(2)})`);
}

async function measureLookups(database: Database, ctx: Context, scratchUrl: string, origin: string, apiKey: string) {
  const { connections, seconds, subjects } = settings();
  const { tenant, version } = await getOrganisation(ctx, SLUG);
  const tenantId = tenant.tenantId;
  const seededAt = performance.now();
  await seedSubjects(database.db, tenantId, {
    count: subjects,
    prefix: "s-",
    record: {
      subjectRef: null,
      purpose: PURPOSE,
      decision: "given",
      legalBasis: "consent",
      policyVersion: version!.version,
      textHash,
      language: "ro",
      jurisdiction: tenant.jurisdiction,
      method: "banner_custom",
      collectedBy: null,
      guardian: null,
      validUntil: null,
      ipTruncated: "127.0.0.0/24",
      userAgent: "registru-bench/1",
    },
  });
  out(`seeded ${fmt(subjects)} subjects through the ledger's chained append, 5,000 a transaction, in ${fmt((performance.now() - seededAt) / 1000, 1)} s`);
  const verifiedAt = performance.now();
  const count = await verified(ctx);
  out(`ledger of ${fmt(count)} records verified (registru consent verify: the chain, then the current state) in ${fmt((performance.now() - verifiedAt) / 1000, 1)} s`);
  await database.executeSql("analyze consent_state");
  const lookup = { ...basePlan("lookup", "s-"), subjects };
  const sqlLatencies: number[] = [];
  const apiLatencies: number[] = [];
  const sqlRates: number[] = [];
  const apiRates: number[] = [];
  const statementsPerLookup: number[] = [];
  const serverPerLookup: number[] = [];
  const clientPerLookup: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const sql = await runLoad({ ...lookup, kind: "sql-lookup", databaseUrl: scratchUrl, tenantId, sql: lookupSql });
    assertClean("SQL lookup", sql);
    const statements = countStatements();
    const cpu = process.cpuUsage();
    const http = await runLoad({ ...lookup, url: `${origin}/api/v1/organisations/${SLUG}/consents`, apiKey }).finally(statements.stop);
    const used = process.cpuUsage(cpu);
    assertClean("GET /consents/:consentId", http);
    statementsPerLookup.push(statements.count / http.requests);
    serverPerLookup.push((used.user + used.system) / http.requests);
    clientPerLookup.push(http.cpuMicros / http.requests);
    // A round holds more samples than a spread call may pass as arguments.
    for (const l of sql.latencies) sqlLatencies.push(l);
    for (const l of http.latencies) apiLatencies.push(l);
    sqlRates.push(rate(sql));
    apiRates.push(rate(http));
  }
  const [s, h] = [sqlLatencies, apiLatencies].map((xs) => xs.sort((a, b) => a - b));
  const ms = (xs: number[], p: number) => fmt(percentile(xs, p), 2).padStart(7);
  out(`lookups: ${fmt(subjects)} subjects, a random one per request, ${connections} connections, ${ROUNDS} rounds of ${seconds} s each`);
  out(`  ${"".padEnd(52)}     p50     p95     p99 ms   requests/s`);
  out(`  ${"baseline: one subject's SELECT through pg".padEnd(52)} ${ms(s!, 50)} ${ms(s!, 95)} ${ms(s!, 99)}    ${fmt(median(sqlRates)).padStart(9)}`);
  out(`  ${"Registru: GET /api/v1/organisations/:slug/consents/:id".padEnd(52)} ${ms(h!, 50)} ${ms(h!, 95)} ${ms(h!, 99)}    ${fmt(median(apiRates)).padStart(9)}`);
  const ratio = (p: number) => (percentile(h!, p) / percentile(s!, p)).toFixed(1);
  out(`  ratio to baseline: p50 ${ratio(50)}x, p99 ${ratio(99)}x; ${fmt(median(statementsPerLookup), 2)} statements to PostgreSQL a lookup (lookups that arrive together share one)`);
  out(`  CPU a lookup: server process ${fmt(median(serverPerLookup))} µs, load client ${fmt(median(clientPerLookup))} µs`);
  out(`  target p99 < 5 ms: ${verdict(percentile(h!, 99) < 5)}`);
}

function basePlan(kind: LoadPlan["kind"], subjectPrefix: string): LoadPlan {
  const { connections, seconds } = settings();
  return { kind, connections, warmupMs: WARMUP_MS, durationMs: seconds * 1000, subjectPrefix };
}

export const consentBenchmark: Benchmark = {
  name: "consent",
  description: "consent ledger on PostgreSQL: records/s over HTTP against pgbench, lookup latency over 1 million subjects (targets: >= 0.5x pgbench, p99 < 5 ms)",
  async run() {
    const scratch = await createScratchDatabase(process.env.DATABASE_URL || defaultDatabaseUrl);
    let database: Database | undefined;
    let app: Awaited<ReturnType<typeof buildServer>> | undefined;
    try {
      database = await openDatabase({ url: scratch.url });
      await database.migrate();
      const ctx: Context = { db: database.db, clock: systemClock, log: createLogger("warn") };
      await organisation(ctx, SLUG);
      const { key } = await createApiKey(ctx, SLUG, { name: "bench", actor: "registru:bench" });
      app = await buildServer({ ctx, database, version: registruVersion });
      const origin = await app.listen({ port: 0, host: "127.0.0.1" });
      await measureWrites(database, ctx, scratch.url, origin, key);
      if (settings().subjects > 0) await measureLookups(database, ctx, scratch.url, origin, key);
    } finally {
      await app?.close();
      await database?.close();
      await scratch.drop();
    }
  },
};
