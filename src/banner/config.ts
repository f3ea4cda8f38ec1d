import { createHash } from "node:crypto";
import { canonicalJson } from "../audit/index.ts";
import { parseIsoDuration } from "../law/index.ts";
import { defaultBannerColours } from "../lint/rules/cookies.ts";
import type { Language, Manifest } from "../manifest/index.ts";
import { bannerCategories } from "./categories.ts";
import { bannerTexts } from "./texts.ts";
import type { BannerCategory, BannerConfig, BannerLanguage, BannerTexts, ConsentModeMap } from "./types.ts";

/** CNIL and the EDPB taskforce's members ask again after about six months. */
export const DEFAULT_ASK_AGAIN_AFTER = "P180D";

/** Google Consent Mode v2 signals per category; security_storage is what strictly necessary cookies do. */
export const CONSENT_MODE: ConsentModeMap = {
  signals: {
    analytics: ["analytics_storage"],
    marketing: ["ad_storage", "ad_user_data", "ad_personalization"],
    preferences: ["functionality_storage", "personalization_storage"],
  },
  alwaysGranted: ["security_storage"],
  waitForUpdate: 500,
};

export interface BannerSource {
  slug: string;
  manifest: Manifest;
  /** The policy version the banner shows. */
  version: number;
  revision: number;
  /** Where this server is reached from the organisation's site, without a trailing slash. */
  baseUrl: string;
}

/** The notice is published in the organisation's languages, Serbian also in Cyrillic; so is the banner. */
export const bannerLanguages = (m: Manifest): BannerLanguage[] => m.organisation.languages.flatMap((l) => (l === "sr" ? ["sr", "sr-Cyrl"] : [l]) as BannerLanguage[]);

/**
 * Days until the banner asks again. Months count 30 days and years 365, so the browser asks a
 * little before the ledger's validity (calendar months) runs out, never after.
 */
export function askAgainDays(iso: string): number {
  const p = parseIsoDuration(iso);
  const days = (p.years ?? 0) * 365 + (p.months ?? 0) * 30 + (p.weeks ?? 0) * 7 + (p.days ?? 0) + Math.floor((p.hours ?? 0) / 24);
  return Math.max(1, days);
}

interface Shown {
  languages: BannerLanguage[];
  texts: Partial<Record<BannerLanguage, BannerTexts>>;
  categories: BannerCategory[];
}

/** What the banner shows, in every language: the part of the config the text hashes cover. */
function shown(manifest: Manifest): Shown {
  const languages = bannerLanguages(manifest);
  const banner = manifest.cookie_consent?.banner;
  const categories = bannerCategories(manifest, languages, banner?.ask_again_after ?? DEFAULT_ASK_AGAIN_AFTER);
  const facts = {
    organisation: manifest.organisation.trade_name ?? manifest.organisation.name,
    optional: categories.filter((c) => !c.necessary).map((c) => c.id),
    necessary: categories.some((c) => c.necessary),
    reopen: banner?.reopen !== false,
  };
  return { languages, categories, texts: Object.fromEntries(languages.map((l) => [l, bannerTexts(l, facts)])) };
}

/** Exactly what a visitor reads in one language: texts, categories, services, cookies. URLs and colours are not text. */
function textHash(s: Shown, lang: BannerLanguage): string {
  const categories = s.categories.map((c) => ({
    id: c.id,
    necessary: c.necessary,
    services: c.services.map((sv) => ({
      provider: sv.provider,
      cookies: sv.cookies.map((k) => ({ name: k.name, lifetime: k.lifetime[lang], purpose: k.purpose[lang] })),
    })),
  }));
  return createHash("sha256").update(canonicalJson({ texts: s.texts[lang], categories })).digest("hex");
}

/** The hash of the text a version's banner showed in a language, or undefined if it was not shown in it. */
export function bannerTextHash(manifest: Manifest, lang: Language): string | undefined {
  const s = shown(manifest);
  return s.languages.includes(lang) ? textHash(s, lang) : undefined;
}

/** The optional categories a version's banner asked about, each with the ids of its services. */
export const optionalChoices = (manifest: Manifest): Map<string, string[]> =>
  new Map(shown(manifest).categories.filter((c) => !c.necessary).map((c) => [c.id, c.services.map((s) => s.id)]));

export function buildBannerConfig(src: BannerSource): BannerConfig {
  const { manifest, slug, baseUrl } = src;
  const s = shown(manifest);
  const banner = manifest.cookie_consent?.banner;
  const org = `${baseUrl}/o/${encodeURIComponent(slug)}`;
  return {
    org: { slug, name: manifest.organisation.trade_name ?? manifest.organisation.name },
    version: src.version,
    revision: src.revision,
    endpoint: `${org}/consent-events`,
    languages: s.languages,
    texts: s.texts,
    textHashes: Object.fromEntries(s.languages.map((l) => [l, textHash(s, l)])),
    categories: s.categories,
    consentMode: CONSENT_MODE,
    style: {
      rejectStyle: banner?.reject_style ?? "button",
      colours: { ...defaultBannerColours, ...banner?.colours },
      position: banner?.position ?? "bottom",
      reopen: banner?.reopen !== false,
    },
    askAgainAfterDays: askAgainDays(banner?.ask_again_after ?? DEFAULT_ASK_AGAIN_AFTER),
    noticeUrl: Object.fromEntries(s.languages.map((l) => [l, banner?.notice_url ?? `${org}/privacy/${l}.html`])),
  };
}
