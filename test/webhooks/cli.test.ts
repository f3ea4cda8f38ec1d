import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliDatabase, runCli } from "../helpers/cli.ts";
import { backend } from "../helpers/database.ts";
import { exampleFile } from "../helpers/manifests.ts";

describe(`registru webhook create, list and disable on ${backend}`, () => {
  const cli = cliDatabase("webhook");
  let webhookId = "";

  beforeAll(async () => {
    await cli.setUp();
    expect((await runCli("apply", exampleFile("eldrive"))).exitCode).toBe(0);
  });
  afterAll(() => cli.drop());

  it("prints the signing secret once on stdout and the webhook id on stderr", async () => {
    const r = await runCli("webhook", "create", "--org", "eldrive", "--url", "https://crm.example.com/hooks", "--events", "consent.given,consent.withdrawn");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    webhookId = /webhook (wh_[0-9a-f]{16}) created for consent.given, consent.withdrawn/.exec(r.stderr)?.[1] ?? "";
    expect(webhookId).not.toBe("");
  });

  it("lists webhooks without their secrets", async () => {
    const r = await runCli("webhook", "list", "--org", "eldrive");
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split("\t").slice(0, 4)).toEqual([webhookId, "active", "consent.given,consent.withdrawn", "https://crm.example.com/hooks"]);
    expect(r.stdout).not.toContain("whsec_");
  });

  it("disables a webhook; disabling it again, a bad URL or an unknown event exits 2", async () => {
    expect(await runCli("webhook", "disable", "--org", "eldrive", webhookId)).toMatchObject({ exitCode: 0, stdout: `eldrive: webhook ${webhookId} disabled` });
    expect((await runCli("webhook", "list", "--org", "eldrive")).stdout).toContain(`${webhookId}\tdisabled `);
    expect(await runCli("webhook", "disable", "--org", "eldrive", webhookId)).toMatchObject({ exitCode: 2, stderr: expect.stringContaining("[webhook_not_found]") });
    expect(await runCli("webhook", "create", "--org", "eldrive", "--url", "ftp://x")).toMatchObject({ exitCode: 2, stderr: expect.stringContaining("[invalid_webhook_url]") });
    expect(await runCli("webhook", "create", "--org", "eldrive", "--url", "https://x.example", "--events", "consent.maybe")).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining("[unknown_webhook_event]"),
    });
    expect(await runCli("webhook", "list", "--org", "nobody")).toMatchObject({ exitCode: 2 });
  });
});
