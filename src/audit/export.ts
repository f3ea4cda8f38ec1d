import type { Db } from "../store/index.ts";
import { catalogIn, type DocumentLanguage } from "../documents/catalog.ts";
import type { TableDocument, TableFormat } from "../documents/table-export.ts";
import { RegistruError } from "../errors.ts";
import { canonicalJson, type ChainCheck } from "./chain.ts";
import { auditEntries, countAudit, type AuditFilter, type AuditRecord } from "./search.ts";
import { verifyAudit } from "./store.ts";

interface AuditText {
  title: string;
  facts: { organisation: string; period: string; produced: string; chain: string; entries: string };
  columns: string[];
  period: (from: string | undefined, to: string | undefined) => string;
  chain: (c: ChainCheck) => string;
  filters: string;
}

const en: AuditText = {
  title: "Audit trail",
  facts: { organisation: "Organisation", period: "Period", produced: "Produced", chain: "Hash chain", entries: "Entries" },
  columns: ["No.", "Time (UTC)", "Actor", "Action", "Entity", "Entity id", "Details", "Hash"],
  period: (from, to) => `from ${from ?? "the first entry"} ${to ? `up to ${to}, not included` : "until now"}`,
  chain: (c) => (c.ok ? `intact (${c.count} entries verified)` : `BROKEN at entry ${c.brokenAt}`),
  filters: "Filters",
};

const ro: AuditText = {
  title: "Jurnalul de audit",
  facts: { organisation: "Organizația", period: "Perioada", produced: "Generat la", chain: "Lanțul de hash-uri", entries: "Înregistrări" },
  columns: ["Nr.", "Momentul (UTC)", "Autorul", "Acțiunea", "Entitatea", "Id entitate", "Detalii", "Hash"],
  period: (from, to) => `de la ${from ?? "prima înregistrare"} ${to ? `până la ${to}, exclusiv` : "până în prezent"}`,
  chain: (c) => (c.ok ? `intact (${c.count} înregistrări verificate)` : `RUPT la înregistrarea ${c.brokenAt}`),
  filters: "Filtre",
};

const sr: AuditText = {
  title: "Revizorski trag",
  facts: { organisation: "Organizacija", period: "Period", produced: "Izrađeno", chain: "Lanac heševa", entries: "Unosi" },
  columns: ["Br.", "Vreme (UTC)", "Izvršilac", "Radnja", "Entitet", "Id entiteta", "Detalji", "Heš"],
  period: (from, to) => `od ${from ?? "prvog unosa"} ${to ? `do ${to}, isključivo` : "do danas"}`,
  chain: (c) => (c.ok ? `neoštećen (provereno unosa: ${c.count})` : `PREKINUT kod unosa ${c.brokenAt}`),
  filters: "Filteri",
};

/** A PDF table of tens of thousands of rows takes minutes to lay out: ask for a shorter period instead. */
export const AUDIT_EXPORT_MAX_ROWS: Record<TableFormat, number> = { csv: 200_000, xlsx: 100_000, pdf: 5_000 };

const iso = (d: Date | undefined) => d?.toISOString();

/** "2026-11-03 09:00:00.000": what spreadsheets read as a time, and it wraps at the space in a PDF cell. */
const utc = (d: Date) => d.toISOString().replace("T", " ").replace("Z", "");

/** Canonical JSON with a space after each separator: still JSON, and a PDF cell can wrap it. */
const detailsText = (details: unknown) => canonicalJson(details).replace(/("(?:[^"\\]|\\.)*")|([,:])/g, (m, str: string | undefined) => str ?? `${m} `);

/** A hash is one long word: in a PDF cell it is shown in groups of 16 so its column stays narrow. */
const grouped = (text: string) => text.replace(/[0-9a-f]{32,}/g, (hex) => hex.replace(/(.{16})(?=.)/g, "$1 "));

function row(e: AuditRecord, format: TableFormat): string[] {
  const cells = [String(e.seq), utc(e.at), e.actor, e.action, e.entity, e.entityId, detailsText(e.details), e.hash];
  return format === "pdf" ? cells.map(grouped) : cells;
}

/**
 * The organisation's audit trail over a period as a table (CSV, XLSX or PDF), oldest first, with
 * the chain's verification at the time of export above it.
 */
export async function auditTable(
  db: Db,
  org: { tenantId: string; name: string },
  filter: AuditFilter,
  opts: { lang: DocumentLanguage; format: TableFormat; now: Date },
): Promise<TableDocument> {
  const max = AUDIT_EXPORT_MAX_ROWS[opts.format];
  const n = await countAudit(db, org.tenantId, filter);
  if (n > max) {
    throw new RegistruError("export_too_large", `${n} entries match; a ${opts.format} export holds at most ${max}: choose a shorter period (from, to)`, 422, { entries: n, max });
  }
  const t = catalogIn(opts.lang, { en, ro, sr });
  const rows: string[][] = [];
  for await (const e of auditEntries(db, org.tenantId, filter)) rows.push(row(e, opts.format));
  const chosen = (["actor", "action", "entity", "entityId"] as const).filter((k) => filter[k] !== undefined).map((k) => `${k}=${filter[k]}`);
  return {
    title: t.title,
    lang: opts.lang,
    facts: [
      { term: t.facts.organisation, value: org.name },
      { term: t.facts.period, value: t.period(iso(filter.from), iso(filter.to)) },
      ...(chosen.length ? [{ term: t.filters, value: chosen.join(", ") }] : []),
      { term: t.facts.entries, value: String(rows.length) },
      { term: t.facts.chain, value: t.chain(await verifyAudit(db, org.tenantId)) },
      { term: t.facts.produced, value: opts.now.toISOString() },
    ],
    columns: t.columns,
    rows,
  };
}
