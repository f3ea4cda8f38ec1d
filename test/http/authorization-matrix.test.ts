import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.ts";
import { roleAllows, type Permission, type Role } from "../../src/staff/index.ts";
import { apiFixture, type ApiFixture } from "../helpers/api.ts";
import { breachFixture } from "../breaches/fixtures.ts";
import { loadExample } from "../helpers/manifests.ts";
import { staffSession } from "../helpers/staff-session.ts";

/**
 * Every route of the API, called as every role of the organisation, as its API key, as the same
 * roles of another organisation, and as nobody. The expected answer comes from this table, not
 * from the code under test: a new route must be added here.
 */
const ORGANISATION = "/api/v1/organisations/{slug}";
/** What a change needs, by the first path segment after the organisation; reads need `read`. */
const WRITE_PERMISSION: Record<string, Permission> = {
  consents: "operate",
  "notice-acceptances": "operate",
  requests: "operate",
  restrictions: "operate",
  clients: "operate",
  retention: "manage",
  "legal-holds": "manage",
  breaches: "manage",
  "breaches.{format}": "manage",
  dpia: "manage",
  processors: "manage",
  transfers: "manage",
  "vendor-alerts": "manage",
  "security-measures": "manage",
  webhooks: "administer",
  staff: "manage_staff",
  audit: "read",
  "consent-statistics": "read",
  activities: "read",
  "ropa.{format}": "read",
  "policy-versions": "read",
  manifest: "manage",
};
/** Segments whose reads need more than `read`. */
const READ_PERMISSION: Record<string, Permission> = { staff: "manage_staff" };
/** Routes whose reads need more than `read`, or whose changes need less than the table says. */
const EXCEPTIONS: Record<string, Permission> = {
  // Screening with extra facts computes and stores nothing.
  "POST /api/v1/organisations/{slug}/dpia/screening": "read",
};

/** Routes without an organisation that answer for every organisation the caller may read. */
const ACROSS_ORGANISATIONS = new Set(["GET /api/v1/dashboard"]);

function required(method: string, path: string): Permission | "public" | "session" | "granted" {
  if (ACROSS_ORGANISATIONS.has(`${method} ${path}`)) return "granted";
  // Logging in and out: answered by the session cookie itself.
  if (path === "/api/v1/session" || path.startsWith("/api/v1/session/")) return "session";
  if (!path.startsWith(`${ORGANISATION}/`)) return "public";
  const exception = EXCEPTIONS[`${method} ${path}`];
  if (exception) return exception;
  const segment = path.slice(ORGANISATION.length + 1).split("/")[0]!;
  const write = WRITE_PERMISSION[segment];
  if (!write) throw new Error(`${method} ${path}: add its first segment "${segment}" to the authorization matrix`);
  return method === "GET" ? (READ_PERMISSION[segment] ?? "read") : write;
}

const ROLES: Role[] = ["admin", "dpo", "agent", "auditor"];
type Caller = { name: string; headers: (write: boolean) => Record<string, string>; may: (p: Permission) => boolean; ownOrganisation: boolean };

describe("authorization matrix: every route, every role, another organisation's users", () => {
  let f: ApiFixture;
  const callers: Caller[] = [];
  const ids: Record<string, string> = {};
  let routes: Array<{ method: string; path: string }>;

  beforeAll(async () => {
    const clock = fixedClock("2026-11-23T10:00:00Z");
    f = await apiFixture(clock, [
      ["eldrive", loadExample("eldrive")],
      ["sentosa", loadExample("sentosa")],
    ]);
    const ctx = f.t.ctx(clock);
    for (const [slug, own] of [
      ["eldrive", true],
      ["sentosa", false],
    ] as const) {
      for (const role of ROLES) {
        const s = await staffSession(ctx, [[slug, role]]);
        callers.push({ name: `${role} of ${slug}`, headers: (w) => (w ? s.write : s.cookie), may: (p) => roleAllows(role, p), ownOrganisation: own });
      }
      const key = f.auth(slug);
      callers.push({ name: `API key of ${slug}`, headers: () => key, may: (p) => p !== "manage_staff", ownOrganisation: own });
    }
    callers.push({ name: "nobody", headers: () => ({}), may: () => false, ownOrganisation: false });

    // Real entities of eldrive, so the cross-organisation calls below aim at things that exist.
    const auth = f.auth("eldrive");
    const post = async (url: string, payload: unknown) => {
      const res = await f.app.inject({ method: "POST", url: `/api/v1/organisations/eldrive/${url}`, headers: auth, payload: payload as object });
      expect(res.statusCode, url).toBeLessThan(300);
      return res.json();
    };
    ids.request = (await post("requests", { right: "access", channel: "email", enteredBy: "dpo", subject: { email: "matrix@example.com" } })).id;
    ids.breach = (await post("breaches", breachFixture())).id;
    ids.hold = (await post("legal-holds", { subject: { email: ["matrix@example.com"] }, reason: "Dosar 1/2026", keep: "P5Y" })).id;
    ids.webhook = (await post("webhooks", { url: "https://hooks.example.com/r", events: ["consent.given"] })).webhookId;
    await post("consents", { consentId: "c-matrix", purposes: ["direct_marketing"], decision: "given", textHash: "a".repeat(64), method: "form", language: "ro" });

    await f.app.ready();
    const spec = f.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path })));
  });
  afterAll(() => f.close());

  const fill = (path: string, slug: string) =>
    path.replace(/\{(\w+)\}/g, (_m, name: string) => {
      if (name === "slug") return slug;
      if (name === "id") return path.includes("/breaches/") ? ids.breach! : path.includes("/dpia/") ? "dpia-2026-001" : ids.request!;
      return { consentId: "c-matrix", holdId: ids.hold, webhookId: ids.webhook, seq: "1", format: "csv", lang: "ro", jurisdiction: "RO", token: "A".repeat(43), client: "acme", measureId: "backups", processorId: "stripe" }[name] ?? "x";
    });

  it("knows every route (a new one must be added to the matrix)", () => {
    expect(routes.length).toBeGreaterThan(70);
    for (const r of routes) required(r.method, r.path);
  });

  it("answers each caller as its role and organisation allow, and nobody else", async () => {
    const wrong: string[] = [];
    for (const r of routes) {
      const need = required(r.method, r.path);
      if (need === "public" || need === "session") continue;
      const url = fill(r.path, "eldrive");
      const write = r.method !== "GET";
      for (const c of callers) {
        const res = await f.app.inject({ method: r.method as "GET", url, headers: c.headers(write), ...(write && { payload: {} }) });
        const allowed = need === "granted" ? c.name !== "nobody" : c.ownOrganisation && c.may(need);
        const expected = c.name === "nobody" ? [401] : allowed ? null : [403];
        // Without a mail server, steps that e-mail the subject answer 503 mail_not_configured: past the guard.
        const unavailable = res.statusCode === 503 && res.json().error?.code === "mail_not_configured";
        const ok = expected ? expected.includes(res.statusCode) : res.statusCode !== 401 && res.statusCode !== 403 && (res.statusCode < 500 || unavailable);
        if (!ok) wrong.push(`${c.name}: ${r.method} ${url} → ${res.statusCode} (needs ${need})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("never shows one organisation's records to another organisation's admin, even by their ids", async () => {
    const s = await staffSession(f.t.ctx(fixedClock("2026-11-23T10:00:00Z")), [["sentosa", "admin"]]);
    const leaks: string[] = [];
    for (const r of routes.filter((x) => x.method === "GET" && x.path.startsWith(`${ORGANISATION}/`) && /\{(id|consentId|holdId|webhookId)\}/.test(x.path))) {
      const url = fill(r.path, "sentosa");
      const res = await f.app.inject({ method: "GET", url, headers: s.cookie });
      if (res.statusCode < 300 && !/c-matrix/.test(url)) leaks.push(`${url} → ${res.statusCode}`);
      if (res.statusCode < 300 && /c-matrix/.test(url) && res.body.includes("direct_marketing")) leaks.push(`${url} → ${res.body.slice(0, 80)}`);
    }
    expect(leaks).toEqual([]);
  });

  it("shows a user's dashboard only the organisations they are granted on", async () => {
    const s = await staffSession(f.t.ctx(fixedClock("2026-11-23T10:00:00Z")), [["sentosa", "auditor"]]);
    const res = await f.app.inject({ method: "GET", url: "/api/v1/dashboard", headers: s.cookie });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("sentosa");
    expect(res.body).not.toContain("eldrive");
  });

  it("answers public routes the same whoever calls", async () => {
    const differ: string[] = [];
    for (const r of routes.filter((x) => required(x.method, x.path) === "public" && x.method === "GET")) {
      const url = fill(r.path, "eldrive");
      const statuses = new Set<number>();
      for (const c of [callers[0]!, callers.at(-1)!]) statuses.add((await f.app.inject({ method: "GET", url, headers: c.headers(false) })).statusCode);
      if (statuses.size > 1 || [...statuses].some((s) => s >= 500)) differ.push(`${url} → ${[...statuses].join(",")}`);
    }
    expect(differ).toEqual([]);
  });
});
