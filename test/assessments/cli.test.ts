import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { cliDatabase, runCli } from "../helpers/cli.ts";
import { backend } from "../helpers/database.ts";
import { csvRows } from "../helpers/exports.ts";
import { exampleFile } from "../helpers/manifests.ts";
import { sentosaOrdersDpia } from "./fixtures.ts";

const dir = mkdtempSync(join(tmpdir(), "registru-dpia-"));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe(`registru dpia on ${backend}`, () => {
  const cli = cliDatabase("dpia");

  beforeAll(async () => {
    await cli.setUp();
    expect((await runCli("apply", exampleFile("sentosa"))).exitCode).toBe(0);
  });
  afterAll(() => cli.drop());

  it("S1-09 screens sentosa's activities, and takes answers from a file", async () => {
    const r = await runCli("dpia", "screen", "--org", "sentosa");
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split("\n").slice(0, 2)).toEqual([
      "orders\trecommended\tvulnerable_subjects\tWP248 rev.01 III.B.a; WP248 rev.01 III.B.a(7)",
      "\tto answer: large_scale, matching_datasets, innovative_technology, prevents_right_or_contract",
    ]);
    const answers = file("answers.yaml", "orders:\n  large_scale: true\n");
    expect((await runCli("dpia", "screen", "--org", "sentosa", "--answers", answers)).stdout.split("\n")[0]).toBe("orders\trequired\tlarge_scale, vulnerable_subjects\tWP248 rev.01 III.B.a; WP248 rev.01 III.B.a(5); WP248 rev.01 III.B.a(7)");
    const bad = await runCli("dpia", "screen", "--org", "sentosa", "--answers", file("bad-answers.yaml", "orders: [\n"));
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/bad-answers\.yaml:\d+:\d+: YAML: /);
  });

  it("S1-09 records sentosa's assessment from YAML and lists it", async () => {
    const r = await runCli("dpia", "create", file("orders.yaml", stringify(sentosaOrdersDpia())), "--org", "sentosa");
    expect([r.exitCode, r.stdout]).toEqual([0, `dpia-${new Date().getUTCFullYear()}-001\torders\tcompleted\treview on 2027-02-12`]);
    const list = await runCli("dpia", "list", "--org", "sentosa");
    expect(list.stdout).toMatch(/^dpia-\d{4}-001\torders\tcompleted\tresidual risk low\tprior consultation not required\treview on 2027-02-12/);
  });

  it("reports every problem of a bad file as file:line:col and exits 2, recording nothing", async () => {
    const yaml = file(
      "bad.yaml",
      [
        "activity: orders", // 1
        "description: Orders", // 2
        "necessity: needed", // 3
        "proportionality: minimal", // 4
        "risks:", // 5
        "  - risk: leak", // 6
        "    likelihood: often", // 7
        "    severity: limited", // 8
        "    colour: red", // 9
        "dpo_opinion: { by: DPO, on: 2026-02-30, advice: proceed, opinion: fine }", // 10
      ].join("\n"),
    );
    const r = await runCli("dpia", "create", yaml, "--org", "sentosa");
    expect(r.exitCode).toBe(2);
    expect(r.stderr.split("\n")).toEqual([
      `${yaml}:1:1: missing required key "review_on" (at review_on)`,
      `${yaml}:7:17: Invalid option: expected one of "negligible"|"limited"|"significant"|"maximum" (at risks.0.likelihood)`,
      `${yaml}:9:5: unknown key "colour" (at risks.0.colour)`,
      `${yaml}:10:29: expected a real date as YYYY-MM-DD (at dpo_opinion.on)`,
    ]);
    const syntax = await runCli("dpia", "create", file("syntax.yaml", "activity: orders\nrisks: [\n"), "--org", "sentosa");
    expect(syntax.exitCode).toBe(2);
    expect(syntax.stderr).toMatch(/syntax\.yaml:3:1: YAML: /);
    expect((await runCli("dpia", "list", "--org", "sentosa")).stdout.split("\n")).toHaveLength(1);
  });

  it("points at the line of what the policy in force does not have", async () => {
    const yaml = file("unknown.yaml", stringify({ ...sentosaOrdersDpia(), activity: "shipping", security_measures: ["https", "moat"] }));
    const r = await runCli("dpia", "create", yaml, "--org", "sentosa");
    expect(r.exitCode).toBe(2);
    const lines = stringify({ ...sentosaOrdersDpia(), activity: "shipping", security_measures: ["https", "moat"] }).split("\n");
    const moat = lines.findIndex((l) => l.includes("- moat")) + 1;
    expect(r.stderr.split("\n")).toEqual([
      expect.stringMatching(new RegExp(`unknown\\.yaml:1:11: no activity "shipping" in the policy in force \\(activities: orders, invoicing, complaints\\) \\(at activity\\)$`)),
      expect.stringMatching(new RegExp(`unknown\\.yaml:${moat}:5: no security measure "moat" in the policy in force \\(at security_measures\\.1\\)$`)),
    ]);
  });

  it("exports the register and the screening as CSV", async () => {
    const register = csvRows((await runCli("dpia", "export", "--org", "sentosa", "--lang", "en")).stdout);
    expect(register.map((r) => r[0])).toEqual(["Assessment", expect.stringMatching(/^dpia-\d{4}-001$/)]);
    const screening = csvRows((await runCli("dpia", "export", "--org", "sentosa", "--what", "screening")).stdout);
    expect(screening[0]).toEqual(["Activitate", "DPIA", "Criterii îndeplinite", "Temeiuri", "Întrebări deschise", "Evaluare înregistrată"]);
    expect(screening[1]!.slice(0, 3)).toEqual(["orders", "recomandată", "Persoane vizate vulnerabile (minori, angajați, ...)"]);
    expect((await runCli("dpia", "export", "--org", "sentosa", "--what", "everything")).exitCode).toBe(2);
  });
});
