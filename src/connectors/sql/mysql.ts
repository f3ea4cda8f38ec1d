import mysql from "mysql2/promise";
import { mysqlDialect, type Query, type Row } from "./dialect.ts";
import { queryFailed, unreachable, type SqlDriver, type SqlTransaction } from "./driver.ts";

/** MySQL and MariaDB through mysql2. `mariadb://` urls are accepted as `mysql://`. */
export function mysqlDriver(system: string, url: string): SqlDriver {
  const pool = mysql.createPool({
    uri: url.replace(/^mariadb:/, "mysql:"),
    connectionLimit: 2,
    connectTimeout: 10_000,
    // Matched rows, not changed rows: a re-run of the same update reports the same count as PostgreSQL does.
    flags: ["FOUND_ROWS"],
    supportBigNumbers: true,
    bigNumberStrings: true,
    // Dates and DATETIMEs carry no zone: as the database writes them, the same as PostgreSQL's date and timestamp.
    dateStrings: ["DATE", "DATETIME"],
    timezone: "Z",
    maxPreparedStatements: 200,
  });
  return {
    system,
    dialect: mysqlDialect,
    async begin(mode) {
      const conn = await pool.getConnection().catch((e: unknown) => {
        throw unreachable(system, e);
      });
      try {
        if (mode === "read") await conn.query("set transaction isolation level repeatable read");
        await conn.query(mode === "read" ? "start transaction read only" : "start transaction");
      } catch (e) {
        conn.destroy();
        throw unreachable(system, e);
      }
      return transaction(system, conn);
    },
    async columns(tx, table) {
      const rows = await tx.rows({
        text: `select column_name as name, data_type as type, character_maximum_length as max_length, is_nullable = 'YES' as nullable
               from information_schema.columns where table_schema = database() and table_name = ? order by ordinal_position`,
        values: [table],
      });
      if (rows.length === 0) return null;
      return rows.map((r) => ({ name: String(r.name), type: String(r.type).toLowerCase(), ...(r.max_length == null ? {} : { maxLength: Number(r.max_length) }), nullable: Number(r.nullable) === 1 }));
    },
    async indexedColumns(tx, table) {
      const rows = await tx.rows({
        text: "select column_name as name from information_schema.statistics where table_schema = database() and table_name = ? and seq_in_index = 1",
        values: [table],
      });
      return new Set(rows.map((r) => String(r.name)));
    },
    close: () => pool.end(),
  };
}

function transaction(system: string, conn: mysql.PoolConnection): SqlTransaction {
  let open = true;
  const finish = async (statement: string) => {
    if (!open) return;
    open = false;
    try {
      await conn.query(statement);
      conn.release();
    } catch (e) {
      conn.destroy();
      throw queryFailed(system, e);
    }
  };
  // Server-side prepared statements: the server, not a client-side formatter, finds the `?`s,
  // so a `?` inside a quoted identifier stays part of the name.
  const execute = async (q: Query) => {
    try {
      const [result] = await conn.execute(q.text, q.values as never[]);
      return result;
    } catch (e) {
      throw queryFailed(system, e);
    }
  };
  return {
    rows: async (q) => (await execute(q)) as Row[],
    run: async (q) => ((await execute(q)) as mysql.ResultSetHeader).affectedRows,
    commit: () => finish("commit"),
    rollback: () => finish("rollback"),
  };
}
