import type { LocalizedText } from "./schema.ts";
import type { Language } from "./vocabulary.ts";

/** Which language stands in for a missing one: Serbian Latin for Cyrillic, then English, then any given. */
const FALLBACK: Record<Language, Language[]> = {
  en: ["en"],
  ro: ["ro", "en"],
  sr: ["sr", "en"],
  "sr-Cyrl": ["sr-Cyrl", "sr", "en"],
};

/** The language of a localized text that best serves `lang`, or undefined when it gives none. */
export function pickLanguage(t: Exclude<LocalizedText, string>, lang: Language): Language | undefined {
  return FALLBACK[lang].find((l) => t[l] !== undefined) ?? (Object.keys(t) as Language[]).find((l) => t[l] !== undefined);
}

/** The text in the wanted language or its fallback; a plain string is the same in every language. */
export function textIn(t: LocalizedText | undefined, lang: Language): string | undefined {
  if (t === undefined) return undefined;
  if (typeof t === "string") return t;
  const found = pickLanguage(t, lang);
  return found && t[found];
}
