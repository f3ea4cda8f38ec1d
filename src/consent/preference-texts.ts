import { createHash } from "node:crypto";
import { canonicalJson } from "../audit/index.ts";
import type { Cookie, Language, LocalizedText, Manifest } from "../manifest/index.ts";
import { pickLanguage } from "../manifest/index.ts";
import { catalogFor, toCyrillic } from "../notices/index.ts";
import { cookiePurpose } from "./purposes.ts";

/** Manifest text as the subject sees it; `lang` is set when it fell back to another language. */
export interface ShownText {
  text: string;
  lang?: Language;
}

/** One purpose the subject can decide on, worded in the page's language. */
export interface PurposeText {
  purpose: string;
  kind: "activity" | "cookie";
  label: ShownText;
  description: ShownText;
  /** The cookies of a cookie category, named as the organisation names them. */
  cookies: { name: string; provider: string }[];
}

export function shownText(t: LocalizedText, lang: Language): ShownText {
  // A plain string has no language: it is shown as the organisation wrote it.
  if (typeof t === "string") return { text: t };
  const found = pickLanguage(t, lang);
  if (!found) return { text: "" };
  const text = t[found]!;
  if (found === lang) return { text };
  // As the sr-Cyrl notice does: Serbian Latin text is written in Cyrillic, not marked as foreign.
  if (lang === "sr-Cyrl" && found === "sr") return { text: toCyrillic(text) };
  return { text, lang: found };
}

const inScript = (lang: Language, text: string) => (lang === "sr-Cyrl" ? toCyrillic(text) : text);

/** The category's name as the notice's cookie table gives it. */
export const cookieCategoryLabel = (category: string, lang: Language): string =>
  inScript(lang, catalogFor(lang).cookies.category[category as Cookie["category"]] ?? category);

/**
 * What a subject can decide on: each consent-based activity the organisation runs as controller
 * (an activity done as processor is the client controller's to ask for, as the notice says), and
 * each optional cookie category that rests on consent, in the manifest's order.
 */
export function purposeTexts(manifest: Manifest, lang: Language): PurposeText[] {
  const activities = manifest.activities
    .filter((a) => a.role !== "processor" && a.legal_basis?.includes("consent"))
    .map((a): PurposeText => ({ purpose: a.id, kind: "activity", label: shownText(a.name, lang), description: shownText(a.purpose, lang), cookies: [] }));
  const cookies = manifest.cookies ?? [];
  const categories = [...new Set(cookies.map((c) => c.category))].filter(
    (category) => category !== "necessary" && cookies.some((c) => c.category === category && c.legal_basis === "consent"),
  );
  return [...activities, ...categories.map((category) => cookieCategoryText(cookies.filter((c) => c.category === category), category, lang))];
}

function cookieCategoryText(cookies: Cookie[], category: string, lang: Language): PurposeText {
  const purposes = cookies.map((c) => shownText(c.purpose, lang));
  const texts = [...new Set(purposes.map((p) => p.text))];
  const langs = new Set(purposes.map((p) => p.lang));
  return {
    purpose: cookiePurpose(category),
    kind: "cookie",
    label: { text: cookieCategoryLabel(category, lang) },
    // One language mark for the whole description, and only when every part fell back to it.
    description: { text: texts.join("; "), ...(langs.size === 1 && [...langs][0] && { lang: [...langs][0] }) },
    cookies: cookies.map((c) => ({ name: c.name, provider: c.provider })),
  };
}

/**
 * The proof of what was shown: sha256 of the canonical JSON of the purpose texts in that language
 * under that policy version. The same page always gives the same hash, so it can be recomputed.
 */
export function purposeTextsHash(texts: PurposeText[], lang: Language, policyVersion: number): string {
  const shown = texts.map((t) => ({ purpose: t.purpose, label: t.label.text, description: t.description.text, cookies: t.cookies }));
  return createHash("sha256").update(canonicalJson({ policyVersion, language: lang, purposes: shown })).digest("hex");
}
