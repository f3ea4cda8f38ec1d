import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mysql from "mysql2/promise";
import pg from "pg";
import initSqlJs from "sql.js";

/**
 * The organisation's databases in tests are real servers in both suite passes (they are not
 * Registru's own store): PostgreSQL on 127.0.0.1:5432 and MariaDB on 127.0.0.1:3306, a fresh
 * database per test file, dropped after; SQLite is a temporary file.
 */
export const postgresAdminUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const mariadbAdmin = { host: "127.0.0.1", port: 3306, user: "root", password: "" };

export interface OrganisationDatabase {
  url: string;
  /** Runs statements (several, separated by `;`) as the administrator would. */
  exec(sql: string): Promise<void>;
  drop(): Promise<void>;
}

const name = () => `registru_org_${randomBytes(6).toString("hex")}`;

export async function organisationPostgres(): Promise<OrganisationDatabase> {
  const database = name();
  await withPg(postgresAdminUrl, (c) => c.query(`create database ${c.escapeIdentifier(database)}`));
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${database}`;
  return {
    url: url.toString(),
    exec: (sql) => withPg(url.toString(), (c) => c.query(sql)).then(() => undefined),
    drop: () => withPg(postgresAdminUrl, (c) => c.query(`drop database if exists ${c.escapeIdentifier(database)} with (force)`)).then(() => undefined),
  };
}

async function withPg<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function organisationMariadb(): Promise<OrganisationDatabase> {
  await ensureMariadbRunning();
  const database = name();
  await withMariadb(undefined, (c) => c.query(`create database ${mysql.escapeId(database)} character set utf8mb4`));
  return {
    url: `mysql://root@127.0.0.1:3306/${database}`,
    exec: (sql) => withMariadb(database, (c) => c.query(sql)).then(() => undefined),
    drop: () => withMariadb(undefined, (c) => c.query(`drop database if exists ${mysql.escapeId(database)}`)).then(() => undefined),
  };
}

async function withMariadb<T>(database: string | undefined, fn: (c: mysql.Connection) => Promise<T>): Promise<T> {
  const c = await mysql.createConnection({ ...mariadbAdmin, database, multipleStatements: true });
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** CI runs on this machine; a stopped MariaDB is started (as the machine's notes say), never skipped. */
async function ensureMariadbRunning() {
  const ping = () => withMariadb(undefined, (c) => c.query("select 1")).then(() => true, () => false);
  if (await ping()) return;
  execFileSync("start-stop-daemon", ["--start", "--oknodo", "--background", "--exec", "/usr/sbin/mariadbd"]);
  for (let i = 0; i < 60; i++) {
    await new Promise((r) => setTimeout(r, 500));
    if (await ping()) return;
  }
  throw new Error("MariaDB on 127.0.0.1:3306 did not start");
}

export async function organisationSqlite(): Promise<OrganisationDatabase & { file: string }> {
  const dir = mkdtempSync(join(tmpdir(), "registru-sqlite-"));
  const file = join(dir, "org.db");
  const SQL = await initSqlJs();
  const empty = new SQL.Database();
  writeFileSync(file, empty.export());
  empty.close();
  return {
    file,
    url: `sqlite://${file}`,
    exec: async (sql) => {
      const db = new SQL.Database(readFileSync(file));
      db.exec(sql);
      writeFileSync(file, db.export());
      db.close();
    },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Reads rows back with the administrator's own connection, not through the code under test. */
export async function query(url: string, sql: string, values: unknown[] = []): Promise<Record<string, unknown>[]> {
  if (url.startsWith("postgres")) return withPg(url, async (c) => (await c.query(sql, values)).rows);
  if (url.startsWith("mysql")) {
    const database = new URL(url).pathname.slice(1);
    return withMariadb(database, async (c) => (await c.query(sql, values))[0] as Record<string, unknown>[]);
  }
  const SQL = await initSqlJs();
  const db = new SQL.Database(readFileSync(url.replace("sqlite://", "")));
  const st = db.prepare(sql);
  st.bind(values as never[]);
  const rows: Record<string, unknown>[] = [];
  while (st.step()) rows.push(st.getAsObject());
  st.free();
  db.close();
  return rows;
}
