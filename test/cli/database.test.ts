import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliDatabase, runCli } from "../helpers/cli.ts";
import { backend } from "../helpers/database.ts";
import { exampleFile } from "../helpers/manifests.ts";

describe(`registru migrate, apply, orgs and audit verify on ${backend}`, () => {
  const cli = cliDatabase("cli");
  const { dataDir, open } = cli;

  beforeAll(async () => {
    await cli.setUp();
  });
  afterAll(() => cli.drop());

  it("migrates", async () => {
    expect(await runCli("migrate")).toMatchObject({ exitCode: 0, stdout: `migrations applied (${backend})` });
  });

  it("applies a manifest as a policy version, once per content", async () => {
    const first = await runCli("apply", exampleFile("eldrive"), "--by", "dpo@firm");
    expect(first.stdout).toBe("eldrive: policy version 1 stored; lint: 2 error(s), 6 warning(s)");
    const again = await runCli("apply", exampleFile("eldrive"), "--org", "eldrive");
    expect(again.stdout).toContain("policy version 1 unchanged (same content)");
  });

  it("refuses a broken manifest with exit 2 and writes nothing", async () => {
    const r = await runCli("apply", join(dataDir, "missing.yaml"), "--org", "ghost");
    expect(r.exitCode).toBe(2);
    expect((await runCli("orgs")).stdout).not.toContain("ghost");
  });

  it("renders the notice and the record of the policy in force with --org", async () => {
    const notice = await runCli("notice", "--org", "eldrive", "--lang", "en", "--format", "md");
    expect(notice.stdout).toContain("Policy version 1, applied on");
    const ropa = await runCli("ropa", "--org", "eldrive", "--lang", "ro");
    expect(ropa.stdout.split("\n")[0]).toContain("Temei juridic");
  });

  it("lists organisations with their version in force", async () => {
    expect((await runCli("orgs")).stdout).toBe("eldrive\tRO\tv1\tEMOBILITY CHARGING S.R.L.");
  });

  it("verifies the audit trail and detects an edited row", async () => {
    expect(await runCli("audit", "verify", "eldrive")).toMatchObject({ exitCode: 0, stdout: "eldrive: audit trail intact (1 entries)" });
    const database = await open();
    await database.executeSql("update audit_events set details = '{}'::jsonb where seq = 1", []);
    await database.close();
    expect(await runCli("audit", "verify", "eldrive")).toMatchObject({ exitCode: 1, stderr: "eldrive: audit trail broken at entry 1" });
  });

  it("answers an unknown organisation with exit 2", async () => {
    expect(await runCli("audit", "verify", "nobody")).toMatchObject({ exitCode: 2, stderr: 'registru: no organisation "nobody" [organisation_not_found]' });
  });
});
