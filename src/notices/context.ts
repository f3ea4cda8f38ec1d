import { lawFor, type Jurisdiction } from "../law/index.ts";
import { dataCategory } from "../law/taxonomy.ts";
import type { Language, LocalizedText, Manifest, ProcessingActivity } from "../manifest/index.ts";
import { pickLanguage } from "../manifest/index.ts";
import { catalogFor, catalogLanguage, intlLocale, type CatalogLanguage, type NoticeText } from "./text/index.ts";

/** A piece of manifest text in the language it was found in; `lang` is set when it is not the notice's. */
export interface LocalText {
  text: string;
  lang?: Language;
}

/** Manifest text shown in another language than the notice's, so HTML can mark it with lang="…". */
export interface ForeignText {
  text: string;
  lang: Language;
}

/**
 * What a section builder needs: the manifest, the law, the catalog, and two registers the
 * build fills as it goes — foreign fragments (fallbacks to English) and fragments to keep as
 * written (names, addresses, already-Cyrillic text) when the notice is transliterated.
 */
export interface NoticeContext {
  manifest: Manifest;
  lang: Language;
  base: CatalogLanguage;
  t: NoticeText;
  law: Jurisdiction;
  foreign: Map<string, Language>;
  keep: Set<string>;
}

/** The part of the context that putting manifest text into words needs. */
export type TextContext = Pick<NoticeContext, "lang" | "base" | "t" | "foreign" | "keep">;

export const createTextContext = (lang: Language): TextContext => ({
  lang,
  base: catalogLanguage(lang),
  t: catalogFor(lang),
  foreign: new Map(),
  keep: new Set(),
});

export function createContext(manifest: Manifest, lang: Language): NoticeContext {
  return { ...createTextContext(lang), manifest, law: lawFor(manifest.organisation.jurisdiction) };
}

/** The text in the notice's language, else English, else any; `lang` marks a fallback. */
export function pickText(t: LocalizedText, lang: Language): LocalText & { plain: boolean } {
  if (typeof t === "string") return { text: t, plain: true };
  const wanted = pickLanguage(t, lang);
  const text = wanted ? t[wanted]! : "";
  const sameLanguage = wanted === lang || (lang === "sr-Cyrl" && wanted === "sr");
  return { text, plain: false, ...(wanted && !sameLanguage && { lang: wanted }) };
}

/** Manifest text for the notice, recording fallbacks and text that must not be transliterated. */
export function local(ctx: TextContext, t: LocalizedText | undefined): string | undefined {
  if (t === undefined) return undefined;
  const picked = pickText(t, ctx.lang);
  if (picked.lang) ctx.foreign.set(picked.text, picked.lang);
  if (picked.plain || picked.lang || (ctx.lang === "sr-Cyrl" && typeof t !== "string" && t["sr-Cyrl"] !== undefined)) ctx.keep.add(picked.text);
  return picked.text;
}

/** A name, address, e-mail or phone: shown exactly as the organisation wrote it. */
export function verbatim(ctx: TextContext, value: string): string {
  ctx.keep.add(value);
  return value;
}

/** English words inside a sentence of another language (an unknown event id made readable). */
export function englishWords(ctx: TextContext, words: string): string {
  if (ctx.base !== "en") {
    ctx.foreign.set(words, "en");
    ctx.keep.add(words);
  }
  return words;
}

/**
 * "ZZPL čl. 12(1)(6)" the way Serbian legal text cites it: "član 12. stav 1. tačka 6) ZZPL".
 * Anything that is not a ZZPL reference (GDPR articles, already formatted text) is returned as is.
 */
export function serbianCitation(ref: string): string {
  const m = /^ZZPL čl\. (\d+)((?:\(\d+\))*)(.*)$/u.exec(ref);
  if (!m) return ref;
  const [paragraph, point] = [...m[2]!.matchAll(/\((\d+)\)/g)].map((x) => x[1]);
  return [`član ${m[1]}.`, paragraph && `stav ${paragraph}.`, point && `tačka ${point})`, `ZZPL${m[3]}`].filter(Boolean).join(" ");
}

/** Article references in the notice's language: Serbian text cites ZZPL the Serbian way. */
export const cite = (ctx: Pick<TextContext, "base">, ...refs: readonly string[]): string =>
  refs.map((r) => (ctx.base === "sr" ? serbianCitation(r) : r)).join(", ");

export const humanise = (id: string) => id.replace(/[._]+/g, " ").trim();

export const listOf = (ctx: NoticeContext, items: string[]) =>
  new Intl.ListFormat(intlLocale(ctx.lang), { type: "conjunction" }).format(items);

/** Alternatives: "a, b or c". */
export const anyOf = (ctx: NoticeContext, items: string[]) =>
  new Intl.ListFormat(intlLocale(ctx.lang), { type: "disjunction" }).format(items);

/** "United States (US)": the name in the notice's language, the ISO code kept for clarity. */
export function country(ctx: NoticeContext, code: string): string {
  const name = new Intl.DisplayNames([intlLocale(ctx.lang)], { type: "region", fallback: "code" }).of(code) ?? code;
  return name === code ? code : `${name} (${code})`;
}

/** A manifest date (YYYY-MM-DD) in words: "1 February 2019", "1 februarie 2019", "1. februar 2019." */
export function formatDate(ctx: NoticeContext, iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(intlLocale(ctx.lang), { dateStyle: "long", timeZone: "UTC" }).format(date);
}

export function categoryLabel(ctx: NoticeContext, id: string): string {
  const category = dataCategory(id);
  if (!category) return englishWords(ctx, humanise(id));
  const label = category.label[ctx.base];
  if (category.special) return `${label} (${ctx.t.activities.specialFlag(cite(ctx, ctx.law.specialCategoryArticle))})`;
  return label;
}

export function subjectLabel(ctx: NoticeContext, id: string): string {
  const subject = ctx.manifest.subjects.find((s) => s.id === id);
  return local(ctx, subject?.label) ?? englishWords(ctx, humanise(id));
}

export const activityName = (ctx: NoticeContext, a: ProcessingActivity): string => local(ctx, a.name) ?? a.id;

export const activityNames = (ctx: NoticeContext, activities: ProcessingActivity[]): string =>
  listOf(ctx, activities.map((a) => activityName(ctx, a)));

/** Where a subject writes about their data: the DPO, else the privacy contact, else the organisation. */
export function privacyEmail(ctx: NoticeContext): string | undefined {
  const { dpo, rights, organisation } = ctx.manifest;
  const email =
    (dpo?.appointed ? dpo.email : dpo?.contact?.email) ??
    rights?.channels?.find((c) => c.kind === "email")?.value ??
    organisation.contact?.email;
  return email && verbatim(ctx, email);
}

export function postalAddress(ctx: NoticeContext): string | undefined {
  const { dpo, rights, organisation } = ctx.manifest;
  const address =
    rights?.channels?.find((c) => c.kind === "post")?.value ??
    (dpo?.appointed ? dpo.address : dpo?.contact?.address) ??
    organisation.contact?.address ??
    organisation.address;
  return address && verbatim(ctx, address);
}

export function phoneNumber(ctx: NoticeContext): string | undefined {
  const { dpo, rights, organisation } = ctx.manifest;
  const phone =
    rights?.channels?.find((c) => c.kind === "phone")?.value ??
    (dpo?.appointed ? dpo.phone : dpo?.contact?.phone) ??
    organisation.contact?.phone;
  return phone && verbatim(ctx, phone);
}
