import { randomBytes } from "node:crypto";
import { open, readFile, rename, stat, unlink } from "node:fs/promises";
import initSqlJs, { type Database, type SqlJsStatic, type SqlValue } from "sql.js";
import { RegistruError } from "../../errors.ts";
import { sqliteDialect, type Query, type Row } from "./dialect.ts";
import { queryFailed, unreachable, type SqlDriver, type SqlTransaction } from "./driver.ts";

let engine: Promise<SqlJsStatic> | undefined;
const sqlJs = () => (engine ??= initSqlJs());

/** `sqlite:///abs/path.db`, `sqlite:relative.db`, `file:...` or a bare path. */
export const sqlitePath = (url: string) => url.replace(/^(sqlite|file):(\/\/)?/, "");

/**
 * SQLite through sql.js (WASM, no native build): each transaction reads the file into memory;
 * a write transaction commits, then replaces the file atomically (temporary file, fsync,
 * rename). A file changed by someone else meanwhile is not overwritten.
 */
export function sqliteDriver(system: string, url: string): SqlDriver {
  const file = sqlitePath(url);
  return {
    system,
    dialect: sqliteDialect,
    async begin(mode) {
      const SQL = await sqlJs();
      const before = await stat(file).catch((e: unknown) => {
        throw unreachable(system, e);
      });
      const db = new SQL.Database(await readFile(file));
      db.run("pragma foreign_keys = on");
      db.run("begin");
      return transaction(system, db, mode === "write" ? () => writeBack(system, file, db, before) : undefined);
    },
    async columns(tx, table) {
      const rows = await tx.rows({ text: "select name, lower(type) as type, \"notnull\" as not_null from pragma_table_info(?)", values: [table] });
      if (rows.length === 0) return null;
      return rows.map((r) => ({ name: String(r.name), type: String(r.type), nullable: Number(r.not_null) === 0 }));
    },
    async indexedColumns(tx, table) {
      const leading = await tx.rows({
        text: "select ii.name as name from pragma_index_list(?) as il, pragma_index_info(il.name) as ii where ii.seqno = 0 and il.partial = 0",
        values: [table],
      });
      // An INTEGER PRIMARY KEY is the row id itself: no index is listed, none is needed.
      const rowid = await tx.rows({
        text: "select name from pragma_table_info(?) where pk = 1 and lower(type) = 'integer' and (select count(*) from pragma_table_info(?) where pk > 0) = 1",
        values: [table, table],
      });
      return new Set([...leading, ...rowid].map((r) => String(r.name)));
    },
    close: async () => undefined,
  };
}

function transaction(system: string, db: Database, persist?: () => Promise<void>): SqlTransaction {
  let open = true;
  const guard = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (e) {
      // SQLite's messages name tables and columns, never bound values: safe to pass on.
      throw queryFailed(system, { code: e instanceof Error ? e.message.slice(0, 120) : "unknown" });
    }
  };
  return {
    rows: async (q: Query) =>
      guard(() => {
        const statement = db.prepare(q.text);
        try {
          statement.bind(q.values as SqlValue[]);
          const out: Row[] = [];
          while (statement.step()) out.push(statement.getAsObject());
          return out;
        } finally {
          statement.free();
        }
      }),
    run: async (q: Query) =>
      guard(() => {
        db.run(q.text, q.values as SqlValue[]);
        return db.getRowsModified();
      }),
    async commit() {
      if (!open) return;
      open = false;
      try {
        guard(() => db.run("commit"));
        await persist?.();
      } finally {
        db.close();
      }
    },
    async rollback() {
      if (!open) return;
      open = false;
      db.close();
    },
  };
}

async function writeBack(system: string, file: string, db: Database, before: Awaited<ReturnType<typeof stat>>) {
  const data = db.export();
  const now = await stat(file);
  if (now.mtimeMs !== before.mtimeMs || now.size !== before.size || now.ino !== before.ino) {
    throw new RegistruError("connector_conflict", `system "${system}": the SQLite file changed during the transaction; nothing was written`, 409);
  }
  const temporary = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  const handle = await open(temporary, "wx", Number(before.mode) & 0o777);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file).catch(async (e: unknown) => {
    await unlink(temporary).catch(() => undefined);
    throw e;
  });
}
