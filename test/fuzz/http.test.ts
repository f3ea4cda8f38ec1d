import fc from "fast-check";
import { Secret, TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../src/apikeys/index.ts";
import { fixedClock } from "../../src/clock.ts";
import { buildServer } from "../../src/http/server.ts";
import { createSmtpMailer } from "../../src/mail/index.ts";
import { applyManifest } from "../../src/organisations/index.ts";
import { addStaff, beginTotpEnrolment, changePassword, CLI_ACTOR, confirmTotpEnrolment, createSession } from "../../src/staff/index.ts";
import { backend, openTestDatabase, silentLog, type TestDatabase } from "../helpers/database.ts";
import { loadExample } from "../helpers/manifests.ts";
import { startSmtp, type TestSmtp } from "../helpers/smtp.ts";
import { arbitraryFor, garbageJson, nastyString, type JsonSchema } from "./json-schema.ts";
import { FUZZ_SEED, FUZZ_SCALE, fuzzParameters, testTimeout } from "./settings.ts";

interface Parameter {
  in: "path" | "query" | "header" | "cookie";
  name: string;
  required?: boolean;
  schema?: JsonSchema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  security?: unknown[];
}
type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Server = Awaited<ReturnType<typeof buildServer>>;

/** Requests per route, and the time the whole file may spend on them (both grow with REGISTRU_FUZZ_RUNS). */
const RUNS_PER_ROUTE = 30;
const BUDGET_MS = 50_000;

/** The unsubscribe link is opened by a person: its errors may be a page in their language rather than JSON (S4-11). */
const HTML_ERROR_ROUTES = new Set(["GET /o/{slug}/unsubscribe", "POST /o/{slug}/unsubscribe"]);

// The operations are read from the OpenAPI document before the tests are declared (top-level await).
const boot = await (async () => {
  const t = await openTestDatabase();
  const app = await buildServer({ ctx: t.ctx(), database: t.database, version: "fuzz" });
  await app.ready();
  const doc = app.swagger() as { paths: Record<string, Record<string, Operation>> };
  await app.close();
  await t.drop();
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([m, op]) => ({ method: m.toUpperCase() as Method, path, op })));
})();

const slugs = fc.oneof({ weight: 6, arbitrary: fc.constant("eldrive") }, { weight: 1, arbitrary: fc.constant("sentosa") }, { weight: 1, arbitrary: fc.constantFrom("nobody", "a", "ELDRIVE", "eldrive-") }, { weight: 1, arbitrary: nastyString });

function paramValue(p: Parameter): fc.Arbitrary<unknown> {
  if (p.name === "slug") return slugs;
  return fc.oneof({ weight: 4, arbitrary: arbitraryFor(p.schema) }, { weight: 1, arbitrary: nastyString }, { weight: 1, arbitrary: fc.constantFrom("1", "0", "-1", "request-2026-001", "x".repeat(300)) });
}

/** Fastify's router refuses a path parameter longer than this before any handler runs (see the test at the end). */
const ROUTER_PARAM_MAX = 100;
/** A parameter escaped and cut to the router's limit, whole characters only. */
function routerSized(raw: string): string {
  // A lone surrogate cannot be written in a URL at all: the client library would replace it too.
  let chars = [...raw.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD")];
  while (encodeURIComponent(chars.join("")).length > ROUTER_PARAM_MAX) chars = chars.slice(0, Math.floor(chars.length * 0.8));
  return encodeURIComponent(chars.join(""));
}

const textOf = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v) ?? "");

/** A URL for the route: path parameters filled in and escaped, a query from the schema, sometimes with junk. */
function urlArbitrary(path: string, op: Operation): fc.Arbitrary<string> {
  const params = op.parameters ?? [];
  const inPath = params.filter((p) => p.in === "path");
  const inQuery = params.filter((p) => p.in === "query");
  const pathValues = fc.record(Object.fromEntries(inPath.map((p) => [p.name, paramValue(p)])));
  const queryValues = fc.record(Object.fromEntries(inQuery.map((p) => [p.name, paramValue(p)])), { requiredKeys: [] });
  const junk = fc.oneof(fc.constant(""), fc.constantFrom("&x=1", "&&=&", "&a=%ZZ", "&format=exe", "&limit=1e400", "&cursor=-5", "&from[]=1&from[]=2"), fc.string({ maxLength: 20 }).map((s) => `&${encodeURIComponent(s)}`));
  return fc.tuple(pathValues, queryValues, junk, fc.boolean()).map(([pv, qv, extra, rawSlug]) => {
    // `{lang}.{format}` and friends: every placeholder, wherever it sits in a segment.
    const filled = path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const v = textOf(pv[name]);
      return name === "slug" && rawSlug && /^[\x21-\x7e]*$/.test(v) && !/[/?#%]/.test(v) ? v.slice(0, ROUTER_PARAM_MAX) : routerSized(v);
    });
    const query = new URLSearchParams(Object.entries(qv).map(([k, v]) => [k, textOf(v)])).toString();
    const q = `${query}${extra}`.replace(/^&/, "");
    return q ? `${filled}?${q}` : filled;
  });
}

interface Body {
  payload?: string | Buffer;
  contentType?: string;
}

/** A body from the schema, or garbage: wrong JSON, no JSON, the wrong media type, nothing. */
function bodyArbitrary(method: Method, op: Operation): fc.Arbitrary<Body> {
  const content = op.requestBody?.content ?? {};
  const [type, media] = Object.entries(content)[0] ?? ["application/json", undefined];
  const json = (v: unknown): Body => ({ payload: JSON.stringify(v) ?? "null", contentType: "application/json" });
  const valid: fc.Arbitrary<Body> =
    type === "application/json" || !media ? arbitraryFor(media?.schema).map(json) : fc.oneof(fc.string({ maxLength: 200 }), fc.constant("organisation:\n  name: x\n")).map((s) => ({ payload: s, contentType: type }));
  if (method === "GET") return fc.oneof({ weight: 5, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: garbageJson.map(json) });
  return fc.oneof(
    { weight: 4, arbitrary: valid },
    { weight: 2, arbitrary: garbageJson.map(json) },
    { weight: 1, arbitrary: fc.constantFrom<Body>({}, { payload: "{", contentType: "application/json" }, { payload: "", contentType: "application/json" }, { payload: "\u0000\uFFFF", contentType: "application/json" }) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data", "application/yaml", "image/png"), fc.string({ maxLength: 100 })).map(([contentType, payload]) => ({ contentType, payload })) },
  );
}

type Who = "key" | "session" | "sessionWithoutCsrf" | "none" | "otherKey" | "badKey" | "foreignKeyShape";
const who = fc.constantFrom<Who>("key", "key", "key", "session", "session", "sessionWithoutCsrf", "none", "otherKey", "badKey", "foreignKeyShape");

describe(`fuzzing the HTTP API: every route of the OpenAPI document (seed ${FUZZ_SEED}) on ${backend}`, () => {
  let t: TestDatabase;
  let smtp: TestSmtp;
  let app: Server;
  const keys: Record<string, string> = {};
  let newSession: () => Promise<{ cookie: string; csrf: string }>;
  const started = Date.now();
  let sent = 0;

  beforeAll(async () => {
    t = await openTestDatabase();
    smtp = await startSmtp();
    const ctx = t.ctx(fixedClock("2026-11-23T10:00:00Z"));
    for (const slug of ["eldrive", "sentosa"]) {
      await applyManifest(ctx, loadExample(slug), { slug, appliedBy: "fuzz" });
      keys[slug] = (await createApiKey(ctx, slug, { name: "fuzz" })).key;
    }
    // An administrator of eldrive who has set a password and TOTP: a fresh session for each request, since a fuzzed logout or password reset may end it.
    const admin = await addStaff(ctx, { email: "fuzz-admin@registru.test", name: "Fuzz", slug: "eldrive", role: "admin" }, CLI_ACTOR, { existing: "refuse" });
    await changePassword(ctx, admin.member.userId, { current: admin.temporaryPassword!, next: "a long enough fuzzing passphrase" });
    const { secret } = await beginTotpEnrolment(ctx, admin.member.userId);
    await confirmTotpEnrolment(ctx, admin.member.userId, new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: ctx.clock.now().getTime() }));
    newSession = async () => {
      const s = await createSession(ctx, admin.member.userId, { secondFactorGiven: true });
      return { cookie: `registru_session=${s.token}`, csrf: s.csrfToken };
    };
    const mailer = createSmtpMailer({ url: smtp.url, from: "Registru <privacy@registru.test>", log: silentLog });
    app = await buildServer({ ctx, database: t.database, version: "fuzz", mailer, env: {} });
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
    await t?.drop();
  });

  async function headersFor(w: Who): Promise<Record<string, string>> {
    switch (w) {
      case "session": {
        const s = await newSession();
        return { cookie: s.cookie, "x-csrf-token": s.csrf };
      }
      case "sessionWithoutCsrf":
        return { cookie: (await newSession()).cookie };
      case "key":
        return { authorization: `Bearer ${keys.eldrive}` };
      case "otherKey":
        return { authorization: `Bearer ${keys.sentosa}` };
      case "badKey":
        return { authorization: `Bearer ${keys.eldrive!.slice(0, -4)}AAAA` };
      case "foreignKeyShape":
        return { authorization: "Basic dXNlcjpwYXNz", cookie: "registru_session=not-a-session" };
      case "none":
        return {};
    }
  }

  it("reads the routes from the OpenAPI document", () => {
    expect(boot.length).toBeGreaterThan(90);
    expect(boot.filter((o) => o.op.security).length).toBeGreaterThan(60);
  });

  it.each(boot.map((o) => [`${o.method} ${o.path}`, o] as const))("%s: no 5xx, and every 4xx is JSON with a code", async (route, { method, path, op }) => {
    // Spread what is left of the file's budget over the routes still to come.
    const left = BUDGET_MS * FUZZ_SCALE - (Date.now() - started);
    const budget = Math.max(200, left / Math.max(1, boot.length - boot.findIndex((o) => o.path === path && o.method === method)));
    await fc.assert(
      fc.asyncProperty(urlArbitrary(path, op), bodyArbitrary(method, op), who, fc.ipV4(), async (url, body, w, ip) => {
        const res = await app.inject({
          method,
          url,
          remoteAddress: ip,
          headers: { ...(await headersFor(w)), ...(body.contentType && { "content-type": body.contentType }) },
          ...(body.payload !== undefined && { payload: body.payload }),
        });
        sent++;
        const what = `${method} ${url.slice(0, 300)} as ${w} → ${res.statusCode} ${res.body.slice(0, 300)}`;
        expect(res.statusCode, what).toBeLessThan(500);
        if (res.statusCode < 400) return;
        if (HTML_ERROR_ROUTES.has(route) && res.headers["content-type"] === "text/html; charset=utf-8") return;
        expect(res.headers["content-type"], what).toMatch(/^application\/json/);
        const error = res.json().error;
        expect(typeof error?.code === "string" && error.code.length > 0 && typeof error.message === "string", what).toBe(true);
      }),
      fuzzParameters(RUNS_PER_ROUTE, budget / FUZZ_SCALE),
    );
  }, testTimeout(BUDGET_MS));

  it("sent requests to every route, at least five each on average", () => {
    expect(sent).toBeGreaterThan(boot.length * 5);
  });

  it("a path the router itself refuses (a parameter over its length limit, a broken %-escape) still answers JSON with a code", async () => {
    for (const url of [`/api/v1/organisations/${"x".repeat(ROUTER_PARAM_MAX + 1)}/audit`, `/o/${"x".repeat(300)}/banner.js`, "/o/%E0%A4%A/banner.js", "/api/v1/organisations/%/audit"]) {
      const res = await app.inject({ method: "GET", url, headers: await headersFor("key") });
      const what = `GET ${url.slice(0, 80)} → ${res.statusCode} ${res.body.slice(0, 200)}`;
      expect(res.statusCode, what).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, what).toBeLessThan(500);
      expect(res.headers["content-type"], what).toMatch(/^application\/json/);
      expect(typeof res.json().error?.code, what).toBe("string");
    }
  });
});
