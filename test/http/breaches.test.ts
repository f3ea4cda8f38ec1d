import { Writable } from "node:stream";
import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../src/apikeys/index.ts";
import { fixedClock } from "../../src/clock.ts";
import { buildServer } from "../../src/http/server.ts";
import { createLogger } from "../../src/logger.ts";
import { applyManifest } from "../../src/organisations/index.ts";
import { breachFixture } from "../breaches/fixtures.ts";
import { backend, openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { loadExample } from "../helpers/manifests.ts";

const base = "/api/v1/organisations/eldrive/breaches";

describe(`breach API on ${backend}`, () => {
  let t: TestDatabase;
  let app: Awaited<ReturnType<typeof buildServer>>;
  let key: string;
  let otherKey: string;
  const logLines: string[] = [];
  const auth = (k = key) => ({ authorization: `Bearer ${k}` });

  beforeAll(async () => {
    t = await openTestDatabase();
    const sink = new Writable({ write: (chunk, _enc, done) => (logLines.push(String(chunk)), done()) });
    // Three days and one hour after the fixture's awareness (20 Nov 09:00 +02:00): the 72 hours have passed.
    const ctx = { ...t.ctx(fixedClock("2026-11-23T10:00:00+02:00")), log: createLogger("info", sink) };
    await applyManifest(ctx, loadExample("eldrive"), { slug: "eldrive", appliedBy: "test" });
    await applyManifest(ctx, loadExample("sentosa"), { slug: "sentosa", appliedBy: "test" });
    key = (await createApiKey(ctx, "eldrive", { name: "dpo" })).key;
    otherKey = (await createApiKey(ctx, "sentosa")).key;
    app = await buildServer({ ctx, database: t.database, version: "test" });
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it("S4-09 records a processor-reported breach (201) with both clocks, and lists it with time left", async () => {
    const res = await app.inject({
      method: "POST",
      url: base,
      headers: auth(),
      payload: breachFixture({ aware_at: "2026-11-22T18:00:00+02:00", reported_by_processor: { processor: "ampeco", processor_aware_at: "2026-11-20T12:00:00+02:00", told_controller_at: "2026-11-22T17:30:00+02:00" } }),
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ id: "breach-2026-001", status: "open", revision: 1, dueAt: "2026-11-25T16:00:00.000Z", timeline: [{ seq: 1, kind: "created" }] });
    expect(body.clock.authority).toMatchObject({ state: "open", msLeft: 56 * 3_600_000, article: "GDPR Art. 33(1)" });
    // Told 53.5 hours after its own awareness: the 48-hour window of the DPA was missed.
    expect(body.clock.processor).toMatchObject({ processor: "ampeco", windowHours: 48, state: "missed", msLeft: -5.5 * 3_600_000 });

    const list = await app.inject({ method: "GET", url: base, headers: auth() });
    expect(list.statusCode).toBe(200);
    expect(list.json().breaches).toEqual([expect.objectContaining({ id: "breach-2026-001", dueAt: "2026-11-25T16:00:00.000Z", clock: expect.objectContaining({ nextDue: "2026-11-25T16:00:00.000Z" }) })]);
    const clock = await app.inject({ method: "GET", url: `${base}/breach-2026-001/clock`, headers: auth() });
    expect(clock.json()).toMatchObject({ now: "2026-11-23T08:00:00.000Z", authority: { due: "2026-11-25T16:00:00.000Z" } });
  });

  it("answers 401 without a valid key and 403 with another organisation's key, before reading the body", async () => {
    for (const headers of [{}, auth("rk_nope")]) {
      const res = await app.inject({ method: "POST", url: base, headers, payload: { nonsense: true } });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe("unauthorized");
    }
    const res = await app.inject({ method: "GET", url: `${base}/breach-2026-001`, headers: auth(otherKey) });
    expect(res.statusCode).toBe(403);
  });

  it("answers 400 with the paths of an invalid breach, 404 for an unknown one, and writes nothing", async () => {
    const bad = await app.inject({ method: "POST", url: base, headers: auth(), payload: { ...breachFixture(), nature: ["secrecy"], subjects_count: -3 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: "invalid_breach", details: expect.arrayContaining([expect.objectContaining({ path: "nature.0" }), expect.objectContaining({ path: "subjects_count" })]) });
    expect((await app.inject({ method: "GET", url: `${base}/breach-2026-404`, headers: auth() })).json().error.code).toBe("breach_not_found");
    expect((await app.inject({ method: "GET", url: `${base}/breach-2026-404`, headers: auth() })).statusCode).toBe(404);
    expect((await app.inject({ method: "GET", url: `${base}/not-an-id`, headers: auth() })).statusCode).toBe(400);
    expect((await app.inject({ method: "GET", url: base, headers: auth() })).json().breaches).toHaveLength(1);
  });

  it("S1-08 answers 400 delay_reason_required for a late notification without reasons, then 201 with them", async () => {
    const created = await app.inject({ method: "POST", url: base, headers: auth(), payload: breachFixture() });
    const id = created.json().id;
    const late = await app.inject({ method: "POST", url: `${base}/${id}/notifications`, headers: auth(), payload: { to: "authority", phase: "initial", channel: "online_form" } });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.code).toBe("delay_reason_required");
    const ok = await app.inject({ method: "POST", url: `${base}/${id}/notifications`, headers: auth(), payload: { to: "authority", phase: "initial", channel: "online_form", delay_reason: "Confirmed only after the hosting provider's report on Monday." } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ status: "notified", clock: { authority: { state: "late" } }, breach: { delay_reason: "Confirmed only after the hosting provider's report on Monday." } });
    expect(ok.json().timeline.map((e: { kind: string }) => e.kind)).toEqual(["created", "updated", "authority_notified"]);
    const bad = await app.inject({ method: "POST", url: `${base}/${id}/notifications`, headers: auth(), payload: { to: "press" } });
    expect(bad.json().error.code).toBe("invalid_notification");
  });

  it("replaces a breach with the revision read (200) and refuses a stale revision with 409", async () => {
    const put = (revision: number, breach: object) => app.inject({ method: "PUT", url: `${base}/breach-2026-001`, headers: auth(), payload: { revision, breach } });
    const { reported_by_processor: _p, ...rest } = (await app.inject({ method: "GET", url: `${base}/breach-2026-001`, headers: auth() })).json().breach;
    const { jurisdiction: _j, notifications: _n, ...input } = rest;
    const ok = await put(1, { ...input, risk: { likelihood: "limited", severity: "limited" } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ revision: 2, riskLevel: "risk", assessment: { required: { authority: true, subjects: false } } });
    const stale = await put(1, input);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe("revision_conflict");
  });

  it("serves the ANSPDCP notification as JSON and PDF, letters per language, and the register as CSV, XLSX and PDF", async () => {
    const json = await app.inject({ method: "GET", url: `${base}/breach-2026-002/documents/authority.json`, headers: auth() });
    expect(json.statusCode).toBe(200);
    expect(json.json()).toMatchObject({ language: "ro", phase: "follow_up", breachId: "breach-2026-002" });
    const pdf = await app.inject({ method: "GET", url: `${base}/breach-2026-002/documents/authority.pdf`, headers: auth() });
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    const text = (await new PDFParse({ data: new Uint8Array(pdf.rawPayload) }).getText()).text;
    expect(text.replace(/\s+/g, " ")).toContain("Motivele întârzierii, în cazul notificării după 72 de ore: Confirmed only after");

    for (const [lang, words] of [["ro", "Stimată doamnă"], ["sr", "Poštovani"], ["sr-Cyrl", "Поштовани"], ["en", "Dear Sir or Madam"]] as const) {
      const letter = await app.inject({ method: "GET", url: `${base}/breach-2026-002/letters/${lang}`, headers: auth() });
      expect(letter.headers["content-type"]).toBe("text/plain; charset=utf-8");
      expect(letter.body).toContain(words);
    }
    const letterPdf = await app.inject({ method: "GET", url: `${base}/breach-2026-002/letters/en?format=pdf`, headers: auth() });
    expect(letterPdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    expect((await app.inject({ method: "GET", url: `${base}/breach-2026-002/letters/de`, headers: auth() })).statusCode).toBe(400);

    const csv = await app.inject({ method: "GET", url: `${base}.csv`, headers: auth() });
    expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(csv.body.trim().split("\n")).toHaveLength(3);
    const xlsx = await app.inject({ method: "GET", url: `${base}.xlsx`, headers: auth() });
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe("PK");
    const registerPdf = await app.inject({ method: "GET", url: `${base}.pdf?lang=en`, headers: auth() });
    expect(registerPdf.statusCode).toBe(200);
    expect((await app.inject({ method: "GET", url: `${base}.txt`, headers: auth() })).statusCode).toBe(400);
  });

  it("documents every breach route in the OpenAPI document", async () => {
    const paths = Object.keys((await app.inject({ method: "GET", url: "/openapi.json" })).json().paths).filter((p) => p.includes("breaches"));
    expect(paths.sort()).toEqual([
      "/api/v1/organisations/{slug}/breaches",
      "/api/v1/organisations/{slug}/breaches.{format}",
      "/api/v1/organisations/{slug}/breaches/{id}",
      "/api/v1/organisations/{slug}/breaches/{id}/clock",
      "/api/v1/organisations/{slug}/breaches/{id}/documents/authority.{format}",
      "/api/v1/organisations/{slug}/breaches/{id}/letters/{lang}",
      "/api/v1/organisations/{slug}/breaches/{id}/notifications",
    ]);
  });

  it("keeps breach contents out of the logs", () => {
    const logs = logLines.join("");
    expect(logs).toContain("breach recorded");
    expect(logs).not.toContain("reused passwords");
    expect(logs).not.toContain("hosting provider's report");
  });
});
