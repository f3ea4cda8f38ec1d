import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import PDFDocument from "pdfkit";

const require = createRequire(import.meta.url);
// DejaVu covers Romanian ș ț and Serbian Latin and Cyrillic; the PDF core fonts do not.
const fontDir = join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
const fonts = { regular: join(fontDir, "DejaVuSans.ttf"), bold: join(fontDir, "DejaVuSans-Bold.ttf") };

export interface PdfOptions {
  title: string;
  lang: string;
  landscape?: boolean;
}

/**
 * A thin layer over pdfkit for Registru's documents: tagged, with metadata and embedded fonts,
 * collected into one Buffer. Callers describe content; they never touch coordinates.
 */
export class PdfWriter {
  private readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;

  constructor(opts: PdfOptions) {
    this.doc = new PDFDocument({
      size: "A4",
      layout: opts.landscape ? "landscape" : "portrait",
      margin: 48,
      lang: opts.lang,
      tagged: true,
      displayTitle: true,
      pdfVersion: "1.7",
      info: { Title: opts.title, Creator: "Registru" },
    });
    this.doc.registerFont("regular", fonts.regular);
    this.doc.registerFont("bold", fonts.bold);
    this.doc.font("regular");
    this.done = new Promise((resolve, reject) => {
      this.doc.on("data", (c: Buffer) => this.chunks.push(c));
      this.doc.on("end", () => resolve(Buffer.concat(this.chunks)));
      this.doc.on("error", reject);
    });
  }

  heading(text: string, level: 1 | 2 | 3) {
    const size = { 1: 18, 2: 14, 3: 11.5 }[level];
    this.doc.moveDown(level === 1 ? 0 : 0.6).font("bold").fontSize(size).text(text).font("regular").fontSize(10).moveDown(0.3);
    return this;
  }

  paragraph(text: string, opts: { muted?: boolean } = {}) {
    this.doc.fontSize(10).fillColor(opts.muted ? "#444444" : "#000000").text(text).fillColor("#000000").moveDown(0.4);
    return this;
  }

  list(items: string[]) {
    this.doc.fontSize(10).list(items, { bulletRadius: 1.5, textIndent: 10 }).moveDown(0.4);
    return this;
  }

  facts(items: Array<{ term: string; value: string }>) {
    for (const { term, value } of items) {
      this.doc.fontSize(10).font("bold").text(`${term}: `, { continued: true }).font("regular").text(value);
    }
    this.doc.moveDown(0.4);
    return this;
  }

  table(columns: string[], rows: string[][], opts: { fontSize?: number; caption?: string } = {}) {
    if (opts.caption) this.doc.font("bold").fontSize(10).text(opts.caption).font("regular").moveDown(0.2);
    const size = opts.fontSize ?? 8.5;
    this.doc.x = this.doc.page.margins.left;
    this.doc.font("regular").fontSize(size);
    this.doc.table({
      defaultStyle: { padding: 3, border: 0.5 },
      data: [columns.map((text) => ({ text, type: "TH" as const, font: { src: fonts.bold, size }, backgroundColor: "#e8e8e8" })), ...rows],
    });
    this.doc.x = this.doc.page.margins.left;
    this.doc.fontSize(10).moveDown(0.6);
    return this;
  }

  async finish(): Promise<Buffer> {
    this.doc.end();
    return this.done;
  }
}
