import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { RegistruError } from "../errors.ts";
import * as schema from "./schema.ts";
import { PgChannel, PgliteChannel, registerListen, type ChannelHandlers, type Listening } from "./listen.ts";
import { outsideTenantScope, TenantScopedPool } from "./tenant-scope.ts";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** Runs one SQL statement with positional parameters; used by the job queue and raw reports. */
export type ExecuteSql = (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

export interface Database {
  kind: "pglite" | "postgres";
  db: Db;
  executeSql: ExecuteSql;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A PostgreSQL URL; without it Registru uses the embedded PGlite. */
  url?: string;
  /** PGlite data directory; "memory://" keeps everything in memory. */
  dataDir?: string;
  poolSize?: number;
}

const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));
// Any constant works; it only has to be the same in every Registru process.
const MIGRATION_LOCK = 7_310_421;

export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  return options.url ? openPostgres(options.url, options.poolSize ?? 10) : openPglite(options.dataDir ?? "./registru-data");
}

async function openPglite(dataDir: string): Promise<Database> {
  const unlock = dataDir.startsWith("memory://") ? async () => {} : await lockDataDir(dataDir);
  const client = await PGlite.create(dataDir).catch(async (e: unknown) => {
    await unlock();
    throw e;
  });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  const channels = listenWith(db, (channel, handlers) => new PgliteChannel(client, channel, handlers));
  return {
    kind: "pglite",
    db,
    // PGlite prepares any statement given parameters, and a prepared statement holds one command;
    // parameterless SQL (the queue's schema scripts) may hold several, so it goes through exec.
    executeSql: async (text, values) =>
      values?.length
        ? { rows: (await client.query<Record<string, unknown>>(text, values)).rows }
        : { rows: ((await client.exec(text)).at(-1)?.rows ?? []) as Record<string, unknown>[] },
    // PGlite is single-connection and single-process: no lock needed.
    migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder }),
    close: async () => {
      await channels.close();
      await client.close();
      await unlock();
    },
  };
}

/**
 * PGlite is one process's database: a second process on the same directory would work on a
 * stale copy and corrupt it. A lock file with the owner's pid keeps the second one out.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  const lockFile = join(dataDir, "registru.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lockFile, String(process.pid), { flag: "wx" });
      return () => rm(lockFile, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const owner = Number.parseInt(await readFile(lockFile, "utf8").catch(() => ""), 10);
      if (isAlive(owner)) {
        throw new RegistruError(
          "data_dir_in_use",
          `another Registru process (pid ${owner}) is using ${dataDir}; stop it first, or set DATABASE_URL to share a PostgreSQL server between processes`,
          409,
        );
      }
      await rm(lockFile, { force: true }); // left behind by a process that died
    }
  }
  throw new RegistruError("data_dir_in_use", `cannot lock ${dataDir}`, 409);
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new TenantScopedPool({ connectionString: url, max: poolSize });
  // An idle connection ended by the server (a restart, pg_terminate_backend) is dropped from the
  // pool and replaced on next use; unhandled, the pool's error event would end the process.
  pool.on("error", (e: Error & { code?: string }) => process.emitWarning(`PostgreSQL closed an idle connection (${e.code ?? e.name})`));
  // Fail now, with a clear error, rather than at the first request.
  const probe = await pool.connect().catch((e: Error) => {
    throw new DatabaseUnavailable(e);
  });
  probe.release();
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  const channels = listenWith(db, (channel, handlers) => new PgChannel({ connectionString: url }, channel, handlers));
  return {
    kind: "postgres",
    db,
    // The job queue's tables are the installation's: its statements are never walled.
    executeSql: async (text, values) => ({ rows: (await outsideTenantScope(() => pool.query(text, values))).rows }),
    migrate: () => migratePostgresLocked(pool),
    close: async () => {
      await channels.close();
      await pool.end();
    },
  };
}

/** Lets domain code LISTEN on the database behind `db`; the channels close with it. */
function listenWith(db: Db, open: (channel: string, handlers: ChannelHandlers) => Listening) {
  const opened = new Set<Listening>();
  registerListen(db, (channel, handlers) => {
    const listening = open(channel, handlers);
    opened.add(listening);
    return listening;
  });
  return { close: () => Promise.all([...opened].map((l) => l.close())) };
}

/** Several processes may start at once; an advisory lock lets exactly one migrate. */
async function migratePostgresLocked(pool: pg.Pool) {
  const client = await outsideTenantScope(() => pool.connect());
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await migratePg(drizzlePg(client), { migrationsFolder });
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}

class DatabaseUnavailable extends RegistruError {
  constructor(cause: Error) {
    // The URL may hold a password: never echo it.
    // The driver's message may name the role or host; the code is enough to act on.
    super("database_unavailable", `cannot connect to PostgreSQL (${(cause as NodeJS.ErrnoException).code ?? cause.name})`, 503);
  }
}
