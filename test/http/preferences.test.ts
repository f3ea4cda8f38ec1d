import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import Fastify, { type FastifyBaseLogger } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../src/apikeys/index.ts";
import { fixedClock } from "../../src/clock.ts";
import { consentHistory, recordConsent } from "../../src/consent/index.ts";
import { installErrorHandling } from "../../src/http/errors.ts";
import { preferencePageRoutes } from "../../src/http/routes/preferences-page.ts";
import { PREFERENCE_RATE_LIMITS } from "../../src/http/routes/preferences.ts";
import { buildServer } from "../../src/http/server.ts";
import { createLogger } from "../../src/logger.ts";
import { applyManifest } from "../../src/organisations/index.ts";
import { backend, openTestDatabase, silentLog, type TestDatabase } from "../helpers/database.ts";
import { cleanManifest, loadObject } from "../helpers/manifests.ts";
import { preferenceManifest } from "../helpers/preference-fixtures.ts";
import { ensureWebBuild } from "../helpers/web-build.ts";

const site = "https://www.exemplu.ro";
const textHash = "a".repeat(64);

describe(`preference centre over HTTP on ${backend}`, () => {
  let t: TestDatabase;
  let app: Awaited<ReturnType<typeof buildServer>>;
  let key: string;
  let script: string;
  const logLines: string[] = [];
  const ctx = () => t.ctx(fixedClock("2026-11-23T10:00:00Z"));
  const state = (query: string, remoteAddress = "203.0.113.1") => app.inject({ method: "GET", url: `/o/exemplu/preferences/state?${query}`, remoteAddress });
  const decide = (payload: object, remoteAddress = "203.0.113.1") => app.inject({ method: "POST", url: "/o/exemplu/preferences/decisions", payload, remoteAddress });
  const linkFor = async (consentId: string, body?: object) => {
    const res = await app.inject({ method: "POST", url: `/api/v1/organisations/exemplu/consents/${consentId}/preferences-link`, headers: { authorization: `Bearer ${key}` }, ...(body && { payload: body }) });
    expect(res.statusCode).toBe(200);
    return new URL(res.json().url as string);
  };

  beforeAll(async () => {
    script = await ensureWebBuild();
    t = await openTestDatabase();
    const sink = new Writable({ write: (chunk, _enc, done) => (logLines.push(String(chunk)), done()) });
    const c = { ...ctx(), log: createLogger("info", sink) };
    await applyManifest(c, loadObject(preferenceManifest([site, "https://shop.exemplu.ro/ro/"])), { slug: "exemplu", appliedBy: "test" });
    await applyManifest(c, loadObject(cleanManifest()), { slug: "altceva", appliedBy: "test" });
    key = (await createApiKey(c, "exemplu")).key;
    for (const [id, subjectRef] of [["customer-1", "crm:42"], ["visitor-1", undefined]] as const) {
      await recordConsent(c, "exemplu", { consentId: id, subjectRef, purposes: ["newsletter", "location"], decision: "given", textHash, language: "ro", method: "form", ip: "192.0.2.44", userAgent: "Secret/1" });
    }
    app = await buildServer({ ctx: c, database: t.database, version: "test", publicUrl: "https://registru.example/" });
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it("mints a signed link with an organisation's API key only", async () => {
    const url = await linkFor("customer-1", { language: "en" });
    expect(`${url.origin}${url.pathname}`).toBe("https://registru.example/o/exemplu/preferences");
    expect(url.searchParams.get("lang")).toBe("en");
    expect((await linkFor("customer-1")).searchParams.get("lang")).toBeNull();
    const anonymous = await app.inject({ method: "POST", url: "/api/v1/organisations/exemplu/consents/customer-1/preferences-link" });
    expect([anonymous.statusCode, anonymous.json().error.code]).toEqual([401, "unauthorized"]);
    const other = await app.inject({ method: "POST", url: "/api/v1/organisations/altceva/consents/customer-1/preferences-link", headers: { authorization: `Bearer ${key}` } });
    expect([other.statusCode, other.json().error.code]).toEqual([403, "forbidden"]);
  });

  it("shows a known person's purposes, decisions and history through the signed link, without IP or browser", async () => {
    const token = (await linkFor("customer-1")).searchParams.get("token")!;
    const res = await state(`token=${token}&lang=ro`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["cache-control"]).toBe("no-store");
    const body = res.json();
    expect(body).toMatchObject({ organisation: { slug: "exemplu", name: "Exemplu S.R.L." }, language: "ro", policyVersion: 1, noticeUrl: "https://registru.example/o/exemplu/privacy/ro.html" });
    expect(body.purposes.map((p: { purpose: string; decision: string | null }) => [p.purpose, p.decision])).toEqual([
      ["newsletter", "given"],
      ["location", "given"],
      ["cookie:analytics", null],
    ]);
    expect(body.history).toHaveLength(2);
    expect(res.body).not.toMatch(/192\.0\.2|Secret\/1|crm:42|customer-1/);
    // Without ?lang the organisation's first language.
    expect((await state(`token=${token}`)).json().language).toBe("ro");
  });

  it("answers 403 invalid_token for a bad link and the same 404 consent_not_found for a known person's raw id and an unknown id", async () => {
    const bad = await state("token=eyJ4Ijox.AAAA");
    expect([bad.statusCode, bad.json().error.code]).toEqual([403, "invalid_token"]);
    const otherOrg = new URL((await app.inject({ method: "POST", url: "/api/v1/organisations/altceva/consents/customer-1/preferences-link", headers: { authorization: `Bearer ${(await createApiKey(ctx(), "altceva")).key}` } })).json().url);
    expect((await state(`token=${otherOrg.searchParams.get("token")}`)).json().error.code).toBe("invalid_token");
    const known = await state("consentId=customer-1");
    const unknown = await state("consentId=nobody-at-all");
    expect(known.statusCode).toBe(404);
    expect(known.json()).toEqual(unknown.json());
    expect(known.json().error.code).toBe("consent_not_found");
    const saveKnown = await decide({ consentId: "customer-1", language: "ro", choices: { newsletter: false } });
    expect([saveKnown.statusCode, saveKnown.json().error.code]).toEqual([404, "consent_not_found"]);
    for (const query of ["lang=ro", `consentId=visitor-1&token=${bad.json().error.code}`]) {
      const res = await state(query);
      expect([res.statusCode, res.json().error.code]).toEqual([400, "invalid_request"]);
    }
    expect((await state("consentId=visitor-1")).statusCode).toBe(200);
  });

  it("saves ticks and unticks in one call: withdrawn and given with method preference_centre, IP truncated, 409 on a stale page", async () => {
    const token = (await linkFor("customer-1")).searchParams.get("token")!;
    const res = await app.inject({
      method: "POST",
      url: "/o/exemplu/preferences/decisions",
      headers: { "user-agent": "Firefox/200" },
      remoteAddress: "198.51.100.23",
      payload: { token, language: "en", policyVersion: 1, choices: { newsletter: false, "cookie:analytics": true } },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ given: ["cookie:analytics"], withdrawn: ["newsletter"], language: "en" });
    expect(res.json().history.at(-1)).toMatchObject({ purpose: "newsletter", decision: "withdrawn", method: "preference_centre" });
    const records = (await consentHistory(ctx(), "exemplu", "customer-1")).slice(-2);
    expect(records.map((r) => [r.purpose, r.decision, r.method, r.ipTruncated, r.userAgent, r.subjectRef])).toEqual([
      ["cookie:analytics", "given", "preference_centre", "198.51.100.0/24", "Firefox/200", "crm:42"],
      ["newsletter", "withdrawn", "preference_centre", "198.51.100.0/24", "Firefox/200", "crm:42"],
    ]);
    const stale = await decide({ token, language: "en", policyVersion: 2, choices: { location: false } });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, "stale_policy_version"]);
    const unknown = await decide({ token, language: "en", choices: { orders: true } });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([400, "unknown_purpose"]);
    expect(await consentHistory(ctx(), "exemplu", "customer-1")).toHaveLength(4);
    // The log names neither the subject nor the token.
    expect(logLines.join("")).not.toMatch(new RegExp(`customer-1|crm:42|${token.slice(0, 20)}`));
  });

  it("allows the organisation's websites by CORS (preflight and response) and no other origin", async () => {
    const preflight = (origin: string) =>
      app.inject({ method: "OPTIONS", url: "/o/exemplu/preferences/decisions", headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" } });
    for (const origin of [site, "https://shop.exemplu.ro"]) {
      const ok = await preflight(origin);
      expect(ok.statusCode).toBe(204);
      expect(ok.headers["access-control-allow-origin"]).toBe(origin);
      expect(String(ok.headers["access-control-allow-methods"])).toContain("POST");
      expect(String(ok.headers["access-control-allow-headers"])).toContain("content-type");
    }
    const refused = await preflight("https://evil.example");
    expect(refused.headers["access-control-allow-origin"]).toBeUndefined();
    const get = await app.inject({ method: "GET", url: "/o/exemplu/preferences/state?consentId=visitor-1", headers: { origin: site }, remoteAddress: "203.0.113.9" });
    expect([get.statusCode, get.headers["access-control-allow-origin"]]).toEqual([200, site]);
    const foreign = await app.inject({ method: "GET", url: "/o/exemplu/preferences/state?consentId=visitor-1", headers: { origin: "https://evil.example" }, remoteAddress: "203.0.113.9" });
    expect(foreign.headers["access-control-allow-origin"]).toBeUndefined();
    // Another organisation's websites are not this one's.
    const otherOrg = await app.inject({ method: "OPTIONS", url: "/o/altceva/preferences/state", headers: { origin: site, "access-control-request-method": "GET" } });
    expect(otherOrg.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("rate-limits each IP: 429 rate_limited after the reads and the saves a minute allows", async () => {
    const reads = [];
    for (let i = 0; i < PREFERENCE_RATE_LIMITS.state; i++) reads.push((await state("consentId=visitor-1", "203.0.113.50")).statusCode);
    expect(reads.every((s) => s === 200)).toBe(true);
    const limited = await state("consentId=visitor-1", "203.0.113.50");
    expect([limited.statusCode, limited.json().error.code]).toEqual([429, "rate_limited"]);
    expect((await state("consentId=visitor-1", "203.0.113.51")).statusCode).toBe(200);

    const saves = [];
    for (let i = 0; i <= PREFERENCE_RATE_LIMITS.decisions; i++) saves.push((await decide({ consentId: "visitor-1", language: "ro", choices: {} }, "203.0.113.60")).statusCode);
    expect(saves.slice(0, -1).every((s) => s === 200)).toBe(true);
    expect(saves.at(-1)).toBe(429);
  });

  it("lists the public API and the link route in /openapi.json", async () => {
    const doc = (await app.inject({ method: "GET", url: "/openapi.json" })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/o/{slug}/preferences/state", "/o/{slug}/preferences/decisions", "/api/v1/organisations/{slug}/consents/{consentId}/preferences-link", "/o/{slug}/preferences"]),
    );
    expect(doc.paths["/o/{slug}/preferences/decisions"].post.requestBody.content["application/json"].schema.properties).toHaveProperty("choices");
  });

  it("serves the page in the asked language with the built script, the script under its hashed name for a year and under a stable name for sites", async () => {
    const page = await app.inject({ method: "GET", url: "/o/exemplu/preferences?lang=sr-Cyrl&token=x" });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.headers["referrer-policy"]).toBe("no-referrer");
    expect(page.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(page.body).toContain('<html lang="sr-Cyrl">');
    expect(page.body).toContain("<title>Ваши избори о пристанку — Exemplu S.R.L.</title>");
    expect(page.body).toContain(`<script src="/${script}" defer></script>`);
    expect(page.body).toContain('data-org="exemplu"');
    expect((await app.inject({ method: "GET", url: "/o/exemplu/preferences" })).body).toContain('<html lang="ro">');

    const asset = await app.inject({ method: "GET", url: `/${script}` });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers["content-type"]).toContain("text/javascript");
    expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    const widget = await app.inject({ method: "GET", url: "/o/exemplu/preferences.js" });
    expect([widget.statusCode, widget.headers["cache-control"], widget.body.length]).toEqual([200, "public, max-age=300", asset.body.length]);
    expect((await app.inject({ method: "GET", url: "/o/exemplu/preferences.js", headers: { "if-none-match": String(widget.headers.etag) } })).statusCode).toBe(304);
    for (const url of ["/assets/..%2Fpackage.json", "/assets/.vite-manifest.js", "/assets/preferences-nothere1.js"]) {
      expect((await app.inject({ method: "GET", url })).statusCode).toBe(404);
    }
  });

  it("says to run npm run build when the bundle is missing, on the page and in the log", async () => {
    const empty = mkdtempSync(join(tmpdir(), "registru-nodist-"));
    const lines: string[] = [];
    const log = createLogger("info", new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
    const bare = Fastify({ loggerInstance: silentLog as FastifyBaseLogger });
    bare.setValidatorCompiler(validatorCompiler);
    bare.setSerializerCompiler(serializerCompiler);
    installErrorHandling(bare);
    try {
      await bare.register(preferencePageRoutes({ ctx: { ...ctx(), log }, database: t.database, version: "test" }, empty));
      const page = await bare.inject({ method: "GET", url: "/o/exemplu/preferences" });
      expect(page.statusCode).toBe(503);
      expect(page.body).toContain("npm run build");
      expect((await bare.inject({ method: "GET", url: "/o/exemplu/preferences.js" })).body).toContain("npm run build");
      expect(lines.join("")).toContain("run npm run build");
    } finally {
      await bare.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
