import type { LocalizedText } from "./schema.ts";
import type { Language } from "./vocabulary.ts";

/** The text in the wanted language, falling back to English, then to any language given. */
export function textIn(t: LocalizedText | undefined, lang: Language): string | undefined {
  if (t === undefined) return undefined;
  if (typeof t === "string") return t;
  return t[lang] ?? t.en ?? Object.values(t).find((x) => x !== undefined);
}
