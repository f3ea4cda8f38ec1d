import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.ts";
import { adminLanguage } from "../../src/http/pages/admin.ts";
import { adminAppRoutes } from "../../src/http/routes/admin-app.ts";
import type { ServerDeps } from "../../src/http/server.ts";
import { silentLog } from "../helpers/database.ts";

/** A build as Vite writes it: the manifest names the hashed entry. */
function fakeBuild(): string {
  const dist = mkdtempSync(join(tmpdir(), "registru-admin-"));
  mkdirSync(join(dist, ".vite"));
  mkdirSync(join(dist, "assets"));
  writeFileSync(join(dist, ".vite/manifest.json"), JSON.stringify({ "admin/main.tsx": { file: "assets/admin-AbC123xy.js", isEntry: true } }));
  writeFileSync(join(dist, "assets/admin-AbC123xy.js"), "console.log('admin');");
  return dist;
}

async function server(dist: string) {
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const deps = { ctx: { db: undefined, clock: fixedClock("2026-11-23T10:00:00Z"), log: silentLog } } as unknown as ServerDeps;
  await app.register(adminAppRoutes(deps, dist));
  return app;
}

describe("the admin app's page shell and scripts", () => {
  let dist: string;
  let app: Awaited<ReturnType<typeof server>>;
  beforeAll(async () => {
    dist = fakeBuild();
    app = await server(dist);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it.each(["/admin", "/admin/", "/admin/o/eldrive/requests/request-2026-001", "/admin/o/eldrive/breaches"])("answers %s with the shell that loads the built module, never cached, never framed", async (url) => {
    const res = await app.inject({ method: "GET", url, headers: { "accept-language": "ro-RO,ro;q=0.9,en;q=0.8" } });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.body).toContain('<script type="module" src="/admin/assets/admin-AbC123xy.js"></script>');
    expect(res.body).toContain('<html lang="ro">');
    expect(res.body).toContain('<div id="registru-admin" data-lang="ro">');
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(res.headers["content-security-policy"]).toContain("frame-src 'self'");
  });

  it("serves the hashed script for a year, and nothing else from the folder", async () => {
    const res = await app.inject({ method: "GET", url: "/admin/assets/admin-AbC123xy.js" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(res.headers["cache-control"]).toContain("immutable");
    expect(res.body).toBe("console.log('admin');");
    expect((await app.inject({ method: "GET", url: "/admin/assets/admin-Missing9.js" })).statusCode).toBe(404);
    expect((await app.inject({ method: "GET", url: "/admin/assets/..%2F.vite%2Fmanifest.json" })).statusCode).toBe(404);
  });

  it("answers 503 saying to run npm run build when the bundle is missing", async () => {
    const empty = mkdtempSync(join(tmpdir(), "registru-admin-empty-"));
    const bare = await server(empty);
    try {
      const res = await bare.inject({ method: "GET", url: "/admin/o/eldrive/requests" });
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain("npm run build");
    } finally {
      await bare.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it("picks Romanian only when the browser asks for it first", () => {
    expect(adminLanguage("ro")).toBe("ro");
    expect(adminLanguage("en-GB,ro;q=0.5")).toBe("en");
    expect(adminLanguage(undefined)).toBe("en");
  });
});
