/**
 * The cookie banner's configuration: built by the server from the policy in force, inlined into
 * banner.js and read by the browser script (banner/src). Types only, so both sides share it.
 */
export type BannerLanguage = "ro" | "sr" | "sr-Cyrl" | "en";

/** Every string the banner shows in one language; manifest text (purposes, lifetimes) is in `categories`. */
export interface BannerTexts {
  title: string;
  body: string;
  noticeLink: string;
  acceptAll: string;
  rejectAll: string;
  settings: string;
  save: string;
  close: string;
  settingsTitle: string;
  settingsIntro: string;
  alwaysOn: string;
  services: string;
  columns: { provider: string; cookies: string; lifetime: string; purpose: string };
  categories: Record<string, { title: string; description: string }>;
  reopen: string;
  gpc: string;
}

export interface BannerCookie {
  /** As in the manifest; a trailing * names a family (_ga_*). */
  name: string;
  lifetime: Partial<Record<BannerLanguage, string>>;
  purpose: Partial<Record<BannerLanguage, string>>;
}

export interface BannerService {
  /** A slug of the provider's name, unique within its category: `<category>:<id>` names the service in choices. */
  id: string;
  provider: string;
  cookies: BannerCookie[];
}

export interface BannerCategory {
  id: string;
  /** The consent ledger's purpose for this category. */
  purpose: string;
  necessary: boolean;
  services: BannerService[];
}

/** Google Consent Mode v2: which signals each category grants. */
export interface ConsentModeMap {
  signals: Record<string, string[]>;
  alwaysGranted: string[];
  waitForUpdate: number;
}

export interface BannerColours {
  accept: string;
  reject: string;
  accept_text: string;
  reject_text: string;
  background: string;
  text: string;
}

export interface BannerStyle {
  rejectStyle: "button" | "link";
  colours: BannerColours;
  position: "bottom" | "center";
  reopen: boolean;
}

export interface BannerConfig {
  org: { slug: string; name: string };
  /** The policy version shown; the consent cookie keeps it. */
  version: number;
  /** The latest policy version that needs cookie consent asked again; a stored decision older than it is asked again. */
  revision: number;
  endpoint: string;
  languages: BannerLanguage[];
  texts: Partial<Record<BannerLanguage, BannerTexts>>;
  /** sha256 of what the banner shows in each language: the ledger's proof of the text. */
  textHashes: Partial<Record<BannerLanguage, string>>;
  categories: BannerCategory[];
  consentMode: ConsentModeMap;
  style: BannerStyle;
  askAgainAfterDays: number;
  noticeUrl: Partial<Record<BannerLanguage, string>>;
}

/** What the banner sends to the decision endpoint. */
export type BannerMethod = "banner_accept_all" | "banner_reject_all" | "banner_custom" | "gpc";

export interface BannerDecision {
  consentId: string;
  version: number;
  language: BannerLanguage;
  method: BannerMethod;
  choices: Record<string, boolean>;
}
