import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../src/apikeys/index.ts";
import { currentConsent, consentHistory, recordConsent, unsubscribe, unsubscribeLink, verifyConsentLedger } from "../../src/consent/index.ts";
import { buildServer } from "../../src/http/server.ts";
import { applyManifest } from "../../src/organisations/index.ts";
import { backend, openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { loadExample } from "../helpers/manifests.ts";

const textHash = createHash("sha256").update("Newsletter și oferte").digest("hex");
const base = "https://privacy.example.ro";

describe(`S4-11 one-click unsubscribe link on ${backend}`, () => {
  let t: TestDatabase;
  let app: Awaited<ReturnType<typeof buildServer>>;
  const give = (consentId: string, slug = "eldrive") =>
    recordConsent(t.ctx(), slug, { consentId, purposes: ["direct_marketing"], decision: "given", textHash, language: "ro", method: "form" });
  const tokenOf = (url: string) => new URL(url).searchParams.get("t")!;

  beforeAll(async () => {
    t = await openTestDatabase();
    await applyManifest(t.ctx(), loadExample("eldrive"), { slug: "eldrive", appliedBy: "test" });
    await applyManifest(t.ctx(), loadExample("eldrive"), { slug: "other-shop", appliedBy: "test" });
    app = await buildServer({ ctx: t.ctx(), database: t.database, version: "test", publicUrl: base });
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it("S4-11 gives a signed link and the RFC 8058 headers for the e-mail", async () => {
    const link = await unsubscribeLink(t.ctx(), "eldrive", "sub-1", "direct_marketing", base);
    expect(link.url).toMatch(/^https:\/\/privacy\.example\.ro\/o\/eldrive\/unsubscribe\?t=[\w-]+\.[\w-]+$/);
    expect(link.headers).toEqual({ "List-Unsubscribe": `<${link.url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
    expect(link.url).not.toContain("sub-1");
  });

  it("refuses a link for a purpose that does not rest on consent", async () => {
    await expect(unsubscribeLink(t.ctx(), "eldrive", "sub-1", "accounting", base)).rejects.toMatchObject({ code: "purpose_not_consent_based" });
  });

  it("S4-11 the page shows one button and does not withdraw on GET (mail scanners open links)", async () => {
    await give("sub-2");
    const { url } = await unsubscribeLink(t.ctx(), "eldrive", "sub-2", "direct_marketing", base);
    const res = await app.inject({ method: "GET", url: url.slice(base.length) });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/html");
    expect(res.body).toContain('<html lang="ro">');
    expect(res.body).toContain("Newsletter și oferte");
    expect(res.body).toMatch(/<form method="post"[^>]*><button type="submit">Mă dezabonez<\/button>/);
    expect((await currentConsent(t.ctx(), "eldrive", "sub-2"))[0]!.decision).toBe("given");
  });

  it("S4-11 withdraws with the mail client's one-click POST, without login, once", async () => {
    await give("sub-3");
    const { url } = await unsubscribeLink(t.ctx(), "eldrive", "sub-3", "direct_marketing", base);
    const post = () =>
      app.inject({ method: "POST", url: url.slice(base.length), headers: { "content-type": "application/x-www-form-urlencoded" }, payload: "List-Unsubscribe=One-Click" });
    const first = await post();
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain("v-ați retras consimțământul");
    const again = await post();
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain("era deja retras");
    const history = await consentHistory(t.ctx(), "eldrive", "sub-3");
    expect(history.map((r) => [r.decision, r.method])).toEqual([
      ["given", "form"],
      ["withdrawn", "unsubscribe_link"],
    ]);
    expect(history[1]!.ipTruncated).toBe("127.0.0.0/24");
    expect((await verifyConsentLedger(t.ctx(), "eldrive")).ok).toBe(true);
  });

  it("rejects a tampered link, and a link of another organisation, with 403 and no record", async () => {
    await give("sub-4");
    const { url } = await unsubscribeLink(t.ctx(), "eldrive", "sub-4", "direct_marketing", base);
    const token = tokenOf(url);
    const [body, sig] = token.split(".");
    const forged = `${Buffer.from(JSON.stringify(["u", "sub-1", "direct_marketing"])).toString("base64url")}.${sig}`;
    for (const path of [`/o/eldrive/unsubscribe?t=${forged}`, `/o/eldrive/unsubscribe?t=${body}.AAAA${sig!.slice(4)}`, `/o/other-shop/unsubscribe?t=${token}`]) {
      const res = await app.inject({ method: "POST", url: path, headers: { "content-type": "application/x-www-form-urlencoded" }, payload: "List-Unsubscribe=One-Click" });
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain("nu este valid");
    }
    expect((await currentConsent(t.ctx(), "eldrive", "sub-4"))[0]!.decision).toBe("given");
  });

  it("answers 404 for a link whose subject never gave consent", async () => {
    const { url } = await unsubscribeLink(t.ctx(), "eldrive", "nobody", "direct_marketing", base);
    await expect(unsubscribe(t.ctx(), "eldrive", tokenOf(url))).rejects.toMatchObject({ code: "consent_not_found", status: 404 });
  });

  it("S4-11 mints the link over the API with the organisation's key", async () => {
    const { key } = await createApiKey(t.ctx(), "eldrive", { name: "mailer" });
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/organisations/eldrive/consents/sub-5/unsubscribe-link",
      headers: { authorization: `Bearer ${key}` },
      payload: { purpose: "direct_marketing" },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().url).toMatch(/^https:\/\/privacy\.example\.ro\/o\/eldrive\/unsubscribe\?t=/);
    const unauth = await app.inject({ method: "POST", url: "/api/v1/organisations/eldrive/consents/sub-5/unsubscribe-link", payload: { purpose: "direct_marketing" } });
    expect(unauth.statusCode).toBe(401);
  });
});
