import { stringify } from "csv-stringify/sync";
import type ExcelJS from "exceljs";
import { sheetName } from "../documents/table-export.ts";
import type { Ropa } from "./ropa.ts";

export interface RopaCsvOptions {
  /** One character between fields; "," by default, ";" for Excel with a Romanian or Serbian locale. */
  delimiter?: string;
}

/**
 * One CSV for both records: the first column says which paragraph (Art. 30(1)/(2), ZZPL čl. 47
 * st. 1/2) a row belongs to. It starts with a UTF-8 byte-order mark, so that Excel reads ă ș ț
 * č ć đ š ž and Cyrillic as UTF-8 rather than in the system's code page.
 */
export function renderRopaCsv(ropa: Ropa, opts: RopaCsvOptions = {}): string {
  const { text } = ropa;
  const width = Math.max(text.controllerColumns.length, text.processorColumns.length);
  const pad = (row: string[]) => [...row, ...Array<string>(width - row.length).fill("")];
  const rows = [
    [text.record, ...pad(text.controllerColumns)],
    ...ropa.controller.map((r) => [text.records.controller, ...pad(r)]),
    ...(ropa.processor.length ? [[text.record, ...pad(text.processorColumns)], ...ropa.processor.map((r) => [text.records.processor, ...pad(r)])] : []),
  ];
  return `\uFEFF${stringify(rows, { delimiter: opts.delimiter ?? "," })}`;
}

export async function renderRopaXlsx(ropa: Ropa): Promise<Buffer> {
  const { text } = ropa;
  // exceljs and pdfkit are heavy: loaded when a document is asked for, not when the server starts.
  const { default: Excel } = await import("exceljs");
  const book = new Excel.Workbook();
  book.creator = "Registru";
  const org = book.addWorksheet(sheetName(text.organisation));
  org.addRows([...ropa.identity.map((i) => [i.term, i.value]), [], ...ropa.security.map((s, i) => [i === 0 ? text.records.security : "", s])]);
  org.getColumn(1).width = 28;
  org.getColumn(2).width = 90;
  addTable(book, sheetName(text.records.controller), text.controllerColumns, ropa.controller);
  if (ropa.processor.length) addTable(book, sheetName(text.records.processor), text.processorColumns, ropa.processor);
  return Buffer.from(await book.xlsx.writeBuffer());
}

function addTable(book: ExcelJS.Workbook, name: string, columns: string[], rows: string[][]) {
  const sheet = book.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(columns).font = { bold: true };
  sheet.addRows(rows);
  sheet.columns.forEach((c) => {
    c.width = 32;
    c.alignment = { wrapText: true, vertical: "top" };
  });
}

export async function renderRopaPdf(ropa: Ropa): Promise<Buffer> {
  const { text } = ropa;
  const { PdfWriter } = await import("../documents/pdf.ts");
  const pdf = new PdfWriter({ title: text.controllerRecord, lang: ropa.lang, landscape: true });
  pdf.heading(text.controllerRecord, 1).facts(ropa.identity);
  pdf.table(text.controllerColumns, ropa.controller, { fontSize: 6.5 });
  if (ropa.security.length) pdf.heading(text.records.security, 3).list(ropa.security);
  if (ropa.processor.length) pdf.heading(text.processorRecord, 1).table(text.processorColumns, ropa.processor, { fontSize: 6.5 });
  return pdf.finish();
}
