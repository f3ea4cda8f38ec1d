import ExcelJS from "exceljs";
import { PDFParse } from "pdf-parse";
import { describe, expect, it } from "vitest";
import { buildRopa, renderRopaCsv, renderRopaPdf, renderRopaXlsx } from "../../src/registers/index.ts";
import { exampleNames, loadExample } from "../helpers/manifests.ts";

const version = { version: 4, appliedAt: new Date("2026-11-23T10:00:00Z") };
const ropaOf = (name: string, lang = loadExample(name).manifest.organisation.languages[0]!) => buildRopa(loadExample(name).manifest, version, lang);

async function readXlsx(buffer: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as unknown as ArrayBuffer);
  return book;
}

const sheetRows = (sheet: ExcelJS.Worksheet) => {
  const rows: string[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ""))));
  return rows;
};

async function pdfText(buffer: Buffer) {
  return (await new PDFParse({ data: new Uint8Array(buffer) }).getText()).text;
}

describe("record of processing activities (Art. 30)", () => {
  it("has one Art. 30(1) row per controller activity with every field of the paragraph", () => {
    const { manifest } = loadExample("eldrive");
    const ropa = ropaOf("eldrive", "en");
    expect(ropa.controller).toHaveLength(manifest.activities.filter((a) => a.role !== "processor").length);
    expect(ropa.text.controllerColumns).toEqual(expect.arrayContaining(["Purpose", "Data subjects", "Personal data", "Recipients", "Transfers outside the EEA and safeguards", "Erasure time limits"]));
    expect(ropa.identity.map((i) => i.term)).toEqual(["Controller", "Contact", "Data protection officer", "Policy version"]);
    expect(ropa.security.length).toBeGreaterThan(0);
  });

  it("S4-14 states Eldrive's retention rules in words in the record", () => {
    const row = ropaOf("eldrive", "en").controller.find((r) => r[0]!.toLowerCase().includes("charging"))!;
    expect(row.at(-2)).toMatch(/3 years/);
    expect(row.at(-2)).toMatch(/last login/);
  });

  it("S4-13 records the US transfers with the Data Privacy Framework and its article", () => {
    const transfers = ropaOf("eldrive", "en").controller.map((r) => r[7]).join(" ");
    expect(transfers).toContain("US");
    expect(transfers).toContain("dpf");
    expect(transfers).toMatch(/GDPR Art\. 45/);
  });

  it("S0-01 keeps IMPRO-MEDIA's processor activities in a separate Art. 30(2) record, per client controller", () => {
    const ropa = ropaOf("impro-media", "en");
    expect(ropa.processor.map((r) => r[0])).toHaveLength(loadExample("impro-media").manifest.activities.filter((a) => a.role === "processor").length);
    expect(ropa.processor[0]![1]).toBe("each client controller, under its own data-processing agreement");
  });

  it("S2-08 writes Promedia's record in Serbian with the ZZPL article", () => {
    const ropa = ropaOf("promedia", "sr");
    expect(ropa.text.controllerRecord).toContain("ZZPL čl. 47");
    expect(ropa.controller.map((r) => r[2]).join(" ")).toContain("ZZPL čl. 12");
  });

  it.each(exampleNames)("renders %s as CSV, XLSX and PDF that read back with the same content", async (name) => {
    const ropa = ropaOf(name);
    const firstActivity = ropa.controller[0]![0]!;

    const csv = renderRopaCsv(ropa);
    expect(csv.split("\n")[0]).toContain(ropa.text.controllerColumns[0]!);
    expect(csv).toContain(firstActivity.includes('"') ? firstActivity.replaceAll('"', '""') : firstActivity);

    const book = await readXlsx(await renderRopaXlsx(ropa));
    const controllerRows = sheetRows(book.getWorksheet("Art. 30(1)")!);
    expect(controllerRows[0]).toEqual(ropa.text.controllerColumns);
    expect(controllerRows.slice(1)).toEqual(ropa.controller);
    expect(sheetRows(book.getWorksheet(ropa.text.organisation)!)[0]).toEqual([ropa.identity[0]!.term, ropa.identity[0]!.value]);
    if (ropa.processor.length) expect(sheetRows(book.getWorksheet("Art. 30(2)")!).slice(1)).toEqual(ropa.processor);

    const text = await pdfText(await renderRopaPdf(ropa));
    expect(text).toContain(ropa.text.controllerRecord);
    expect(text).toContain(ropa.identity[0]!.value);
    expect(text.replace(/\s+/g, " ")).toContain(firstActivity.split(" ")[0]);
  });
});
