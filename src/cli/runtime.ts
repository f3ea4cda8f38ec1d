import type { Logger } from "pino";
import { systemClock, type Clock } from "../clock.ts";
import { readConfig, type Config } from "../config.ts";
import type { Context } from "../context.ts";
import { createLogger } from "../logger.ts";
import { openDatabase, type Database } from "../store/index.ts";

export interface Runtime {
  config: Config;
  database: Database;
  ctx: Context;
  close(): Promise<void>;
}

/** Opens the configured database (PostgreSQL if DATABASE_URL is set, else PGlite) and migrates it. */
export async function openRuntime(opts: { log?: Logger; clock?: Clock; dataDir?: string } = {}): Promise<Runtime> {
  const config = readConfig();
  const log = opts.log ?? createLogger(config.LOG_LEVEL, process.stderr);
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: opts.dataDir ?? config.REGISTRU_DATA_DIR, poolSize: config.DATABASE_POOL_SIZE });
  await database.migrate();
  return {
    config,
    database,
    ctx: { db: database.db, clock: opts.clock ?? systemClock, log },
    close: () => database.close(),
  };
}

/** Runs a command against the database and always closes it. */
export async function withRuntime<T>(fn: (rt: Runtime) => Promise<T>, opts?: Parameters<typeof openRuntime>[0]): Promise<T> {
  const rt = await openRuntime(opts);
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}
