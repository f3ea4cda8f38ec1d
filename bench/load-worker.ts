// Runs in a child process (see load.ts), so the load shares neither the event loop nor the CPU
// account of the server it measures.
import { once } from "node:events";
import { Agent, request } from "node:http";
import pg from "pg";
import type { LoadPlan, LoadResult } from "./load.ts";

const [plan] = (await once(process, "message")) as [LoadPlan];
const randomSubject = () => `${plan.subjectPrefix}${1 + Math.floor(Math.random() * plan.subjects!)}`;

type Call = (n: number) => Promise<string | undefined>;

function httpCall(): { call: Call; close(): void } {
  const agent = new Agent({ keepAlive: true, maxSockets: plan.connections });
  const url = new URL(plan.url!);
  const send = (method: string, path: string, body: string | undefined, expect: number) =>
    new Promise<string | undefined>((resolve, reject) => {
      const headers: Record<string, string> = { authorization: `Bearer ${plan.apiKey}`, "user-agent": "registru-bench/1" };
      if (body) Object.assign(headers, { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) });
      const req = request({ agent, host: url.hostname, port: url.port, method, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve(res.statusCode === expect ? undefined : `${res.statusCode} ${Buffer.concat(chunks).toString().slice(0, 200)}`));
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end(body);
    });
  const path = url.pathname;
  const call: Call =
    plan.kind === "record"
      ? (n) => send("POST", path, JSON.stringify({ ...plan.body, consentId: `${plan.subjectPrefix}${n}` }), 201)
      : () => send("GET", `${path}/${encodeURIComponent(randomSubject())}`, undefined, 200);
  return { call, close: () => agent.destroy() };
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
  await client.close();
  return { ok, errors, firstError, requests, seconds: (performance.now() - measureFrom) / 1000, latencies };
}

process.send!(await run(), () => process.disconnect());
