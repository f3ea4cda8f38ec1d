import { PDFParse } from "pdf-parse";
import { describe, expect, it } from "vitest";
import { buildNotice, renderNotice, type NoticeFormat } from "../../src/notices/index.ts";
import type { Language } from "../../src/manifest/index.ts";
import { exampleNames, loadExample } from "../helpers/manifests.ts";

const version = { version: 2, appliedAt: new Date("2026-11-23T10:00:00Z"), contentHash: "ab".repeat(32) };
const published = exampleNames.flatMap((name) =>
  loadExample(name).manifest.organisation.languages.flatMap((l) => (l === "sr" ? ["sr", "sr-Cyrl"] : [l])).map((lang) => [name, lang] as const),
);

const pdfText = async (body: Buffer) => (await new PDFParse({ data: new Uint8Array(body) }).getText()).text.replace(/\s+/g, " ");

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
      expect(text).toContain(heading.replace(/\s+/g, " "));
    }
    expect(text).toContain(notice.versionLine.replace(/\s+/g, " "));
  });

  it("refuses a language the organisation does not publish in", async () => {
    const { manifest } = loadExample("eldrive");
    await expect(renderNotice({ manifest, version }, "sr", "html")).rejects.toMatchObject({ code: "language_not_published", status: 404 });
  });

  it("shows a manifest that was never applied as a draft, not as a version", () => {
    const notice = buildNotice(loadExample("eldrive").manifest, { ...version, version: 0 }, "en");
    expect(notice.versionLine).toMatch(/^Draft, not yet in force/);
  });
});
