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

  it("prints the record as CSV", async () => {
    const r = await runCli("ropa", exampleFile("eldrive"), "--lang", "en");
    expect(r.stdout.split("\n")[0]).toBe("Record,Activity,Purpose,Legal basis,Data subjects,Personal data,Special / criminal data,Recipients,Transfers outside the EEA and safeguards,Erasure time limits,Source");
  });

  it("refuses bad arguments with exit 2", async () => {
    expect((await runCli("notice", exampleFile("eldrive"), "--lang", "de")).exitCode).toBe(2);
    expect((await runCli("notice", exampleFile("eldrive"), "--lang", "sr")).stderr).toContain("[language_not_published]");
    expect((await runCli("notice", exampleFile("eldrive"), "--format", "pdf")).stderr).toContain("--out");
    expect((await runCli("ropa", exampleFile("eldrive"), "--format", "docx")).exitCode).toBe(2);
    expect((await runCli("ropa")).stderr).toContain("--org");
  });
});
