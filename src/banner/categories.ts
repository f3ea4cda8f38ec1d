import { cookiePurpose, serviceIds } from "../consent/index.ts";
import type { Cookie, Language, LocalizedText, Manifest } from "../manifest/index.ts";
import { vocabulary } from "../manifest/index.ts";
import { catalogFor, durationWords, toCyrillic } from "../notices/index.ts";
import type { BannerCategory, BannerCookie, BannerService } from "./types.ts";

/** The cookie in which the banner keeps the decision: strictly necessary, first party. */
export const CONSENT_COOKIE = "registru_consent";

const CONSENT_COOKIE_PURPOSE: Record<"ro" | "sr" | "en", string> = {
  ro: "Reține alegerile dumneavoastră privind cookie-urile.",
  sr: "Pamti vaš izbor kolačića.",
  en: "Remembers your cookie choices.",
};

/** Manifest text in the banner's language, falling back like the notices: sr-Cyrl ← sr, then English, then any. */
export function localText(t: LocalizedText, lang: Language): string {
  if (typeof t === "string") return t;
  if (t[lang]) return t[lang]!;
  if (lang === "sr-Cyrl" && t.sr) return toCyrillic(t.sr);
  return t.en ?? Object.values(t).find((x) => x !== undefined) ?? "";
}

function lifetimeIn(c: Pick<Cookie, "lifetime">, lang: Language): string {
  const t = catalogFor(lang).cookies;
  const words = c.lifetime === undefined ? t.lifetimeMissing : c.lifetime === "session" ? t.session : durationWords(catalogFor(lang), c.lifetime);
  return lang === "sr-Cyrl" ? toCyrillic(words) : words;
}

const perLanguage = (languages: Language[], f: (lang: Language) => string) => Object.fromEntries(languages.map((l) => [l, f(l)]));

/** The banner's own cookie, listed so the visitor sees every cookie set, unless the manifest lists it already. */
function consentCookie(languages: Language[], askAgainAfter: string): BannerCookie {
  return {
    name: CONSENT_COOKIE,
    lifetime: perLanguage(languages, (l) => lifetimeIn({ lifetime: askAgainAfter }, l)),
    purpose: perLanguage(languages, (l) => {
      const text = CONSENT_COOKIE_PURPOSE[l === "sr-Cyrl" ? "sr" : l];
      return l === "sr-Cyrl" ? toCyrillic(text) : text;
    }),
  };
}

/** Cookies grouped by category (in the vocabulary's order, necessary first) and, within one, by provider. */
export function bannerCategories(manifest: Manifest, languages: Language[], askAgainAfter: string): BannerCategory[] {
  const cookies = manifest.cookies ?? [];
  const own = manifest.organisation.trade_name ?? manifest.organisation.name;
  return vocabulary.cookieCategories.flatMap((id): BannerCategory[] => {
    const inCategory = cookies.filter((c) => c.category === id);
    const services = groupByProvider(inCategory, languages);
    if (id === "necessary" && !cookies.some((c) => c.name === CONSENT_COOKIE)) {
      const mine = services.find((s) => s.provider === own);
      const cookie = consentCookie(languages, askAgainAfter);
      if (mine) mine.cookies.push(cookie);
      else services.unshift({ provider: own, cookies: [cookie] });
    }
    return services.length ? [{ id, purpose: cookiePurpose(id), necessary: id === "necessary", services: withIds(services) }] : [];
  });
}

/** Each service's id (see serviceIds): services are grouped in the manifest's order of providers. */
function withIds(services: Unnamed[]): BannerService[] {
  const ids = serviceIds(services.map((s) => s.provider));
  return services.map((s, i) => ({ id: ids[i]!, ...s }));
}

/** A service as grouped, before it has its id. */
type Unnamed = Omit<BannerService, "id">;

function groupByProvider(cookies: Cookie[], languages: Language[]): Unnamed[] {
  const services = new Map<string, Unnamed>();
  for (const c of cookies) {
    const service = services.get(c.provider) ?? { provider: c.provider, cookies: [] };
    service.cookies.push({
      name: c.name,
      lifetime: perLanguage(languages, (l) => lifetimeIn(c, l)),
      purpose: perLanguage(languages, (l) => localText(c.purpose, l)),
    });
    services.set(c.provider, service);
  }
  return [...services.values()];
}
