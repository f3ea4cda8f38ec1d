import { stringify } from "csv-stringify/sync";
import { appendAudit } from "../audit/index.ts";
import { inTransaction, jsonValue, openSystems, type Environment } from "../connectors/index.ts";
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
}

/**
 * The tables whose rows all belong to this client: tables of a processor activity done for it
 * alone. A table shared by several clients cannot be split: the manifest has no way to say
 * which column names the client of a row.
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
      if (activities.some((a) => clientsOf(m, a).length > 1)) {
        shared.push(`${system.id}.${table}`);
        continue;
      }
      const columns = [...new Set([...Object.values(spec.identity ?? {}), ...Object.keys(spec.fields ?? {})])].filter((c): c is string => Boolean(c));
      out.push({ system: system.id, table, primaryKey: spec.primary_key ?? "id", columns });
    }
  }
  if (out.length === 0 && shared.length > 0) {
    throw new RegistruError(
      "client_rows_not_separable",
      `${shared.join(", ")} hold data of several clients, and the manifest cannot say which rows are "${clientId}"'s (a table has no field naming its client controller)`,
      409,
    );
  }
  if (out.length === 0) throw new RegistruError("no_client_data", `no database table in the policy holds data processed for "${clientId}"`, 404);
  return out;
}

/**
 * S0-10: a client controller's registrants as CSV, exported for it by its processor — every row
 * of the table, read in key order a page at a time. The export is audited (who, which table, how
 * many rows), never its content.
 */
export async function clientExport(ctx: Context, slug: string, clientId: string, opts: { table?: string; env?: Environment; actor: string }): Promise<{ filename: string; csv: Buffer; rows: number }> {
  const org = await requestOrganisation(ctx, slug);
  const tables = clientTables(org.manifest, clientId);
  const wanted = opts.table ? tables.find((t) => `${t.system}.${t.table}` === opts.table || t.table === opts.table) : tables.length === 1 ? tables[0] : undefined;
  if (!wanted) throw new RegistruError("table_required", `name the table to export: ${tables.map((t) => `${t.system}.${t.table}`).join(", ")}`, 400);
  const systems = openSystems(org.manifest.systems ?? [], { env: opts.env, clock: ctx.clock });
  try {
    const driver = systems.sql(wanted.system);
    const d = driver.dialect;
    const records: unknown[][] = [];
    await inTransaction(driver, "read", async (tx) => {
      let after: unknown;
      for (;;) {
        const values: unknown[] = [];
        const where = after === undefined ? "" : ` where ${d.quote(wanted.primaryKey)} > ${d.param(values, after)}`;
        const text = `select ${[wanted.primaryKey, ...wanted.columns].map(d.quote).join(", ")} from ${d.quote(wanted.table)}${where} order by ${d.quote(wanted.primaryKey)} limit ${PAGE}`;
        const page = await tx.rows({ text, values });
        for (const row of page) records.push(wanted.columns.map((c) => cell(row[c])));
        if (page.length < PAGE) break;
        after = page.at(-1)![wanted.primaryKey];
      }
    });
    await ctx.db.transaction((tx) =>
      appendAudit(tx, org.tenantId, { at: ctx.clock.now(), actor: opts.actor, action: "client.exported", entity: "client", entityId: clientId, details: { table: `${wanted.system}.${wanted.table}`, rows: records.length } }),
    );
    const csv = Buffer.from(stringify([wanted.columns, ...records], { bom: true, record_delimiter: "\r\n" }));
    return { filename: `${clientId}-${wanted.table}.csv`, csv, rows: records.length };
  } finally {
    await systems.close();
  }
}

function cell(v: unknown): string {
  const j = jsonValue(v);
  return j === null ? "" : typeof j === "object" ? JSON.stringify(j) : String(j);
}
