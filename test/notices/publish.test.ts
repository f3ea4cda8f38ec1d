import { PDFParse } from "pdf-parse";
import { describe, expect, it } from "vitest";
import PDFDocument from "pdfkit";
import { columnWidths, PdfWriter, type MeasureText } from "../../src/documents/pdf.ts";
import { lawFor } from "../../src/law/index.ts";
import { buildNotice, renderNotice, type NoticeFormat } from "../../src/notices/index.ts";
import { pickText } from "../../src/notices/context.ts";
import { toCyrillic } from "../../src/notices/cyrillic.ts";
import { noticeEtag } from "../../src/notices/publish.ts";
import { registruVersion } from "../../src/version.ts";
import type { Language } from "../../src/manifest/index.ts";
import { exampleNames, loadExample } from "../helpers/manifests.ts";

const version = { version: 2, appliedAt: new Date("2026-11-23T10:00:00Z"), contentHash: "ab".repeat(32) };
const published = exampleNames.flatMap((name) =>
  loadExample(name).manifest.organisation.languages.flatMap((l) => (l === "sr" ? ["sr", "sr-Cyrl"] : [l])).map((lang) => [name, lang] as const),
);

const squash = (s: string) => s.replace(/\s+/g, " ").trim();
const pdfText = async (body: Buffer) => squash((await new PDFParse({ data: new Uint8Array(body) }).getText()).text);
const pdfPages = async (body: Buffer) => (await new PDFParse({ data: new Uint8Array(body) }).getText()).pages.map((p) => squash(p.text));

/** The text as the notice shows it: Serbian Cyrillic notices transliterate what the organisation wrote in Latin. */
const inScript = (text: string, lang: string) => (lang === "sr-Cyrl" ? [text, toCyrillic(text)] : [text]);
const expectOneOf = (haystack: string, candidates: string[], what: string) =>
  expect(
    candidates.some((c) => haystack.includes(squash(c))),
    `${what}: none of ${JSON.stringify(candidates)} in the PDF text`,
  ).toBe(true);

describe("published notices in every language and format", () => {
  it.each(published)("%s in %s comes out as HTML, Markdown and PDF with the same content", async (name, lang) => {
    const { manifest } = loadExample(name);
    const source = { manifest, version };
    const notice = buildNotice(manifest, version, lang as Language);
    const headings = notice.sections.map((s) => s.heading);
    const render = (format: NoticeFormat) => renderNotice(source, lang as Language, format);

    const html = String((await render("html")).body);
    expect(html).toMatch(/^<!doctype html>/i);
    const md = String((await render("md")).body);
    const pdf = await render("pdf");
    expect(pdf.contentType).toBe("application/pdf");
    const text = await pdfText(pdf.body as Buffer);
    for (const heading of headings) {
      expect(md).toContain(heading);
      expect(html).toContain(heading.replaceAll("&", "&amp;"));
      expect(text).toContain(squash(heading));
    }
    expect(text).toContain(squash(notice.versionLine));

    // The substance, not only the headings: who the controller is, where to complain, and why data is processed.
    expectOneOf(text, inScript(manifest.organisation.name, lang), "controller name");
    const authority = manifest.supervisory_authority?.name ?? lawFor(manifest.organisation.jurisdiction).authority?.name[lang === "sr-Cyrl" ? "sr" : (lang as "ro" | "sr" | "en")];
    expect(authority, "the example names a supervisory authority").toBeDefined();
    expectOneOf(text, inScript(authority!, lang), "authority name");
    for (const activity of manifest.activities) {
      const purpose = squash(pickText(activity.purpose, lang as Language).text);
      expectOneOf(text, inScript(purpose, lang).map((p) => squash(p).slice(0, 30)), `purpose of ${activity.id}`);
    }
  });

  it("refuses a language the organisation does not publish in", async () => {
    const { manifest } = loadExample("eldrive");
    await expect(renderNotice({ manifest, version }, "sr", "html")).rejects.toMatchObject({ code: "language_not_published", status: 404 });
  });

  it("shows a manifest that was never applied as a draft, not as a version", () => {
    const notice = buildNotice(loadExample("eldrive").manifest, { ...version, version: 0 }, "en");
    expect(notice.versionLine).toMatch(/^Draft, not yet in force/);
  });

  it("changes the ETag with the Registru release, so better wording is not answered with 304", async () => {
    const { manifest } = loadExample("eldrive");
    const { etag } = await renderNotice({ manifest, version }, "en", "html");
    expect(etag).toBe(noticeEtag(version.contentHash, "en", "html"));
    expect(etag).toContain(registruVersion);
    expect(noticeEtag(version.contentHash, "en", "html", "99.0.0")).not.toBe(etag);
    expect(noticeEtag(version.contentHash, "en", "pdf")).not.toBe(etag);
    expect(noticeEtag(version.contentHash, "ro", "html")).not.toBe(etag);
    expect(etag).toMatch(/^"[\w.+-]+"$/);
  });
});

describe("PDF tables", () => {
  // Measured with the same font and size as PdfWriter uses (DejaVu Sans 8.5 pt).
  const probe = new PDFDocument({ size: "A4" });
  const measure: MeasureText = (text) => probe.fontSize(8.5).widthOfString(text);

  it("never makes a column narrower than its longest word, and gives the rest by content", () => {
    const columns = ["Name", "What they do", "Country", "Used for"];
    const rows = [
      ["OPTICNET", "Hosting; impromedia.ro, telecomforce.ro, transmissiongate.com, avreng.ro", "RO", "Answering questions, legal obligations, contracts, IT improvements, marketing, statistics and more"],
      ["OVH", "Cloud servers", "CA", "Answering questions"],
    ];
    const total = 300;
    const widths = columnWidths(columns, rows, total, measure, 3);
    expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(total, 5);
    expect(widths[1]).toBeGreaterThanOrEqual(measure("transmissiongate.com,", false) + 6);
    // The long-text columns get more than the two-letter country column.
    expect(widths[3]).toBeGreaterThan(widths[2]! * 2);
    expect(widths[1]).toBeGreaterThan(widths[2]!);
    // A short column is not stretched beyond what it needs while others still want room.
    expect(widths[2]).toBeLessThan(total / 4);
  });

  it("squeezes proportionally only when the longest words alone do not fit", () => {
    const widths = columnWidths(["a", "b"], [["x".repeat(80), "y".repeat(80)]], 100, measure, 3);
    expect(widths[0]).toBeCloseTo(50, 5);
    expect(widths[1]).toBeCloseTo(50, 5);
  });

  it("does not break a long word in a narrow column (no 't ransmissiongate')", async () => {
    const pdf = new PdfWriter({ title: "t", lang: "ro" });
    pdf.table(
      ["Furnizor", "Ce face", "Stabilit în", "Datele sunt stocate în", "Certificări", "Folosit pentru"],
      [["OPTICNET SERV SRL", "Colocare de servere; găzduiește impromedia.ro, livestream.ro, telecomforce.ro, transmissiongate.com, avreng.ro", "România (RO)", "România (RO)", "ISO 27001", "Răspunsul la întrebări și solicitări, Obligații legale, Contractele cu clienții, Îmbunătățirea serviciilor și a sistemelor IT"]],
    );
    const text = await pdfText(await pdf.finish());
    expect(text).toContain("transmissiongate.com");
    expect(text).not.toMatch(/t\s+ransmissiongate|transmission\s+gate|ransmissiongate\.\s+com/);
  });

  it("repeats the header row on every page and keeps it with the first row", async () => {
    const pdf = new PdfWriter({ title: "t", lang: "en" });
    pdf.paragraph("x\n".repeat(52));
    const rows = Array.from({ length: 120 }, (_, i) => [`Row ${i + 1}`, `value ${i + 1}`]);
    pdf.table(["ColumnHeaderOne", "ColumnHeaderTwo"], rows, { caption: "The caption" });
    const pages = await pdfPages(await pdf.finish());
    expect(pages.length).toBeGreaterThan(2);
    const withRows = pages.filter((p) => /Row \d+/.test(p));
    for (const page of withRows) expect(page).toContain("ColumnHeaderOne");
    // The caption, the header and row 1 sit on the same page.
    const first = pages.find((p) => p.includes("The caption"))!;
    expect(first).toContain("ColumnHeaderOne");
    expect(first).toContain("Row 1 ");
    for (const i of [1, 60, 120]) expect(pages.join(" ")).toContain(`Row ${i} value ${i}`);
  });

  it("splits a row taller than a page instead of clipping it, and tags Serbian Latin as sr-Latn", async () => {
    const pdf = new PdfWriter({ title: "t", lang: "sr" });
    const words = Array.from({ length: 900 }, (_, i) => `reč${i}`);
    pdf.table(["Naziv", "Opis"], [["dugačak", words.join(" ")], ["kratak", "kraj"]]);
    const body = await pdf.finish();
    const text = await pdfText(body);
    for (const w of ["reč0", "reč450", "reč899", "kraj"]) expect(text).toContain(w);
    expect(body.toString("latin1")).toMatch(/\/Lang \(sr-Latn\)/);
    const cyr = await new PdfWriter({ title: "t", lang: "sr-Cyrl" }).finish();
    expect(cyr.toString("latin1")).toMatch(/\/Lang \(sr-Cyrl\)/);
  });
});
