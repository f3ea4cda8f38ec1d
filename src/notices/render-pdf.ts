import { PdfWriter } from "../documents/pdf.ts";
import type { Notice, NoticeBlock } from "./types.ts";

/** The notice as a tagged PDF with embedded fonts: the same content as the HTML, laid out for print. */
export async function renderNoticePdf(notice: Notice): Promise<Buffer> {
  const pdf = new PdfWriter({ title: `${notice.title} — ${notice.organisation}`, lang: notice.lang });
  pdf.heading(notice.title, 1).paragraph(notice.organisation).paragraph(notice.versionLine, { muted: true });
  for (const section of notice.sections) {
    pdf.heading(section.heading, 2);
    for (const block of section.blocks) renderBlock(pdf, block);
  }
  return pdf.finish();
}

function renderBlock(pdf: PdfWriter, block: NoticeBlock) {
  switch (block.kind) {
    case "paragraph":
      return block.text.trim() === "" ? pdf : pdf.paragraph(block.text);
    case "list":
      return pdf.list(block.items);
    case "facts":
      if (!block.items.length) return pdf;
      if (block.title) pdf.heading(block.title, 3);
      return pdf.facts(block.items);
    case "table":
      // As in the HTML, the first cell of a row names it (a purpose, a right, a cookie).
      return pdf.table(block.columns, block.rows, { caption: block.caption, rowHeaders: true });
  }
}
