import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/clock.ts";
import { verifyRequest } from "../../src/requests/index.ts";
import { createSmtpMailer } from "../../src/mail/index.ts";
import { cliDatabase, runCli } from "../helpers/cli.ts";
import { backend, silentLog } from "../helpers/database.ts";
import { exampleFile } from "../helpers/manifests.ts";
import { codeIn, startSmtp, type TestSmtp } from "../helpers/smtp.ts";

const dir = mkdtempSync(join(tmpdir(), "registru-requests-"));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe(`registru requests on ${backend}`, () => {
  const cli = cliDatabase("requests");
  let smtp: TestSmtp;
  let id: string;
  const saved = { SMTP_URL: process.env.SMTP_URL, MAIL_FROM: process.env.MAIL_FROM };

  beforeAll(async () => {
    await cli.setUp();
    smtp = await startSmtp();
    process.env.SMTP_URL = smtp.url;
    process.env.MAIL_FROM = "privacy@eldrive.test";
    expect((await runCli("apply", exampleFile("eldrive"))).exitCode).toBe(0);
  });
  afterAll(async () => {
    Object.assign(process.env, saved);
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
    await smtp.close();
    await cli.drop();
  });

  it("S0-17 records a phoned-in request from a YAML file, with who entered it, and e-mails the code", async () => {
    const yaml = file(
      "call.yaml",
      ["right: erasure", "channel: phone", "enteredBy: Elena Dragomir", "language: ro", "subject:", "  email: apel.telefonic@example.com", "  phone: '0721 234 567'", "details:", "  text: vrea ștergerea contului"].join("\n"),
    );
    const r = await runCli("requests", "create", yaml, "--org", "eldrive");
    expect(r.exitCode).toBe(0);
    const [entry, state] = r.stdout.split("\t");
    expect(state).toBe("verifying");
    id = entry!;
    expect(smtp.to("apel.telefonic@example.com")).toHaveLength(1);
  });

  it("reports every problem of a bad file as file:line:col and exits 2, recording nothing", async () => {
    const yaml = file("bad.yaml", ["right: forgetting", "channel: phone", "subject:", "  email: apel@example.com", "  cnp: '1850307400011'", "  shoe: 42"].join("\n"));
    const r = await runCli("requests", "create", yaml, "--org", "eldrive");
    expect(r.exitCode).toBe(2);
    const lines = r.stderr.split("\n");
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^${yaml.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:1:8: .* \\(at right\\)$`)),
      expect.stringMatching(/bad\.yaml:5:8: not a valid CNP .* \(at subject\.cnp\)$/),
      expect.stringMatching(/bad\.yaml:6:3: unknown key "shoe" \(at subject\.shoe\)$/),
    ]);
    const broken = await runCli("requests", "create", file("syntax.yaml", "right: [access\n"), "--org", "eldrive");
    expect(broken.exitCode).toBe(2);
    expect(broken.stderr).toMatch(/syntax\.yaml:\d+:\d+: YAML: /);
    expect((await runCli("requests", "list", "--org", "eldrive")).stdout.split("\n")).toHaveLength(1);
  });

  it("lists the queue with the deadline and the time left, and shows one request with its timeline", async () => {
    const list = await runCli("requests", "list", "--org", "eldrive");
    expect(list.exitCode).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`^${id}\\tverifying\\terasure\\tphone\\tdue \\S+Z \\(law, promised without undue delay\\)\\t(\\d+d \\d+h|\\d+h \\d+m) left$`));
    const show = await runCli("requests", "show", id, "--org", "eldrive");
    expect(show.stdout).toContain(`${id}\tverifying\terasure\tvia phone (entered by Elena Dragomir)`);
    expect(show.stdout).toContain("deadline article: GDPR Art. 12(3)");
    expect(show.stdout.split("\n").slice(3).map((l) => l.split("\t")[3])).toEqual(["created", "received", "code_sent"]);
  });

  it("pauses, resumes, extends and asks a fee with reasons; illegal steps exit 2 with invalid_transition", async () => {
    const database = await cli.open();
    const mailer = createSmtpMailer({ url: smtp.url, from: "privacy@eldrive.test", log: silentLog });
    await verifyRequest({ db: database.db, clock: systemClock, log: silentLog }, "eldrive", id, codeIn(smtp.to("apel.telefonic@example.com")[0]!), { actor: "subject", mailer });
    mailer.close();
    await database.close();

    expect(await runCli("requests", "resume", id, "--org", "eldrive", "--reason", "not paused")).toMatchObject({ exitCode: 2, stderr: expect.stringContaining("[invalid_transition]") });
    expect((await runCli("requests", "pause", id, "--org", "eldrive", "--reason", "asked for the contract number")).stdout).toBe(`${id}\tawaiting`);
    expect((await runCli("requests", "resume", id, "--org", "eldrive", "--reason", "number received")).stdout).toBe(`${id}\tin_progress`);
    expect((await runCli("requests", "extend", id, "--org", "eldrive", "--reason", "trei baze de date")).stdout).toBe(`${id}\tin_progress`);
    expect(smtp.to("apel.telefonic@example.com").at(-1)!.text).toContain("Motivele noastre: trei baze de date");
    const missingReason = await runCli("requests", "extend", id, "--org", "eldrive");
    expect(missingReason.exitCode).toBe(2);
    expect((await runCli("requests", "refuse", id, "--org", "eldrive", "--reason", "copii pe hârtie", "--ground", "excessive", "--fee", "25")).stdout).toBe(`${id}\tawaiting`);
    const show = await runCli("requests", "show", id, "--org", "eldrive");
    expect(show.stdout.split("\n").slice(3).map((l) => l.split("\t")[3])).toEqual([
      "created",
      "received",
      "code_sent",
      "verified",
      "paused",
      "resumed",
      "extended",
      "letter_sent",
      "fee_requested",
      "letter_sent",
    ]);
    expect(show.stdout).toMatch(/paused, \d+d \d+h left/);
  });
});
