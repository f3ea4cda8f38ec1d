import { createHash } from "node:crypto";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey, revokeApiKey } from "../../src/apikeys/index.ts";
import { fixedClock } from "../../src/clock.ts";
import { buildServer } from "../../src/http/server.ts";
import { createLogger } from "../../src/logger.ts";
import { applyManifest } from "../../src/organisations/index.ts";
import { backend, openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { loadExample } from "../helpers/manifests.ts";

const textHash = createHash("sha256").update("newsletter").digest("hex");
const base = "/api/v1/organisations/eldrive/consents";

describe(`consent API with API keys on ${backend}`, () => {
  let t: TestDatabase;
  let app: Awaited<ReturnType<typeof buildServer>>;
  const logLines: string[] = [];
  let key: string;
  let otherKey: string;
  const auth = (k: string) => ({ authorization: `Bearer ${k}` });
  const countRecords = async () => (await t.database.executeSql("select count(*)::int as n from consent_records", [])).rows[0]!.n as number;

  beforeAll(async () => {
    t = await openTestDatabase();
    const sink = new Writable({ write: (chunk, _enc, done) => (logLines.push(String(chunk)), done()) });
    const ctx = { ...t.ctx(fixedClock("2026-11-23T10:00:00Z")), log: createLogger("info", sink) };
    await applyManifest(ctx, loadExample("eldrive"), { slug: "eldrive", appliedBy: "test" });
    await applyManifest(ctx, loadExample("sentosa"), { slug: "sentosa", appliedBy: "test" });
    key = (await createApiKey(ctx, "eldrive", { name: "website" })).key;
    otherKey = (await createApiKey(ctx, "sentosa")).key;
    app = await buildServer({ ctx, database: t.database, version: "test" });
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it("records, reads state and history, withdraws and exports a receipt", async () => {
    const rec = await app.inject({
      method: "POST",
      url: base,
      headers: { ...auth(key), "user-agent": "TestBrowser/1.0" },
      payload: { consentId: "abc", purposes: ["direct_marketing"], decision: "given", textHash, language: "ro", method: "app_registration" },
    });
    expect(rec.statusCode).toBe(201);
    expect(rec.json().records).toEqual([
      expect.objectContaining({ seq: 1, consentId: "abc", purpose: "direct_marketing", decision: "given", policyVersion: 1, userAgent: "TestBrowser/1.0", ipTruncated: "127.0.0.0/24" }),
    ]);

    const state = await app.inject({ method: "GET", url: `${base}/abc`, headers: auth(key) });
    expect(state.statusCode).toBe(200);
    expect(state.json()).toMatchObject({ consentId: "abc", purposes: [{ purpose: "direct_marketing", decision: "given", policyVersion: 1, recordedAt: "2026-11-23T10:00:00.000Z" }] });

    const wd = await app.inject({ method: "POST", url: `${base}/abc/withdraw`, headers: auth(key), payload: { purposes: ["direct_marketing"], method: "unsubscribe_link" } });
    expect(wd.statusCode).toBe(201);
    expect(wd.json().records[0]).toMatchObject({ seq: 2, decision: "withdrawn", method: "unsubscribe_link" });

    const after = await app.inject({ method: "GET", url: `${base}/abc`, headers: auth(key) });
    expect(after.json().purposes[0].decision).toBe("withdrawn");

    const history = await app.inject({ method: "GET", url: `${base}/abc/history`, headers: auth(key) });
    expect(history.json().records.map((r: { decision: string }) => r.decision)).toEqual(["given", "withdrawn"]);

    const receipt = await app.inject({ method: "GET", url: `${base}/abc/receipt`, headers: auth(key) });
    expect(receipt.statusCode).toBe(200);
    expect(receipt.json()).toMatchObject({ subject: { id: "abc" }, receipt_id: history.json().records[1].hash, records: [{ decision: "given" }, { decision: "withdrawn" }] });
    // The API answers every field of the receipt: a response schema would drop the ones it does not name.
    const [given] = history.json().records;
    expect(receipt.json().records[0]).toMatchObject({
      jurisdiction: given.jurisdiction,
      notice: { version: given.policyVersion, text_hash: given.textHash, language: given.language },
      given_by: { kind: "subject", name: null },
      collected_by: null,
      integrity: { seq: given.seq, prev_hash: given.prevHash, hash: given.hash },
    });
  });

  it("answers 401 unauthorized without a key, with a wrong key and with a revoked key", async () => {
    const revoked = await createApiKey(t.ctx(), "eldrive", { name: "old" });
    await revokeApiKey(t.ctx(), "eldrive", revoked.keyId);
    const wrong = key.slice(0, -3) + (key.endsWith("xyz") ? "abc" : "xyz");
    for (const headers of [{}, auth("rk_nope"), auth(wrong), auth(revoked.key), { authorization: key }]) {
      const res = await app.inject({ method: "GET", url: `${base}/abc`, headers });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe("unauthorized");
    }
    const before = await countRecords();
    const post = await app.inject({ method: "POST", url: base, headers: auth(revoked.key), payload: { consentId: "x", purposes: ["direct_marketing"], decision: "given", textHash, language: "ro", method: "form" } });
    expect(post.statusCode).toBe(401);
    expect(await countRecords()).toBe(before);
  });

  it("answers 403 forbidden with another organisation's key, and for an organisation that does not exist", async () => {
    const res = await app.inject({ method: "GET", url: `${base}/abc/history`, headers: auth(otherKey) });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("forbidden");
    const none = await app.inject({ method: "GET", url: "/api/v1/organisations/nobody/consents/abc", headers: auth(key) });
    expect(none.json().error.code).toBe("forbidden");
  });

  it("answers bad input with 400 and a stable code, writing nothing", async () => {
    const before = await countRecords();
    const cases = [
      { consentId: "y", purposes: [], decision: "given", textHash, language: "ro", method: "form" },
      { consentId: "y", purposes: ["direct_marketing"], decision: "maybe", textHash, language: "ro", method: "form" },
      { consentId: "y", purposes: ["direct_marketing"], decision: "given", textHash: "short", language: "ro", method: "form" },
      { consentId: "y", purposes: ["direct_marketing"], decision: "given", textHash, language: "ro", method: "form", ip: "1.2.3.4" },
    ];
    for (const payload of cases) {
      const res = await app.inject({ method: "POST", url: base, headers: auth(key), payload });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe("invalid_request");
    }
    const unknown = await app.inject({ method: "POST", url: base, headers: auth(key), payload: { consentId: "y", purposes: ["no_such"], decision: "given", textHash, language: "ro", method: "form" } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe("unknown_purpose");
    const missing = await app.inject({ method: "POST", url: `${base}/zzz/withdraw`, headers: auth(key), payload: { purposes: ["direct_marketing"], method: "form" } });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe("consent_not_found");
    expect(await countRecords()).toBe(before);
  });

  it("publishes the consent routes in /openapi.json", async () => {
    const doc = (await app.inject({ method: "GET", url: "/openapi.json" })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/organisations/{slug}/consents",
        "/api/v1/organisations/{slug}/consents/{consentId}",
        "/api/v1/organisations/{slug}/consents/{consentId}/history",
        "/api/v1/organisations/{slug}/consents/{consentId}/withdraw",
        "/api/v1/organisations/{slug}/consents/{consentId}/receipt",
      ]),
    );
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("never writes a key or its secret to the logs or the api_keys table", async () => {
    const secrets = [key, otherKey].map((k) => k.split("_").slice(2).join("_"));
    const logs = logLines.join("");
    expect(logs).toContain("api key accepted");
    const { rows } = await t.database.executeSql("select * from api_keys", []);
    for (const s of secrets) {
      expect(logs).not.toContain(s);
      expect(JSON.stringify(rows)).not.toContain(s);
    }
  });
});
