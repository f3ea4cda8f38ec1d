import { stringify } from "csv-stringify/sync";

/** A register as one table: what every register exports as CSV, XLSX and PDF. */
export interface TableDocument {
  title: string;
  lang: string;
  /** Who keeps the register, when it was produced: shown above the table in XLSX and PDF. */
  facts?: Array<{ term: string; value: string }>;
  columns: string[];
  rows: string[][];
}

export const tableFormats = ["csv", "xlsx", "pdf"] as const;
export type TableFormat = (typeof tableFormats)[number];

export const tableContentTypes: Record<TableFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
};

/** With a UTF-8 byte-order mark, so Excel reads ă ș ț č ć đ and Cyrillic as UTF-8. */
export function tableCsv(doc: TableDocument, opts: { delimiter?: string } = {}): string {
  return `\uFEFF${stringify([doc.columns, ...doc.rows], { delimiter: opts.delimiter ?? "," })}`;
}

/** Excel's rules for a sheet name: at most 31 characters, none of [ ] : * ? / \. */
export const sheetName = (name: string) => name.replace(/[[\]:*?/\\]/g, "-").slice(0, 31);

// exceljs and pdfkit are heavy: loaded when a document is asked for, not when the server starts.
export async function tableXlsx(doc: TableDocument): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs");
  const book = new ExcelJS.Workbook();
  book.creator = "Registru";
  const sheet = book.addWorksheet(sheetName(doc.title), { views: [{ state: "frozen", ySplit: (doc.facts?.length ?? 0) + (doc.facts?.length ? 2 : 1) }] });
  if (doc.facts?.length) {
    for (const f of doc.facts) sheet.addRow([f.term, f.value]).getCell(1).font = { bold: true };
    sheet.addRow([]);
  }
  sheet.addRow(doc.columns).font = { bold: true };
  sheet.addRows(doc.rows);
  sheet.columns.forEach((c) => {
    c.width = 28;
    c.alignment = { wrapText: true, vertical: "top" };
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function tablePdf(doc: TableDocument): Promise<Buffer> {
  const { PdfWriter } = await import("./pdf.ts");
  const pdf = new PdfWriter({ title: doc.title, lang: doc.lang, landscape: doc.columns.length > 5 });
  pdf.heading(doc.title, 1);
  if (doc.facts?.length) pdf.facts(doc.facts);
  pdf.table(doc.columns, doc.rows, { fontSize: doc.columns.length > 8 ? 6.5 : 8 });
  return pdf.finish();
}

export async function renderTable(doc: TableDocument, format: TableFormat, opts: { delimiter?: string } = {}): Promise<Buffer | string> {
  if (format === "csv") return tableCsv(doc, opts);
  return format === "xlsx" ? tableXlsx(doc) : tablePdf(doc);
}
