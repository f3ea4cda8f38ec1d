import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.ts";
import { DECISIONS_PER_MINUTE } from "../../src/http/routes/banner.ts";
import { PREFERENCE_RATE_LIMITS } from "../../src/http/routes/preferences.ts";
import { PUBLIC_ROUTE_LIMITS } from "../../src/http/routes/public-limits.ts";
import { PUBLIC_LIMITS } from "../../src/http/routes/requests.ts";
import { buildServer } from "../../src/http/server.ts";
import { apiFixture, type ApiFixture } from "../helpers/api.ts";
import { backend } from "../helpers/database.ts";
import { loadExample } from "../helpers/manifests.ts";

type Method = "GET" | "POST";
type Injected = Awaited<ReturnType<ApiFixture["app"]["inject"]>>;
const clock = fixedClock("2026-11-23T10:00:00Z");
const token = "A".repeat(22);

/**
 * Every public route that writes or costs, with the per-address limit it must keep and a request
 * that the limit counts (it is checked before the body is read, so a bad request counts too).
 */
const limited: Array<{ name: string; method: Method; url: string; max: number; windowS: number; payload?: unknown }> = [
  { name: "privacy-centre request intake", method: "POST", url: "/o/eldrive/requests", max: PUBLIC_LIMITS.submit, windowS: 3600, payload: {} },
  { name: "request verify", method: "POST", url: "/o/eldrive/requests/1/verify", max: PUBLIC_LIMITS.verify, windowS: 3600, payload: { token, code: "000000" } },
  { name: "code resend", method: "POST", url: "/o/eldrive/requests/1/code", max: PUBLIC_LIMITS.code, windowS: 3600, payload: { token } },
  { name: "request status", method: "POST", url: "/o/eldrive/requests/1/status", max: PUBLIC_LIMITS.verify, windowS: 3600, payload: { token } },
  { name: "unsubscribe POST", method: "POST", url: "/o/eldrive/unsubscribe?t=not-a-real-token", max: PUBLIC_ROUTE_LIMITS.unsubscribe.max, windowS: 60 },
  { name: "unsubscribe page", method: "GET", url: "/o/eldrive/unsubscribe?t=not-a-real-token", max: PUBLIC_ROUTE_LIMITS.unsubscribe.max, windowS: 60 },
  { name: "consent-events beacon", method: "POST", url: "/o/eldrive/consent-events", max: DECISIONS_PER_MINUTE, windowS: 60, payload: {} },
  { name: "preferences decisions", method: "POST", url: "/o/eldrive/preferences/decisions", max: PREFERENCE_RATE_LIMITS.decisions, windowS: 60, payload: {} },
  { name: "preferences state", method: "GET", url: "/o/eldrive/preferences/state", max: PREFERENCE_RATE_LIMITS.state, windowS: 60 },
  { name: "package download", method: "GET", url: `/o/eldrive/packages/${"a".repeat(12)}.${"b".repeat(22)}`, max: PUBLIC_ROUTE_LIMITS.packageDownload.max, windowS: 3600 },
  { name: "lint", method: "POST", url: "/api/v1/lint", max: PUBLIC_ROUTE_LIMITS.lint.max, windowS: 60, payload: "organisation: [" },
  { name: "privacy notice (PDF is laid out per request)", method: "GET", url: "/o/nobody/privacy/en.pdf", max: PUBLIC_ROUTE_LIMITS.notice.max, windowS: 60 },
  { name: "privacy centre page", method: "GET", url: "/o/nobody/privacy-centre", max: PUBLIC_ROUTE_LIMITS.page.max, windowS: 60 },
  { name: "privacy centre config", method: "GET", url: "/o/nobody/privacy-centre/config", max: PUBLIC_ROUTE_LIMITS.page.max, windowS: 60 },
  { name: "preference centre page", method: "GET", url: "/o/nobody/preferences", max: PUBLIC_ROUTE_LIMITS.page.max, windowS: 60 },
];

/**
 * Public routes left unlimited on purpose: static or cached answers a proxy or browser keeps,
 * scripts embedded in every page of the organisation's sites (many visitors behind one NAT), and
 * machine callbacks that carry their own signature.
 */
const unlimitedRoutes = new Set([
  "GET /health",
  "GET /api/v1/law/{jurisdiction}",
  "GET /api/v1/law/{jurisdiction}/deadline",
  "GET /.well-known/gpc.json",
  "GET /o/{slug}/.well-known/gpc.json",
  "GET /o/{slug}/banner.js",
  "GET /o/{slug}/banner.json",
  "GET /o/{slug}/preferences.js",
  "GET /api/v1/organisations/{slug}",
  // Not anonymous: an organisation's own system signs each callback with its secret (HMAC over
  // the body), and one system may answer a batch of calls at once from one address.
  "POST /o/{slug}/connectors/{system}/callback",
]);

let address = 0;
/** Each check comes from its own address, so no limit is spent by another check. */
const nextAddress = () => `198.51.100.${++address}`;

async function send(app: ApiFixture["app"], r: { method: Method; url: string; payload?: unknown }, remoteAddress: string, headers: Record<string, string> = {}): Promise<Injected> {
  const payload = r.payload === undefined ? undefined : typeof r.payload === "string" ? r.payload : JSON.stringify(r.payload);
  const contentType = typeof r.payload === "string" ? "application/yaml" : "application/json";
  return app.inject({ method: r.method, url: r.url, remoteAddress, payload, headers: { ...(payload !== undefined && { "content-type": contentType }), ...headers } });
}

function expectLimited(res: Injected, windowS: number) {
  expect(res.statusCode).toBe(429);
  expect(res.headers["content-type"]).toMatch(/^application\/json/);
  expect(res.json().error.code).toBe("rate_limited");
  const retryAfter = Number(res.headers["retry-after"]);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(windowS);
}

describe(`per-address limits on the public endpoints on ${backend}`, () => {
  let f: ApiFixture;

  beforeAll(async () => {
    f = await apiFixture(clock, [["eldrive", loadExample("eldrive")]]);
  });
  afterAll(() => f.close());

  it.each(limited)("$name: $method $url answers 429 rate_limited with Retry-After after $max requests from one address", async (r) => {
    const from = nextAddress();
    for (let i = 0; i < r.max; i++) {
      const res = await send(f.app, r, from);
      if (res.statusCode === 429 || res.statusCode >= 500 || res.headers["x-ratelimit-limit"] !== String(r.max)) {
        expect.fail(`request ${i + 1} of ${r.max}: ${res.statusCode}, x-ratelimit-limit ${res.headers["x-ratelimit-limit"]}`);
      }
    }
    expectLimited(await send(f.app, r, from), r.windowS);
    // Another address still gets through.
    expect((await send(f.app, r, nextAddress())).statusCode).not.toBe(429);
  });

  it("every public route that writes, and every public read not deliberately left open, carries a per-address limit", async () => {
    const doc = (await f.app.inject({ method: "GET", url: "/openapi.json" })).json() as { paths: Record<string, Record<string, { security?: unknown }>> };
    const unlimited: string[] = [];
    const checked: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(ops)) {
        const method = m.toUpperCase();
        const route = `${method} ${path}`;
        if (op.security || unlimitedRoutes.has(route)) continue;
        const url = path.replace("{slug}", "eldrive").replace(/\{[^}]+\}/g, "x1");
        const res = await f.app.inject({ method: method as Method, url, remoteAddress: nextAddress(), ...(method !== "GET" && { payload: {} }) });
        if (res.statusCode === 401) continue; // not public after all: it needs a key or a session
        checked.push(route);
        if (res.headers["x-ratelimit-limit"] === undefined) unlimited.push(`${route} (${res.statusCode})`);
      }
    }
    expect(checked).toEqual(expect.arrayContaining(["POST /api/v1/lint", "POST /o/{slug}/unsubscribe", "GET /o/{slug}/packages/{token}", "POST /o/{slug}/consent-events"]));
    expect(unlimited).toEqual([]);
  });

  it("the unsubscribe page answers a flood in JSON with its code, not with the page for a person", async () => {
    const from = nextAddress();
    const r = { method: "POST" as const, url: "/o/eldrive/unsubscribe?t=not-a-real-token" };
    const first = await send(f.app, r, from);
    expect([first.statusCode, first.headers["content-type"]]).toEqual([403, "text/html; charset=utf-8"]);
    for (let i = 1; i < PUBLIC_ROUTE_LIMITS.unsubscribe.max; i++) await send(f.app, r, from);
    expectLimited(await send(f.app, r, from), 60);
  });

  let network = 0;
  it.each(limited)("$name counts IPv6 clients per /64: rotating addresses inside one's own network does not escape the limit", async (r) => {
    const net = `2001:db8:${(++network).toString(16)}:2`;
    for (let i = 0; i < r.max; i++) expect((await send(f.app, r, `${net}::${(i + 1).toString(16)}`)).statusCode).not.toBe(429);
    expectLimited(await send(f.app, r, `${net}:ffff::1`), r.windowS);
    expect((await send(f.app, r, `2001:db8:${network.toString(16)}:3::1`)).statusCode).not.toBe(429);
  });
});

describe(`the limits see the visitor behind a trusted proxy (TRUST_PROXY) on ${backend}`, () => {
  let f: ApiFixture;
  const lint = limited.find((l) => l.name === "lint")!;

  beforeAll(async () => {
    f = await apiFixture(clock, []);
  });
  afterAll(() => f.close());

  it("without TRUST_PROXY, X-Forwarded-For is ignored: one proxy address is one client", async () => {
    const proxy = nextAddress();
    for (let i = 0; i < lint.max; i++) await send(f.app, lint, proxy, { "x-forwarded-for": `203.0.113.${i + 1}` });
    expectLimited(await send(f.app, lint, proxy, { "x-forwarded-for": "203.0.113.200" }), 60);
  });

  it("with TRUST_PROXY, each visitor named by the proxy has its own limit, and a forged header from an untrusted address changes nothing", async () => {
    const app = await buildServer({ ctx: f.t.ctx(clock), database: f.t.database, version: "test", trustProxy: "10.0.0.1" });
    try {
      for (let i = 0; i < lint.max; i++) await send(app, lint, "10.0.0.1", { "x-forwarded-for": "203.0.113.7" });
      expectLimited(await send(app, lint, "10.0.0.1", { "x-forwarded-for": "203.0.113.7" }), 60);
      expect((await send(app, lint, "10.0.0.1", { "x-forwarded-for": "203.0.113.8" })).statusCode).toBe(422);
      // An address that is not the proxy cannot pick its own bucket with a forged header.
      const outsider = "192.0.2.99";
      for (let i = 0; i < lint.max; i++) await send(app, lint, outsider, { "x-forwarded-for": `203.0.113.${100 + i}` });
      expectLimited(await send(app, lint, outsider, { "x-forwarded-for": "203.0.113.250" }), 60);
    } finally {
      await app.close();
    }
  });
});
