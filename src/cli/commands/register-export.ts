import { writeFile } from "node:fs/promises";
import { DOCUMENT_LANGUAGES, type DocumentLanguage } from "../../documents/catalog.ts";
import type { TableDocument, TableFormat } from "../../documents/table-export.ts";
import { RegistruError } from "../../errors.ts";
import type { Io } from "../io.ts";

export const exportOptionsHelp = { format: "csv | xlsx | pdf", lang: "ro | sr | sr-Cyrl | en (default: the organisation's first language)", out: "write to a file (required for xlsx and pdf)" };

export function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new RegistruError("invalid_arguments", `${option} must be one of ${allowed.join(", ")}`, 400);
}

export const exportLanguage = (lang: string | undefined, languages: readonly string[]): DocumentLanguage =>
  oneOf(lang ?? languages[0] ?? "en", DOCUMENT_LANGUAGES, "--lang");

/** Checked before any work: a format, and a file for the binary ones. */
export function exportFormat(format: string, out: string | undefined): TableFormat {
  const f = oneOf(format, ["csv", "xlsx", "pdf"] as const, "--format");
  if (f !== "csv" && !out) throw new RegistruError("invalid_arguments", "binary formats need --out <file>", 400);
  return f;
}

/** Writes a register as CSV to stdout, or any format to --out; exceljs and pdfkit load only when asked for. */
export async function writeTable(io: Io, doc: TableDocument, f: TableFormat, out: string | undefined) {
  const { renderTable } = await import("../../documents/table-export.ts");
  const body = await renderTable(doc, f);
  if (out) {
    await writeFile(out, body);
    io.out(`written ${out} (${body.length} bytes)`);
    return;
  }
  io.out(String(body).trimEnd());
}
