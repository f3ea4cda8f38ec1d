import type { Language } from "../../manifest/index.ts";
import { en } from "./en.ts";
import { ro } from "./ro.ts";
import { sr } from "./sr.ts";
import type { BreachTexts } from "./types.ts";

export type { AdviceKey, BreachTexts, ContactPoint, FormField, FormSection } from "./types.ts";
export { ADVICE_KEYS, FORM_SECTIONS } from "./types.ts";

/** Serbian Cyrillic documents are composed from the Latin texts and transliterated at the end. */
export const textsFor = (lang: Language): BreachTexts => ({ ro, sr, "sr-Cyrl": sr, en })[lang];
