import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bannerBundle } from "../../src/banner/index.ts";
import { fixedClock } from "../../src/clock.ts";
import { buildServer } from "../../src/http/server.ts";
import { backend, openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { applyObject, bannerManifest } from "./fixtures.ts";

const GZIP_BUDGET = 10 * 1024;

describe("banner script bundle", () => {
  it(`stays under ${GZIP_BUDGET / 1024} kB gzipped, with no dependency`, async () => {
    const bundle = await bannerBundle();
    const gzipped = gzipSync(bundle, { level: 9 }).length;
    console.info(`banner core: ${bundle.length} bytes minified, ${gzipped} bytes gzipped (budget ${GZIP_BUDGET})`);
    expect(gzipped).toBeLessThanOrEqual(GZIP_BUDGET);
    expect(bundle).not.toMatch(/\brequire\(|\bimport\(/);
    // Built once per process.
    expect(await bannerBundle()).toBe(bundle);
  });
});

describe(`GET /o/:slug/banner.js on ${backend}`, () => {
  let t: TestDatabase;
  let app: Awaited<ReturnType<typeof buildServer>>;

  beforeAll(async () => {
    t = await openTestDatabase();
    const ctx = t.ctx(fixedClock("2026-11-23T10:00:00Z"));
    await applyObject(ctx, "exemplu", bannerManifest());
    app = await buildServer({ ctx, database: t.database, version: "test" });
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it("serves the bundle and its init call as cacheable JavaScript with an ETag, 304 when unchanged", async () => {
    const res = await app.inject({ method: "GET", url: "/o/exemplu/banner.js", headers: { host: "registru.test" } });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(res.headers["cache-control"]).toBe("public, max-age=300");
    expect(res.body.startsWith(`(function(){${await bannerBundle()}\nregistruBanner.init({`)).toBe(true);
    expect(res.body).toContain('"endpoint":"http://registru.test/o/exemplu/consent-events"');
    const withConfig = gzipSync(res.body, { level: 9 }).length;
    console.info(`banner.js with the example configuration: ${res.body.length} bytes, ${withConfig} bytes gzipped`);
    const etag = res.headers.etag as string;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const again = await app.inject({ method: "GET", url: "/o/exemplu/banner.js", headers: { host: "registru.test", "if-none-match": etag } });
    expect(again.statusCode).toBe(304);
    const elsewhere = await app.inject({ method: "GET", url: "/o/exemplu/banner.js", headers: { host: "other.test", "if-none-match": etag } });
    expect(elsewhere.statusCode).toBe(200);
    expect((await app.inject({ method: "GET", url: "/o/nobody/banner.js" })).json().error.code).toBe("organisation_not_found");
  });

  it("documents the banner routes in the OpenAPI document", async () => {
    const paths = Object.keys((await app.inject({ method: "GET", url: "/openapi.json" })).json().paths);
    expect(paths).toEqual(expect.arrayContaining(["/o/{slug}/banner.js", "/o/{slug}/banner.json", "/o/{slug}/consent-events", "/.well-known/gpc.json", "/o/{slug}/.well-known/gpc.json"]));
  });

  it("puts REGISTRU_PUBLIC_URL, not the request's address, in the script behind a proxy", async () => {
    const proxied = await buildServer({ ctx: t.ctx(fixedClock("2026-11-23T10:00:00Z")), database: t.database, version: "test", publicUrl: "https://privacy.exemplu.ro/" });
    const res = await proxied.inject({ method: "GET", url: "/o/exemplu/banner.js", headers: { host: "10.0.0.5:3000" } });
    expect(res.body).toContain('"endpoint":"https://privacy.exemplu.ro/o/exemplu/consent-events"');
    expect(res.body).toContain('"ro":"https://privacy.exemplu.ro/o/exemplu/privacy/ro.html"');
    await proxied.close();
  });
});
