import type { FoundTable, JsonValue } from "../connectors/index.ts";
import { dataCategory, type Jurisdiction } from "../law/index.ts";
import type { Manifest, ProcessingActivity } from "../manifest/index.ts";
import { describeRetention, escapeHtml, toCyrillic } from "../notices/index.ts";
import { formatDate, localized, type LetterLanguage } from "../requests/index.ts";
import { csvPath, jsonPath } from "./files.ts";
import { summaryTexts, type SummaryTexts } from "./summary-text.ts";

export interface SummaryInput {
  manifest: Manifest;
  jurisdiction: Jurisdiction;
  language: LetterLanguage;
  requestId: string;
  receivedAt: string;
  portability: boolean;
  tables: readonly FoundTable[];
}

/** Rows shown on the page per table; the CSV and JSON hold them all. */
const ROWS_SHOWN = 200;

const base = (lang: LetterLanguage) => (lang === "sr-Cyrl" ? "sr" : lang);

function activitiesOf(m: Manifest, tables: readonly FoundTable[]): ProcessingActivity[] {
  const ids = new Set<string>();
  for (const t of tables) {
    const spec = m.systems?.find((s) => s.id === t.system)?.tables?.[t.table];
    if (spec) for (const id of Array.isArray(spec.activity) ? spec.activity : [spec.activity]) ids.add(id);
  }
  return m.activities.filter((a) => ids.has(a.id));
}

const value = (v: JsonValue | undefined) => (v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v));

/**
 * The package's readable page (Art. 15(1)(a)-(h)): per activity the purpose, the categories of
 * data, the legal basis with its article, how long it is kept, who receives it and transfers,
 * all from the policy in force; then the data itself, table by table. Self-contained: no
 * script, no outside resource, so it opens from the unzipped folder.
 */
export function packageSummary(input: SummaryInput): string {
  const lang = input.language;
  const t: SummaryTexts = summaryTexts[base(lang)];
  const m = input.manifest;
  const org = m.organisation.name;
  // Names and values stay as written in a Cyrillic page; only Registru's own words are transliterated.
  const keep = [org, ...(m.processors ?? []).map((p) => p.name), ...input.tables.flatMap((x) => [x.system, x.table, ...Object.keys(x.fields)])];
  const w = (s: string) => escapeHtml(lang === "sr-Cyrl" ? toCyrillic(s, keep) : s);
  const e = escapeHtml;
  const date = formatDate(input.receivedAt, lang, input.jurisdiction.timeZone);
  const id = input.requestId.replace(/^request-/, "");
  const names = (ids: string[] | undefined) =>
    (ids ?? []).map((rid) => {
      const p = m.processors?.find((x) => x.id === rid);
      if (p) return p.name;
      return localized(m.recipients?.find((x) => x.id === rid)?.name, lang) ?? rid;
    });
  const categoryLabel = (cat: string) => dataCategory(cat)?.label[base(lang)] ?? cat;

  const activity = (a: ProcessingActivity) => {
    const bases = (a.legal_basis ?? []).map((b) => `${t.basisName[b]} (${input.jurisdiction.lawfulBasisArticles[b]})`);
    const transfers = a.transfers === "none" || !a.transfers ? [] : a.transfers.map((x) => x.to);
    const rows: Array<[string, string]> = [
      [t.purpose, localized(a.purpose, lang) ?? ""],
      [t.data, a.data.map(categoryLabel).join(", ")],
      [t.basis, bases.join("; ") || t.notStated],
      [t.retention, a.retention ? describeRetention(a.retention, lang) : t.notStated],
      [t.recipients, names(a.recipients).join(", ") || t.none],
      [t.transfers, transfers.join(", ") || t.none],
    ];
    const dl = rows.map(([k, v]) => `<dt>${w(k)}</dt><dd>${w(v)}</dd>`).join("\n");
    return `<section><h3>${e(localized(a.name, lang) ?? a.id)}</h3>\n<dl>\n${dl}\n</dl></section>`;
  };

  const table = (x: FoundTable) => {
    const columns = Object.keys(x.fields);
    const head = columns.map((c) => `<th scope="col">${e(c)}<br><small>${w(categoryLabel(x.fields[c]!))}</small></th>`).join("");
    const body = x.rows
      .slice(0, ROWS_SHOWN)
      .map((r) => `<tr>${columns.map((c) => `<td>${e(value(r.fields[c]))}</td>`).join("")}</tr>`)
      .join("\n");
    const more = x.rows.length > ROWS_SHOWN ? `<p>${w(t.moreRows(ROWS_SHOWN, x.rows.length, csvPath(x)))}</p>` : "";
    return `<section><h3>${w(t.table(x.system, x.table, x.count))}</h3>\n<div class="scroll"><table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table></div>${more}</section>`;
  };

  const files = [...new Set(input.tables.map((x) => jsonPath(x.system))), ...input.tables.map(csvPath)].map((f) => `<li><code>${e(f)}</code></li>`).join("\n");
  const htmlLang = lang === "sr" ? "sr-Latn" : lang;
  return `<!DOCTYPE html>
<html lang="${htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${w(t.title(org))}</title>
<style>
body { font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
dt { font-weight: 600; margin-top: .5rem; }
dd { margin: 0 0 0 1rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; }
th, td { border: 1px solid #767676; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th small { font-weight: normal; }
</style>
</head>
<body>
<main>
<h1>${w(t.title(org))}</h1>
<p>${w(t.intro({ org, id, date, portability: input.portability }))}</p>
<h2>${w(t.activitiesHeading)}</h2>
${activitiesOf(m, input.tables).map(activity).join("\n")}
<h2>${w(t.yourData)}</h2>
${input.tables.map(table).join("\n")}
<h2>${w(t.files)}</h2>
<ul>
${files}
</ul>
</main>
</body>
</html>
`;
}
