import type { Language } from "../manifest/index.ts";
import { catalogFor, toCyrillic } from "../notices/index.ts";
import type { BannerTexts } from "./types.ts";

/** What the wording depends on: who asks, which optional categories exist, whether necessary cookies are set. */
export interface TextFacts {
  organisation: string;
  optional: string[];
  necessary: boolean;
  reopen: boolean;
}

type Base = "ro" | "sr" | "en";

interface Catalog {
  title: string;
  necessary(org: string): string;
  /** `org` is undefined when the sentence before has named the organisation already. */
  asks(org: string | undefined, purposes: string): string;
  choose(reopen: boolean): string;
  /** What each category is used for, as it reads after "cookies for". */
  purposeWords: Record<string, string>;
  descriptions: Record<string, string>;
  and: string;
  ui: Omit<BannerTexts, "title" | "body" | "categories" | "noticeLink">;
}

const ro: Catalog = {
  title: "Cookie-uri pe acest site",
  necessary: (org) => `${org} folosește cookie-uri strict necesare, fără de care site-ul nu funcționează.`,
  asks: (org, purposes) => `Cu acordul dumneavoastră, ${org ? `${org} ` : ""}folosește și cookie-uri pentru ${purposes}.`,
  choose: (reopen) =>
    `Le puteți accepta sau refuza pe toate ori alege pe categorii; vă puteți schimba alegerea oricând${reopen ? ", din butonul „Setări cookie-uri”" : ""}.`,
  purposeWords: { preferences: "reținerea preferințelor", analytics: "statistici de utilizare", marketing: "publicitate", social: "funcții de rețele sociale" },
  descriptions: {
    necessary: "Fără ele site-ul nu funcționează (de exemplu, sesiunea și securitatea); nu necesită consimțământ.",
    preferences: "Rețin alegerile dumneavoastră, cum ar fi limba sau regiunea.",
    analytics: "Ne arată cum este folosit site-ul, ca să-l putem îmbunătăți.",
    marketing: "Permit afișarea de reclame relevante și măsurarea campaniilor, inclusiv de către terți.",
    social: "Permit funcții ale rețelelor sociale, cum ar fi distribuirea sau conținutul încorporat.",
  },
  and: "și",
  ui: {
    acceptAll: "Accept toate",
    rejectAll: "Refuz toate",
    settings: "Setări",
    save: "Salvez alegerile",
    close: "Închide",
    settingsTitle: "Setări cookie-uri",
    settingsIntro: "Alegeți ce categorii de cookie-uri acceptați. Cookie-urile strict necesare nu pot fi dezactivate.",
    alwaysOn: "Mereu active",
    services: "Servicii și cookie-uri",
    columns: { provider: "Furnizor", cookies: "Cookie-uri", lifetime: "Durata", purpose: "Scopul" },
    reopen: "Setări cookie-uri",
    gpc: "Browserul dumneavoastră transmite semnalul Global Privacy Control: am refuzat cookie-urile care nu sunt strict necesare.",
  },
};

const sr: Catalog = {
  title: "Kolačići na ovoj internet stranici",
  necessary: (org) => `${org} koristi neophodne kolačiće, bez kojih stranica ne radi.`,
  asks: (org, purposes) => `Uz vaš pristanak, ${org ? `${org} ` : ""}koristi i kolačiće za ${purposes}.`,
  choose: (reopen) =>
    `Možete ih sve prihvatiti ili odbiti, ili izabrati po vrstama; izbor možete promeniti u svakom trenutku${reopen ? " preko dugmeta „Podešavanja kolačića“" : ""}.`,
  purposeWords: { preferences: "pamćenje vaših podešavanja", analytics: "statistiku korišćenja", marketing: "oglašavanje", social: "funkcije društvenih mreža" },
  descriptions: {
    necessary: "Bez njih stranica ne radi (na primer, sesija i bezbednost); za njih nije potreban pristanak.",
    preferences: "Pamte vaša podešavanja, na primer jezik ili region.",
    analytics: "Pokazuju nam kako se stranica koristi, da bismo je poboljšali.",
    marketing: "Omogućavaju prikazivanje relevantnih oglasa i merenje kampanja, i od strane trećih lica.",
    social: "Omogućavaju funkcije društvenih mreža, kao što su deljenje i ugrađeni sadržaj.",
  },
  and: "i",
  ui: {
    acceptAll: "Prihvatam sve",
    rejectAll: "Odbijam sve",
    settings: "Podešavanja",
    save: "Sačuvaj izbor",
    close: "Zatvori",
    settingsTitle: "Podešavanja kolačića",
    settingsIntro: "Izaberite koje vrste kolačića prihvatate. Neophodni kolačići ne mogu da se isključe.",
    alwaysOn: "Uvek aktivni",
    services: "Usluge i kolačići",
    columns: { provider: "Pružalac", cookies: "Kolačići", lifetime: "Trajanje", purpose: "Svrha" },
    reopen: "Podešavanja kolačića",
    gpc: "Vaš pregledač šalje signal Global Privacy Control, pa smo odbili kolačiće koji nisu neophodni.",
  },
};

const en: Catalog = {
  title: "Cookies on this website",
  necessary: (org) => `${org} uses strictly necessary cookies, without which this website does not work.`,
  asks: (org, purposes) => `With your consent, ${org ?? "it"} also uses cookies for ${purposes}.`,
  choose: (reopen) => `You can accept or reject them all, or choose by category, and change your choice at any time${reopen ? " with the “Cookie settings” button" : ""}.`,
  purposeWords: { preferences: "remembering your settings", analytics: "usage statistics", marketing: "advertising", social: "social media features" },
  descriptions: {
    necessary: "The website does not work without them (for example, the session and security); they need no consent.",
    preferences: "Remember your choices, such as language or region.",
    analytics: "Show us how the website is used, so that we can improve it.",
    marketing: "Show relevant advertising and measure campaigns, also by third parties.",
    social: "Enable social media features such as sharing and embedded content.",
  },
  and: "and",
  ui: {
    acceptAll: "Accept all",
    rejectAll: "Reject all",
    settings: "Settings",
    save: "Save choices",
    close: "Close",
    settingsTitle: "Cookie settings",
    settingsIntro: "Choose which kinds of cookies you accept. Strictly necessary cookies cannot be switched off.",
    alwaysOn: "Always active",
    services: "Services and cookies",
    columns: { provider: "Provider", cookies: "Cookies", lifetime: "Lifetime", purpose: "Purpose" },
    reopen: "Cookie settings",
    gpc: "Your browser sends the Global Privacy Control signal, so we have refused the cookies that are not strictly necessary.",
  },
};

const catalogs: Record<Base, Catalog> = { ro, sr, en };
const baseOf = (lang: Language): Base => (lang === "sr-Cyrl" ? "sr" : lang);

/** "a, b and c" with the catalog's own conjunction, so the list reads like the sentence around it. */
function list(items: string[], and: string): string {
  if (items.length < 2) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${and} ${items[items.length - 1]}`;
}

/** The banner's strings in one language; Serbian Cyrillic is the Latin text transliterated, names kept. */
export function bannerTexts(lang: Language, facts: TextFacts): BannerTexts {
  const c = catalogs[baseOf(lang)];
  const labels = catalogFor(lang).cookies.category as Record<string, string>;
  const purposes = list(facts.optional.map((id) => c.purposeWords[id] ?? id), c.and);
  const body = [
    facts.necessary ? c.necessary(facts.organisation) : "",
    facts.optional.length ? c.asks(facts.necessary ? undefined : facts.organisation, purposes) : "",
    facts.optional.length ? c.choose(facts.reopen) : "",
  ].filter(Boolean);
  const ids = [...(facts.necessary ? ["necessary"] : []), ...facts.optional];
  const texts: BannerTexts = {
    title: c.title,
    body: body.join(" "),
    noticeLink: catalogFor(lang).title,
    ...c.ui,
    categories: Object.fromEntries(ids.map((id) => [id, { title: labels[id] ?? id, description: c.descriptions[id] ?? "" }])),
  };
  return lang === "sr-Cyrl" ? transliterate(texts, [facts.organisation, "Global Privacy Control"]) : texts;
}

function transliterate<T>(value: T, keep: string[]): T {
  if (typeof value === "string") return toCyrillic(value, keep) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, transliterate(v, keep)])) as T;
  }
  return value;
}
