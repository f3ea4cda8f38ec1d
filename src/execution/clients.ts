import { stringify } from "csv-stringify/sync";
import { appendAudit } from "../audit/index.ts";
import { describeProblem, inspectTables, inTransaction, jsonValue, openSystems, type Environment, type SqlDriver } from "../connectors/index.ts";
import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import type { Manifest, ProcessingActivity } from "../manifest/index.ts";
import { requestOrganisation } from "../requests/index.ts";

const SQL_KINDS = ["postgres", "mysql", "mariadb", "sqlite"];
const PAGE = 1000;

type Client = NonNullable<Manifest["clients"]>[number];

/** The clients a processor activity is done for: the named ones, or every client (`each_client`, or unsaid). */
const clientsOf = (m: Manifest, a: ProcessingActivity): Client[] =>
  a.controllers === "each_client" || !a.controllers ? (m.clients ?? []) : (m.clients ?? []).filter((c) => (a.controllers as string[]).includes(c.id));

interface ClientTable {
  system: string;
  table: string;
  primaryKey: string;
  columns: string[];
  /** The column naming each row's client, in a table shared by several clients. */
  clientColumn?: string;
}

/**
 * The tables holding this client's rows: a table of a processor activity done for it alone (all
 * its rows), or a table shared by several clients that names each row's client in its
 * `client_column`. A shared table without one cannot be split.
 */
export function clientTables(m: Manifest, clientId: string): ClientTable[] {
  const client = m.clients?.find((c) => c.id === clientId);
  if (!client) throw new RegistruError("unknown_client", `no client "${clientId}" under clients in the policy in force`, 404);
  const out: ClientTable[] = [];
  const shared: string[] = [];
  for (const system of (m.systems ?? []).filter((s) => SQL_KINDS.includes(s.kind))) {
    for (const [table, spec] of Object.entries(system.tables ?? {})) {
      const ids = Array.isArray(spec.activity) ? spec.activity : [spec.activity];
      const activities = m.activities.filter((a) => ids.includes(a.id) && a.role === "processor" && clientsOf(m, a).some((c) => c.id === clientId));
      if (activities.length === 0) continue;
      if (!spec.client_column && activities.some((a) => clientsOf(m, a).length > 1)) {
        shared.push(`${system.id}.${table}`);
        continue;
      }
      const columns = [...new Set([...Object.values(spec.identity ?? {}), ...Object.keys(spec.fields ?? {})])].filter((c): c is string => Boolean(c));
      out.push({ system: system.id, table, primaryKey: spec.primary_key ?? "id", columns, ...(spec.client_column && { clientColumn: spec.client_column }) });
    }
  }
  if (out.length === 0 && shared.length > 0) {
    throw new RegistruError(
      "client_rows_not_separable",
      `${shared.join(", ")} hold data of several clients, and the manifest does not say which rows are "${clientId}"'s: name the column that holds each row's client as the table's client_column`,
      409,
    );
  }
  if (out.length === 0) throw new RegistruError("no_client_data", `no database table in the policy holds data processed for "${clientId}"`, 404);
  return out;
}

/**
 * S0-10: a client controller's registrants as CSV, exported for it by its processor — the rows of
 * the table (in a shared table, those whose `client_column` is the client's id, an indexed `=`),
 * read in key order a page at a time. The export is audited (who, which table, how many rows),
 * never its content.
 */
export async function clientExport(ctx: Context, slug: string, clientId: string, opts: { table?: string; env?: Environment; actor: string }): Promise<{ filename: string; csv: Buffer; rows: number }> {
  const org = await requestOrganisation(ctx, slug);
  const tables = clientTables(org.manifest, clientId);
  const wanted = opts.table ? tables.find((t) => `${t.system}.${t.table}` === opts.table || t.table === opts.table) : tables.length === 1 ? tables[0] : undefined;
  if (!wanted) throw new RegistruError("table_required", `name the table to export: ${tables.map((t) => `${t.system}.${t.table}`).join(", ")}`, 400);
  const systems = openSystems(org.manifest.systems ?? [], { env: opts.env, clock: ctx.clock });
  try {
    const driver = systems.sql(wanted.system);
    if (wanted.clientColumn) await checkClientColumn(driver, wanted, wanted.clientColumn);
    const d = driver.dialect;
    const records: unknown[][] = [];
    await inTransaction(driver, "read", async (tx) => {
      let after: unknown;
      for (;;) {
        const values: unknown[] = [];
        const conditions = [
          ...(wanted.clientColumn ? [`${d.quote(wanted.clientColumn)} = ${d.param(values, clientId)}`] : []),
          ...(after === undefined ? [] : [`${d.quote(wanted.primaryKey)} > ${d.param(values, after)}`]),
        ];
        const where = conditions.length ? ` where ${conditions.join(" and ")}` : "";
        const text = `select ${[wanted.primaryKey, ...wanted.columns].map(d.quote).join(", ")} from ${d.quote(wanted.table)}${where} order by ${d.quote(wanted.primaryKey)} limit ${PAGE}`;
        const page = await tx.rows({ text, values });
        for (const row of page) records.push(wanted.columns.map((c) => cell(row[c])));
        if (page.length < PAGE) break;
        after = page.at(-1)![wanted.primaryKey];
      }
    });
    const details = { table: `${wanted.system}.${wanted.table}`, ...(wanted.clientColumn && { clientColumn: wanted.clientColumn }), rows: records.length };
    await ctx.db.transaction((tx) => appendAudit(tx, org.tenantId, { at: ctx.clock.now(), actor: opts.actor, action: "client.exported", entity: "client", entityId: clientId, details }));
    const csv = Buffer.from(stringify([wanted.columns, ...records], { bom: true, record_delimiter: "\r\n" }));
    return { filename: `${clientId}-${wanted.table}.csv`, csv, rows: records.length };
  } finally {
    await systems.close();
  }
}

/**
 * The client column must exist and lead an index: a shared table is read only through its
 * client's rows, never scanned. The index suggested also holds the key, so each page is one
 * range of it.
 */
async function checkClientColumn(driver: SqlDriver, t: ClientTable, column: string): Promise<void> {
  const problems = await inspectTables(driver, [{ table: t.table, columns: [t.primaryKey, ...t.columns], lookups: [column] }]);
  const mismatch = problems.filter((p) => p.problem !== "missing_index");
  if (mismatch.length > 0) {
    throw new RegistruError("connector_schema_mismatch", `the manifest names what the database lacks: ${mismatch.map(describeProblem).join("; ")}`, 422, { problems: mismatch });
  }
  if (problems.length > 0) {
    const d = driver.dialect;
    const statement = `CREATE INDEX ${d.quote(`${t.table}_${column}_idx`.slice(0, 63))} ON ${d.quote(t.table)} (${d.quote(column)}, ${d.quote(t.primaryKey)});`;
    throw new RegistruError("connector_missing_index", `client column without an index, refusing a whole-table scan: ${t.system}.${t.table}.${column}`, 422, {
      problems: [{ system: t.system, table: t.table, column, problem: "missing_index", statement }],
    });
  }
}

function cell(v: unknown): string {
  const j = jsonValue(v);
  return j === null ? "" : typeof j === "object" ? JSON.stringify(j) : String(j);
}
