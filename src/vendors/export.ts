import type { DocumentLanguage } from "../documents/catalog.ts";
import type { TableDocument } from "../documents/table-export.ts";
import { textIn } from "../manifest/index.ts";
import { citeIn } from "../registers/index.ts";
import type { ListedAlert, VendorRegister } from "./service.ts";
import { vendorText, withNumber, type VendorText } from "./text.ts";

export const VENDOR_TABLES = ["processors", "transfers", "alerts"] as const;
export type VendorTable = (typeof VENDOR_TABLES)[number];

const list = (xs: readonly string[], t: VendorText) => (xs.length ? xs.join(", ") : t.notStated);
const textLang = (lang: DocumentLanguage) => (lang === "sr-Cyrl" ? "sr-Cyrl" : lang);
const cite = (article: string, lang: DocumentLanguage) => citeIn(article, lang);

function facts(r: VendorRegister, t: VendorText) {
  return [
    { term: t.facts.organisation, value: r.organisation },
    { term: t.facts.policyVersion, value: String(r.policyVersion) },
    { term: t.facts.date, value: r.today },
  ];
}

function processorsTable(r: VendorRegister, t: VendorText, lang: DocumentLanguage): TableDocument {
  const names = new Map(r.processors.map((p) => [p.id, p.name]));
  const named = (ids: string[]) => list(ids.map((id) => names.get(id) ?? id), t);
  const rows = r.processors.map((p) => [
    p.name,
    textIn(p.service, textLang(lang)) ?? t.notStated,
    p.country ?? t.notStated,
    list(p.locations, t),
    list(p.certifications, t),
    p.dpa.signed ?? t.notStated,
    p.dpa.ends ?? t.notStated,
    t.dpaState[p.dpa.state],
    p.dpa.terms ? list(p.dpa.terms, t) : t.notStated,
    p.dpa.terms ? list(p.dpa.missingTerms, t) : t.notStated,
    p.dpa.breachNoticeHours !== undefined ? withNumber(t.hours, p.dpa.breachNoticeHours) : t.notStated,
    p.dpa.recordsWithinWorkingDays !== undefined ? withNumber(t.workingDays, p.dpa.recordsWithinWorkingDays) : t.notStated,
    named(p.subProcessors),
    named(p.engagedBy),
    list(p.activities, t),
    p.transferMechanism ? t.mechanism[p.transferMechanism] : "",
    p.accessEndedOn ?? "",
  ]);
  return { title: t.titles.processors, lang, facts: facts(r, t), columns: t.processorColumns, rows };
}

function transfersTable(r: VendorRegister, t: VendorText, lang: DocumentLanguage): TableDocument {
  const rows = r.transfers.map((x) => [
    x.who,
    t.source[x.source],
    x.activity ?? "",
    x.country,
    x.mechanism ? t.mechanism[x.mechanism] : t.notStated,
    t.transferKind[x.status.kind],
    cite(x.status.article, lang),
    x.adequacy ? `${x.adequacy.decision}${x.adequacy.expires ? ` (→ ${x.adequacy.expires})` : ""}` : (x.status.decision ?? ""),
    x.lawful ? t.yes : t.no,
  ]);
  return { title: t.titles.transfers, lang, facts: facts(r, t), columns: t.transferColumns, rows };
}

function alertsTable(r: VendorRegister, alerts: readonly ListedAlert[], t: VendorText, lang: DocumentLanguage): TableDocument {
  const names = new Map([...r.processors, ...r.departed].map((p) => [p.id, p.name]));
  const rows = alerts.map((a) => [
    t.severity[a.severity],
    t.alertKind[a.kind],
    a.processor ? (names.get(a.processor) ?? a.processor) : "",
    a.country ?? "",
    a.message,
    cite(a.article, lang),
    a.dueOn ?? "",
    a.raisedOn ?? "",
  ]);
  return { title: t.titles.alerts, lang, facts: facts(r, t), columns: t.alertColumns, rows };
}

/** One of the vendor registers as a table, for CSV, XLSX or PDF. */
export function vendorTable(r: VendorRegister, table: VendorTable, lang: DocumentLanguage, alerts: readonly ListedAlert[] = r.alerts): TableDocument {
  const t = vendorText(lang, r.jurisdiction.regime);
  if (table === "processors") return processorsTable(r, t, lang);
  return table === "transfers" ? transfersTable(r, t, lang) : alertsTable(r, alerts, t, lang);
}
