import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.ts";
import { apiFixture, type ApiFixture } from "../helpers/api.ts";
import { backend } from "../helpers/database.ts";
import { csvRows, pdfText, squash, xlsxRows } from "../helpers/exports.ts";
import { loadExample } from "../helpers/manifests.ts";

const base = "/api/v1/organisations/sentosa/security-measures";

describe(`security measures over HTTP on ${backend}`, () => {
  let api: ApiFixture;
  let app: ApiFixture["app"];
  const auth = (slug = "sentosa") => api.auth(slug);

  beforeAll(async () => {
    api = await apiFixture(fixedClock("2026-07-01T09:00:00Z"), [["sentosa", loadExample("sentosa")], ["eldrive", loadExample("eldrive")]]);
    app = api.app;
  });
  afterAll(() => api.close());

  it("S1-07 records the quarterly review and shows the next one due", async () => {
    const review = await app.inject({ method: "POST", url: `${base}/quarterly_audit/reviews`, headers: auth(), payload: { on: "2026-06-30", reviewer: "DPO", outcome: "effective" } });
    expect(review.statusCode).toBe(201);
    expect(review.json()).toMatchObject({ id: "quarterly_audit", state: "up_to_date", nextReview: "2026-09-30" });
    const list = await app.inject({ method: "GET", url: base, headers: auth() });
    expect(list.json()).toMatchObject({ today: "2026-07-01", alerts: [{ key: "never_reviewed:password_rotation" }] });
    const history = await app.inject({ method: "GET", url: `${base}/quarterly_audit/reviews`, headers: auth() });
    expect(history.json().reviews).toEqual([{ on: "2026-06-30", reviewer: "DPO", outcome: "effective", recordedAt: "2026-07-01T09:00:00.000Z", recordedBy: expect.stringMatching(/^apikey:/) }]);
  });

  it("answers 400 for a bad review, 404 for an unknown measure, 401 and 403 for the wrong key", async () => {
    const bad = await app.inject({ method: "POST", url: `${base}/quarterly_audit/reviews`, headers: auth(), payload: { on: "2026-06-30", reviewer: "DPO", outcome: "great" } });
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, "invalid_request"]);
    const future = await app.inject({ method: "POST", url: `${base}/quarterly_audit/reviews`, headers: auth(), payload: { on: "2026-07-02", reviewer: "DPO", outcome: "effective" } });
    expect([future.statusCode, future.json().error.code]).toEqual([400, "invalid_review"]);
    const unknown = await app.inject({ method: "GET", url: `${base}/moat/reviews`, headers: auth() });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, "security_measure_not_found"]);
    expect((await app.inject({ method: "GET", url: base })).statusCode).toBe(401);
    expect((await app.inject({ method: "GET", url: base, headers: auth("eldrive") })).statusCode).toBe(403);
  });

  it("exports the register as CSV, XLSX and PDF", async () => {
    const csv = await app.inject({ method: "GET", url: `${base}/export?lang=en`, headers: auth() });
    const rows = csvRows(csv.rawPayload);
    expect(rows[0]).toEqual(["Measure", "Kind", "Reviewed every", "Last review", "Reviewer", "Outcome", "Next review", "State"]);
    expect(rows.find((r) => r[0]!.startsWith("The protection measures are tested"))).toEqual([
      "The protection measures are tested and evaluated every quarter",
      "organisational",
      "3 months",
      "2026-06-30",
      "DPO",
      "effective",
      "2026-09-30",
      "up to date",
    ]);
    const xlsx = await xlsxRows((await app.inject({ method: "GET", url: `${base}/export?format=xlsx`, headers: auth() })).rawPayload);
    expect(xlsx.sheet).toBe("Registrul măsurilor de securita");
    expect(xlsx.rows.some((r) => r[0] === "Măsura" && r[2] === "Evaluată la fiecare")).toBe(true);
    const pdf = squash(await pdfText((await app.inject({ method: "GET", url: `${base}/export?format=pdf`, headers: auth() })).rawPayload));
    expect(pdf).toContain(squash("Registrul măsurilor de securitate"));
    expect(pdf).toContain(squash("neevaluată niciodată"));
  });
});
