import type { BannerLanguage } from "../../src/banner/types.ts";

function normalise(tag: string | null | undefined): BannerLanguage | undefined {
  if (!tag) return undefined;
  const parts = tag.toLowerCase().split(/[-_]/);
  if (parts[0] === "sr") return parts.indexOf("cyrl") >= 0 ? "sr-Cyrl" : "sr";
  return parts[0] === "ro" || parts[0] === "en" ? parts[0] : undefined;
}

/** The script's data-lang, else the page's <html lang>, among the languages offered; else the first offered. */
export function pickLanguage(offered: BannerLanguage[], script: Element | null, html: Element): BannerLanguage {
  for (const tag of [script && script.getAttribute("data-lang"), html.getAttribute("lang")]) {
    const lang = normalise(tag);
    if (lang && offered.indexOf(lang) >= 0) return lang;
  }
  return offered[0]!;
}
