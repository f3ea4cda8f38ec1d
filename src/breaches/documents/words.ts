import { dataCategory } from "../../law/index.ts";
import { textIn, type Language, type Manifest } from "../../manifest/index.ts";
import { toCyrillic } from "../../notices/index.ts";
import { textsFor, type BreachTexts } from "../text/index.ts";
import type { Approximate, Localized, Occurrence } from "../schema.ts";

// "E-mail address" → "e-mail address" inside a sentence; "IP address" keeps its acronym.
const SERBIAN_MONTHS = ["januara", "februara", "marta", "aprila", "maja", "juna", "jula", "avgusta", "septembra", "oktobra", "novembra", "decembra"];

const lowerFirst = (s: string) => (/^\p{Lu}(?!\p{Lu})/u.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);

/**
 * How one document speaks: its language's texts, dates in the organisation's time zone, and the
 * fragments a Serbian Cyrillic document must leave as written (names, addresses, text given only
 * in another language), which `finish` then leaves alone.
 */
export class Words {
  readonly t: BreachTexts;
  private readonly kept = new Set<string>();

  constructor(
    readonly lang: Language,
    readonly timeZone: string,
  ) {
    this.t = textsFor(lang);
  }

  /** A name, an address, a reference: never transliterated. */
  keep<T extends string | undefined>(s: T): T {
    if (s) this.kept.add(s);
    return s;
  }

  /** Free text in the document's language or its fallback; text not written in Serbian stays as written. */
  pick(t: Localized | undefined): string | undefined {
    const s = textIn(t, this.lang);
    if (s === undefined || this.lang !== "sr-Cyrl") return s;
    const inSerbianLatin = typeof t !== "string" && t?.["sr-Cyrl"] === undefined && t?.sr === s;
    return inSerbianLatin ? s : this.keep(s);
  }

  /** "20.11.2026, 09:00 (UTC+02:00)": the local time and its offset, so the instant is never ambiguous. */
  instant(iso: string | Date): string {
    const d = new Date(iso);
    const local = new Intl.DateTimeFormat(this.t.locale, { day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: this.timeZone }).format(d);
    return `${local} (${utcOffset(d, this.timeZone)})`;
  }

  /** "20 noiembrie 2026", "20. novembra 2026." (the month in the genitive, as a Serbian date is written), "20 November 2026". */
  date(iso: string | Date): string {
    const d = new Date(iso);
    if (this.lang === "sr" || this.lang === "sr-Cyrl") {
      const [y, m, day] = new Intl.DateTimeFormat("en-CA", { timeZone: this.timeZone }).format(d).split("-").map(Number);
      return `${day}. ${SERBIAN_MONTHS[m! - 1]} ${y}.`;
    }
    return new Intl.DateTimeFormat(this.t.locale, { dateStyle: "long", timeZone: this.timeZone }).format(d);
  }

  number(n: number): string {
    return new Intl.NumberFormat(this.t.locale).format(n);
  }

  count(a: Approximate): string {
    if (a === "unknown") return this.t.unknown;
    if (typeof a === "number") return this.number(a);
    return a.min === a.max ? this.number(a.min) : this.t.between(this.number(a.min), this.number(a.max));
  }

  occurrence(o: Occurrence): string {
    if (o === "unknown") return this.t.unknown;
    if (typeof o === "string") return this.instant(o);
    return this.t.range(this.instant(o.from), this.instant(o.to));
  }

  category(id: string, opts: { prose?: boolean } = {}): string {
    const c = dataCategory(id);
    const label = c ? c.label[this.lang === "sr-Cyrl" ? "sr" : this.lang] : id;
    return opts.prose ? lowerFirst(label) : label;
  }

  /** A subject category: the manifest's label when it is one of its subject ids, else the words given. */
  subjectCategory(id: string, manifest: Manifest): string {
    const s = manifest.subjects.find((x) => x.id === id);
    return s?.label ? (this.pick(s.label) ?? id) : this.keep(id);
  }

  list(items: string[]): string {
    return items.length ? items.join(", ") : this.t.none;
  }

  /** The last step of every string of the document: Serbian Cyrillic is transliterated, the rest is as composed. */
  finish(s: string): string {
    return this.lang === "sr-Cyrl" ? toCyrillic(s, this.kept) : s;
  }
}

/** "UTC+02:00" for the offset of a zone at an instant. */
export function utcOffset(d: Date, timeZone: string): string {
  const name = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" }).formatToParts(d).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /GMT([+-]\d{2}:\d{2})?/.exec(name);
  return `UTC${m?.[1] ?? "+00:00"}`;
}
