/**
 * Serbian Latin → Cyrillic, for the sr-Cyrl notice. Only Serbian words change, Serbian acronyms
 * included (ZZPL → ЗЗПЛ, JMBG → ЈМБГ): e-mail addresses, URLs and domains, GDPR article references
 * ("GDPR Art. 6(1)(b)"), other acronyms and ISO codes (GDPR, ISO, US), well-known foreign brands
 * (Google, Facebook…), ids, codes with digits, foreign words (q, w, x, y) and the caller's own
 * fragments (names, English fallbacks) stay as written.
 */
const LOWER: Record<string, string> = {
  a: "а", b: "б", c: "ц", č: "ч", ć: "ћ", d: "д", đ: "ђ", e: "е", f: "ф", g: "г", h: "х", i: "и", j: "ј", k: "к",
  l: "л", m: "м", n: "н", o: "о", p: "п", r: "р", s: "с", š: "ш", t: "т", u: "у", v: "в", z: "з", ž: "ж",
};
const SINGLE: Record<string, string> = {
  ...LOWER,
  ...Object.fromEntries(Object.entries(LOWER).map(([l, c]) => [l.toUpperCase(), c.toUpperCase()])),
};
const DIGRAPHS: Record<string, string> = {
  lj: "љ", Lj: "Љ", LJ: "Љ", nj: "њ", Nj: "Њ", NJ: "Њ", dž: "џ", Dž: "Џ", DŽ: "Џ",
};

// Where the two letters belong to a prefix and a stem they stay two letters:
// nad|živeti → надживети, in|jekcija → инјекција.
const SPLIT_BEFORE_Z = new Set(["nad", "pod", "pred", "ispod"]);
const SPLIT_BEFORE_J = new Set(["in", "kon", "van"]);

/** Foreign names that a letter-by-letter rule would garble. */
const KEEP_LATIN = [
  "EU-US Data Privacy Framework", "Google Analytics", "Google Tag Manager", "Google Workspace", "Amazon Web Services",
  "Microsoft 365", "Microsoft Teams", "Microsoft Office", "Meta Platforms",
];

/** Well-known foreign brands, kept in Latin as whole words ("Google", not "Гоогле"). */
const BRANDS = [
  "Google", "Facebook", "LinkedIn", "Amazon", "AWS", "Microsoft", "Mailchimp", "Instagram", "YouTube", "Apple", "Android",
  "iOS", "Zoom", "Cloudflare", "Hotjar", "Stripe", "PayPal", "Viber", "WhatsApp", "TikTok", "Vimeo", "Oracle",
  "Adobe", "Salesforce", "HubSpot", "Shopify", "Slack", "Dropbox", "GitHub", "Azure", "Gmail", "Outlook",
  "Skype", "Twitter", "Telegram", "Hetzner", "OVH", "Mailerlite", "Sendinblue", "Brevo", "Matomo", "Ampeco",
];

/** Serbian acronyms: written in the notice's script (ЗЗПЛ, АПР, ПИБ, ЈМБГ); other all-caps words stay Latin. */
const SERBIAN_ACRONYMS = ["ZZPL", "APR", "PIB", "JMBG", "PDV", "MUP", "NBS", "RFZO", "PIO", "RZS", "RGZ", "JKP"];

const PROTECTED = [
  String.raw`https?://[^\s)]+`,
  String.raw`www\.[^\s)]+`,
  String.raw`[\p{L}\d._%+-]+@[\p{L}\d.-]+\.[\p{L}]{2,}`,
  String.raw`(?<![\p{L}\d])(?:[\p{L}\d-]+\.)+[a-z]{2,}(?![\p{L}\d])`,
  String.raw`GDPR\s+Art\.\s*[\d()a-z,\-–]*[\d)]`,
  String.raw`(?<![\p{L}\d])(?:${BRANDS.join("|")})(?![\p{L}\d])`,
  String.raw`(?<![\p{L}\d])(?!(?:${SERBIAN_ACRONYMS.join("|")})(?![\p{L}\d]))\p{Lu}{2,}(?![\p{L}\d])`,
  String.raw`(?<![\p{L}\d])(?=[\p{L}\d]*\d)(?=[\p{L}\d]*\p{L})[\p{L}\d]+(?![\p{L}\d])`,
  String.raw`[\p{L}\d]+(?:_[\p{L}\d]+)+`,
  String.raw`(?<!\p{L})\p{L}*[qwxyQWXY]\p{L}*(?!\p{L})`,
];

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A transliterator that leaves `keep` fragments (and the built-in patterns) untouched. */
export function cyrillicTransliterator(keep: Iterable<string> = []): (text: string) => string {
  const fragments = [...new Set([...keep, ...KEEP_LATIN])].filter((k) => k.length > 0).sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(${[...fragments.map(escapeRe), ...PROTECTED].join("|")})`, "gu");
  return (text) =>
    text
      .split(pattern)
      .map((part, i) => (i % 2 === 1 ? part : loanwords(part).replace(/\p{L}+/gu, word)))
      .join("");
}

export const toCyrillic = (text: string, keep: Iterable<string> = []): string => cyrillicTransliterator(keep)(text);

// Loanwords Serbian spells by sound, not letter by letter: "e-mailom" is "имејлом", not "е-маилом".
const loanwords = (s: string) => s.replace(/(?<!\p{L})([eE])-mail(?=\p{L}*)/gu, (_, e: string) => (e === "E" ? "Imejl" : "imejl"));

function word(w: string): string {
  let out = "";
  for (let i = 0; i < w.length; i++) {
    const pair = DIGRAPHS[w.slice(i, i + 2)];
    if (pair && !splitsAt(w, i)) {
      out += pair;
      i++;
    } else {
      out += SINGLE[w[i]!] ?? w[i]!;
    }
  }
  return out;
}

function splitsAt(w: string, i: number): boolean {
  const prefix = w.slice(0, i + 1).toLowerCase();
  const second = w[i + 1]?.toLowerCase();
  return (second === "ž" && SPLIT_BEFORE_Z.has(prefix)) || (second === "j" && SPLIT_BEFORE_J.has(prefix));
}
