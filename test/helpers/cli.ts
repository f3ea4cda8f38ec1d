import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main.ts";
import type { Io } from "../../src/cli/io.ts";
import { openDatabase } from "../../src/store/index.ts";
import { createPostgresDatabase, onPostgres } from "./database.ts";

/** Runs the CLI in-process and captures what it prints. */
export async function runCli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  let code = 0;
  const io: Io = {
    out: (l) => void out.push(l),
    err: (l) => void err.push(l),
    exit: (c) => void (code = Math.max(code, c)),
    get code() {
      return code;
    },
  };
  const exitCode = await main(["node", "registru", ...args], io);
  return { exitCode, stdout: out.join("\n"), stderr: err.join("\n") };
}

/**
 * A database for in-process CLI runs: a fresh PostgreSQL database (DATABASE_URL) or a PGlite
 * directory (REGISTRU_DATA_DIR), set in the environment the commands read.
 */
export function cliDatabase(prefix: string) {
  const dataDir = mkdtempSync(join(tmpdir(), `registru-${prefix}-`));
  let drop = async () => {};
  return {
    dataDir,
    async setUp() {
      if (onPostgres) {
        const created = await createPostgresDatabase();
        process.env.DATABASE_URL = created.url;
        drop = created.drop;
      } else {
        process.env.REGISTRU_DATA_DIR = dataDir;
      }
    },
    drop: () => drop(),
    /** The same database, opened directly (only while no command holds it). */
    open: () => openDatabase(onPostgres ? { url: process.env.DATABASE_URL } : { dataDir }),
  };
}
