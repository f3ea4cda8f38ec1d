import type { ForeignText } from "./context.ts";
import { uiText, htmlLang } from "./text/index.ts";
import type { Notice, NoticeBlock, NoticeSection } from "./types.ts";

/** Every character that could open markup or end an attribute; nothing from data is trusted. */
export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

type Inline = (text: string) => string;

/** Escapes text and wraps fragments in another language in <span lang="…"> (WCAG 3.1.2). */
function inlineRenderer(foreign: readonly ForeignText[]): Inline {
  const byText = new Map(foreign.filter((f) => f.text.length > 0).map((f) => [f.text, htmlLang(f.lang)]));
  if (!byText.size) return escapeHtml;
  const pattern = new RegExp([...byText.keys()].sort((a, b) => b.length - a.length).map(escapeRe).join("|"), "g");
  return (text) => {
    let out = "";
    let last = 0;
    for (const m of text.matchAll(pattern)) {
      out += escapeHtml(text.slice(last, m.index)) + `<span lang="${escapeHtml(byText.get(m[0])!)}">${escapeHtml(m[0])}</span>`;
      last = m.index + m[0].length;
    }
    return out + escapeHtml(text.slice(last));
  };
}

/**
 * One self-contained, accessible, printable HTML5 page: inline CSS, no scripts, no external
 * resources (the empty data: icon stops browsers asking the server for /favicon.ico).
 */
export function renderNoticeHtml(notice: Notice & { foreign?: readonly ForeignText[] }): string {
  const ui = uiText(notice.lang);
  const x = inlineRenderer(notice.foreign ?? []);
  const toc = notice.sections.map((s) => `<li><a href="#${escapeHtml(s.id)}">${x(s.heading)}</a></li>`).join("\n");
  return `<!DOCTYPE html>
<html lang="${escapeHtml(htmlLang(notice.lang))}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${notice.title} — ${notice.organisation}`)}</title>
<link rel="icon" href="data:,">
<style>${CSS}</style>
</head>
<body>
<a class="skip" href="#main">${escapeHtml(ui.skipLink)}</a>
<header>
<h1>${x(notice.title)}</h1>
<p class="org">${x(notice.organisation)}</p>
<p class="version">${x(notice.versionLine)}</p>
</header>
<nav aria-label="${escapeHtml(ui.contents)}">
<ol>
${toc}
</ol>
</nav>
<main id="main" tabindex="-1">
${notice.sections.map((s) => sectionHtml(s, x)).join("\n")}
</main>
<footer><p>${x(notice.versionLine)}</p></footer>
</body>
</html>
`;
}

function sectionHtml(s: NoticeSection, x: Inline): string {
  const id = escapeHtml(s.id);
  return `<section aria-labelledby="${id}">
<h2 id="${id}">${x(s.heading)}</h2>
${s.blocks.map((b, i) => blockHtml(b, x, `${s.id}-t${i + 1}`)).filter((h) => h !== "").join("\n")}
</section>`;
}

/** One block; "" for a block with nothing in it (no empty <p>, <ul>, <dl> or <table> ever reaches the page). */
function blockHtml(b: NoticeBlock, x: Inline, blockId: string): string {
  switch (b.kind) {
    case "paragraph":
      return b.text.trim() === "" ? "" : `<p>${x(b.text)}</p>`;
    case "list":
      if (!b.items.length) return "";
      return `<ul>\n${b.items.map((i) => `<li>${x(i)}</li>`).join("\n")}\n</ul>`;
    case "facts": {
      if (!b.items.length) return "";
      const title = b.title === undefined ? "" : `<h3>${x(b.title)}</h3>\n`;
      const items = b.items.map((i) => `<div><dt>${x(i.term)}</dt><dd>${x(i.value)}</dd></div>`).join("\n");
      return `${title}<dl>\n${items}\n</dl>`;
    }
    case "table": {
      if (!b.rows.length || !b.columns.length) return "";
      const captionId = escapeHtml(`${blockId}-caption`);
      const head = b.columns.map((c) => `<th scope="col">${x(c)}</th>`).join("");
      // The first cell names the row (a purpose, a right, a cookie): a row header for screen readers.
      const rows = b.rows
        .map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${x(c)}</th>` : `<td>${x(c)}</td>`)).join("")}</tr>`)
        .join("\n");
      // A table wider than a phone scrolls sideways; the scroll region must be focusable and named
      // so keyboard users can scroll it (axe "scrollable-region-focusable").
      return `<div class="table" role="region" tabindex="0" aria-labelledby="${captionId}"><table>\n<caption id="${captionId}">${x(b.caption)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table></div>`;
    }
  }
}

// Text #1a1a1a on white (17:1), links #0b4fa3 (7.6:1), muted #4a4a4a (8.9:1): WCAG AAA for body text.
const CSS = `
:root{color-scheme:light}
*{box-sizing:border-box}
body{margin:0;font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#1a1a1a;background:#fff}
header,nav,main,footer{max-width:62rem;margin:0 auto;padding:0 1.25rem}
header{padding-top:2rem}
h1{font-size:1.9rem;line-height:1.2;margin:0 0 .5rem}
h2{font-size:1.35rem;margin:2.25rem 0 .75rem;padding-top:.5rem;border-top:2px solid #d0d7de}
h3{font-size:1.1rem;margin:1.5rem 0 .5rem}
.org{font-weight:600;margin:0}
.version,footer{color:#4a4a4a;font-size:.9rem}
a{color:#0b4fa3}
a:focus,main:focus,.table:focus{outline:3px solid #0b4fa3;outline-offset:2px}
.skip{position:absolute;left:-999rem;top:0;background:#fff;padding:.5rem 1rem}
.skip:focus{left:1rem;top:1rem;z-index:1}
nav ol{columns:2 18rem;padding-left:1.25rem}
dl{display:grid;grid-template-columns:minmax(10rem,16rem) 1fr;gap:.35rem 1rem;margin:0 0 1rem}
dl div{display:contents}
dt{font-weight:600}
dd{margin:0}
.table{overflow-x:auto;margin:0 0 1rem}
table{border-collapse:collapse;width:100%;font-size:.95rem}
caption{text-align:left;font-weight:600;padding:.25rem 0 .5rem}
th,td{border:1px solid #8c959f;padding:.4rem .55rem;text-align:left;vertical-align:top}
thead th{background:#eef1f4}
tbody th{font-weight:600}
footer{padding-top:2rem;padding-bottom:2rem}
@media (max-width:40rem){dl{grid-template-columns:1fr}dd{margin-bottom:.5rem}}
@media print{
  @page{margin:15mm 14mm}
  body{font-size:10pt;line-height:1.4;color:#000}
  .skip,nav{display:none}
  header,main,footer{max-width:none;padding:0}
  h1,h2,h3{break-after:avoid;break-inside:avoid}
  h2{margin:1.25rem 0 .5rem;border-top-color:#000}
  h3{margin:1rem 0 .35rem}
  dl{grid-template-columns:11rem 1fr;gap:.15rem .75rem}
  caption,thead{break-after:avoid}
  .table{overflow:visible;margin-bottom:.75rem}
  table{font-size:8.5pt;line-height:1.35}
  thead{display:table-header-group}
  th,td{border-color:#000;padding:.2rem .35rem}
  thead th{background:none}
  dt,dd{break-inside:avoid}
  a{color:#000;text-decoration:none}
}
`;
