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

export interface PdfTableOptions {
  fontSize?: number;
  caption?: string;
  /** The first cell of each row names the row (a purpose, a right): tagged as a row header. */
  rowHeaders?: boolean;
}

/** The document language as a BCP 47 tag: Registru's "sr" is Serbian in Latin script. */
export const pdfLang = (lang: string): string => (lang === "sr" ? "sr-Latn" : lang);

/** Measures a string's width in points, in the regular or the bold face at the table's size. */
export type MeasureText = (text: string, bold: boolean) => number;

/** Where a line may break: after spaces and hyphens (a conservative subset of what pdfkit breaks at). */
const unbreakable = (text: string): string[] => text.split(/\s+|(?<=-)/).filter((w) => w.length > 0);

/**
 * Column widths for a table of `total` points: every column is at least as wide as its longest
 * unbreakable word (so "transmissiongate.com" never becomes "t ransmissiongate.com"), and the
 * space left over goes to the columns in proportion to how much text they hold on average,
 * never making a column wider than its longest cell needs. Only when the longest words alone do
 * not fit are the columns squeezed (proportionally), and then words must break.
 */
export function columnWidths(columns: string[], rows: string[][], total: number, measure: MeasureText, padding: number): number[] {
  const n = columns.length;
  if (n === 0) return [];
  const cell = (r: string[], i: number) => r[i] ?? "";
  const min = columns.map((c, i) => {
    const words = [...unbreakable(c).map((w) => measure(w, true)), ...rows.flatMap((r) => unbreakable(cell(r, i)).map((w) => measure(w, false)))];
    return Math.max(0, ...words) + 2 * padding + 1;
  });
  const max = columns.map((c, i) => Math.max(measure(c, true), ...rows.map((r) => measure(cell(r, i), false))) + 2 * padding + 1);
  const weight = columns.map((_, i) => Math.max(1, rows.reduce((a, r) => a + measure(cell(r, i), false), 0) / Math.max(1, rows.length)));
  const sumMin = min.reduce((a, b) => a + b, 0);
  if (sumMin >= total) return min.map((w) => (w * total) / sumMin);

  const widths = [...min];
  let left = total - sumMin;
  // Hand out the rest by weight; a column that reaches its natural width drops out and the rest is shared again.
  for (let round = 0; round < n && left > 0.01; round++) {
    const open = widths.map((w, i) => i).filter((i) => widths[i]! < max[i]! - 0.01);
    if (!open.length) break;
    const sumWeight = open.reduce((a, i) => a + weight[i]!, 0);
    let given = 0;
    for (const i of open) {
      const add = Math.min((left * weight[i]!) / sumWeight, max[i]! - widths[i]!);
      widths[i]! += add;
      given += add;
    }
    left -= given;
  }
  // Every column has all it can use: spread what remains by width, so the table still fills the line.
  if (left > 0.01) {
    const sum = widths.reduce((a, b) => a + b, 0);
    return widths.map((w) => w + (left * w) / sum);
  }
  return widths;
}

type Struct = PDFKit.PDFStructureElement;

/**
 * A thin layer over pdfkit for Registru's documents: tagged (headings, paragraphs, lists and
 * tables in the structure tree; rules and repeated table headers as artifacts), with metadata
 * and embedded fonts, collected into one Buffer. Callers describe content; they never touch coordinates.
 */
export class PdfWriter {
  private readonly doc: PDFKit.PDFDocument;
  private readonly root: Struct;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;

  constructor(opts: PdfOptions) {
    this.doc = new PDFDocument({
      size: "A4",
      layout: opts.landscape ? "landscape" : "portrait",
      margin: 48,
      lang: pdfLang(opts.lang),
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
    this.root = this.doc.struct("Document");
    this.doc.addStructure(this.root);
  }

  private get left() {
    return this.doc.page.margins.left;
  }
  private get width() {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }
  private get bottom() {
    return this.doc.page.maxY();
  }

  /** Starts a new page unless `height` points still fit on this one. */
  private ensureSpace(height: number) {
    if (this.doc.y + height > this.bottom && this.doc.y > this.doc.page.margins.top) this.doc.addPage();
  }

  /** Draws non-content (rules, fills, repeated headers) as an artifact, outside the structure tree. */
  private artifact(type: "Layout" | "Pagination", draw: () => void) {
    this.doc.markContent("Artifact", { type });
    draw();
    this.doc.endMarkedContent();
  }

  heading(text: string, level: 1 | 2 | 3) {
    const size = { 1: 18, 2: 14, 3: 11.5 }[level];
    const doc = this.doc;
    doc.moveDown(level === 1 ? 0 : 0.6).font("bold").fontSize(size);
    // Keep a heading with at least three lines of what follows it.
    this.ensureSpace(doc.heightOfString(text, { width: this.width }) + 3 * 14);
    doc.x = this.left;
    this.root.add(doc.struct(`H${level}`, {}, [() => doc.text(text, { width: this.width })]));
    doc.font("regular").fontSize(10).moveDown(0.3);
    return this;
  }

  paragraph(text: string, opts: { muted?: boolean } = {}) {
    const doc = this.doc;
    doc.x = this.left;
    doc.fontSize(10).fillColor(opts.muted ? "#444444" : "#000000");
    this.root.add(doc.struct("P", {}, [() => doc.text(text, { width: this.width })]));
    doc.fillColor("#000000").moveDown(0.4);
    return this;
  }

  list(items: string[]) {
    if (!items.length) return this;
    const doc = this.doc;
    const indent = 12;
    const list = doc.struct("L");
    this.root.add(list);
    doc.font("regular").fontSize(10);
    for (const item of items) {
      this.ensureSpace(doc.currentLineHeight(true));
      const li = doc.struct("LI");
      list.add(li);
      const y = doc.y;
      this.artifact("Layout", () => doc.circle(this.left + 4, y + 5.5, 1.5).fill());
      li.add(doc.struct("LBody", {}, [() => doc.text(item, this.left + indent, y, { width: this.width - indent })]));
      li.end();
    }
    list.end();
    doc.x = this.left;
    doc.moveDown(0.4);
    return this;
  }

  facts(items: Array<{ term: string; value: string }>) {
    const doc = this.doc;
    doc.x = this.left;
    for (const { term, value } of items) {
      this.root.add(
        doc.struct("P", {}, [
          () => doc.fontSize(10).font("bold").text(`${term}: `, { continued: true, width: this.width }).font("regular").text(value),
        ]),
      );
    }
    doc.moveDown(0.4);
    return this;
  }

  /**
   * A table drawn row by row: columns weighted by their content, the caption and header kept with
   * the first row, the header repeated (as an artifact) at the top of every further page, and a
   * row only split across pages when it is taller than what is left of a fresh page.
   */
  table(columns: string[], rows: string[][], opts: PdfTableOptions = {}) {
    if (!columns.length || !rows.length) return this;
    const doc = this.doc;
    const size = opts.fontSize ?? 8.5;
    const pad = 3;
    const border = 0.5;
    const x0 = this.left;
    const total = this.width;
    const font = (bold: boolean) => doc.font(bold ? "bold" : "regular").fontSize(size);
    const measure: MeasureText = (text, bold) => font(bold).widthOfString(text);
    const widths = columnWidths(columns, rows, total, measure, pad);
    const xs = widths.map((_, i) => x0 + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const textHeight = (text: string, i: number, bold: boolean) => (text ? font(bold).heightOfString(text, { width: widths[i]! - 2 * pad }) : 0);
    const rowHeight = (cells: string[], bold: (i: number) => boolean) =>
      Math.max(size + 2 * pad, ...cells.map((c, i) => textHeight(c, i, bold(i)) + 2 * pad));
    const isHeaderCell = (i: number) => opts.rowHeaders === true && i === 0;
    const lineHeight = font(false).currentLineHeight(true);

    const frame = (y: number, h: number, fill?: string) =>
      this.artifact("Layout", () => {
        for (let i = 0; i < widths.length; i++) {
          if (fill) doc.save().fillColor(fill).rect(xs[i]!, y, widths[i]!, h).fill().restore();
          doc.save().lineWidth(border).strokeColor("#000000").rect(xs[i]!, y, widths[i]!, h).stroke().restore();
        }
      });
    const cellText = (text: string, i: number, y: number, h: number, bold: boolean) => {
      font(bold).fillColor("#000000").text(text, xs[i]! + pad, y + pad, { width: widths[i]! - 2 * pad, height: h + 1 });
    };

    const tableStruct = doc.struct("Table");
    this.root.add(tableStruct);
    const headerHeight = rowHeight(columns, () => true);

    /** The header row: tagged the first time, an artifact when repeated on a later page. */
    const drawHeader = (tagged: boolean) => {
      const y = doc.y;
      frame(y, headerHeight, "#e8e8e8");
      if (tagged) {
        const thead = doc.struct("THead");
        tableStruct.add(thead);
        const tr = doc.struct("TR");
        thead.add(tr);
        columns.forEach((c, i) => {
          const th = doc.struct("TH");
          setAttributes(th, { O: "Table", Scope: "Column" });
          tr.add(th);
          th.add(() => cellText(c, i, y, headerHeight, true));
          th.end();
        });
        tr.end();
        thead.end();
      } else {
        this.artifact("Pagination", () => columns.forEach((c, i) => cellText(c, i, y, headerHeight, true)));
      }
      doc.y = y + headerHeight;
    };
    const setAttributes = (el: Struct, attributes: Record<string, unknown>) => {
      const ref = doc.ref(attributes);
      (el as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data.A = ref;
      ref.end(undefined);
    };

    // Caption, header and (the start of) the first row stay together.
    font(true);
    const captionHeight = opts.caption ? doc.fontSize(10).heightOfString(opts.caption, { width: total }) + 4 : 0;
    const firstRow = rowHeight(rows[0]!, isHeaderCell);
    this.ensureSpace(captionHeight + headerHeight + Math.min(firstRow, 3 * lineHeight + 2 * pad));
    doc.x = x0;
    if (opts.caption) {
      const caption = opts.caption;
      tableStruct.add(doc.struct("Caption", {}, [() => doc.font("bold").fontSize(10).text(caption, x0, doc.y, { width: total })]));
      doc.y += 4;
    }
    drawHeader(true);

    const tbody = doc.struct("TBody");
    tableStruct.add(tbody);
    const newPage = () => {
      doc.addPage();
      drawHeader(false);
    };
    for (const row of rows) {
      const tr = doc.struct("TR");
      tbody.add(tr);
      const cellStructs = columns.map((_, i) => {
        const el = doc.struct(isHeaderCell(i) ? "TH" : "TD");
        if (isHeaderCell(i)) setAttributes(el, { O: "Table", Scope: "Row" });
        tr.add(el);
        return el;
      });
      let rest = columns.map((_, i) => row[i] ?? "");
      let freshPage = false;
      for (;;) {
        const h = rowHeight(rest, isHeaderCell);
        const available = this.bottom - doc.y;
        const y = doc.y;
        if (h <= available) {
          frame(y, h);
          rest.forEach((text, i) => text && cellStructs[i]!.add(() => cellText(text, i, y, h, isHeaderCell(i))));
          doc.y = y + h;
          break;
        }
        // A row that fits on a fresh page moves there whole; only a taller one (or one that would
        // leave a page nearly empty) is split, at a line boundary in every cell.
        const fitsFreshPage = h <= this.bottom - doc.page.margins.top - headerHeight;
        if (!freshPage && (fitsFreshPage || available < 3 * lineHeight + 2 * pad)) {
          newPage();
          freshPage = true;
          continue;
        }
        const room = available - 2 * pad;
        const parts = rest.map((text, i) => splitToHeight(text, room, (t) => textHeight(t, i, isHeaderCell(i))));
        if (parts.every(([head]) => head === "")) {
          // Nothing fits even on a fresh page (a single enormous word): draw what we can, clipped.
          frame(y, available);
          rest.forEach((text, i) => text && cellStructs[i]!.add(() => cellText(text, i, y, available - 2 * pad, isHeaderCell(i))));
          doc.y = this.bottom;
          break;
        }
        frame(y, available);
        parts.forEach(([head], i) => head && cellStructs[i]!.add(() => cellText(head, i, y, room, isHeaderCell(i))));
        rest = parts.map(([, tail]) => tail);
        newPage();
        freshPage = true;
      }
      cellStructs.forEach((el) => el.end());
      tr.end();
    }
    tbody.end();
    tableStruct.end();
    doc.x = x0;
    doc.font("regular").fontSize(10).moveDown(0.6);
    return this;
  }

  async finish(): Promise<Buffer> {
    this.root.end();
    this.doc.end();
    return this.done;
  }
}

/** Splits text at a word boundary into the longest head that is at most `height` tall, and the rest. */
function splitToHeight(text: string, height: number, heightOf: (text: string) => number): [string, string] {
  if (heightOf(text) <= height) return [text, ""];
  const words = text.split(/(?<=\s)/);
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (heightOf(words.slice(0, mid).join("").trimEnd()) <= height) lo = mid;
    else hi = mid - 1;
  }
  return [words.slice(0, lo).join("").trimEnd(), words.slice(lo).join("").trimStart()];
}
