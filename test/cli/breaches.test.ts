import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliDatabase, runCli } from "../helpers/cli.ts";
import { backend } from "../helpers/database.ts";
import { exampleFile } from "../helpers/manifests.ts";

const good = fileURLToPath(new URL("../breaches/files/processor-incident.yaml", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "registru-breach-files-"));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe(`registru breach on ${backend}`, () => {
  const cli = cliDatabase("breaches");

  beforeAll(async () => {
    await cli.setUp();
    expect((await runCli("apply", exampleFile("eldrive"))).exitCode).toBe(0);
  });
  afterAll(() => cli.drop());

  it("S4-09 creates a breach from a YAML file, with the 72-hour clock and the processor's 48-hour window", async () => {
    const r = await runCli("breach", "create", "--org", "eldrive", good, "--now", "2026-11-20T10:00:00+02:00");
    expect(r).toMatchObject({ exitCode: 0, stderr: "" });
    // Ampeco learned of it on 19 Nov 18:00 and told Eldrive 15 hours later: inside its 48 hours.
    expect(r.stdout).toBe("breach-2026-001\topen\tauthority due 2026-11-23T07:00:00.000Z (2d 23h 00m left); processor ampeco window of 48 h met");
  });

  it("reports every problem of a breach file as file:line:col and exits 2, writing nothing", async () => {
    const source = readFileSync(good, "utf8")
      .replace("nature: [confidentiality]", "nature: [secrecy]")
      .replace("records_count: 18000", "records_count: 18000\nseverity: high")
      .replace("processor: ampeco", "processor: mailchimp");
    const bad = file("bad.yaml", source);
    const r = await runCli("breach", "create", "--org", "eldrive", bad);
    expect(r.exitCode).toBe(2);
    const lines = source.split("\n");
    const at = (needle: string, col: number) => `${bad}:${lines.findIndex((l) => l.includes(needle)) + 1}:${col}`;
    expect(r.stderr.split("\n")).toEqual([expect.stringMatching(new RegExp(`^${at("nature: [secrecy]", 10).replace(/[.[\]]/g, "\\$&")}: .*\\(at nature\\.0\\)$`)), `${at("severity: high", 1)}: unknown key "severity" (at severity)`]);

    // The shape is right, the policy in force has no such processor: found after the schema, still with its position.
    const fixed = file("processor.yaml", source.replace("nature: [secrecy]", "nature: [confidentiality]").replace("severity: high\n", ""));
    const p = await runCli("breach", "create", "--org", "eldrive", fixed);
    expect(p.exitCode).toBe(2);
    const pl = readFileSync(fixed, "utf8").split("\n");
    expect(p.stderr).toMatch(new RegExp(`^${fixed.replace(/[.]/g, "\\.")}:${pl.findIndex((l) => l.includes("mailchimp")) + 1}:14: no processor "mailchimp" in the policy in force`));

    const yaml = await runCli("breach", "create", "--org", "eldrive", file("syntax.yaml", "title: x\n  nature: [a\n"));
    expect(yaml.exitCode).toBe(2);
    expect(yaml.stderr.split("\n")[0]).toMatch(/syntax\.yaml:1:8: YAML: [^\n]*[^:]$/);
    expect((await runCli("breach", "create", "--org", "eldrive", join(dir, "missing.yaml"))).exitCode).toBe(2);
    expect((await runCli("breach", "list", "--org", "eldrive", "--now", "2026-11-20T10:00:00+02:00")).stdout.split("\n")).toHaveLength(1);
  });

  it("lists with the time left, then overdue", async () => {
    const left = await runCli("breach", "list", "--org", "eldrive", "--now", "2026-11-22T17:45:00+02:00");
    expect(left.stdout).toBe("breach-2026-001\topen\trisk high\tauthority due 2026-11-23T07:00:00.000Z (15h 15m left); processor ampeco window of 48 h met\tCharging-session export left on a public bucket");
    const overdue = await runCli("breach", "list", "--org", "eldrive", "--now", "2026-11-24T11:30:00+02:00");
    expect(overdue.stdout).toContain("(overdue by 1d 02h 30m)");
  });

  it("S1-08 refuses a late notification without --delay-reason (exit 2), records it with one, and shows it in the timeline", async () => {
    const args = ["breach", "notify", "--org", "eldrive", "breach-2026-001", "--to", "authority", "--phase", "initial", "--channel", "online_form", "--now", "2026-11-24T11:30:00+02:00"];
    const refused = await runCli(...args);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain("[delay_reason_required]");
    const ok = await runCli(...args, "--delay-reason", "The processor's forensic report arrived on Tuesday", "--reference", "RO-1");
    expect(ok).toMatchObject({ exitCode: 0 });
    expect(ok.stdout).toBe("breach-2026-001\tnotified\tauthority_notified\tauthority notified 2026-11-24T09:30:00.000Z (1d 02h 30m late); processor ampeco window of 48 h met");
    const subjects = await runCli("breach", "notify", "--org", "eldrive", "breach-2026-001", "--to", "subjects", "--channel", "email", "--count", "1320", "--now", "2026-11-24T12:00:00+02:00");
    expect(subjects.exitCode).toBe(0);
    const show = await runCli("breach", "show", "--org", "eldrive", "breach-2026-001");
    expect(show.stdout.split("\n").slice(2).map((l) => l.split("\t")[3])).toEqual(["created", "updated", "authority_notified", "updated", "subjects_notified"]);
  });

  it("writes the ANSPDCP notification (JSON, PDF), the letters and the register export", async () => {
    const json = await runCli("breach", "document", "--org", "eldrive", "breach-2026-001");
    expect(json.exitCode).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ language: "ro", phase: "follow_up", breachId: "breach-2026-001" });
    expect((await runCli("breach", "document", "--org", "eldrive", "breach-2026-001", "--format", "pdf")).exitCode).toBe(2);
    const out = join(dir, "notification.pdf");
    expect((await runCli("breach", "document", "--org", "eldrive", "breach-2026-001", "--format", "pdf", "--out", out)).exitCode).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe("%PDF-");
    const letter = await runCli("breach", "document", "--org", "eldrive", "breach-2026-001", "--letter", "sr-Cyrl");
    expect(letter.stdout).toContain("Поштовани,");
    expect((await runCli("breach", "document", "--org", "eldrive", "breach-2026-001", "--letter", "de")).exitCode).toBe(2);
    const csv = await runCli("breach", "export", "--org", "eldrive", "--format", "csv", "--delimiter", ";");
    expect(csv.stdout.split("\n")[1]).toMatch(/^breach-2026-001;Charging-session export/);
    const xlsx = join(dir, "register.xlsx");
    expect((await runCli("breach", "export", "--org", "eldrive", "--format", "xlsx", "--out", xlsx)).exitCode).toBe(0);
    expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe("PK");
    expect((await runCli("breach", "list", "--org", "nobody")).exitCode).toBe(2);
  });
});
