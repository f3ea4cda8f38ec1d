import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../src/apikeys/index.ts";
import { fixedClock } from "../../src/clock.ts";
import { recordConsent } from "../../src/consent/index.ts";
import { buildServer } from "../../src/http/server.ts";
import { applyManifest } from "../../src/organisations/index.ts";
import { drainDeliveries } from "../../src/webhooks/index.ts";
import { backend, openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { loadExample } from "../helpers/manifests.ts";
import { startReceiver, type Receiver } from "./receiver.ts";

const base = "/api/v1/organisations/eldrive/webhooks";
const textHash = createHash("sha256").update("newsletter").digest("hex");

describe(`webhook API with API keys on ${backend}`, () => {
  let t: TestDatabase;
  let app: Awaited<ReturnType<typeof buildServer>>;
  let receiver: Receiver;
  let key: string;
  let keyId: string;
  let otherKey: string;
  const clock = fixedClock("2026-11-23T10:00:00Z");
  const auth = (k: string) => ({ authorization: `Bearer ${k}` });
  const create = (payload: object, k = key) => app.inject({ method: "POST", url: base, headers: auth(k), payload });

  beforeAll(async () => {
    t = await openTestDatabase();
    const ctx = t.ctx(clock);
    await applyManifest(ctx, loadExample("eldrive"), { slug: "eldrive", appliedBy: "test" });
    await applyManifest(ctx, loadExample("sentosa"), { slug: "sentosa", appliedBy: "test" });
    ({ key, keyId } = await createApiKey(ctx, "eldrive"));
    otherKey = (await createApiKey(ctx, "sentosa")).key;
    app = await buildServer({ ctx, database: t.database, version: "test" });
    receiver = await startReceiver(clock);
  });
  afterAll(async () => {
    await app.close();
    await receiver.close();
    await t.drop();
  });

  it("refuses a bad URL with 400 invalid_webhook_url and an unknown event with 400 unknown_webhook_event", async () => {
    for (const url of ["ftp://example.com/hook", "example.com/hook", "https://user:secret@example.com/hook"]) {
      const res = await create({ url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code).toBe("invalid_webhook_url");
    }
    const res = await create({ url: receiver.url, events: ["consent.given", "consent.changed"] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: "unknown_webhook_event", details: { unknown: ["consent.changed"] } });
    expect((await create({ url: receiver.url, events: [] })).json().error.code).toBe("invalid_request");
  });

  it("needs the organisation's own key: 401 without one, 403 with another organisation's", async () => {
    expect((await app.inject({ method: "GET", url: base })).json().error.code).toBe("unauthorized");
    const res = await create({ url: receiver.url }, otherKey);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("forbidden");
  });

  it("creates (secret shown once), lists without secrets, shows deliveries without payloads, disables", async () => {
    const res = await create({ url: receiver.url, events: ["consent.given"] });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ webhookId: expect.stringMatching(/^wh_[0-9a-f]{16}$/), url: receiver.url, events: ["consent.given"], disabledAt: null });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    receiver.secrets.set(created.webhookId, created.secret);

    const list = await app.inject({ method: "GET", url: base, headers: auth(key) });
    expect(list.json().webhooks).toEqual([{ webhookId: created.webhookId, url: receiver.url, events: ["consent.given"], createdAt: "2026-11-23T10:00:00.000Z", disabledAt: null }]);
    expect(list.body).not.toContain(created.secret);

    await recordConsent(t.ctx(clock), "eldrive", { consentId: "api-1", subjectRef: "someone@example.com", purposes: ["direct_marketing"], decision: "given", textHash, language: "ro", method: "form" });
    await drainDeliveries(t.ctx(clock));
    expect(receiver.requests.map((r) => r.signatureValid)).toEqual([true]);

    const deliveries = await app.inject({ method: "GET", url: `${base}/${created.webhookId}/deliveries`, headers: auth(key) });
    expect(deliveries.statusCode).toBe(200);
    expect(deliveries.json().deliveries).toEqual([
      {
        deliveryId: receiver.requests[0]!.headers["registru-delivery"],
        event: "consent.given",
        status: "delivered",
        attempts: 1,
        createdAt: "2026-11-23T10:00:00.000Z",
        nextAttemptAt: null,
        deliveredAt: "2026-11-23T10:00:00.000Z",
        lastStatus: 200,
        lastError: null,
      },
    ]);
    expect(deliveries.body).not.toContain("someone@example.com");
    const filtered = (query: string) => app.inject({ method: "GET", url: `${base}/${created.webhookId}/deliveries?${query}`, headers: auth(key) });
    expect((await filtered("status=pending&limit=1")).json().deliveries).toEqual([]);
    expect((await filtered("status=delivered&limit=1")).json().deliveries).toHaveLength(1);
    expect((await filtered("status=lost")).json().error.code).toBe("invalid_request");
    expect(deliveries.body).not.toContain("api-1");

    const disabled = await app.inject({ method: "DELETE", url: `${base}/${created.webhookId}`, headers: auth(key) });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ webhookId: created.webhookId, disabledAt: "2026-11-23T10:00:00.000Z" });
    const again = await app.inject({ method: "DELETE", url: `${base}/${created.webhookId}`, headers: auth(key) });
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe("webhook_not_found");
    expect((await app.inject({ method: "GET", url: `${base}/wh_0000000000000000/deliveries`, headers: auth(key) })).json().error.code).toBe("webhook_not_found");

    const audit = await t.database.executeSql("select action, actor, entity_id, details from audit_events where entity = 'webhook' order by seq", []);
    const host = new URL(receiver.url).host;
    expect(audit.rows).toEqual([
      { action: "webhook.created", actor: `apikey:${keyId}`, entity_id: created.webhookId, details: { host, events: ["consent.given"] } },
      { action: "webhook.disabled", actor: `apikey:${keyId}`, entity_id: created.webhookId, details: { host } },
    ]);
  });

  it("does not let another organisation's key see or disable a webhook", async () => {
    const { webhookId } = (await create({ url: receiver.url })).json();
    const url = `/api/v1/organisations/sentosa/webhooks/${webhookId}`;
    const res = await app.inject({ method: "DELETE", url, headers: auth(otherKey) });
    expect(res.statusCode).toBe(404);
    expect((await app.inject({ method: "GET", url: `${url}/deliveries`, headers: auth(otherKey) })).statusCode).toBe(404);
  });

  it("is in the OpenAPI document", async () => {
    const doc = (await app.inject({ method: "GET", url: "/openapi.json" })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/v1/organisations/{slug}/webhooks", "/api/v1/organisations/{slug}/webhooks/{webhookId}", "/api/v1/organisations/{slug}/webhooks/{webhookId}/deliveries"]),
    );
  });
});
