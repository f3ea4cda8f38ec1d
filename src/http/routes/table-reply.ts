import type { FastifyReply } from "fastify";
import { z } from "zod";
import { DOCUMENT_LANGUAGES, type DocumentLanguage } from "../../documents/catalog.ts";
import type { TableDocument, TableFormat } from "../../documents/table-export.ts";

/** ?format=csv|xlsx|pdf&lang=ro|sr|sr-Cyrl|en for every register export. */
export const exportQuery = z.object({
  format: z.enum(["csv", "xlsx", "pdf"]).default("csv"),
  lang: z.enum(DOCUMENT_LANGUAGES).optional().describe("default: the organisation's first language"),
});

export const documentLanguage = (asked: DocumentLanguage | undefined, languages: readonly string[]): DocumentLanguage =>
  asked ?? (languages[0] as DocumentLanguage | undefined) ?? "en";

/** Sends a register as a download; exceljs and pdfkit load only when asked for. */
export async function sendTable(reply: FastifyReply, doc: TableDocument, format: TableFormat, filename: string) {
  const { renderTable, tableContentTypes } = await import("../../documents/table-export.ts");
  const body = await renderTable(doc, format);
  return reply.type(tableContentTypes[format]).header("content-disposition", `attachment; filename="${filename}.${format}"`).send(body);
}
