import ExcelJS from "exceljs";
import { PDFParse } from "pdf-parse";

/** A CSV export's rows, after checking and dropping its UTF-8 byte-order mark. */
export function csvRows(body: string | Buffer): string[][] {
  const text = typeof body === "string" ? body : body.toString("utf8");
  if (!text.startsWith("\uFEFF")) throw new Error("the CSV has no UTF-8 byte-order mark");
  return parseCsv(text.slice(1));
}

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string, delimiter = ","): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === delimiter) {
      endField();
    } else if (!quoted && (c === "\n" || c === "\r")) {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endField();
      rows.push(row);
      row = [];
    } else {
      field += c;
    }
  }
  if (field || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

/** The rows of a workbook's first sheet, as text. */
export async function xlsxRows(buffer: Buffer): Promise<{ sheet: string; rows: string[][] }> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const rows: string[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ""))));
  return { sheet: sheet.name, rows };
}

export async function pdfText(buffer: Buffer): Promise<string> {
  return (await new PDFParse({ data: new Uint8Array(buffer) }).getText()).text;
}

/** Table cells wrap in a PDF: compare without whitespace. */
export const squash = (s: string) => s.replace(/\s+/g, "");
