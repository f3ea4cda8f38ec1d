import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAudit } from "../../src/audit/index.ts";
import { fixedClock } from "../../src/clock.ts";
import { getOrganisation } from "../../src/organisations/index.ts";
import { createSession } from "../../src/staff/index.ts";
import { tables } from "../../src/store/index.ts";
import { apiFixture, type ApiFixture } from "../helpers/api.ts";
import { backend } from "../helpers/database.ts";
import { csvRows, pdfText, squash, xlsxRows } from "../helpers/exports.ts";
import { loadExample } from "../helpers/manifests.ts";

const clock = fixedClock("2026-11-23T10:00:00Z");

describe(`audit trail API: search, export, verify (S1-07, S4-20) on ${backend}`, () => {
  let f: ApiFixture;
  let tenantId: string;
  const base = "/api/v1/organisations/eldrive/audit";

  /** A staff member with a role on eldrive and a live session (second factor given), as its cookie. */
  async function staffCookie(email: string, role: string | undefined): Promise<{ cookie: string }> {
    const ctx = f.t.ctx(clock);
    const [user] = await ctx.db
      .insert(tables.staffUsers)
      .values({ email, name: email, passwordHash: "not-used-here", passwordChangedAt: clock.now(), createdAt: clock.now(), totpEnabledAt: clock.now() })
      .returning();
    if (role) await ctx.db.insert(tables.staffGrants).values({ tenantId, userId: user!.userId, role, grantedAt: clock.now(), grantedBy: "test" });
    const session = await createSession(ctx, user!.userId, { secondFactorGiven: true });
    return { cookie: `registru_session=${session.token}` };
  }

  beforeAll(async () => {
    f = await apiFixture(clock, [
      ["eldrive", loadExample("eldrive")],
      ["sentosa", loadExample("sentosa")],
    ]);
    tenantId = (await getOrganisation(f.t.ctx(), "eldrive")).tenant.tenantId;
    const add = (at: string, actor: string, action: string, entity: string, entityId: string, details: Record<string, unknown> = {}) =>
      f.t.database.db.transaction((tx) => appendAudit(tx, tenantId, { at: new Date(at), actor, action, entity, entityId, details }));
    // eldrive's trail: policy applied (1), API key created (2), then these.
    await add("2026-11-01T09:00:00Z", "staff:ana@firm.ro", "breach.created", "breach", "BR-1");
    await add("2026-11-02T09:00:00Z", "staff:ana@firm.ro", "personal_data.viewed", "request", "REQ-1", { method: "GET", route: "/api/v1/organisations/:slug/requests/:id", status: 200, result: "success", durationMs: 4 });
    await add("2026-11-03T09:00:00Z", "apikey:k1", "breach.updated", "breach", "BR-1", { revision: 2, note: "ă ș ț, „citat”" });
  });
  afterAll(() => f.close());

  it("lists the trail with an API key of the organisation, newest first, in keyset pages", async () => {
    const first = await f.app.inject({ method: "GET", url: `${base}?limit=2`, headers: f.auth("eldrive") });
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(body.entries.map((e: { seq: number }) => e.seq)).toEqual([5, 4]);
    expect(body.entries[0]).toMatchObject({ at: "2026-11-03T09:00:00.000Z", actor: "apikey:k1", action: "breach.updated", entity: "breach", entityId: "BR-1", details: { revision: 2 } });
    expect(body.entries[0].hash).toMatch(/^[0-9a-f]{64}$/);
    expect(body.next).toBe(4);
    const rest = (await f.app.inject({ method: "GET", url: `${base}?limit=10&cursor=${body.next}`, headers: f.auth("eldrive") })).json();
    expect(rest.entries.map((e: { action: string }) => e.action)).toEqual(["breach.created", "apikey.created", "policy.applied"]);
    expect(rest.next).toBeNull();
  });

  it("filters by actor, action (prefix), entity, entity id and period", async () => {
    const seqs = async (query: string) => (await f.app.inject({ method: "GET", url: `${base}?order=asc&${query}`, headers: f.auth("eldrive") })).json().entries.map((e: { seq: number }) => e.seq);
    expect(await seqs("action=breach.*")).toEqual([3, 5]);
    expect(await seqs("actor=staff%3Aana%40firm.ro")).toEqual([3, 4]);
    expect(await seqs("entity=request&entityId=REQ-1")).toEqual([4]);
    expect(await seqs("from=2026-11-02&to=2026-11-02")).toEqual([4]);
    expect(await seqs("action=personal_data.viewed&from=2026-11-03")).toEqual([]);
  });

  it("answers bad filters with 400 and a stable code", async () => {
    for (const [query, code] of [
      ["from=yesterday", "invalid_period"],
      ["from=2026-11-05&to=2026-11-01", "invalid_period"],
      ["limit=0", "invalid_request"],
      ["limit=5000", "invalid_request"],
      ["cursor=-1", "invalid_request"],
      ["order=sideways", "invalid_request"],
      ["password=x", "invalid_request"],
    ]) {
      const res = await f.app.inject({ method: "GET", url: `${base}?${query}`, headers: f.auth("eldrive") });
      expect([res.statusCode, res.json().error.code], query).toEqual([400, code]);
    }
  });

  it("is closed without a key (401), with another organisation's key (403), and to staff not granted on it (403)", async () => {
    expect((await f.app.inject({ method: "GET", url: base })).statusCode).toBe(401);
    const other = await f.app.inject({ method: "GET", url: base, headers: f.auth("sentosa") });
    expect([other.statusCode, other.json().error.code]).toEqual([403, "forbidden"]);
    const stranger = await f.app.inject({ method: "GET", url: base, headers: await staffCookie("stranger@firm.ro", undefined) });
    expect([stranger.statusCode, stranger.json().error.code]).toEqual([403, "forbidden"]);
    const sentosaOnly = await f.app.inject({ method: "GET", url: "/api/v1/organisations/sentosa/audit", headers: f.auth("sentosa") });
    expect(sentosaOnly.json().entries.map((e: { action: string }) => e.action)).toEqual(["apikey.created", "policy.applied"]);
  });

  it("S1-07 an auditor (read-only role) reads, exports and verifies the trail", async () => {
    const headers = await staffCookie("auditor@firm.ro", "auditor");
    const list = await f.app.inject({ method: "GET", url: `${base}?action=personal_data.viewed`, headers });
    expect(list.statusCode).toBe(200);
    expect(list.json().entries).toEqual([expect.objectContaining({ actor: "staff:ana@firm.ro", entityId: "REQ-1", details: expect.objectContaining({ status: 200, result: "success" }) })]);
    expect((await f.app.inject({ method: "GET", url: `${base}/export?format=csv`, headers })).statusCode).toBe(200);
    expect((await f.app.inject({ method: "GET", url: `${base}/verify`, headers })).json()).toEqual({ ok: true, count: 5 });
  });

  it("S4-20 exports the trail as CSV with the chain's verification, in the organisation's language", async () => {
    const res = await f.app.inject({ method: "GET", url: `${base}/export`, headers: f.auth("eldrive") });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="eldrive-audit.csv"');
    const rows = csvRows(res.body);
    expect(rows[0]).toEqual(["Nr.", "Momentul (UTC)", "Autorul", "Acțiunea", "Entitatea", "Id entitate", "Detalii", "Hash"]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(["1", "2", "3", "4", "5"]);
    expect(rows[5]!.slice(0, 7)).toEqual(["5", "2026-11-03 09:00:00.000", "apikey:k1", "breach.updated", "breach", "BR-1", `{"note": "ă ș ț, „citat”", "revision": 2}`]);
    const filtered = csvRows((await f.app.inject({ method: "GET", url: `${base}/export?lang=en&action=breach.*&from=2026-11-02`, headers: f.auth("eldrive") })).body);
    expect(filtered.map((r) => r[0])).toEqual(["No.", "5"]);
  });

  it("exports XLSX with the facts above the table and a tagged PDF", async () => {
    const xlsx = await f.app.inject({ method: "GET", url: `${base}/export?format=xlsx&lang=en`, headers: f.auth("eldrive") });
    expect(xlsx.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const { sheet, rows } = await xlsxRows(xlsx.rawPayload);
    expect(sheet).toBe("Audit trail");
    expect(rows).toContainEqual(["Hash chain", "intact (5 entries verified)"]);
    expect(rows).toContainEqual(["Entries", "5"]);
    expect(rows.at(-1)!.slice(0, 4)).toEqual(["5", "2026-11-03 09:00:00.000", "apikey:k1", "breach.updated"]);

    const pdf = await f.app.inject({ method: "GET", url: `${base}/export?format=pdf&lang=sr`, headers: f.auth("eldrive") });
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    const text = squash(await pdfText(pdf.rawPayload));
    expect(text).toContain(squash("Revizorski trag"));
    expect(text).toContain(squash("breach.updated"));
  });

  it("S1-07 verify reports an edited entry over the API, and the export says so", async () => {
    await f.t.database.db.execute(sql`update audit_events set actor = 'staff:mallory@firm.ro' where tenant_id = ${tenantId} and seq = 4`);
    expect((await f.app.inject({ method: "GET", url: `${base}/verify`, headers: f.auth("eldrive") })).json()).toEqual({ ok: false, brokenAt: 4 });
    const rows = csvRows((await f.app.inject({ method: "GET", url: `${base}/export?lang=en`, headers: f.auth("eldrive") })).body);
    expect(rows.slice(1).map((r) => r[0])).toEqual(["1", "2", "3", "4", "5"]);
    const xlsx = await xlsxRows((await f.app.inject({ method: "GET", url: `${base}/export?format=xlsx&lang=en`, headers: f.auth("eldrive") })).rawPayload);
    expect(xlsx.rows).toContainEqual(["Hash chain", "BROKEN at entry 4"]);
  });

  it("documents the routes in the OpenAPI document", async () => {
    const doc = (await f.app.inject({ method: "GET", url: "/openapi.json" })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/organisations/{slug}/audit", "/api/v1/organisations/{slug}/audit/export", "/api/v1/organisations/{slug}/audit/verify"]));
  });
});
