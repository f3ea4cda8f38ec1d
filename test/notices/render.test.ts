import { describe, expect, it } from "vitest";
import { escapeHtml, renderNoticeHtml, renderNoticeMarkdown, SECTION_IDS, type Notice } from "../../src/notices/index.ts";
import { cleanManifest } from "../helpers/manifests.ts";
import { noticeFor, noticeOf } from "./helpers.ts";

const count = (html: string, re: RegExp) => html.match(new RegExp(re.source, "g"))?.length ?? 0;

const hostile: Notice = {
  lang: "en",
  title: "Notice <script>alert(1)</script>",
  organisation: `Acme "Quotes" & 'Apostrophes'`,
  versionLine: "v1",
  sections: [
    {
      id: "controller",
      heading: "Who <b>we</b> are",
      blocks: [
        { kind: "paragraph", text: "<img src=x onerror=alert(1)> | *bold* # not a heading" },
        { kind: "list", items: ["<a href='javascript:x'>x</a>"] },
        { kind: "facts", title: "T<i>", items: [{ term: "E-mail", value: "a<b@c.ro" }] },
        { kind: "table", caption: "C&D", columns: ["Name", "Value | pipe"], rows: [["x|y", "<td>"]] },
      ],
    },
  ],
};

describe("renderNoticeHtml", () => {
  const html = renderNoticeHtml(noticeFor("eldrive", "ro"));

  it("is one self-contained HTML5 document in the notice's language", () => {
    expect(html.startsWith("<!DOCTYPE html>\n<html lang=\"ro\">")).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain("<title>Notă de informare privind prelucrarea datelor cu caracter personal — EMOBILITY CHARGING S.R.L.</title>");
    expect(html).not.toMatch(/<script|<img|<iframe|<object|@import|url\(|src=/i);
    expect(html.match(/<link[^>]*>/g)).toEqual(['<link rel="icon" href="data:,">']);
    expect(html).toContain("<style>");
    expect(html).toContain("@media print");
  });

  it("has a skip link to <main>, one <h1>, a labelled table of contents and an <h2> anchor per section", () => {
    expect(html).toContain('<a class="skip" href="#main">Salt la conținutul notei</a>');
    expect(html).toContain('<main id="main"');
    expect(count(html, /<h1>/)).toBe(1);
    expect(html).toContain('<nav aria-label="Cuprins">');
    for (const id of SECTION_IDS) {
      expect(html).toContain(`<h2 id="${id}">`);
      expect(html).toContain(`<a href="#${id}">`);
    }
    expect(count(html, /<h2 /)).toBe(SECTION_IDS.length);
  });

  it("lays out tables with a caption and scoped headers, and facts as a description list", () => {
    expect(html).toMatch(/<caption[^>]*>Perioadele de păstrare<\/caption>/);
    expect(html).toContain('<th scope="col">Cât timp păstrăm datele</th>');
    expect(html).toContain('<th scope="row">Apelurile către serviciul clienți</th>');
    expect(html).toMatch(/<dl>\n<div><dt>Denumire<\/dt><dd>EMOBILITY CHARGING S\.R\.L\.<\/dd><\/div>/);
    expect(count(html, /<table>/)).toBe(count(html, /<caption id="/));
  });

  it("makes every scrollable table wrapper a focusable region named by its caption", () => {
    const wrappers = [...html.matchAll(/<div class="table"([^>]*)><table>\n<caption id="([^"]+)">/g)];
    expect(wrappers.length).toBe(count(html, /<table>/));
    const ids = wrappers.map((m) => m[2]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [, attributes, id] of wrappers) expect(attributes).toBe(` role="region" tabindex="0" aria-labelledby="${id}"`);
  });

  it("prints tables in full: no scroll clipping, repeated headers, no navigation", () => {
    const print = html.slice(html.indexOf("@media print"));
    expect(print).toMatch(/\.table\{overflow:visible/);
    expect(print).toMatch(/thead\{display:table-header-group\}/);
    expect(print).toMatch(/caption,thead\{break-after:avoid\}/);
    expect(print).toMatch(/nav\{display:none\}/);
    expect(print).not.toMatch(/(^|[^a-z])tr[,{][^}]*break-inside:avoid/);
  });

  it("escapes everything that comes from data", () => {
    const out = renderNoticeHtml(hostile);
    expect(out).not.toMatch(/<script>|<img|<b>we|<i>|<a href='/);
    expect(out).toContain("Notice &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(out).toContain("Acme &quot;Quotes&quot; &amp; &#39;Apostrophes&#39;");
    expect(out).toContain("<td>&lt;td&gt;</td>");
    expect(out).toContain("<dd>a&lt;b@c.ro</dd>");
    expect(escapeHtml(`<>&"'`)).toBe("&lt;&gt;&amp;&quot;&#39;");
  });

  it("marks English fallbacks with lang=\"en\"", () => {
    const m = cleanManifest();
    m.activities[0].purpose = { en: "Deliver <orders>" };
    const out = renderNoticeHtml(noticeOf(m, "ro"));
    expect(out).toContain('<dd><span lang="en">Deliver &lt;orders&gt;</span></dd>');
  });

  it("declares the script of Serbian notices", () => {
    expect(renderNoticeHtml(noticeFor("promedia", "sr"))).toContain('<html lang="sr-Latn">');
    const cyr = renderNoticeHtml(noticeFor("promedia", "sr-Cyrl"));
    expect(cyr).toContain('<html lang="sr-Cyrl">');
    expect(cyr).toContain('<nav aria-label="Садржај">');
  });
});

const empty: Notice = {
  lang: "en",
  title: "T",
  organisation: "O",
  versionLine: "v1",
  sections: [
    {
      id: "controller",
      heading: "Who we are",
      blocks: [
        { kind: "paragraph", text: " " },
        { kind: "list", items: [] },
        { kind: "facts", title: "Nothing", items: [] },
        { kind: "table", caption: "Empty", columns: ["A", "B"], rows: [] },
        { kind: "paragraph", text: "Still here." },
      ],
    },
  ],
};

describe("empty blocks", () => {
  it("never reach the HTML as an empty paragraph, list, description list or table", () => {
    const out = renderNoticeHtml(empty);
    expect(out).not.toMatch(/<p><\/p>|<ul>\s*<\/ul>|<dl>\s*<\/dl>|<table|<h3>Nothing/);
    expect(out).toContain("<p>Still here.</p>");
  });

  it("never reach the Markdown as an empty list or a header-only table", () => {
    const out = renderNoticeMarkdown(empty);
    expect(out).not.toMatch(/\| A \| B \||### Nothing|\*\*Empty\*\*|\n\n\n/);
    expect(out).toContain("## Who we are\n\nStill here.\n");
  });
});

describe("renderNoticeMarkdown", () => {
  it("renders headings with stable anchors, facts and GFM tables", () => {
    const md = renderNoticeMarkdown(noticeFor("eldrive", "en"));
    expect(md.startsWith("# Privacy notice\n")).toBe(true);
    expect(md).toContain('<a id="retention"></a>\n\n## How long we keep your data');
    expect(md).toContain("1. [Who we are](#controller)");
    expect(md).toContain("- **Trade name:** Eldrive");
    expect(md).toContain("| Purpose | How long we keep the data |\n| --- | --- |");
    expect(md).toContain("| Customer-service calls | 180 days from the call; then deleted or anonymised.");
  });

  it("escapes pipes in cells and Markdown or HTML syntax from data", () => {
    const md = renderNoticeMarkdown(hostile);
    expect(md).toContain("| x\\|y | \\<td\\> |");
    expect(md).toContain("| Name | Value \\| pipe |");
    expect(md).toContain("\\<img src=x onerror=alert(1)\\> \\| \\*bold\\* # not a heading");
    // Every "<" from data is backslash-escaped, so GFM shows it as text.
    expect(md).not.toMatch(/(?<!\\)<(script|img|b>|td>)/);
  });
});
