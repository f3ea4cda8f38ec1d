import { Writable } from "node:stream";
import { readFileSync } from "node:fs";
import { stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.ts";
import { buildServer } from "../../src/http/server.ts";
import { createLogger } from "../../src/logger.ts";
import { applyManifest } from "../../src/organisations/index.ts";
import { backend, openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { cleanManifest, exampleFile, loadObject } from "../helpers/manifests.ts";

describe(`HTTP API on ${backend}`, () => {
  let t: TestDatabase;
  let app: Awaited<ReturnType<typeof buildServer>>;
  const logLines: string[] = [];

  beforeAll(async () => {
    t = await openTestDatabase();
    const sink = new Writable({ write: (chunk, _enc, done) => (logLines.push(String(chunk)), done()) });
    const ctx = { ...t.ctx(fixedClock("2026-11-23T10:00:00Z")), log: createLogger("info", sink) };
    await applyManifest(ctx, loadObject(cleanManifest()), { slug: "exemplu", appliedBy: "test" });
    app = await buildServer({ ctx, database: t.database, version: "test" });
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it("answers /health with the database kind", async () => {
    const res = await app.inject({ method: "GET", url: "/health" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok", database: backend, version: "test" });
  });

  it("publishes an OpenAPI 3.1 document generated from the route schemas", async () => {
    const doc = (await app.inject({ method: "GET", url: "/openapi.json" })).json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/health", "/api/v1/lint", "/api/v1/organisations/{slug}", "/api/v1/law/{jurisdiction}/deadline"]),
    );
    expect(doc.paths["/api/v1/law/{jurisdiction}/deadline"].get.parameters.map((p: { name: string }) => p.name)).toContain("from");
  });

  it("lints a posted YAML manifest", async () => {
    const m = cleanManifest();
    delete m.activities[0].legal_basis;
    const res = await app.inject({ method: "POST", url: "/api/v1/lint", headers: { "content-type": "application/yaml" }, payload: stringify(m) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ errors: 1, findings: [{ rule: "legal-basis-missing", severity: "error", path: "activities[0]" }] });
  });

  it("answers an invalid manifest with 422 manifest_invalid and positions", async () => {
    const res = await app.inject({ method: "POST", url: "/api/v1/lint", headers: { "content-type": "application/yaml" }, payload: "organisation:\n  name: X\n  bogus: 1\n" });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.error.code).toBe("manifest_invalid");
    expect(body.error.details.problems).toEqual(expect.arrayContaining([expect.objectContaining({ line: 3, col: 3, message: 'unknown key "bogus"' })]));
  });

  it("answers bad requests with stable 4xx codes, never a stack trace", async () => {
    const empty = await app.inject({ method: "POST", url: "/api/v1/lint", headers: { "content-type": "application/yaml" }, payload: "" });
    expect(empty.statusCode).toBe(400);
    const wrongType = await app.inject({ method: "POST", url: "/api/v1/lint", headers: { "content-type": "image/png" }, payload: "x" });
    expect(wrongType.statusCode).toBe(415);
    expect(wrongType.json().error.code).toBe("unsupported_media_type");
    const huge = await app.inject({ method: "POST", url: "/api/v1/lint", headers: { "content-type": "application/yaml" }, payload: "#".repeat(1_100_000) });
    expect(huge.json().error.code).toBe("body_too_large");
    const missing = await app.inject({ method: "GET", url: "/api/v1/nothing" });
    expect(missing.json()).toEqual({ error: { code: "not_found", message: "no route GET /api/v1/nothing" } });
    const badQuery = await app.inject({ method: "GET", url: "/api/v1/law/RO/deadline?from=yesterday" });
    expect(badQuery.statusCode).toBe(400);
    expect(badQuery.json().error.code).toBe("invalid_request");
    const unknownCountry = await app.inject({ method: "GET", url: "/api/v1/law/XX" });
    expect(unknownCountry.json().error.code).toBe("unknown_jurisdiction");
    for (const r of [empty, wrongType, huge, missing, badQuery, unknownCountry]) expect(r.body).not.toContain("at ");
  });

  it("shows an organisation's policy version in force", async () => {
    const res = await app.inject({ method: "GET", url: "/api/v1/organisations/exemplu" });
    expect(res.json()).toMatchObject({ slug: "exemplu", jurisdiction: "RO", policy: { version: 1, lintErrors: 0 } });
    expect((await app.inject({ method: "GET", url: "/api/v1/organisations/nobody" })).json().error.code).toBe("organisation_not_found");
  });

  it("computes a deadline with the Romanian calendar", async () => {
    const res = await app.inject({ method: "GET", url: "/api/v1/law/RO/deadline?from=2026-11-01T09:00:00%2B02:00" });
    expect(res.json()).toMatchObject({ dueDate: "2026-12-02", movedFrom: "2026-12-01", article: "GDPR Art. 12(3)" });
    const breach = await app.inject({ method: "GET", url: "/api/v1/law/RO/deadline?kind=breach&from=2026-11-20T12:30:00Z" });
    expect(breach.json()).toMatchObject({ due: "2026-11-23T12:30:00.000Z", dueDate: null });
  });

  it("keeps personal data out of the logs", async () => {
    const source = readFileSync(exampleFile("eldrive"), "utf8");
    await app.inject({ method: "POST", url: "/api/v1/lint?email=ana.popescu@example.ro", headers: { "content-type": "application/yaml" }, payload: source });
    const logs = logLines.join("");
    expect(logs).toContain('"route":"/api/v1/lint"');
    expect(logs).not.toContain("ana.popescu");
    expect(logs).not.toContain("office@eldrive.ro");
  });
});
