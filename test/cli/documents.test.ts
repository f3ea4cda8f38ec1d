import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";
import { exampleFile } from "../helpers/manifests.ts";

const dir = mkdtempSync(join(tmpdir(), "registru-docs-"));

describe("registru notice and ropa from a manifest file", () => {
  it("prints the notice as HTML or Markdown, marked as a draft", async () => {
    const html = await runCli("notice", exampleFile("eldrive"), "--lang", "en");
    expect(html.exitCode).toBe(0);
    expect(html.stdout).toMatch(/^<!doctype html>/i);
    expect(html.stdout).toContain("Draft, not yet in force");
    const md = await runCli("notice", exampleFile("promedia"), "--format", "md");
    expect(md.stdout).toMatch(/^# /);
  });

  it("writes a PDF notice and an XLSX record to files", async () => {
    const pdf = join(dir, "notice.pdf");
    expect((await runCli("notice", exampleFile("sentosa"), "--format", "pdf", "--out", pdf)).exitCode).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe("%PDF-");
    const xlsx = join(dir, "ropa.xlsx");
    expect((await runCli("ropa", exampleFile("impro-media"), "--format", "xlsx", "--out", xlsx)).exitCode).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    expect(book.worksheets.map((w) => w.name)).toEqual(["Organizația", "Art. 30(1)", "Art. 30(2)"]);
  });

  it("prints the record as CSV, with a UTF-8 BOM", async () => {
    const r = await runCli("ropa", exampleFile("eldrive"), "--lang", "en");
    expect(r.stdout.startsWith("\uFEFF")).toBe(true);
    expect(r.stdout.slice(1).split("\n")[0]).toBe("Record,Activity,Purpose,Legal basis,Data subjects,Personal data,Special / criminal data,Recipients,Transfers outside the EEA and safeguards,Erasure time limits,Source");
  });

  it("separates CSV fields with --delimiter ';' and writes the BOM to a file", async () => {
    const csv = join(dir, "ropa.csv");
    expect((await runCli("ropa", exampleFile("impro-media"), "--format", "csv", "--delimiter", ";", "--out", csv)).exitCode).toBe(0);
    const bytes = readFileSync(csv);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).trimEnd().split(/\r?\n/);
    expect(lines[0]!.split(";").slice(0, 4)).toEqual(["Registrul", "Activitate", "Scop", "Temei juridic"]);
    expect(lines.find((l) => l.startsWith("Registrul;Prelucrare;"))!.split(";").slice(0, 3)).toEqual(["Registrul", "Prelucrare", "În numele (operatori)"]);
    expect(lines.some((l) => l.startsWith("Art. 30(1);"))).toBe(true);
    expect(lines.some((l) => l.startsWith("Art. 30(2);"))).toBe(true);
  });

  it("prints the record in Serbian Cyrillic with --lang sr-Cyrl", async () => {
    const r = await runCli("ropa", exampleFile("promedia"), "--lang", "sr-Cyrl");
    expect(r.exitCode).toBe(0);
    const [header, first] = r.stdout.slice(1).split("\n");
    expect(header).toMatch(/^Евиденција,Радња обраде,Сврха,Правни основ,/);
    expect(header).toContain("Пренос ван Србије и мере заштите");
    expect(first).toMatch(/^чл\. 47 ст\. 1 [^,]+,Лог датотеке сервера,/);
    expect(r.stdout).not.toMatch(/[čćžšđ]|\bnema\b|\bnije navedeno\b/);
    expect((await runCli("ropa", "--help")).stdout).toContain("ro | sr | sr-Cyrl | en");
  });

  it("refuses bad arguments with exit 2", async () => {
    expect((await runCli("notice", exampleFile("eldrive"), "--lang", "de")).exitCode).toBe(2);
    expect((await runCli("notice", exampleFile("eldrive"), "--lang", "sr")).stderr).toContain("[language_not_published]");
    expect((await runCli("notice", exampleFile("eldrive"), "--format", "pdf")).stderr).toContain("--out");
    expect((await runCli("ropa", exampleFile("eldrive"), "--format", "docx")).exitCode).toBe(2);
    expect((await runCli("ropa", exampleFile("eldrive"), "--delimiter", ";;")).stderr).toContain("--delimiter");
    expect((await runCli("ropa", exampleFile("eldrive"), "--format", "pdf", "--delimiter", ";", "--out", join(dir, "x.pdf"))).exitCode).toBe(2);
    expect((await runCli("ropa")).stderr).toContain("--org");
  });
});
