import type { Context } from "../context.ts";
import type { TableFormat } from "../documents/table-export.ts";
import type { Language } from "../manifest/index.ts";
import { authorityForm, authorityFormPdf, breachRegisterTable, subjectLetter, subjectLetterPdf, subjectLetterText, type AuthorityForm, type SubjectLetter } from "./documents/index.ts";
import { breachOrganisation } from "./organisation.ts";
import type { NotificationPhase } from "./schema.ts";
import { getBreach, listBreaches } from "./service.ts";

export const AUTHORITY_FORMATS = ["json", "pdf"] as const;
export const LETTER_FORMATS = ["txt", "pdf"] as const;

/** The notification to the authority, as its form's fields (JSON) or as a PDF to file or attach. */
export async function authorityDocument(ctx: Context, slug: string, entryId: string, opts: { lang?: Language; phase?: NotificationPhase } = {}): Promise<AuthorityForm> {
  const [org, entry] = await Promise.all([breachOrganisation(ctx, slug), getBreach(ctx, slug, entryId)]);
  return authorityForm(entry, org, ctx.clock, opts);
}

export const renderAuthorityPdf = (form: AuthorityForm) => authorityFormPdf(form);

export async function letterDocument(ctx: Context, slug: string, entryId: string, lang: Language): Promise<SubjectLetter> {
  const [org, entry] = await Promise.all([breachOrganisation(ctx, slug), getBreach(ctx, slug, entryId)]);
  return subjectLetter(entry, org, lang);
}

export type LetterFormat = (typeof LETTER_FORMATS)[number];

export function renderLetter(letter: SubjectLetter, format: "txt"): Promise<string>;
export function renderLetter(letter: SubjectLetter, format: "pdf"): Promise<Buffer>;
export function renderLetter(letter: SubjectLetter, format: LetterFormat): Promise<string | Buffer>;
export async function renderLetter(letter: SubjectLetter, format: LetterFormat): Promise<string | Buffer> {
  return format === "txt" ? subjectLetterText(letter) : subjectLetterPdf(letter);
}

/** The register of all breaches (Art. 33(5)) as CSV, XLSX or PDF; in the organisation's first language unless asked. */
export async function exportBreachRegister(ctx: Context, slug: string, format: TableFormat, opts: { lang?: Language; delimiter?: string } = {}): Promise<string | Buffer> {
  const [org, entries] = await Promise.all([breachOrganisation(ctx, slug), listBreaches(ctx, slug)]);
  const lang = opts.lang ?? org.manifest.organisation.languages[0]!;
  const { renderTable } = await import("../documents/table-export.ts");
  return renderTable(breachRegisterTable(entries, org, lang, ctx.clock), format, { delimiter: opts.delimiter });
}
