import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backend } from "../helpers/database.ts";
import { cliDatabase, runCli } from "../helpers/cli.ts";
import { csvRows, pdfText, squash, xlsxRows } from "../helpers/exports.ts";
import { exampleFile } from "../helpers/manifests.ts";

describe(`registru audit list and export on ${backend}`, () => {
  const cli = cliDatabase("audit");

  beforeAll(async () => {
    await cli.setUp();
    await runCli("apply", exampleFile("eldrive"), "--by", "dpo@firm");
    await runCli("apikey", "create", "eldrive", "--name", "shop");
    await runCli("apikey", "create", "eldrive", "--name", "crm");
  });
  afterAll(() => cli.drop());

  it("lists the trail newest first, filtered", async () => {
    const all = await runCli("audit", "list", "--org", "eldrive");
    expect(all.exitCode).toBe(0);
    expect(all.stdout.split("\n").map((l) => l.split("\t").slice(0, 1).concat(l.split("\t").slice(3, 5)))).toEqual([
      ["3", "apikey.created", "api_key"],
      ["2", "apikey.created", "api_key"],
      ["1", "policy.applied", "policy_version"],
    ]);
    const one = await runCli("audit", "list", "--org", "eldrive", "--actor", "dpo@firm");
    expect(one.stdout.split("\t").slice(2, 4)).toEqual(["dpo@firm", "policy.applied"]);
    const paged = await runCli("audit", "list", "--org", "eldrive", "--action", "apikey.*", "--limit", "1");
    expect(paged.stdout.split("\t")[0]).toBe("3");
    expect(paged.stderr).toBe("more entries before 3: narrow the period or raise --limit");
  });

  it("S4-20 exports CSV to stdout and XLSX and PDF to a file, over a period", async () => {
    const csv = await runCli("audit", "export", "--org", "eldrive", "--lang", "en");
    expect(csv.exitCode).toBe(0);
    const rows = csvRows(`${csv.stdout}\n`);
    expect(rows[0]).toEqual(["No.", "Time (UTC)", "Actor", "Action", "Entity", "Entity id", "Details", "Hash"]);
    expect(rows.slice(1).map((r) => [r[0], r[3]])).toEqual([
      ["1", "policy.applied"],
      ["2", "apikey.created"],
      ["3", "apikey.created"],
    ]);
    expect(rows[2]![6]).toBe('{"name": "shop"}');

    const xlsxFile = join(cli.dataDir, "audit.xlsx");
    const xlsx = await runCli("audit", "export", "--org", "eldrive", "--format", "xlsx", "--out", xlsxFile);
    expect(xlsx.stdout).toMatch(/^written .*audit\.xlsx \(\d+ bytes\)$/);
    const sheet = await xlsxRows(readFileSync(xlsxFile));
    expect(sheet.rows).toContainEqual(["Lanțul de hash-uri", "intact (3 înregistrări verificate)"]);

    const pdfFile = join(cli.dataDir, "audit.pdf");
    expect((await runCli("audit", "export", "--org", "eldrive", "--format", "pdf", "--lang", "en", "--from", "2000-01-01", "--to", "2000-12-31", "--out", pdfFile)).exitCode).toBe(0);
    const text = squash(await pdfText(readFileSync(pdfFile)));
    expect(text).toContain(squash("from 2000-01-01T00:00:00.000Z up to 2001-01-01T00:00:00.000Z, not included"));
    expect(text).toContain(squash("Entries: 0"));
    expect(text).not.toContain("policy.applied");
  });

  it("refuses bad input with exit 2: a binary format without --out, a bad period, an unknown organisation", async () => {
    expect(await runCli("audit", "export", "--org", "eldrive", "--format", "pdf")).toMatchObject({ exitCode: 2, stderr: "registru: binary formats need --out <file> [invalid_arguments]" });
    expect(await runCli("audit", "export", "--org", "eldrive", "--format", "doc")).toMatchObject({ exitCode: 2 });
    const period = await runCli("audit", "export", "--org", "eldrive", "--from", "last week");
    expect(period).toMatchObject({ exitCode: 2 });
    expect(period.stderr).toContain("[invalid_period]");
    expect(await runCli("audit", "list", "--org", "nobody")).toMatchObject({ exitCode: 2, stderr: 'registru: no organisation "nobody" [organisation_not_found]' });
  });

  it("keeps `audit verify` beside the new subcommands", async () => {
    expect(await runCli("audit", "verify", "eldrive")).toMatchObject({ exitCode: 0, stdout: "eldrive: audit trail intact (3 entries)" });
  });
});
