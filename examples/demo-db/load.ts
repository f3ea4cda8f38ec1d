/**
 * Creates eldrive's demo tables in an existing, empty database and fills them with a few
 * subjects. The kind follows the url: postgres:// (schema.postgres.sql) or mysql:// and
 * mariadb:// (schema.mariadb.sql); the rows (subjects.sql) are the same on both.
 *
 *   npx tsx examples/demo-db/load.ts "$ELDRIVE_DATABASE_URL" "$ELDRIVE_LEGACY_DATABASE_URL"
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import mysql from "mysql2/promise";
import pg from "pg";

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

export async function loadDemoDatabase(url: string): Promise<void> {
  const rows = await readFile(here("subjects.sql"), "utf8");
  if (/^postgres(ql)?:/.test(url)) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`begin; ${await readFile(here("schema.postgres.sql"), "utf8")}\n${rows}\ncommit;`);
    } finally {
      await client.end();
    }
    return;
  }
  if (/^(mysql|mariadb):/.test(url)) {
    const connection = await mysql.createConnection({ uri: url.replace(/^mariadb:/, "mysql:"), multipleStatements: true });
    try {
      await connection.query(`${await readFile(here("schema.mariadb.sql"), "utf8")}\n${rows}`);
    } finally {
      await connection.end();
    }
    return;
  }
  throw new Error("expected a postgres://, mysql:// or mariadb:// url");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const urls = process.argv.slice(2);
  if (urls.length === 0) {
    console.error("usage: load.ts <database url>...");
    process.exit(2);
  }
  for (const url of urls) {
    await loadDemoDatabase(url);
    console.log(`demo tables created and filled (${new URL(url).protocol.replace(":", "")})`);
  }
}
