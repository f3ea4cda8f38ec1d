import type { Language } from "../../manifest/index.ts";
import { toCyrillic } from "../cyrillic.ts";
import type { CatalogLanguage, NoticeText } from "./catalog.ts";
import { en } from "./en.ts";
import { ro } from "./ro.ts";
import { sr } from "./sr.ts";

export type * from "./catalog.ts";
export { SECTION_IDS } from "./catalog.ts";

const catalogs: Record<CatalogLanguage, NoticeText> = { en, ro, sr };

/** Serbian Cyrillic is written from the Latin catalog and transliterated afterwards (cyrillic.ts). */
export const catalogLanguage = (lang: Language): CatalogLanguage => (lang === "sr-Cyrl" ? "sr" : lang);

export const catalogFor = (lang: Language): NoticeText => catalogs[catalogLanguage(lang)];

/** Locales for Intl (country names, dates, lists). */
export const intlLocale = (lang: Language): string => ({ en: "en-GB", ro: "ro", sr: "sr-Latn", "sr-Cyrl": "sr-Latn" })[lang];

/** The BCP 47 tag for HTML lang attributes. */
export const htmlLang = (lang: Language): string => (lang === "sr" ? "sr-Latn" : lang);

/** Labels the renderers add around the notice (skip link, table of contents), in the notice's script. */
export function uiText(lang: Language): NoticeText["ui"] {
  const ui = catalogFor(lang).ui;
  return lang === "sr-Cyrl" ? { skipLink: toCyrillic(ui.skipLink), contents: toCyrillic(ui.contents) } : ui;
}
