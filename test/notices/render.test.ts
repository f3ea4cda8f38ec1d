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
    expect(html).toContain("<caption>Perioadele de păstrare</caption>");
    expect(html).toContain('<th scope="col">Cât timp păstrăm datele</th>');
    expect(html).toContain('<th scope="row">Apelurile către serviciul clienți</th>');
    expect(html).toMatch(/<dl>\n<div><dt>Denumire<\/dt><dd>EMOBILITY CHARGING S\.R\.L\.<\/dd><\/div>/);
    expect(count(html, /<table>/)).toBe(count(html, /<caption>/));
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
