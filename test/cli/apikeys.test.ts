import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyApiKey } from "../../src/apikeys/index.ts";
import { cliDatabase, runCli } from "../helpers/cli.ts";
import { backend, silentLog } from "../helpers/database.ts";
import { fixedClock } from "../../src/clock.ts";
import { exampleFile } from "../helpers/manifests.ts";

describe(`registru apikey create and revoke on ${backend}`, () => {
  const cli = cliDatabase("apikey");
  const { open } = cli;
  let key = "";

  beforeAll(async () => {
    await cli.setUp();
    expect((await runCli("apply", exampleFile("eldrive"))).exitCode).toBe(0);
  });
  afterAll(() => cli.drop());

  const check = async (k: string) => {
    const database = await open();
    try {
      return await verifyApiKey({ db: database.db, clock: fixedClock("2026-11-23T10:00:00Z"), log: silentLog }, k);
    } finally {
      await database.close();
    }
  };

  it("prints the full key once on stdout and a note on stderr", async () => {
    const r = await runCli("apikey", "create", "eldrive", "--name", "website");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^rk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    key = r.stdout;
    const keyId = key.split("_")[1]!;
    expect(r.stderr).toContain(`API key ${keyId} ("website") created`);
    expect(r.stderr).not.toContain(key.slice(20));
    expect(await check(key)).toMatchObject({ keyId });
  });

  it("revokes a key, after which it no longer verifies", async () => {
    const keyId = key.split("_")[1]!;
    expect(await runCli("apikey", "revoke", "eldrive", keyId)).toMatchObject({ exitCode: 0, stdout: `eldrive: API key ${keyId} revoked` });
    await expect(check(key)).rejects.toMatchObject({ code: "unauthorized" });
    expect(await runCli("apikey", "revoke", "eldrive", keyId)).toMatchObject({ exitCode: 2 });
  });

  it("refuses an unknown organisation with exit 2", async () => {
    expect(await runCli("apikey", "create", "nobody")).toMatchObject({ exitCode: 2 });
  });
});
