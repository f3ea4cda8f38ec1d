import { stringify } from "csv-stringify/sync";
import yazl from "yazl";
import type { FoundTable, JsonValue } from "../connectors/index.ts";

/** One file of a package: its path inside the zip and its bytes. */
export interface PackageFile {
  path: string;
  content: Buffer;
}

/** File names stay inside the package whatever a system or table is called. */
const safe = (s: string) => s.replace(/[^A-Za-z0-9_.-]/g, "_");

export const jsonPath = (system: string) => `json/${safe(system)}.json`;
export const csvPath = (t: Pick<FoundTable, "system" | "table">) => `csv/${safe(t.system)}.${safe(t.table)}.csv`;

/**
 * One JSON document per system: each table with its fields (column → taxonomy id) and its rows
 * (column → value) — structured, commonly used and machine-readable (Art. 20(1)).
 */
export function systemJson(system: string, tables: readonly FoundTable[]): PackageFile {
  const doc = {
    system,
    tables: tables.map((t) => ({
      table: t.table,
      fields: Object.entries(t.fields).map(([name, category]) => ({ name, category })),
      rows: t.rows.map((r) => r.fields),
    })),
  };
  return { path: jsonPath(system), content: Buffer.from(`${JSON.stringify(doc, null, 2)}\n`) };
}

const cell = (v: JsonValue): string => (v === null ? "" : typeof v === "object" ? JSON.stringify(v) : String(v));

/** One CSV per table, a header of column names; a BOM so spreadsheet programs read the diacritics. */
export function tableCsv(t: FoundTable): PackageFile {
  const columns = Object.keys(t.fields);
  const text = stringify([columns, ...t.rows.map((r) => columns.map((c) => cell(r.fields[c] ?? null)))], { bom: true, record_delimiter: "\r\n" });
  return { path: csvPath(t), content: Buffer.from(text) };
}

/** The files zipped, each dated `at` (the same files give the same archive). */
export function zip(files: readonly PackageFile[], at: Date): Promise<Buffer> {
  const z = new yazl.ZipFile();
  for (const f of files) z.addBuffer(f.content, f.path, { mtime: at });
  z.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    z.outputStream.on("data", (c: Buffer) => chunks.push(c));
    z.outputStream.on("error", reject);
    z.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
  });
}
