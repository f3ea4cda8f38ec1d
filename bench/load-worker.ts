// Runs in a child process (see load.ts), so the load shares neither the event loop nor the CPU
// account of the server it measures.
import { once } from "node:events";
import pg from "pg";
import { Pool } from "undici";
import type { LoadPlan, LoadResult } from "./load.ts";

const [plan] = (await once(process, "message")) as [LoadPlan];
const randomSubject = () => `${plan.subjectPrefix}${1 + Math.floor(Math.random() * plan.subjects!)}`;

type Call = (n: number) => Promise<string | undefined>;

/**
 * undici's pool: about a fifth less CPU a request than node:http's client (measured 59-82 against
 * 74-98 µs), and on a small machine the load's CPU is taken from the server it measures.
 */
function httpCall(): { call: Call; close(): Promise<void> } {
  const url = new URL(plan.url!);
  const pool = new Pool(url.origin, { connections: plan.connections, pipelining: 1 });
  const headers: Record<string, string> = { authorization: `Bearer ${plan.apiKey}`, "user-agent": "registru-bench/1" };
  const jsonHeaders = { ...headers, "content-type": "application/json" };
  const send = async (method: "GET" | "POST", path: string, body: string | undefined, expect: number) => {
    const res = await pool.request({ method, path, body, headers: body ? jsonHeaders : headers });
    const text = await res.body.text();
    return res.statusCode === expect ? undefined : `${res.statusCode} ${text.slice(0, 200)}`;
  };
  const path = url.pathname;
  const call: Call =
    plan.kind === "record"
      ? (n) => send("POST", path, JSON.stringify({ ...plan.body, consentId: `${plan.subjectPrefix}${n}` }), 201)
      : () => send("GET", `${path}/${encodeURIComponent(randomSubject())}`, undefined, 200);
  return { call, close: () => pool.close() };
}

function sqlCall(): { call: Call; close(): Promise<void> } {
  const pool = new pg.Pool({ connectionString: plan.databaseUrl, max: plan.connections });
  const call: Call = async () => {
    const { rows } = await pool.query(plan.sql!, [plan.tenantId, randomSubject()]);
    return rows.length > 0 ? undefined : "no row";
  };
  return { call, close: () => pool.end() };
}

async function run(): Promise<LoadResult> {
  const client = plan.kind === "sql-lookup" ? sqlCall() : httpCall();
  let next = 0;
  let ok = 0;
  let errors = 0;
  let requests = 0;
  let firstError: string | undefined;
  const latencies: number[] = [];
  const cpu = process.cpuUsage();
  const start = performance.now();
  const measureFrom = start + plan.warmupMs;
  const end = measureFrom + plan.durationMs;
  const loop = async () => {
    for (;;) {
      const t0 = performance.now();
      if (t0 >= end) return;
      const failure = await client.call(++next).catch((e: Error) => e.message);
      const t1 = performance.now();
      requests += 1;
      if (t0 < measureFrom) continue;
      if (failure) {
        errors += 1;
        firstError ??= failure;
      } else {
        ok += 1;
        latencies.push(t1 - t0);
      }
    }
  };
  await Promise.all(Array.from({ length: plan.connections }, loop));
  const used = process.cpuUsage(cpu);
  await client.close();
  return { ok, errors, firstError, requests, seconds: (performance.now() - measureFrom) / 1000, latencies, cpuMicros: used.user + used.system };
}

process.send!(await run(), () => process.disconnect());
