import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { runCli } from "../helpers/cli.ts";
import { backend, createPostgresDatabase, onPostgres } from "../helpers/database.ts";
import { cleanManifest } from "../helpers/manifests.ts";

const dir = mkdtempSync(join(tmpdir(), "registru-diff-"));

function writeManifest(name: string, edit: (m: Record<string, any>) => void = () => {}) {
  const m = cleanManifest();
  m.processors.push({ id: "mailer", name: "Mailer S.R.L.", country: "RO" });
  m.activities.push({
    ...m.activities[0],
    id: "newsletter",
    purpose: { en: "Send offers" },
    legal_basis: ["consent"],
    consent: { methods: ["checkbox"], withdrawal: ["unsubscribe_link"] },
    data: ["contact.email"],
    recipients: [],
  });
  edit(m);
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, stringify(m));
  return file;
}

const v1 = writeManifest("v1");
const v2 = writeManifest("v2", (m) => {
  m.activities[0].recipients.push("mailer");
  m.activities[1].recipients.push("mailer");
});
const v3 = writeManifest("v3", (m) => (m.document.edition = "1.1"));

describe("registru diff --files", () => {
  it("prints each change with its impact and a verdict", async () => {
    expect(await runCli("diff", "--files", v1, v2)).toEqual({
      exitCode: 0,
      stdout: [
        "[notice update] activities[0].recipients: activity orders: recipient mailer added",
        "[reconsent] activities[1].recipients: activity newsletter: recipient mailer added",
        "re-consent needed for: newsletter",
      ].join("\n"),
      stderr: "",
    });
  });

  it("says when a notice update is enough, and when nothing changed", async () => {
    expect((await runCli("diff", v1, v3, "--files")).stdout).toBe("[notice update] document.edition: document edition changed\nnotice update only");
    expect((await runCli("diff", "--files", v1, v1)).stdout).toBe("no changes");
  });

  it("prints JSON", async () => {
    const r = await runCli("diff", "--files", v1, v2, "--format", "json");
    expect(JSON.parse(r.stdout)).toMatchObject({ from: v1, to: v2, summary: { reconsent: true, activitiesNeedingReconsent: ["newsletter"], changes: 2 } });
  });

  it("refuses an invalid manifest with file:line:col and exit 2", async () => {
    const broken = join(dir, "broken.yaml");
    writeFileSync(broken, "organisation:\n  name: X\n  bogus: 1\n");
    const r = await runCli("diff", "--files", v1, broken);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^${broken.replace(/[.\\/]/g, "\\$&")}:\\d+:\\d+: `));
  });

  it("refuses a third file, an unreadable file and an unknown format with exit 2", async () => {
    expect(await runCli("diff", "--files", v1, v2, v3)).toMatchObject({ exitCode: 2, stderr: "registru: --files compares exactly two manifest files [invalid_arguments]" });
    expect((await runCli("diff", "--files", v1, join(dir, "missing.yaml"))).exitCode).toBe(2);
    expect(await runCli("diff", "--files", v1, v2, "--format", "xml")).toMatchObject({ exitCode: 2, stderr: 'registru: unknown format "xml": use text or json [invalid_format]' });
  });
});

describe(`registru diff <org> <from> <to> on ${backend}`, () => {
  let dropDatabase = async () => {};

  beforeAll(async () => {
    process.env.LOG_LEVEL = "silent";
    if (onPostgres) {
      const created = await createPostgresDatabase();
      process.env.DATABASE_URL = created.url;
      dropDatabase = created.drop;
    } else {
      process.env.REGISTRU_DATA_DIR = mkdtempSync(join(tmpdir(), "registru-cli-diff-"));
    }
    for (const file of [v1, v2]) expect((await runCli("apply", file, "--org", "exemplu")).exitCode).toBe(0);
  });
  afterAll(() => dropDatabase());

  it("diffs two stored versions, given as 1 or v1", async () => {
    const r = await runCli("diff", "exemplu", "v1", "2");
    expect(r).toMatchObject({ exitCode: 0, stderr: "" });
    expect(r.stdout.split("\n")).toEqual([
      "[notice update] activities[0].recipients: activity orders: recipient mailer added",
      "[reconsent] activities[1].recipients: activity newsletter: recipient mailer added",
      "re-consent needed for: newsletter",
    ]);
  });

  it("prints JSON with the organisation and versions", async () => {
    const r = await runCli("diff", "exemplu", "1", "2", "--format", "json");
    expect(JSON.parse(r.stdout)).toMatchObject({ organisation: "exemplu", from: 1, to: 2, summary: { changes: 2 } });
  });

  it("refuses a bad version number with exit 2", async () => {
    for (const bad of ["0", "two", "v", "1.5", "-1"]) {
      const r = await runCli("diff", "exemplu", bad, "2");
      expect(r.exitCode, bad).toBe(2);
      expect(r.stderr).toContain("[invalid_version]");
    }
    expect((await runCli("diff", "exemplu", "1")).stderr).toContain("[invalid_arguments]");
  });

  it("answers an unknown organisation or version with exit 2", async () => {
    expect(await runCli("diff", "nobody", "1", "2")).toMatchObject({ exitCode: 2, stderr: 'registru: no organisation "nobody" [organisation_not_found]' });
    expect(await runCli("diff", "exemplu", "1", "v9")).toMatchObject({
      exitCode: 2,
      stderr: 'registru: organisation "exemplu" has no policy version 9; versions 1 to 2 exist [version_not_found]',
    });
  });
});
