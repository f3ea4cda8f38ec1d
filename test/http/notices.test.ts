import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.ts";
import { buildServer } from "../../src/http/server.ts";
import { applyManifest, loadExampleOrganisations } from "../../src/organisations/index.ts";
import { backend, openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { loadExample } from "../helpers/manifests.ts";

describe(`published notice URLs on ${backend}`, () => {
  let t: TestDatabase;
  let app: Awaited<ReturnType<typeof buildServer>>;

  beforeAll(async () => {
    t = await openTestDatabase();
    const ctx = t.ctx(fixedClock("2026-11-23T10:00:00Z"));
    await loadExampleOrganisations(ctx);
    app = await buildServer({ ctx, database: t.database, version: "test" });
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it("serves the notice at a stable URL per organisation, language and format", async () => {
    const html = await app.inject({ method: "GET", url: "/o/eldrive/privacy/ro.html" });
    expect(html.statusCode).toBe(200);
    expect(html.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(html.body).toContain("EMOBILITY CHARGING S.R.L.");
    expect(html.body).toContain("Versiunea politicii 1");
    const md = await app.inject({ method: "GET", url: "/o/promedia/privacy/sr-Cyrl.md" });
    expect(md.headers["content-type"]).toBe("text/markdown; charset=utf-8");
    const pdf = await app.inject({ method: "GET", url: "/o/sentosa/privacy/ro.pdf" });
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("answers 304 to a client that has the current version, and a new ETag after a new policy version", async () => {
    const first = await app.inject({ method: "GET", url: "/o/eldrive/privacy/en.html" });
    const etag = first.headers.etag as string;
    expect((await app.inject({ method: "GET", url: "/o/eldrive/privacy/en.html", headers: { "if-none-match": etag } })).statusCode).toBe(304);
    const { manifest } = loadExample("eldrive");
    const changed = { ...manifest, laws: ["Legea 190/2018"] };
    const { parseManifest } = await import("../../src/manifest/index.ts");
    const { stringify } = await import("yaml");
    await applyManifest(t.ctx(), parseManifest(stringify(changed), "eldrive.yaml"), { slug: "eldrive", appliedBy: "test" });
    const after = await app.inject({ method: "GET", url: "/o/eldrive/privacy/en.html", headers: { "if-none-match": etag } });
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain("Policy version 2");
  });

  it("answers unknown organisations, unpublished languages and formats with 4xx codes", async () => {
    expect((await app.inject({ method: "GET", url: "/o/nobody/privacy/ro.html" })).json().error.code).toBe("organisation_not_found");
    const sr = await app.inject({ method: "GET", url: "/o/eldrive/privacy/sr.html" });
    expect(sr.statusCode).toBe(404);
    expect(sr.json().error.code).toBe("language_not_published");
    expect((await app.inject({ method: "GET", url: "/o/eldrive/privacy/ro.docx" })).json().error.code).toBe("invalid_request");
  });
});
