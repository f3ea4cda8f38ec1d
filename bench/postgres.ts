import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";

export const defaultDatabaseUrl = "postgres://postgres@127.0.0.1:5432/test";

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A database of its own for one run, on the server of `adminUrl`; dropped afterwards, even with open connections. */
export async function createScratchDatabase(adminUrl: string): Promise<ScratchDatabase> {
  const name = `registru_bench_${randomBytes(6).toString("hex")}`;
  await withClient(adminUrl, (c) => c.query(`create database ${c.escapeIdentifier(name)}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withClient(adminUrl, (c) => c.query(`drop database if exists ${c.escapeIdentifier(name)} with (force)`)).then(() => undefined),
  };
}

/** One connection for a few statements, closed afterwards. */
export async function withClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface PgbenchResult {
  tps: number;
  transactions: number;
  failed: number;
}

/**
 * Runs pgbench with a custom script: `-n` (no vacuum of pgbench's own tables, which do not
 * exist here), one thread per connection, for a fixed time.
 */
export async function runPgbench(url: string, script: string, opts: { connections: number; seconds: number; defines?: Record<string, string> }): Promise<PgbenchResult> {
  const file = join(tmpdir(), `registru-pgbench-${randomBytes(4).toString("hex")}.sql`);
  await writeFile(file, script);
  try {
    const u = new URL(url);
    const c = String(opts.connections);
    const args = ["-n", "-c", c, "-j", c, "-T", String(opts.seconds), "-f", file];
    for (const [k, v] of Object.entries(opts.defines ?? {})) args.push("-D", `${k}=${v}`);
    args.push("-h", u.hostname, "-p", u.port || "5432", "-U", decodeURIComponent(u.username || "postgres"), u.pathname.slice(1));
    const env = { ...process.env, ...(u.password && { PGPASSWORD: decodeURIComponent(u.password) }) };
    const { stdout } = await promisify(execFile)(process.env.PGBENCH ?? "/usr/bin/pgbench", args, { env });
    return parsePgbench(stdout);
  } finally {
    await rm(file, { force: true });
  }
}

export function parsePgbench(out: string): PgbenchResult {
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(out);
  const processed = /number of transactions actually processed: (\d+)/.exec(out);
  if (!tps || !processed) throw new Error(`cannot read pgbench's output:\n${out}`);
  const failed = /number of failed transactions: (\d+)/.exec(out);
  return { tps: Number(tps[1]), transactions: Number(processed[1]), failed: failed ? Number(failed[1]) : 0 };
}
