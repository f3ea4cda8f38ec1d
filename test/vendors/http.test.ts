import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.ts";
import { applyManifest } from "../../src/organisations/index.ts";
import { apiFixture, type ApiFixture } from "../helpers/api.ts";
import { backend } from "../helpers/database.ts";
import { csvRows, pdfText, squash, xlsxRows } from "../helpers/exports.ts";
import { loadExample, loadObject } from "../helpers/manifests.ts";

const base = "/api/v1/organisations/eldrive";

describe(`processors, transfers and vendor alerts over HTTP on ${backend}`, () => {
  const clock = fixedClock("2027-01-15T09:00:00Z");
  let api: ApiFixture;
  let app: ApiFixture["app"];
  const auth = (slug = "eldrive") => api.auth(slug);

  beforeAll(async () => {
    const m = structuredClone(loadExample("eldrive").manifest) as any;
    m.processors[0].dpa = { ...m.processors[0].dpa, signed: "2022-05-01", ends: "2026-12-31" };
    api = await apiFixture(clock, [["eldrive", loadObject(m, "eldrive.yaml")], ["promedia", loadExample("promedia")]]);
    app = api.app;
  });
  afterAll(() => api.close());

  it("lists processors with their DPA terms, transfers with their ground, and today's alerts", async () => {
    const processors = await app.inject({ method: "GET", url: `${base}/processors`, headers: auth() });
    expect(processors.statusCode).toBe(200);
    expect(processors.json()).toMatchObject({ policyVersion: 1, today: "2027-01-15", departed: [] });
    expect(processors.json().processors[0]).toMatchObject({ id: "ampeco", dpa: { state: "expired", ends: "2026-12-31", breachNoticeHours: 48, recordsWithinWorkingDays: 10 } });

    const transfers = await app.inject({ method: "GET", url: `${base}/transfers`, headers: auth() });
    expect(transfers.json().transfers.filter((x: { country: string }) => x.country === "US").every((x: { lawful: boolean }) => x.lawful)).toBe(true);

    const alerts = await app.inject({ method: "GET", url: `${base}/vendor-alerts`, headers: auth() });
    expect(alerts.json().alerts.map((a: { kind: string }) => a.kind)).toEqual(["dpa_expired", "end_access"]);
  });

  it("S4-04 records the end of a processor's access: 201, then 409 for the same contract; 404 and 400 for bad input", async () => {
    const url = `${base}/processors/ampeco/access-ended`;
    expect((await app.inject({ method: "POST", url: `${base}/processors/nobody/access-ended`, headers: auth(), payload: { on: "2027-01-10" } })).json().error.code).toBe("processor_not_found");
    const bad = await app.inject({ method: "POST", url, headers: auth(), payload: { on: "2027-02-30" } });
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, "invalid_date"]);
    const shape = await app.inject({ method: "POST", url, headers: auth(), payload: { when: "2027-01-10" } });
    expect([shape.statusCode, shape.json().error.code]).toEqual([400, "invalid_request"]);

    const ok = await app.inject({ method: "POST", url, headers: auth(), payload: { on: "2027-01-10", note: "accounts disabled" } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ processor: "ampeco", accessEndedOn: "2027-01-10" });
    const again = await app.inject({ method: "POST", url, headers: auth(), payload: { on: "2027-01-11" } });
    expect([again.statusCode, again.json().error.code]).toEqual([409, "access_already_ended"]);
    expect((await app.inject({ method: "GET", url: `${base}/vendor-alerts`, headers: auth() })).json().alerts).toEqual([]);
  });

  it("answers 401 without a valid key and 403 with another organisation's key", async () => {
    for (const path of ["processors", "transfers", "vendor-alerts", "processors/export"]) {
      expect((await app.inject({ method: "GET", url: `${base}/${path}` })).statusCode).toBe(401);
      expect((await app.inject({ method: "GET", url: `${base}/${path}`, headers: { authorization: "Bearer rk_x_y" } })).statusCode).toBe(401);
      expect((await app.inject({ method: "GET", url: `${base}/${path}`, headers: auth("promedia") })).statusCode).toBe(403);
    }
  });

  it("exports the processors as CSV with a BOM and the register's columns, in the organisation's language", async () => {
    const res = await app.inject({ method: "GET", url: `${base}/processors/export`, headers: auth() });
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="eldrive-processors.csv"');
    const rows = csvRows(res.rawPayload);
    expect(rows[0]).toEqual(["Persoana împuternicită", "Serviciu", "Țara", "Locații", "Certificări", "Contract semnat", "Contract valabil până la", "Starea contractului", "Clauze", "Clauze obligatorii lipsă", "Notificarea încălcărilor", "Predarea evidențelor în", "Subcontractanți", "Angajată de", "Activități", "Mecanism de transfer", "Acces încetat"]);
    expect(rows[1]).toEqual(expect.arrayContaining(["Ampeco LTD", "BG", "2022-05-01", "2026-12-31", "expirat", "48 ore", "10 zile lucrătoare", "Amazon Web Services Limited, Payment service providers (not named in the policy)", "2027-01-10"]));
    expect(rows).toHaveLength(5);
  });

  it("exports the transfers as XLSX and the alerts as PDF", async () => {
    const xlsx = await app.inject({ method: "GET", url: `${base}/transfers/export?format=xlsx&lang=en`, headers: auth() });
    expect(xlsx.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const { sheet, rows } = await xlsxRows(xlsx.rawPayload);
    expect(sheet).toBe("Register of transfers");
    const header = rows.findIndex((r) => r[0] === "Recipient");
    expect(rows[header]).toEqual(["Recipient", "Stated in", "Activity", "Country", "Mechanism", "Ground", "Article", "Adequacy decision", "Lawful today"]);
    expect(rows.slice(header + 1).filter((r) => r[3] === "US").every((r) => r[5] === "adequacy decision" && r[8] === "yes")).toBe(true);

    const m = structuredClone(loadExample("eldrive").manifest) as any;
    delete m.processors[3].dpa;
    await applyManifest(api.t.ctx(clock), loadObject(m, "eldrive.yaml"), { slug: "eldrive", appliedBy: "test" });
    const pdf = await app.inject({ method: "GET", url: `${base}/vendor-alerts/export?format=pdf&lang=en`, headers: auth() });
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    const text = squash(await pdfText(pdf.rawPayload));
    expect(text).toContain(squash("Processor and transfer alerts"));
    expect(text).toContain(squash("DPA missing"));
    expect(text).toContain(squash("Payment service providers"));
    expect((await app.inject({ method: "GET", url: `${base}/vendor-alerts/export?format=docx`, headers: auth() })).statusCode).toBe(400);
  });
});
