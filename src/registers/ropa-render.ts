import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { PdfWriter } from "../documents/pdf.ts";
import type { Ropa } from "./ropa.ts";

/** One CSV for both records: the first column says which paragraph of Art. 30 a row belongs to. */
export function renderRopaCsv(ropa: Ropa): string {
  const { text } = ropa;
  const width = Math.max(text.controllerColumns.length, text.processorColumns.length);
  const pad = (row: string[]) => [...row, ...Array<string>(width - row.length).fill("")];
  return stringify([
    ["Record", ...pad(text.controllerColumns)],
    ...ropa.controller.map((r) => ["Art. 30(1)", ...pad(r)]),
    ...(ropa.processor.length ? [["Record", ...pad(text.processorColumns)], ...ropa.processor.map((r) => ["Art. 30(2)", ...pad(r)])] : []),
  ]);
}

export async function renderRopaXlsx(ropa: Ropa): Promise<Buffer> {
  const { text } = ropa;
  const book = new ExcelJS.Workbook();
  book.creator = "Registru";
  const org = book.addWorksheet(text.organisation);
  org.addRows([...ropa.identity.map((i) => [i.term, i.value]), [], ...ropa.security.map((s, i) => [i === 0 ? "Art. 30(1)(g)" : "", s])]);
  org.getColumn(1).width = 28;
  org.getColumn(2).width = 90;
  addTable(book, "Art. 30(1)", text.controllerColumns, ropa.controller);
  if (ropa.processor.length) addTable(book, "Art. 30(2)", text.processorColumns, ropa.processor);
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
  const pdf = new PdfWriter({ title: text.controllerRecord, lang: ropa.lang, landscape: true });
  pdf.heading(text.controllerRecord, 1).facts(ropa.identity);
  pdf.table(text.controllerColumns, ropa.controller, { fontSize: 6.5 });
  if (ropa.security.length) pdf.heading("Art. 30(1)(g)", 3).list(ropa.security);
  if (ropa.processor.length) pdf.heading(text.processorRecord, 1).table(text.processorColumns, ropa.processor, { fontSize: 6.5 });
  return pdf.finish();
}
