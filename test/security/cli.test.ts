import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localDate } from "../../src/law/index.ts";
import { cliDatabase, runCli } from "../helpers/cli.ts";
import { backend } from "../helpers/database.ts";
import { xlsxRows } from "../helpers/exports.ts";
import { exampleFile } from "../helpers/manifests.ts";

const dir = mkdtempSync(join(tmpdir(), "registru-security-"));
// The CLI runs on the real clock: reviews are dated today in Bucharest.
const today = () => localDate(new Date(), "Europe/Bucharest");

describe(`registru security on ${backend}`, () => {
  const cli = cliDatabase("security");

  beforeAll(async () => {
    await cli.setUp();
    expect((await runCli("apply", exampleFile("sentosa"))).exitCode).toBe(0);
  });
  afterAll(() => cli.drop());

  it("S1-07 lists the measures and exits 1 while a quarterly review is missing", async () => {
    const r = await runCli("security", "list", "--org", "sentosa");
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^quarterly_audit\torganisational\tP3M\tno review\t-\tnever_reviewed\tMăsurile de protecție sunt testate și evaluate trimestrial$/m);
    expect(r.stderr.split("\n")).toEqual(['never_reviewed: "password_rotation" is to be reviewed every P3M, and no review is on record', 'never_reviewed: "quarterly_audit" is to be reviewed every P3M, and no review is on record']);
  });

  it("S1-07 records both quarterly reviews; the list then exits 0", async () => {
    for (const measure of ["quarterly_audit", "password_rotation"]) {
      const r = await runCli("security", "review", measure, "--org", "sentosa", "--on", today(), "--reviewer", "DPO", "--outcome", "effective");
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^${measure}\\treviewed ${today()} \\(effective\\)\\tnext review \\d{4}-\\d{2}-\\d{2}$`));
    }
    expect((await runCli("security", "list", "--org", "sentosa")).exitCode).toBe(0);
    expect((await runCli("security", "history", "quarterly_audit", "--org", "sentosa")).stdout).toMatch(new RegExp(`^${today()}\\teffective\\tDPO\\trecorded .* by cli$`));
  });

  it("exits 2 on a bad outcome, an unknown measure or a missing option", async () => {
    const bad = await runCli("security", "review", "https", "--org", "sentosa", "--on", today(), "--reviewer", "IT", "--outcome", "fine");
    expect([bad.exitCode, bad.stderr]).toEqual([2, "registru: invalid review: outcome [invalid_review]"]);
    expect((await runCli("security", "review", "moat", "--org", "sentosa", "--on", today(), "--reviewer", "IT", "--outcome", "effective")).exitCode).toBe(2);
    expect((await runCli("security", "review", "https", "--org", "sentosa", "--on", today())).exitCode).toBe(2);
  });

  it("exports the register as XLSX", async () => {
    const out = join(dir, "security.xlsx");
    expect((await runCli("security", "export", "--org", "sentosa", "--format", "xlsx", "--lang", "en", "--out", out)).exitCode).toBe(0);
    const { rows } = await xlsxRows(readFileSync(out));
    const header = rows.findIndex((r) => r[0] === "Measure");
    expect(rows.length - header - 1).toBe(18);
  });
});
