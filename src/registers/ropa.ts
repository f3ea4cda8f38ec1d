import { dataCategory, isCriminalData, isSpecialCategory, lawFor, transferStatus, type Jurisdiction } from "../law/index.ts";
import { textIn, type Language, type Manifest, type ProcessingActivity } from "../manifest/index.ts";
import { catalogFor, describeRetention } from "../notices/index.ts";
import { ropaText, type RopaText } from "./ropa-text.ts";

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

/** The Art. 30 records (ZZPL čl. 47) as rows, from the same manifest the notice comes from. */
export function buildRopa(manifest: Manifest, version: RopaVersion, lang: Language): Ropa {
  const text = ropaText(lang);
  const law = lawFor(manifest.organisation.jurisdiction);
  const t = (v: Parameters<typeof textIn>[0]) => textIn(v, lang) ?? text.notStated;
  const rowsOf = (role: "controller" | "processor") => manifest.activities.filter((a) => (a.role === "processor") === (role === "processor"));
  return {
    lang,
    text,
    identity: identity(manifest, version, text),
    security: (manifest.security_measures ?? []).map((m) => t(m.measure)),
    controller: rowsOf("controller").map((a) => [
      t(a.name),
      t(a.purpose),
      legalBases(a, law, lang),
      a.subjects.map((s) => textIn(manifest.subjects.find((x) => x.id === s)?.label, lang) ?? s).join("; "),
      categories(a.data.filter((d) => !isSpecialCategory(d) && !isCriminalData(d)), lang, text),
      categories(a.data.filter((d) => isSpecialCategory(d) || isCriminalData(d)), lang, text),
      recipients(manifest, a, lang, text),
      transfers(manifest, a, law, text),
      a.retention ? describeRetention(a.retention, lang) : text.notStated,
      a.source === "subject" || !a.source ? (a.source ? "—" : text.notStated) : t(a.sources),
    ]),
    processor: rowsOf("processor").map((a) => [
      t(a.name),
      a.controllers === "each_client" ? text.eachClient : (a.controllers ?? []).map((c) => manifest.clients?.find((x) => x.id === c)?.name ?? c).join("; ") || text.notStated,
      t(a.purpose),
      categories(a.data, lang, text),
      recipients(manifest, a, lang, text),
      transfers(manifest, a, law, text),
      a.retention ? describeRetention(a.retention, lang) : text.notStated,
    ]),
  };
}

function identity(m: Manifest, version: RopaVersion, text: RopaText) {
  const o = m.organisation;
  const contact = [o.address, o.contact?.email, o.contact?.phone].filter(Boolean).join(", ");
  const dpo = m.dpo?.appointed ? [m.dpo.name, m.dpo.email, m.dpo.phone].filter(Boolean).join(", ") : text.identity.noDpo;
  return [
    { term: text.identity.controller, value: [o.name, o.trade_register, o.tax_id].filter(Boolean).join(", ") },
    { term: text.identity.contact, value: contact || text.notStated },
    { term: text.identity.dpo, value: dpo },
    { term: text.identity.version, value: version.version === 0 ? text.draft : `${version.version} (${version.appliedAt.toISOString().slice(0, 10)})` },
  ];
}

const legalBases = (a: ProcessingActivity, law: Jurisdiction, lang: Language) =>
  (a.legal_basis ?? []).map((b) => `${catalogFor(lang).activities.basis[b]} (${law.lawfulBasisArticles[b]})`).join("; ") || "—";

const categories = (ids: string[], lang: Language, text: RopaText) =>
  ids.map((d) => dataCategory(d)?.label[lang === "ro" ? "ro" : lang.startsWith("sr") ? "sr" : "en"] ?? d).join("; ") || text.none;

function recipients(m: Manifest, a: ProcessingActivity, lang: Language, text: RopaText) {
  if (a.recipients === undefined) return text.notStated;
  return (
    a.recipients
      .map((id) => {
        const p = m.processors?.find((x) => x.id === id);
        if (p) return p.country ? `${p.name} (${[p.country, ...(p.locations ?? []).filter((l) => l !== p.country)].join(", ")})` : p.name;
        const r = m.recipients?.find((x) => x.id === id);
        return textIn(r?.name, lang) ?? id;
      })
      .join("; ") || text.none
  );
}

function transfers(m: Manifest, a: ProcessingActivity, law: Jurisdiction, text: RopaText) {
  if (a.transfers === undefined) return text.notStated;
  if (a.transfers === "none") return text.none;
  return a.transfers
    .map((tr) => {
      const via = [...(m.processors ?? []), ...(m.recipients ?? [])].find((r) => r.id === tr.recipient);
      const mechanism = tr.mechanism ?? via?.transfer?.mechanism;
      const status = transferStatus(law, tr.to, mechanism);
      return `${tr.to}${tr.recipient ? ` (${tr.recipient})` : ""}: ${mechanism ?? text.notStated} — ${status.article}`;
    })
    .join("; ");
}
