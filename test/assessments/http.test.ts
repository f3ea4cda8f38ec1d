import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.ts";
import { apiFixture, type ApiFixture } from "../helpers/api.ts";
import { backend } from "../helpers/database.ts";
import { csvRows, pdfText, squash, xlsxRows } from "../helpers/exports.ts";
import { loadExample } from "../helpers/manifests.ts";
import { highRiskDpia, sentosaOrdersDpia } from "./fixtures.ts";

const base = "/api/v1/organisations/sentosa/dpia";

describe(`DPIA screening and register over HTTP on ${backend}`, () => {
  let api: ApiFixture;
  let app: ApiFixture["app"];
  const auth = (slug = "sentosa") => api.auth(slug);

  beforeAll(async () => {
    api = await apiFixture(fixedClock("2026-02-12T09:00:00Z"), [["sentosa", loadExample("sentosa")], ["eldrive", loadExample("eldrive")]]);
    app = api.app;
  });
  afterAll(() => api.close());

  it("S1-09 screens sentosa's activities, with and without answers", async () => {
    const plain = await app.inject({ method: "GET", url: `${base}/screening`, headers: auth() });
    expect(plain.statusCode).toBe(200);
    expect(plain.json()).toMatchObject({ policyVersion: 1, jurisdiction: "RO" });
    expect(plain.json().activities.map((a: { activity: string; result: string }) => [a.activity, a.result])).toEqual([
      ["orders", "recommended"],
      ["invoicing", "recommended"],
      ["complaints", "recommended"],
    ]);
    const answered = await app.inject({ method: "POST", url: `${base}/screening`, headers: auth(), payload: { answers: { orders: { large_scale: true } } } });
    expect(answered.json().activities[0]).toMatchObject({ activity: "orders", result: "required", citations: ["WP248 rev.01 III.B.a", "WP248 rev.01 III.B.a(5)", "WP248 rev.01 III.B.a(7)"] });
    const wrong = await app.inject({ method: "POST", url: `${base}/screening`, headers: auth(), payload: { answers: { shipping: { large_scale: true } } } });
    expect([wrong.statusCode, wrong.json().error.code]).toEqual([400, "invalid_answers"]);
    const badFact = await app.inject({ method: "POST", url: `${base}/screening`, headers: auth(), payload: { answers: { orders: { huge: true } } } });
    expect(badFact.statusCode).toBe(400);
  });

  it("records an assessment (201), reads it back, and refuses a stale update with 409", async () => {
    const created = await app.inject({ method: "POST", url: base, headers: auth(), payload: sentosaOrdersDpia() });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ entryId: "dpia-2026-001", revision: 1, status: "completed", residualRisk: "low", priorConsultationRequired: false, assessment: { activity: "orders", policy_version: 1 } });
    const read = await app.inject({ method: "GET", url: `${base}/dpia-2026-001`, headers: auth() });
    expect(read.json().timeline).toEqual([expect.objectContaining({ seq: 1, kind: "created", actor: expect.stringMatching(/^apikey:/) })]);
    const updated = await app.inject({ method: "PUT", url: `${base}/dpia-2026-001`, headers: auth(), payload: { revision: 1, assessment: { ...sentosaOrdersDpia(), review_on: "2026-12-01" } } });
    expect(updated.json()).toMatchObject({ revision: 2, assessment: { review_on: "2026-12-01" } });
    const stale = await app.inject({ method: "PUT", url: `${base}/dpia-2026-001`, headers: auth(), payload: { revision: 1, assessment: sentosaOrdersDpia() } });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, "revision_conflict"]);
  });

  it("answers 400 for a malformed or inconsistent assessment, 404 for an unknown one, 401 and 403 for the wrong key", async () => {
    const shape = await app.inject({ method: "POST", url: base, headers: auth(), payload: { ...sentosaOrdersDpia(), review_on: "next year" } });
    expect([shape.statusCode, shape.json().error.code]).toEqual([400, "invalid_request"]);
    const high = await app.inject({ method: "POST", url: base, headers: auth(), payload: { ...highRiskDpia("orders"), prior_consultation: { decision: "not_required" } } });
    expect([high.statusCode, high.json().error.code]).toEqual([400, "invalid_request"]);
    const policy = await app.inject({ method: "POST", url: base, headers: auth(), payload: highRiskDpia("charging_account") });
    expect([policy.statusCode, policy.json().error.code, policy.json().error.details[0].path]).toEqual([400, "invalid_dpia", "activity"]);
    const missing = await app.inject({ method: "GET", url: `${base}/dpia-2026-404`, headers: auth() });
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, "dpia_not_found"]);
    expect((await app.inject({ method: "GET", url: base })).statusCode).toBe(401);
    expect((await app.inject({ method: "POST", url: base, headers: auth("eldrive"), payload: sentosaOrdersDpia() })).statusCode).toBe(403);
  });

  it("exports the register as CSV and XLSX and the screening as PDF", async () => {
    const rows = csvRows((await app.inject({ method: "GET", url: `${base}/export?lang=en`, headers: auth() })).rawPayload);
    expect(rows[0]).toEqual(["Assessment", "Activity", "Title", "Status", "Residual risk", "Prior consultation", "DPO opinion", "Review on", "Policy version"]);
    expect(rows[1]).toEqual(["dpia-2026-001", "orders", "Online shop orders", "completed", "low", "not required (GDPR Art. 36(1))", "proceed, 2026-02-10", "2026-12-01", "1"]);
    const xlsx = await xlsxRows((await app.inject({ method: "GET", url: `${base}/export?format=xlsx`, headers: auth() })).rawPayload);
    expect(xlsx.rows.find((r) => r[0] === "dpia-2026-001")).toEqual(["dpia-2026-001", "orders", "Online shop orders", "finalizată", "scăzut", "nu este necesară (art. 36 alin. (1) GDPR)", "se poate continua, 2026-02-10", "2026-12-01", "1"]);
    const pdf = squash(await pdfText((await app.inject({ method: "GET", url: `${base}/screening/export?format=pdf&lang=en`, headers: auth() })).rawPayload));
    expect(pdf).toContain(squash("DPIA screening of the processing activities"));
    expect(pdf).toContain(squash("Vulnerable data subjects (minors, employees, ...)"));
    expect(pdf).toContain("dpia-2026-001");
  });
});
