import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.ts";
import { recordConsent, withdrawConsent } from "../../src/consent/index.ts";
import { cliDatabase, runCli } from "../helpers/cli.ts";
import { backend, silentLog } from "../helpers/database.ts";
import { exampleFile } from "../helpers/manifests.ts";

describe(`registru consent verify and history on ${backend}`, () => {
  const cli = cliDatabase("consent");
  const { open } = cli;
  const textHash = createHash("sha256").update("newsletter").digest("hex");

  beforeAll(async () => {
    await cli.setUp();
    expect((await runCli("apply", exampleFile("eldrive"))).exitCode).toBe(0);
    const database = await open();
    const ctx = { db: database.db, clock: fixedClock("2026-11-23T10:00:00Z"), log: silentLog };
    for (const consentId of ["abc", "def"]) {
      await recordConsent(ctx, "eldrive", { consentId, purposes: ["direct_marketing"], decision: "given", textHash, language: "ro", method: "app_registration" });
    }
    await withdrawConsent({ ...ctx, clock: fixedClock("2026-11-24T10:00:00Z") }, "eldrive", "abc", ["direct_marketing"], "unsubscribe_link");
    await database.close();
  });
  afterAll(() => cli.drop());

  it("prints a subject's history, oldest first", async () => {
    const r = await runCli("consent", "history", "eldrive", "abc");
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split("\n").map((l) => l.split("\t").slice(0, 5))).toEqual([
      ["1", "2026-11-23T10:00:00.000Z", "direct_marketing", "given", "app_registration"],
      ["3", "2026-11-24T10:00:00.000Z", "direct_marketing", "withdrawn", "unsubscribe_link"],
    ]);
  });

  it("prints the receipt as JSON", async () => {
    const r = await runCli("consent", "receipt", "eldrive", "abc");
    expect(JSON.parse(r.stdout)).toMatchObject({ subject: { id: "abc" }, records: [{ decision: "given" }, { decision: "withdrawn" }] });
  });

  it("verifies an intact ledger with exit 0 and the count", async () => {
    expect(await runCli("consent", "verify", "eldrive")).toMatchObject({ exitCode: 0, stdout: "eldrive: consent ledger intact (3 records)" });
  });

  it("exits 1 when the current state was edited beside an intact chain: a withdrawal turned back into consent", async () => {
    const edit = async (decision: string) => {
      const database = await open();
      await database.executeSql("update consent_state set decision = $1 where consent_id = 'abc'", [decision]);
      await database.close();
    };
    await edit("given");
    const verify = await runCli("consent", "verify", "eldrive");
    await edit("withdrawn");
    expect(verify).toMatchObject({
      exitCode: 1,
      stderr: "eldrive: consent ledger intact (3 records), but the current state of 1 subject-purposes does not match it (first at record 3)",
    });
    expect(await runCli("consent", "verify", "eldrive")).toMatchObject({ exitCode: 0 });
  });

  it("exits 1 with the first broken record after one row is edited in the database", async () => {
    const database = await open();
    await database.executeSql("update consent_records set decision = 'given' where seq = 3", []);
    await database.close();
    expect(await runCli("consent", "verify", "eldrive")).toMatchObject({ exitCode: 1, stderr: "eldrive: consent ledger broken at record 3" });
  });

  it("refuses an unknown organisation with exit 2", async () => {
    expect(await runCli("consent", "verify", "nobody")).toMatchObject({ exitCode: 2 });
  });
});
