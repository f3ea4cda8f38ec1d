import pg from "pg";
import { postgresDialect, type Query } from "./dialect.ts";
import { queryFailed, unreachable, type SqlDriver, type SqlTransaction } from "./driver.ts";

/** Dates and time stamps without a zone as the database writes them: node-pg would read them in the process's zone. */
const NAIVE_TYPES = new Set([1082 /* date */, 1114 /* timestamp */]);
const types = { getTypeParser: ((oid: number, format?: "text" | "binary") => (NAIVE_TYPES.has(oid) ? (v: string) => v : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser };

export function postgresDriver(system: string, url: string): SqlDriver {
  const pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 10_000, types });
  // An idle connection the server drops must not bring the process down; the next query reconnects.
  pool.on("error", () => undefined);
  return {
    system,
    dialect: postgresDialect,
    async begin(mode) {
      const client = await pool.connect().catch((e: unknown) => {
        throw unreachable(system, e);
      });
      try {
        await client.query(mode === "read" ? "begin isolation level repeatable read read only" : "begin");
      } catch (e) {
        client.release(true);
        throw unreachable(system, e);
      }
      return transaction(system, client);
    },
    async columns(tx, table) {
      const rows = await tx.rows({
        text: `select column_name as name, data_type as type, character_maximum_length as max_length, is_nullable = 'YES' as nullable
               from information_schema.columns where table_schema = current_schema() and table_name = $1 order by ordinal_position`,
        values: [table],
      });
      if (rows.length === 0) return null;
      return rows.map((r) => ({ name: String(r.name), type: String(r.type), ...(r.max_length == null ? {} : { maxLength: Number(r.max_length) }), nullable: Boolean(r.nullable) }));
    },
    async indexedColumns(tx, table) {
      // Only whole (non-partial) indexes, by their first column: what `key = any($1)` can use.
      const rows = await tx.rows({
        text: `select a.attname as name from pg_index i
               join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
               where i.indrelid = to_regclass(quote_ident($1)) and i.indpred is null`,
        values: [table],
      });
      return new Set(rows.map((r) => String(r.name)));
    },
    close: () => pool.end(),
  };
}

function transaction(system: string, client: pg.PoolClient): SqlTransaction {
  let open = true;
  const finish = async (statement: string) => {
    if (!open) return;
    open = false;
    try {
      await client.query(statement);
      client.release();
    } catch (e) {
      client.release(true);
      throw queryFailed(system, e);
    }
  };
  const query = async (q: Query) => {
    try {
      return await client.query(q.text, q.values);
    } catch (e) {
      throw queryFailed(system, e);
    }
  };
  return {
    rows: async (q) => (await query(q)).rows,
    run: async (q) => (await query(q)).rowCount ?? 0,
    commit: () => finish("commit"),
    rollback: () => finish("rollback"),
  };
}
