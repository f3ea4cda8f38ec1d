import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";

/** What one load run does: N connections, each sending its next request as soon as the last is answered. */
export interface LoadPlan {
  kind: "record" | "lookup" | "sql-lookup";
  connections: number;
  warmupMs: number;
  durationMs: number;
  /** Subjects are `<subjectPrefix><n>`: new ones for records, 1..subjects for lookups. */
  subjectPrefix: string;
  subjects?: number;
  /** HTTP: the consents collection URL and an API key; records send `body` with a fresh consentId. */
  url?: string;
  apiKey?: string;
  body?: Record<string, unknown>;
  /** SQL: a statement taking $1 tenant id and $2 consent id. */
  databaseUrl?: string;
  tenantId?: string;
  sql?: string;
}

export interface LoadResult {
  ok: number;
  errors: number;
  firstError?: string;
  /** Every request answered, the warm-up's too. */
  requests: number;
  seconds: number;
  /** Milliseconds per successful request, in completion order. */
  latencies: number[];
  /** The load process's own CPU time (user + system), in microseconds: the share of the machine the client took. */
  cpuMicros: number;
}

const workerFile = fileURLToPath(new URL("./load-worker.ts", import.meta.url));
const tsx = import.meta.resolve("tsx");

/**
 * Runs the plan in a child process (TypeScript through tsx, as bin/bench.js does) and returns its
 * counts. A process rather than a thread: the server's CPU time (process.cpuUsage) then holds
 * none of the load's.
 */
export function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const child = fork(workerFile, [], { execArgv: ["--import", tsx], serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    child.once("message", (r: LoadResult) => resolve(r));
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`load process exited with ${code}`)));
    child.send(plan);
  });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
