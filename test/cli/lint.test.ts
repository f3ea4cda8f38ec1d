import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";
import { cleanManifest, exampleFile, exampleNames } from "../helpers/manifests.ts";

const dir = mkdtempSync(join(tmpdir(), "registru-lint-"));
const write = (name: string, content: string) => {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
};

describe("registru lint", () => {
  it("exits 0 on a clean manifest", async () => {
    const r = await runCli("lint", write("clean.yaml", stringify(cleanManifest())));
    expect(r).toMatchObject({ exitCode: 0 });
    expect(r.stdout).toContain("0 error(s), 0 warning(s)");
  });

  it("exits 1 and prints file:line:col, severity, rule, article and fix when there are errors", async () => {
    const m = cleanManifest();
    delete m.activities[0].legal_basis;
    const file = write("no-basis.yaml", stringify(m));
    const r = await runCli("lint", file);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^${file}:\\d+:\\d+: error \\[legal-basis-missing\\]`, "m"));
    expect(r.stdout).toContain("law: GDPR Art. 6(1), 13(1)(c)");
    expect(r.stdout).toContain("fix: add legal_basis");
  });

  it("prints JSON with --format json", async () => {
    const m = cleanManifest();
    delete m.dpo;
    const r = await runCli("lint", "--format", "json", write("no-dpo.yaml", stringify(m)));
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ errors: 1, findings: [{ rule: "dpo-missing", severity: "error" }] });
  });

  it("exits 2 with file:line:col on a broken manifest", async () => {
    const broken = stringify(cleanManifest()).replace("role: controller", "role: controler");
    const file = write("broken.yaml", broken);
    const line = broken.split("\n").findIndex((l) => l.includes("controler")) + 1;
    const r = await runCli("lint", file);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`${file}:${line}:11: expected one of: controller, processor, joint_controller (at activities[0].role)`);
  });

  it("exits 2 on a missing file and on an unknown option", async () => {
    expect(await runCli("lint", join(dir, "nope.yaml"))).toMatchObject({ exitCode: 2, stderr: expect.stringContaining("[manifest_unreadable]") });
    expect((await runCli("lint", "--bogus")).exitCode).toBe(2);
  });

  it("exits 2 on a bad --now or --format", async () => {
    const file = write("args.yaml", stringify(cleanManifest()));
    expect(await runCli("lint", "--now", "garbage", file)).toMatchObject({ exitCode: 2, stderr: expect.stringContaining("--now") });
    expect(await runCli("lint", "--format", "xml", file)).toMatchObject({ exitCode: 2, stderr: expect.stringContaining("--format") });
  });

  it("lints as of another date with --now", async () => {
    const file = write("review.yaml", stringify(cleanManifest()));
    const r = await runCli("lint", "--now", "2027-06-01", file);
    expect(r.stdout).toContain("[document-control] the policy was due for review on 2027-01-10");
  });

  it.each(exampleNames)("runs on examples/%s.yaml", async (name) => {
    const r = await runCli("lint", "--format", "json", exampleFile(name));
    expect([0, 1]).toContain(r.exitCode);
    expect(JSON.parse(r.stdout).file).toBe(exampleFile(name));
  });
});

describe("registru deadline, law and taxonomy", () => {
  it("computes a one-month deadline moved off Romania's 1 December", async () => {
    const r = await runCli("deadline", "--from", "2026-11-01T10:00:00+02:00", "--jurisdiction", "RO");
    expect(r.stdout).toContain("(end of 2026-12-02, Europe/Bucharest)");
    expect(r.stdout).toContain("moved from 2026-12-01");
  });

  it("rejects a bad instant with exit 2", async () => {
    expect(await runCli("deadline", "--from", "tomorrow")).toMatchObject({ exitCode: 2, stderr: expect.stringContaining("[invalid_instant]") });
  });

  it("lists the taxonomy with Art. 9 flags", async () => {
    const r = await runCli("taxonomy");
    expect(r.stdout).toMatch(/special\.health\s+Health data {2}\[Art\. 9\]/);
    expect(r.stdout).toMatch(/national_id\.jmbg .*\[national id\]/);
  });

  it("shows Serbia's authority and articles", async () => {
    const r = await runCli("law", "RS");
    expect(r.stdout).toContain("digital consent at 15");
    expect(r.stdout).toMatch(/erasure\s+ZZPL čl\. 30/);
  });
});
