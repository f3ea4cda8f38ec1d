import { dataCategory, isCriminalData, isSpecialCategory, lawFor, transferStatus, type Jurisdiction } from "../law/index.ts";
import type { Language, LocalizedText, Manifest, ProcessingActivity } from "../manifest/index.ts";
import { pickLanguage } from "../manifest/index.ts";
import { catalogFor, describeRetention, toCyrillic } from "../notices/index.ts";
import { citeIn, ropaText, type RopaText } from "./ropa-text.ts";

export interface Ropa {
  lang: Language;
  text: RopaText;
  /** Art. 30(1)(a) / 30(2)(a): who keeps the record. */
  identity: Array<{ term: string; value: string }>;
  /** Art. 30(1)(g) / 30(2)(d): the general description of security measures, common to all rows. */
  security: string[];
  controller: string[][];
  processor: string[][];
}

export interface RopaVersion {
  version: number;
  appliedAt: Date;
}

/** The language the record's words come from: sr-Cyrl is built in sr and transliterated at the end. */
type BaseLanguage = Exclude<Language, "sr-Cyrl">;

/** What building the record needs: the manifest, the law, its words, and the fragments to keep as written. */
interface Ctx {
  manifest: Manifest;
  law: Jurisdiction;
  lang: Language;
  base: BaseLanguage;
  text: RopaText;
  /** Names, addresses, contacts, English fallbacks: never transliterated in the sr-Cyrl record. */
  keep: Set<string>;
}

/** The Art. 30 records (ZZPL čl. 47) as rows, from the same manifest the notice comes from. */
export function buildRopa(manifest: Manifest, version: RopaVersion, lang: Language): Ropa {
  const law = lawFor(manifest.organisation.jurisdiction);
  const base: BaseLanguage = lang === "sr-Cyrl" ? "sr" : lang;
  const ctx: Ctx = { manifest, law, lang, base, text: ropaText(base, law.regime), keep: new Set() };
  const { text } = ctx;
  const t = (v: LocalizedText | undefined) => pick(ctx, v) ?? text.notStated;
  const processing = manifest.activities.filter((a) => a.role === "processor");
  const ropa: Ropa = {
    lang,
    text,
    identity: identity(ctx, version, processing.length > 0),
    security: (manifest.security_measures ?? []).map((m) => t(m.measure)),
    controller: manifest.activities
      .filter((a) => a.role !== "processor")
      .map((a) => [
        t(a.name),
        t(a.purpose),
        legalBases(ctx, a),
        a.subjects.map((s) => pick(ctx, manifest.subjects.find((x) => x.id === s)?.label) ?? verbatim(ctx, s)).join("; "),
        categories(ctx, a.data.filter((d) => !isSpecialCategory(d) && !isCriminalData(d))),
        categories(ctx, a.data.filter((d) => isSpecialCategory(d) || isCriminalData(d))),
        recipients(ctx, a),
        transfers(ctx, a),
        retention(ctx, a),
        a.source === "subject" || !a.source ? (a.source ? "—" : text.notStated) : t(a.sources),
      ]),
    processor: processing.map((a) => [
      t(a.name),
      controllers(ctx, a),
      t(a.purpose),
      categories(ctx, a.data),
      recipients(ctx, a),
      transfers(ctx, a),
      retention(ctx, a),
    ]),
  };
  return lang === "sr-Cyrl" ? transliterate(ropa, ctx) : ropa;
}

/** Manifest text in the record's language, else English (kept as written), else any. */
function pick(ctx: Ctx, t: LocalizedText | undefined): string | undefined {
  if (t === undefined) return undefined;
  if (typeof t === "string") return verbatim(ctx, t);
  const wanted = pickLanguage(t, ctx.lang);
  if (!wanted) return undefined;
  const text = t[wanted]!;
  // Only Serbian Latin is transliterated; English fallbacks and text already in Cyrillic stay as they are.
  if (ctx.lang === "sr-Cyrl" && wanted !== "sr") ctx.keep.add(text);
  return text;
}

/** A name, address, e-mail or phone: shown exactly as the organisation wrote it. */
function verbatim(ctx: Ctx, value: string): string {
  ctx.keep.add(value);
  return value;
}

function identity(ctx: Ctx, version: RopaVersion, isProcessor: boolean) {
  const { manifest: m, text } = ctx;
  const o = m.organisation;
  const v = (s: string | undefined) => (s ? verbatim(ctx, s) : undefined);
  const contact = [v(o.address), v(o.contact?.email), v(o.contact?.phone)].filter(Boolean).join(", ");
  const dpo = m.dpo?.appointed ? [v(m.dpo.name), v(m.dpo.email), v(m.dpo.phone)].filter(Boolean).join(", ") : text.identity.noDpo;
  return [
    { term: isProcessor ? text.identity.controllerAndProcessor : text.identity.controller, value: [v(o.name), v(o.trade_register), v(o.tax_id)].filter(Boolean).join(", ") },
    { term: text.identity.contact, value: contact || text.notStated },
    { term: text.identity.dpo, value: dpo || text.notStated },
    { term: text.identity.version, value: version.version === 0 ? text.draft : `${version.version} (${version.appliedAt.toISOString().slice(0, 10)})` },
  ];
}

const legalBases = (ctx: Ctx, a: ProcessingActivity) =>
  (a.legal_basis ?? []).map((b) => `${ctx.text.basis[b]} (${citeIn(ctx.law.lawfulBasisArticles[b], ctx.base)})`).join("; ") || "—";

const categories = (ctx: Ctx, ids: string[]) => ids.map((d) => dataCategory(d)?.label[ctx.base] ?? verbatim(ctx, d)).join("; ") || ctx.text.none;

function retention(ctx: Ctx, a: ProcessingActivity): string {
  const r = a.retention;
  if (!r) return ctx.text.notStated;
  const cyr = ctx.lang === "sr-Cyrl";
  let words = describeRetention(r, ctx.lang);
  // The notice speaks to the reader ("until you withdraw your consent"); the record does not.
  if (r.keep === "until_withdrawn" || r.keep === "session") {
    const script = (s: string) => (cyr ? toCyrillic(s) : s);
    const [from, to] = [script(catalogFor(ctx.base).retention.keep[r.keep]), script(ctx.text.retention[r.keep])];
    words = words.replace(from, to).replace(upperFirst(from), upperFirst(to));
  }
  // describeRetention writes sr-Cyrl itself, keeping its own fallbacks: keep its words as they are.
  return cyr ? verbatim(ctx, words) : words;
}

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Art. 30(2)(a): the name and contact details of each controller the processor acts for. */
function controllers(ctx: Ctx, a: ProcessingActivity): string {
  const { manifest: m, text } = ctx;
  const clients = m.clients ?? [];
  const describe = (c: (typeof clients)[number]) => {
    const contact = [c.contact?.name, c.contact?.email, c.contact?.phone, c.contact?.address, c.contact?.web].filter((x): x is string => Boolean(x));
    return `${verbatim(ctx, c.name)} (${contact.length ? contact.map((x) => verbatim(ctx, x)).join(", ") : text.contactNotStated})`;
  };
  if (a.controllers === "each_client") return clients.length ? `${text.eachClient}: ${clients.map(describe).join("; ")}` : text.eachClientNoneDeclared;
  return (
    (a.controllers ?? [])
      .map((id) => {
        const c = clients.find((x) => x.id === id);
        return c ? describe(c) : verbatim(ctx, id);
      })
      .join("; ") || text.notStated
  );
}

function recipients(ctx: Ctx, a: ProcessingActivity) {
  const { manifest: m, text } = ctx;
  if (a.recipients === undefined) return text.notStated;
  return (
    a.recipients
      .map((id) => {
        const p = m.processors?.find((x) => x.id === id);
        if (p) {
          const where = [p.country, ...(p.locations ?? []).filter((l) => l !== p.country)].filter((c): c is string => Boolean(c));
          return where.length ? `${verbatim(ctx, p.name)} (${where.map((c) => countryName(ctx, c)).join(", ")})` : verbatim(ctx, p.name);
        }
        return pick(ctx, m.recipients?.find((x) => x.id === id)?.name) ?? verbatim(ctx, id);
      })
      .join("; ") || text.none
  );
}

function transfers(ctx: Ctx, a: ProcessingActivity) {
  const { manifest: m, text } = ctx;
  if (a.transfers === undefined) return text.notStated;
  if (a.transfers === "none") return text.none;
  return a.transfers
    .map((tr) => {
      const processor = m.processors?.find((r) => r.id === tr.recipient);
      const recipient = m.recipients?.find((r) => r.id === tr.recipient);
      const name = processor ? verbatim(ctx, processor.name) : recipient ? pick(ctx, recipient.name) : tr.recipient && verbatim(ctx, tr.recipient);
      const mechanism = tr.mechanism ?? (processor ?? recipient)?.transfer?.mechanism;
      const status = transferStatus(ctx.law, tr.to, mechanism);
      const words = mechanism
        ? `${text.mechanism[mechanism]}${status.kind === "unsafeguarded" ? ` — ${text.transfer.notValid}` : ""}`
        : status.kind === "adequate"
          ? text.transfer.adequate
          : status.kind === "adequate_if_certified"
            ? text.transfer.adequateIfCertified
            : status.kind === "domestic" || status.kind === "domestic_eea"
              ? text.transfer.domestic
              : text.transfer.noSafeguard;
      const reference = tr.reference ?? (processor ?? recipient)?.transfer?.reference;
      const where = [name, countryName(ctx, tr.to)].filter(Boolean).join(", ");
      return `${where}: ${words} (${citeIn(status.article, ctx.base)})${reference ? ` — ${verbatim(ctx, reference)}` : ""}`;
    })
    .join("; ");
}

const LOCALE: Record<Language, string> = { en: "en", ro: "ro", sr: "sr-Latn", "sr-Cyrl": "sr-Latn" };

/** The country's name in the record's language (Serbian Latin for sr-Cyrl: transliterated with the rest). */
const countryName = (ctx: Ctx, code: string) => new Intl.DisplayNames([LOCALE[ctx.lang]], { type: "region", fallback: "code" }).of(code) ?? code;

/** The sr-Cyrl record: every label and cell in Cyrillic, names and foreign text as written. */
function transliterate(ropa: Ropa, ctx: Ctx): Ropa {
  // The GDPR paragraph references ("Art. 30(1)") are citations, not Serbian words.
  if (ctx.law.regime === "GDPR") Object.values(ropa.text.records).forEach((r) => ctx.keep.add(r));
  const cyr = (s: string) => toCyrillic(s, ctx.keep);
  const deep = <T>(v: T): T =>
    (typeof v === "string" ? cyr(v) : Array.isArray(v) ? v.map(deep) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deep(x)])) : v) as T;
  return {
    lang: ropa.lang,
    text: deep(ropa.text),
    identity: ropa.identity.map((i) => ({ term: cyr(i.term), value: cyr(i.value) })),
    security: ropa.security.map(cyr),
    controller: deep(ropa.controller),
    processor: deep(ropa.processor),
  };
}
