import { toCyrillic } from "../notices/cyrillic.ts";

/** The same catalog of labels with every string passed through `f`, e.g. Serbian Latin to Cyrillic. */
export function mapStrings<T>(value: T, f: (s: string) => string): T {
  if (typeof value === "string") return f(value) as T;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f)) as T;
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)])) as T;
  return value;
}

export const DOCUMENT_LANGUAGES = ["en", "ro", "sr", "sr-Cyrl"] as const;
export type DocumentLanguage = (typeof DOCUMENT_LANGUAGES)[number];

/** A document's labels in its language: Serbian Cyrillic is the Serbian Latin catalog transliterated. */
export function catalogIn<T>(lang: DocumentLanguage, catalogs: { en: T; ro: T; sr: T }): T {
  return lang === "sr-Cyrl" ? mapStrings(catalogs.sr, (s) => toCyrillic(s)) : catalogs[lang];
}
