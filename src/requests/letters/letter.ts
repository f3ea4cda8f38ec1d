import { z } from "zod";
import { LETTER_LANGUAGES } from "../model.ts";

export const LETTER_KINDS = ["verification_code", "response", "extension", "refusal", "fee", "representative_rejected", "forwarded", "controller_forward"] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

const block = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("paragraph"), text: z.string() }),
  z.object({ kind: z.literal("facts"), items: z.array(z.object({ term: z.string(), value: z.string() })) }),
  z.object({ kind: z.literal("table"), columns: z.array(z.string()), rows: z.array(z.array(z.string())) }),
]);
export type LetterBlock = z.infer<typeof block>;

/** A letter as data: stored in the request's timeline as sent, rendered as plain text and as PDF. */
export const letterSchema = z.object({
  kind: z.enum(LETTER_KINDS),
  language: z.enum(LETTER_LANGUAGES),
  subject: z.string(),
  title: z.string(),
  blocks: z.array(block),
});
export type Letter = z.infer<typeof letterSchema>;

export function renderLetterText(letter: Letter): string {
  const parts = [`${letter.title}\n${"=".repeat(Math.min(letter.title.length, 72))}`];
  for (const b of letter.blocks) {
    if (b.kind === "paragraph") parts.push(b.text);
    else if (b.kind === "facts") parts.push(b.items.map((i) => `${i.term}: ${i.value}`).join("\n"));
    else parts.push([b.columns.join(" | "), ...b.rows.map((r) => r.join(" | "))].map((l) => `  ${l}`).join("\n"));
  }
  return `${parts.join("\n\n")}\n`;
}

/** The same letter as a tagged PDF (pdfkit loads only when a PDF is made). */
export async function renderLetterPdf(letter: Letter): Promise<Buffer> {
  const { PdfWriter } = await import("../../documents/pdf.ts");
  const pdf = new PdfWriter({ title: letter.title, lang: letter.language });
  pdf.heading(letter.title, 1);
  for (const b of letter.blocks) {
    if (b.kind === "paragraph") pdf.paragraph(b.text);
    else if (b.kind === "facts") pdf.facts(b.items);
    else pdf.table(b.columns, b.rows, { rowHeaders: true });
  }
  return pdf.finish();
}
