import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consentHistory, currentConsent } from "../../src/consent/index.ts";
import type { Context } from "../../src/context.ts";
import { fixedClock } from "../../src/clock.ts";
import { DECISIONS_PER_MINUTE } from "../../src/http/routes/banner.ts";
import { buildServer } from "../../src/http/server.ts";
import { backend, openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { applyObject, bannerManifest } from "./fixtures.ts";

const site = "https://www.exemplu.ro";

describe(`banner decisions into the consent ledger (S0-08, S2-04) on ${backend}`, () => {
  let t: TestDatabase;
  let ctx: Context;
  let app: Awaited<ReturnType<typeof buildServer>>;
  let hashes: Record<string, string>;
  let address = 0;

  /** Each test posts from its own address, so the per-address limit is tested on its own. */
  const post = (body: unknown, headers: Record<string, string> = {}, contentType = "text/plain") =>
    app.inject({
      method: "POST",
      url: "/o/exemplu/consent-events",
      remoteAddress: `198.51.100.${++address}`,
      headers: { "content-type": contentType, origin: site, "user-agent": "TestBrowser/1.0", ...headers },
      payload: typeof body === "string" ? body : JSON.stringify(body),
    });
  const decision = (consentId: string, method: string, choices: Record<string, boolean>, extra: Record<string, unknown> = {}) => ({ consentId, version: 1, language: "ro", method, choices, ...extra });

  beforeAll(async () => {
    t = await openTestDatabase();
    ctx = t.ctx(fixedClock("2026-11-23T10:00:00Z"));
    await applyObject(ctx, "exemplu", bannerManifest(site));
    app = await buildServer({ ctx, database: t.database, version: "test" });
    hashes = (await app.inject({ method: "GET", url: "/o/exemplu/banner.json" })).json().textHashes;
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it("records Accept all as given, with the server's hash of the text shown, the truncated address and the browser", async () => {
    const id = randomUUID();
    const res = await post(decision(id, "banner_accept_all", { analytics: true, marketing: true }));
    expect(res.statusCode).toBe(204);
    const records = await consentHistory(ctx, "exemplu", id);
    expect(records.map((r) => [r.purpose, r.decision, r.method])).toEqual([
      ["cookie:analytics", "given", "banner_accept_all"],
      ["cookie:marketing", "given", "banner_accept_all"],
    ]);
    expect(records[0]).toMatchObject({ policyVersion: 1, textHash: hashes.ro, language: "ro", ipTruncated: "198.51.100.0/24", userAgent: "TestBrowser/1.0" });
    // ask_again_after P6M: the validity in the ledger, six calendar months in Bucharest time (summer time by then).
    expect(records[0]!.validUntil?.toISOString()).toBe("2027-05-23T09:00:00.000Z");
  });

  it("records Reject all as refused, and a later no to what was given as withdrawn (JSON bodies too)", async () => {
    const id = randomUUID();
    expect((await post(decision(id, "banner_reject_all", { analytics: false, marketing: false }))).statusCode).toBe(204);
    expect((await currentConsent(ctx, "exemplu", id)).map((s) => s.decision)).toEqual(["refused", "refused"]);

    expect((await post(decision(id, "banner_custom", { analytics: true, marketing: false }), {}, "application/json")).statusCode).toBe(204);
    expect((await post(decision(id, "banner_custom", { analytics: false, marketing: false }, { language: "en" }))).statusCode).toBe(204);
    const records = await consentHistory(ctx, "exemplu", id);
    expect(records.map((r) => `${r.purpose} ${r.decision} ${r.method}`)).toEqual([
      "cookie:analytics refused banner_reject_all",
      "cookie:marketing refused banner_reject_all",
      "cookie:analytics given banner_custom",
      "cookie:marketing refused banner_custom",
      "cookie:analytics withdrawn banner_custom",
      "cookie:marketing refused banner_custom",
    ]);
    expect(records[4]).toMatchObject({ language: "en", textHash: hashes.en });
  });

  it("records a Global Privacy Control refusal with method gpc only when the browser sent Sec-GPC: 1", async () => {
    const id = randomUUID();
    const without = await post(decision(id, "gpc", { analytics: false, marketing: false }));
    expect(without.statusCode).toBe(400);
    expect(without.json().error.code).toBe("gpc_signal_missing");
    expect(await consentHistory(ctx, "exemplu", id)).toEqual([]);

    expect((await post(decision(id, "gpc", { analytics: false, marketing: false }), { "sec-gpc": "1" })).statusCode).toBe(204);
    expect((await consentHistory(ctx, "exemplu", id)).map((r) => [r.decision, r.method])).toEqual([
      ["refused", "gpc"],
      ["refused", "gpc"],
    ]);
  });

  it("refuses choices the banner did not offer or that contradict the button, and versions that do not exist", async () => {
    const id = randomUUID();
    const cases: Array<[unknown, number, string]> = [
      [decision(id, "banner_accept_all", { analytics: true, marketing: false }), 400, "invalid_choices"],
      [decision(id, "banner_reject_all", { analytics: false }), 400, "invalid_choices"],
      [decision(id, "banner_custom", { necessary: true }), 400, "invalid_choices"],
      [decision(id, "banner_custom", { social: true }), 400, "invalid_choices"],
      [decision(id, "banner_custom", { analytics: true }, { language: "sr" }), 400, "language_not_shown"],
      [decision(id, "banner_custom", { analytics: true }, { version: 9 }), 404, "version_not_found"],
      [decision(id, "form", { analytics: true }), 400, "invalid_request"],
      [decision("short", "banner_custom", { analytics: true }), 400, "invalid_request"],
      ["not json", 400, "invalid_request"],
    ];
    for (const [body, status, code] of cases) {
      const res = await post(body);
      expect([res.statusCode, res.json().error.code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect(await consentHistory(ctx, "exemplu", id)).toEqual([]);
  });

  it("records a decision made on a banner of an earlier policy version under that version and its text", async () => {
    const oldHash = hashes.ro;
    const m = bannerManifest(site);
    m.cookies[3].purpose.ro = "Publicitate personalizată";
    await applyObject(ctx, "exemplu", m);
    const id = randomUUID();
    expect((await post(decision(id, "banner_custom", { analytics: true, marketing: false }))).statusCode).toBe(204);
    expect((await post(decision(id, "banner_custom", { analytics: true, marketing: true }, { version: 2 }))).statusCode).toBe(204);
    const records = await consentHistory(ctx, "exemplu", id);
    expect(records.map((r) => [r.purpose, r.decision, r.policyVersion, r.textHash === oldHash])).toEqual([
      ["cookie:analytics", "given", 1, true],
      ["cookie:marketing", "refused", 1, true],
      ["cookie:analytics", "given", 2, false],
      ["cookie:marketing", "given", 2, false],
    ]);
    const current = (await app.inject({ method: "GET", url: "/o/exemplu/banner.json" })).json();
    expect(records[2]!.textHash).toBe(current.textHashes.ro);
    expect(current).toMatchObject({ version: 2, revision: 2 });
  });

  it("lets the organisation's websites and its own origin call it from a browser (CORS), and no one else", async () => {
    const preflight = (origin: string) =>
      app.inject({ method: "OPTIONS", url: "/o/exemplu/consent-events", headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" } });
    const allowed = await preflight(site);
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers["access-control-allow-origin"]).toBe(site);
    expect(String(allowed.headers["access-control-allow-methods"])).toContain("POST");
    const own = await app.inject({ method: "GET", url: "/o/exemplu/banner.json", headers: { origin: "http://registru.test", host: "registru.test" } });
    expect(own.headers["access-control-allow-origin"]).toBe("http://registru.test");

    const denied = await preflight("https://evil.example");
    expect(denied.headers["access-control-allow-origin"]).toBeUndefined();
    const json = await app.inject({ method: "GET", url: "/o/exemplu/banner.json", headers: { origin: "https://evil.example" } });
    expect(json.statusCode).toBe(200);
    expect(json.headers["access-control-allow-origin"]).toBeUndefined();
    // A text/plain beacon needs no preflight, so the server itself refuses another site's.
    const id = randomUUID();
    const beacon = await post(decision(id, "banner_accept_all", { analytics: true, marketing: true }), { origin: "https://evil.example" });
    expect([beacon.statusCode, beacon.json().error.code]).toEqual([403, "origin_not_allowed"]);
    expect(await consentHistory(ctx, "exemplu", id)).toEqual([]);
  });

  it(`answers 429 rate_limited after ${DECISIONS_PER_MINUTE} decisions a minute from one address`, async () => {
    const from = (remoteAddress: string) =>
      app.inject({ method: "POST", url: "/o/exemplu/consent-events", remoteAddress, headers: { "content-type": "text/plain" }, payload: "{}" });
    for (let i = 0; i < DECISIONS_PER_MINUTE; i++) expect((await from("203.0.113.9")).statusCode).toBe(400);
    const limited = await from("203.0.113.9");
    expect([limited.statusCode, limited.json().error.code]).toEqual([429, "rate_limited"]);
    expect((await from("203.0.113.10")).statusCode).toBe(400);
    // Reading the script or the configuration is not limited.
    expect((await app.inject({ method: "GET", url: "/o/exemplu/banner.json", remoteAddress: "203.0.113.9" })).statusCode).toBe(200);
  });

  it("publishes Global Privacy Control support for the server and for each organisation", async () => {
    const server = await app.inject({ method: "GET", url: "/.well-known/gpc.json" });
    expect(server.json()).toEqual({ gpc: true, lastUpdate: "2026-11-23" });
    const org = await app.inject({ method: "GET", url: "/o/exemplu/.well-known/gpc.json" });
    expect(org.headers["content-type"]).toContain("application/json");
    expect(org.json()).toEqual({ gpc: true, lastUpdate: "2026-11-23" });
    expect((await app.inject({ method: "GET", url: "/o/nobody/.well-known/gpc.json" })).statusCode).toBe(404);
  });
});
