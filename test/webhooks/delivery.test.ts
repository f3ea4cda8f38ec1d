import { createHash } from "node:crypto";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordConsent, withdrawConsent } from "../../src/consent/index.ts";
import type { Context } from "../../src/context.ts";
import { createLogger } from "../../src/logger.ts";
import { applyManifest, getOrganisation } from "../../src/organisations/index.ts";
import { openDatabase } from "../../src/store/index.ts";
import {
  createWebhook,
  disableWebhook,
  drainDeliveries,
  enqueue,
  listDeliveries,
  MAX_ATTEMPTS,
  pruneDeliveredPayloads,
  RETRY_DELAYS_SECONDS,
  startWebhookDispatcher,
} from "../../src/webhooks/index.ts";
import { backend, onPostgres, openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { loadExample } from "../helpers/manifests.ts";
import { movableClock, startReceiver, type Receiver } from "./receiver.ts";

const textHash = createHash("sha256").update("newsletter").digest("hex");
const T0 = "2026-11-23T10:00:00.000Z";

describe(`webhook deliveries on ${backend}`, () => {
  let t: TestDatabase;
  let receiver: Receiver;
  const clock = movableClock(T0);
  const logLines: string[] = [];
  let ctx: Context;
  let orgs = 0;

  /** Each test gets its own organisation, so the webhooks of one test never see another's events. */
  const newOrganisation = async () => {
    const slug = `eldrive-${++orgs}`;
    await applyManifest(ctx, loadExample("eldrive"), { slug, appliedBy: "test" });
    return slug;
  };
  const subscribe = async (slug: string, events?: string[], url = receiver.url) => {
    const w = await createWebhook(ctx, slug, { url, events });
    receiver.secrets.set(w.webhookId, w.secret);
    return w;
  };
  const give = (slug: string, consentId: string, subjectRef = "customer-4711@example.com") =>
    recordConsent(ctx, slug, { consentId, subjectRef, purposes: ["direct_marketing"], decision: "given", textHash, language: "ro", method: "form" });
  const requestsFor = (webhookId: string) => receiver.requests.filter((r) => r.headers["registru-webhook-id"] === webhookId);

  beforeAll(async () => {
    t = await openTestDatabase();
    const sink = new Writable({ write: (chunk, _enc, done) => (logLines.push(String(chunk)), done()) });
    ctx = { ...t.ctx(clock), log: createLogger("debug", sink) };
    receiver = await startReceiver(clock);
  });
  afterAll(async () => {
    await receiver.close();
    await t.drop();
  });

  it("delivers a signed consent.given to a real receiver after a consent is recorded", async () => {
    const slug = await newOrganisation();
    const w = await subscribe(slug, ["consent.given"]);
    await give(slug, "c-given-1");

    const outcomes = await drainDeliveries(ctx);
    expect(outcomes).toEqual([expect.objectContaining({ webhookId: w.webhookId, event: "consent.given", attempt: 1, status: "delivered", httpStatus: 200 })]);
    const [req] = requestsFor(w.webhookId);
    expect(req!.signatureValid).toBe(true);
    expect(req!.headers["content-type"]).toBe("application/json");
    expect(req!.headers["registru-event"]).toBe("consent.given");
    expect(req!.headers["registru-signature"]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const body = JSON.parse(req!.body);
    expect(Object.keys(body)).toEqual(["id", "type", "created", "organisation", "data"]);
    expect(body).toEqual({
      id: req!.headers["registru-delivery"],
      type: "consent.given",
      created: T0,
      organisation: slug,
      data: {
        consentId: "c-given-1",
        subjectRef: "customer-4711@example.com",
        purposes: ["direct_marketing"],
        decision: "given",
        method: "form",
        policyVersion: 1,
        seqs: [1],
      },
    });
    const [row] = await listDeliveries(ctx, slug, w.webhookId);
    expect(row).toMatchObject({ deliveryId: body.id, status: "delivered", attempts: 1, lastStatus: 200, lastError: null, deliveredAt: new Date(T0) });
    expect(row).not.toHaveProperty("payload");
    // The payload goes to the organisation's systems only, never to the logs.
    const logs = logLines.join("");
    expect(logs).toContain(`"deliveryId":"${body.id}"`);
    expect(logs).not.toContain("customer-4711");
    expect(logs).not.toContain("c-given-1");
  });

  it("sends each webhook only the events it subscribed to; * gets every event", async () => {
    const slug = await newOrganisation();
    const onlyWithdrawals = await subscribe(slug, ["consent.withdrawn"]);
    const everything = await subscribe(slug);
    await give(slug, "c-filter");
    await withdrawConsent(ctx, slug, "c-filter", ["direct_marketing"], "unsubscribe_link");
    await drainDeliveries(ctx);
    expect(requestsFor(onlyWithdrawals.webhookId).map((r) => r.headers["registru-event"])).toEqual(["consent.withdrawn"]);
    expect(requestsFor(everything.webhookId).map((r) => r.headers["registru-event"]).sort()).toEqual(["consent.given", "consent.withdrawn"]);
    const withdrawn = JSON.parse(requestsFor(onlyWithdrawals.webhookId)[0]!.body);
    expect(withdrawn.data).toMatchObject({ decision: "withdrawn", method: "unsubscribe_link", seqs: [2] });
  });

  it("writes nothing for an event enqueued in a transaction that rolls back", async () => {
    const slug = await newOrganisation();
    const w = await subscribe(slug);
    const { tenant } = await getOrganisation(ctx, slug);
    const inside = await ctx.db
      .transaction(async (tx) => {
        const written = await enqueue(tx, tenant.tenantId, "consent.given", { consentId: "c-rolled-back" }, clock.now());
        throw Object.assign(new Error("the change failed after the event was written"), { written });
      })
      .catch((e: { written: number }) => e.written);
    expect(inside).toBe(1);
    // A consent refused by validation inside its transaction announces nothing either.
    await expect(recordConsent(ctx, slug, { consentId: "c-bad", purposes: ["direct_marketing", "no_such_purpose"], decision: "given", textHash, language: "ro", method: "form" })).rejects.toMatchObject({
      code: "unknown_purpose",
    });
    expect(await listDeliveries(ctx, slug, w.webhookId)).toEqual([]);
    expect(await drainDeliveries(ctx)).toEqual([]);
    expect(requestsFor(w.webhookId)).toEqual([]);
  });

  it("retries a receiver that answered 500 at the scheduled time and ends delivered with attempts = 2", async () => {
    const slug = await newOrganisation();
    const w = await subscribe(slug, ["consent.given"]);
    receiver.respond = (_id, n) => (n === 1 ? 500 : 200);
    try {
      await give(slug, "c-retry");
      expect(await drainDeliveries(ctx)).toEqual([expect.objectContaining({ attempt: 1, status: "pending", httpStatus: 500, error: "HTTP 500" })]);
      const [pending] = await listDeliveries(ctx, slug, w.webhookId);
      expect(pending).toMatchObject({ status: "pending", attempts: 1, lastStatus: 500, lastError: "HTTP 500" });
      expect(pending!.nextAttemptAt.getTime() - clock.now().getTime()).toBe(RETRY_DELAYS_SECONDS[0] * 1000);

      clock.advance(RETRY_DELAYS_SECONDS[0] - 1);
      expect(await drainDeliveries(ctx)).toEqual([]);
      clock.advance(1);
      expect(await drainDeliveries(ctx)).toEqual([expect.objectContaining({ attempt: 2, status: "delivered", httpStatus: 200 })]);

      const [delivered] = await listDeliveries(ctx, slug, w.webhookId);
      expect(delivered).toMatchObject({ status: "delivered", attempts: 2, lastStatus: 200, lastError: null, deliveredAt: clock.now() });
      const requests = requestsFor(w.webhookId);
      expect(requests).toHaveLength(2);
      expect(new Set(requests.map((r) => r.headers["registru-delivery"])).size).toBe(1);
      expect(requests.every((r) => r.signatureValid)).toBe(true);
    } finally {
      receiver.respond = () => 200;
    }
  });

  it("gives up after the last attempt of the schedule and marks the delivery failed", async () => {
    const slug = await newOrganisation();
    const w = await subscribe(slug, ["consent.given"]);
    receiver.respond = () => 503;
    try {
      await give(slug, "c-fails");
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const [outcome] = await drainDeliveries(ctx);
        expect(outcome).toMatchObject({ attempt, httpStatus: 503, status: attempt < MAX_ATTEMPTS ? "pending" : "failed" });
        const [row] = await listDeliveries(ctx, slug, w.webhookId);
        if (attempt < MAX_ATTEMPTS) {
          expect(row!.nextAttemptAt.getTime() - clock.now().getTime()).toBe(RETRY_DELAYS_SECONDS[attempt - 1]! * 1000);
          clock.advance(RETRY_DELAYS_SECONDS[attempt - 1]!);
        }
      }
      const [failed] = await listDeliveries(ctx, slug, w.webhookId);
      expect(failed).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, lastStatus: 503, lastError: "HTTP 503", deliveredAt: null });
      clock.advance(7 * 24 * 3600);
      expect(await drainDeliveries(ctx)).toEqual([]);
      expect(requestsFor(w.webhookId)).toHaveLength(MAX_ATTEMPTS);
    } finally {
      receiver.respond = () => 200;
    }
  });

  it("records a short reason, never a body, when the receiver cannot be reached", async () => {
    const slug = await newOrganisation();
    const closed = await startReceiver(clock);
    await closed.close();
    const w = await subscribe(slug, ["consent.given"], closed.url);
    await give(slug, "c-unreachable");
    expect(await drainDeliveries(ctx)).toEqual([expect.objectContaining({ status: "pending", httpStatus: null, error: "connection failed (ECONNREFUSED)" })]);
    expect((await listDeliveries(ctx, slug, w.webhookId))[0]).toMatchObject({ lastStatus: null, lastError: "connection failed (ECONNREFUSED)" });
  });

  it("sends nothing more to a disabled webhook and fails its pending deliveries", async () => {
    const slug = await newOrganisation();
    const w = await subscribe(slug);
    await give(slug, "c-before-disable");
    await disableWebhook(ctx, slug, w.webhookId);
    await give(slug, "c-after-disable");
    expect(await drainDeliveries(ctx)).toEqual([]);
    expect(requestsFor(w.webhookId)).toEqual([]);
    expect(await listDeliveries(ctx, slug, w.webhookId)).toEqual([expect.objectContaining({ status: "failed", attempts: 0, lastError: "webhook disabled" })]);
  });

  it("announces a policy version with its re-consent summary (policy.applied)", async () => {
    const slug = await newOrganisation();
    const w = await subscribe(slug, ["policy.applied"]);
    const changed = loadExample("eldrive");
    const marketing = changed.manifest.activities.find((a) => a.id === "direct_marketing")!;
    marketing.recipients = [...(marketing.recipients ?? []), "ampeco"];
    clock.advance(60);
    await applyManifest(ctx, changed, { slug, appliedBy: "test" });
    await drainDeliveries(ctx);
    const [req] = requestsFor(w.webhookId);
    expect(req!.signatureValid).toBe(true);
    const body = JSON.parse(req!.body);
    expect(body).toMatchObject({ type: "policy.applied", organisation: slug, created: clock.now().toISOString() });
    expect(body.data).toMatchObject({ version: 2, previousVersion: 1, reconsent: true, activitiesNeedingReconsent: ["direct_marketing"], cookiesNeedingReconsent: [] });
    expect(body.data.changes).toBeGreaterThanOrEqual(1);
  });

  it("two dispatchers draining at once deliver each event exactly once", async () => {
    const slug = await newOrganisation();
    const w = await subscribe(slug, ["consent.given"]);
    const events = 30;
    for (let i = 0; i < events; i++) await give(slug, `c-concurrent-${i}`);
    // On PostgreSQL the second dispatcher is another connection pool, as another process would be.
    const other = onPostgres ? await openDatabase({ url: t.url, poolSize: 4 }) : undefined;
    receiver.delayMs = 20;
    try {
      const [a, b] = await Promise.all([drainDeliveries(ctx, { limit: 4 }), drainDeliveries({ ...ctx, db: other?.db ?? ctx.db }, { limit: 4 })]);
      expect(a.length).toBeGreaterThan(0);
      expect(b.length).toBeGreaterThan(0);
      expect(a.length + b.length).toBe(events);
      const ids = requestsFor(w.webhookId).map((r) => r.headers["registru-delivery"]);
      expect(ids).toHaveLength(events);
      expect(new Set(ids).size).toBe(events);
      const rows = await listDeliveries(ctx, slug, w.webhookId, { limit: 200 });
      expect(rows.every((r) => r.status === "delivered" && r.attempts === 1)).toBe(true);
    } finally {
      receiver.delayMs = 0;
      await other?.close();
    }
  });

  it("the dispatcher started with the worker delivers without being asked", async () => {
    const slug = await newOrganisation();
    const w = await subscribe(slug, ["consent.given"]);
    const dispatcher = startWebhookDispatcher(ctx, { intervalMs: 50 });
    try {
      await give(slug, "c-dispatched");
      const until = Date.now() + 10_000;
      while (requestsFor(w.webhookId).length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
    } finally {
      await dispatcher.stop();
    }
    expect(requestsFor(w.webhookId)).toHaveLength(1);
    expect((await listDeliveries(ctx, slug, w.webhookId))[0]).toMatchObject({ status: "delivered", attempts: 1 });
  });

  it("empties the payload of finished deliveries after 30 days, keeping status and times", async () => {
    const slug = await newOrganisation();
    const w = await subscribe(slug, ["consent.given"]);
    await give(slug, "c-pruned");
    await drainDeliveries(ctx);
    const payloadOf = async () => (await t.database.executeSql("select payload from webhook_deliveries where webhook_id = $1", [w.webhookId])).rows[0]!.payload;
    clock.advance(29 * 86_400);
    await pruneDeliveredPayloads(ctx);
    expect(JSON.stringify(await payloadOf())).toContain("c-pruned");
    clock.advance(2 * 86_400);
    expect(await pruneDeliveredPayloads(ctx)).toBeGreaterThanOrEqual(1);
    expect(await payloadOf()).toEqual({});
    expect((await listDeliveries(ctx, slug, w.webhookId))[0]).toMatchObject({ status: "delivered", attempts: 1 });
  });
});
