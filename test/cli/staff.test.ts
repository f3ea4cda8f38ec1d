import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.ts";
import { login } from "../../src/staff/index.ts";
import { cliDatabase, runCli } from "../helpers/cli.ts";
import { backend, createPostgresDatabase, onPostgres, silentLog } from "../helpers/database.ts";
import { exampleFile } from "../helpers/manifests.ts";

const PASSWORD = /^([A-Za-z0-9]{5}-){3}[A-Za-z0-9]{5}$/;

describe(`registru staff on ${backend}`, () => {
  const cli = cliDatabase("staff");
  beforeAll(async () => {
    await cli.setUp();
    expect((await runCli("apply", exampleFile("eldrive"))).exitCode).toBe(0);
    expect((await runCli("apply", exampleFile("sentosa"))).exitCode).toBe(0);
  });
  afterAll(() => cli.drop());

  /** Logs in directly against the database the commands use. */
  const canLogIn = async (email: string, password: string) => {
    const database = await cli.open();
    try {
      await login({ db: database.db, clock: fixedClock(new Date()), log: silentLog }, email, password);
      return true;
    } catch (e) {
      return (e as { code?: string }).code ?? String(e);
    } finally {
      await database.close();
    }
  };

  it("adds a user granted on an organisation and prints the one-time password once on stdout", async () => {
    const r = await runCli("staff", "add", "Ana@Eldrive.example", "--name", "Ana Pop", "--org", "eldrive", "--role", "dpo");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(PASSWORD);
    expect(r.stderr).toContain("staff user ana@eldrive.example created as dpo of eldrive");
    expect(r.stderr).not.toContain(r.stdout);
    expect(await canLogIn("ana@eldrive.example", r.stdout)).toBe(true);
  });

  it("adds an installation administrator without an organisation", async () => {
    const r = await runCli("staff", "add", "root@registru.example", "--name", "Operator", "--installation-admin");
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain("(installation admin)");
  });

  it("grants, changes the role, lists and revokes", async () => {
    expect(await runCli("staff", "grant", "ana@eldrive.example", "--org", "sentosa", "--role", "auditor")).toMatchObject({ exitCode: 0, stdout: "sentosa: ana@eldrive.example granted, now auditor" });
    expect(await runCli("staff", "grant", "ana@eldrive.example", "--org", "sentosa", "--role", "agent")).toMatchObject({ exitCode: 0, stdout: "sentosa: ana@eldrive.example role changed from auditor, now agent" });
    const list = await runCli("staff", "list", "--org", "sentosa");
    expect(list.stdout.split("\n")).toEqual(["ana@eldrive.example\tagent\tmust-change-password\tAna Pop"]);
    const all = await runCli("staff", "list");
    expect(all.stdout.split("\n")).toEqual([
      "ana@eldrive.example\teldrive:dpo,sentosa:agent\tmust-change-password\tAna Pop",
      "root@registru.example\t-\tinstallation-admin,must-change-password\tOperator",
    ]);
    expect(await runCli("staff", "revoke", "ana@eldrive.example", "--org", "sentosa")).toMatchObject({ exitCode: 0, stdout: "sentosa: ana@eldrive.example revoked" });
    expect((await runCli("staff", "list", "--org", "sentosa")).stdout).toBe("");
  });

  it("resets the password, the second factor, and unlocks", async () => {
    const reset = await runCli("staff", "reset-password", "ana@eldrive.example");
    expect(reset.exitCode).toBe(0);
    expect(reset.stdout).toMatch(PASSWORD);
    expect(await canLogIn("ana@eldrive.example", reset.stdout)).toBe(true);
    expect(await runCli("staff", "reset-totp", "ana@eldrive.example")).toMatchObject({ exitCode: 0, stdout: "ana@eldrive.example: two-factor authentication reset" });
    for (let i = 0; i < 5; i++) await canLogIn("ana@eldrive.example", "wrong password");
    expect(await canLogIn("ana@eldrive.example", reset.stdout)).toBe("account_locked");
    expect((await runCli("staff", "list", "--org", "eldrive")).stdout).toMatch(/locked-until=/);
    expect(await runCli("staff", "unlock", "ana@eldrive.example")).toMatchObject({ exitCode: 0, stdout: "ana@eldrive.example: unlocked" });
    expect(await canLogIn("ana@eldrive.example", reset.stdout)).toBe(true);
  });

  it("fails with exit 2 and one clear line on bad input", async () => {
    const cases: Array<[string[], RegExp]> = [
      [["staff", "add", "ana@eldrive.example", "--name", "Again", "--org", "eldrive", "--role", "dpo"], /exists; grant them instead \[staff_user_exists\]/],
      [["staff", "add", "not-an-email", "--name", "X", "--org", "eldrive", "--role", "dpo"], /\[invalid_email\]/],
      [["staff", "add", "x@eldrive.example", "--name", "X", "--org", "eldrive", "--role", "boss"], /admin, dpo, agent, auditor \[invalid_role\]/],
      [["staff", "add", "x@eldrive.example", "--name", "X", "--org", "nowhere", "--role", "dpo"], /\[organisation_not_found\]/],
      [["staff", "add", "x@eldrive.example", "--name", "X"], /\[grant_required\]/],
      [["staff", "grant", "nobody@eldrive.example", "--org", "eldrive", "--role", "dpo"], /\[staff_user_not_found\]/],
      [["staff", "reset-password", "nobody@eldrive.example"], /\[staff_user_not_found\]/],
      [["staff", "revoke", "root@registru.example", "--org", "eldrive"], /\[staff_user_not_found\]/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(...args);
      expect(r.exitCode, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe("");
    }
    const missing = await runCli("staff", "add", "y@eldrive.example");
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain("--name");
  });

  it("keeps the last admin of an organisation", async () => {
    const add = await runCli("staff", "add", "boss@eldrive.example", "--name", "Boss", "--org", "eldrive", "--role", "admin");
    expect(add.exitCode).toBe(0);
    const r = await runCli("staff", "grant", "boss@eldrive.example", "--org", "eldrive", "--role", "dpo");
    expect(r).toMatchObject({ exitCode: 2 });
    expect(r.stderr).toContain("[last_admin]");
  });
});

const bin = fileURLToPath(new URL("../../bin/registru.js", import.meta.url));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill("SIGTERM");
});

describe(`first start on ${backend}`, () => {
  it("creates admin@registru.local with a one-time password printed once, and it logs in", { timeout: 120_000 }, async () => {
    const env: Record<string, string> = onPostgres
      ? { DATABASE_URL: (await createPostgresDatabase()).url }
      : { DATABASE_URL: "", REGISTRU_DATA_DIR: mkdtempSync(join(tmpdir(), "registru-first-")) };
    const child = spawn(process.execPath, [bin, "start", "--port", "0"], { env: { ...process.env, LOG_LEVEL: "warn", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    children.push(child);
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr += d));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on("data", (d: Buffer) => {
        const m = /running at (http:\/\/\S+)/.exec(d.toString());
        if (m) resolve(m[1]!);
      });
      child.on("exit", (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    const password = /one-time password:\s+(\S+)/.exec(stderr)?.[1];
    expect(stderr).toContain("admin@registru.local");
    expect(password).toMatch(PASSWORD);
    const res = await fetch(`${url}/api/v1/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "admin@registru.local", password }) });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.issues).toEqual(["totp_enrolment_required", "password_change_required"]);
    expect(body.grants.map((g: { slug: string; role: string }) => `${g.slug}:${g.role}`).sort()).toEqual(["eldrive:admin", "impro-media:admin", "promedia:admin", "registratura:admin", "sentosa:admin"]);
  });
});
