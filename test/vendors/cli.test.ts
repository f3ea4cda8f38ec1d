import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliDatabase, runCli } from "../helpers/cli.ts";
import { backend } from "../helpers/database.ts";
import { csvRows, pdfText, squash } from "../helpers/exports.ts";
import { exampleFile } from "../helpers/manifests.ts";

const dir = mkdtempSync(join(tmpdir(), "registru-vendors-"));

describe(`registru vendors on ${backend}`, () => {
  const cli = cliDatabase("vendors");

  beforeAll(async () => {
    await cli.setUp();
    expect((await runCli("apply", exampleFile("eldrive"))).exitCode).toBe(0);
    expect((await runCli("apply", exampleFile("promedia"))).exitCode).toBe(0);
  });
  afterAll(() => cli.drop());

  it("S4-09 lists eldrive's processors with their breach notice and records terms", async () => {
    const r = await runCli("vendors", "list", "--org", "eldrive");
    expect(r.exitCode).toBe(0);
    const ampeco = r.stdout.split("\n").find((l) => l.startsWith("ampeco\t"))!;
    expect(ampeco).toContain("breach notice 48 h, records within 10 working days");
    expect(ampeco).toContain("sub-processors: aws, payment_providers");
    const transfers = await runCli("vendors", "list", "--org", "promedia", "--transfers");
    expect(transfers.stdout).toMatch(/^US\tGoogle Inc\.\t-\tunsafeguarded\tZZPL čl\. 63\tNOT LAWFUL$/m);
  });

  it("exits 1 when an alert is serious, 0 when there is none", async () => {
    const promedia = await runCli("vendors", "alerts", "--org", "promedia");
    expect(promedia.exitCode).toBe(1);
    expect(promedia.stdout.split("\n")[0]).toMatch(/^error\tdpa_missing\t"Google Inc\." processes data with no data-processing agreement on record\tZZPL čl\. 45\(3\)$/);
    const eldrive = await runCli("vendors", "alerts", "--org", "eldrive");
    expect([eldrive.exitCode, eldrive.stdout, eldrive.stderr]).toEqual([0, "", "eldrive: no vendor alerts"]);
  });

  it("exports the alerts as CSV to stdout and the processors as PDF to a file", async () => {
    const csv = await runCli("vendors", "export", "--org", "promedia", "--table", "alerts", "--lang", "en");
    expect(csv.exitCode).toBe(0);
    const rows = csvRows(csv.stdout);
    expect(rows[0]).toEqual(["Severity", "Alert", "Processor", "Country", "Details", "Article", "Due", "Raised"]);
    expect(rows[1]!.slice(0, 4)).toEqual(["serious", "DPA missing", "Google Inc.", ""]);
    const out = join(dir, "processors.pdf");
    expect((await runCli("vendors", "export", "--org", "promedia", "--format", "pdf", "--out", out)).exitCode).toBe(0);
    const text = squash(await pdfText(readFileSync(out)));
    expect(text).toContain(squash("Evidencija obrađivača"));
    expect(text).toContain(squash("Google Inc."));
  });

  it("refuses bad arguments and unknown organisations with exit 2", async () => {
    expect((await runCli("vendors", "export", "--org", "eldrive", "--format", "xlsx")).stderr).toBe("registru: binary formats need --out <file> [invalid_arguments]");
    expect((await runCli("vendors", "export", "--org", "eldrive", "--table", "clients")).exitCode).toBe(2);
    expect((await runCli("vendors", "end-access", "aws", "--org", "eldrive", "--on", "someday")).exitCode).toBe(2);
    const unknown = await runCli("vendors", "list", "--org", "nobody");
    expect([unknown.exitCode, unknown.stderr]).toEqual([2, 'registru: no organisation "nobody" [organisation_not_found]']);
  });

  it("S4-04 records a processor's access end and refuses a second one for the same contract", async () => {
    const ended = await runCli("vendors", "end-access", "aws", "--org", "eldrive", "--on", "2026-01-02", "--note", "keys revoked");
    expect(ended.exitCode).toBe(0);
    expect(ended.stdout).toMatch(/^processor-\d{4}-001\taws\taccess ended 2026-01-02$/);
    expect((await runCli("vendors", "list", "--org", "eldrive")).stdout).toMatch(/^aws\t.*\taccess ended 2026-01-02$/m);
    const again = await runCli("vendors", "end-access", "aws", "--org", "eldrive", "--on", "2026-01-03");
    expect([again.exitCode, again.stderr]).toEqual([2, 'registru: the access of "aws" was already recorded as ended on 2026-01-02 [access_already_ended]']);
    expect((await runCli("vendors", "refresh", "--org", "promedia")).stdout).toBe("promedia: 5 open, 5 raised, 0 resolved");
  });
});
