import { randomBytes } from "node:crypto";
import pg from "pg";
import pino from "pino";
import { fixedClock, type Clock } from "../../src/clock.ts";
import type { Context } from "../../src/context.ts";
import { openDatabase, type Database } from "../../src/store/index.ts";

/** The suite runs on PGlite by default and on a real PostgreSQL server when DATABASE_URL is set. */
const adminUrl = process.env.DATABASE_URL;
export const onPostgres = Boolean(adminUrl);
export const backend = onPostgres ? "postgres" : "pglite";

export interface TestDatabase {
  database: Database;
  /** A URL for another process to reach the same database (PostgreSQL only). */
  url?: string;
  ctx(clock?: Clock): Context;
  drop(): Promise<void>;
}

/** A fresh, migrated database per call: its own in-memory PGlite, or its own PostgreSQL database. */
export async function openTestDatabase(): Promise<TestDatabase> {
  if (!onPostgres) {
    const database = await openDatabase({ dataDir: "memory://" });
    await database.migrate();
    return { database, ctx: (clock) => context(database, clock), drop: () => database.close() };
  }
  const { url, drop } = await createPostgresDatabase();
  const database = await openDatabase({ url, poolSize: 4 });
  await database.migrate();
  return {
    database,
    url,
    ctx: (clock) => context(database, clock),
    drop: async () => {
      await database.close();
      await drop();
    },
  };
}

export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const name = `registru_t_${randomBytes(6).toString("hex")}`;
  await admin.query(`create database ${admin.escapeIdentifier(name)}`);
  await admin.end();
  const url = new URL(adminUrl!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${c.escapeIdentifier(name)} with (force)`);
      await c.end();
    },
  };
}

export const silentLog = pino({ level: "silent" });

function context(database: Database, clock: Clock = fixedClock("2026-11-23T10:00:00Z")): Context {
  return { db: database.db, clock, log: silentLog };
}
