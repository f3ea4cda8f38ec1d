import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assessmentRegister, createAssessment, getAssessment, riskLevel, screenOrganisation, updateAssessment } from "../../src/assessments/index.ts";
import { verifyAudit } from "../../src/audit/index.ts";
import { fixedClock } from "../../src/clock.ts";
import { applyManifest, getOrganisation } from "../../src/organisations/index.ts";
import { backend, openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { loadExample } from "../helpers/manifests.ts";
import { highRiskDpia, sentosaOrdersDpia } from "./fixtures.ts";

const at = (day: string) => fixedClock(`${day}T09:00:00Z`);

describe(`DPIA register on ${backend}`, () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await openTestDatabase();
    await applyManifest(t.ctx(at("2026-01-05")), loadExample("sentosa"), { slug: "sentosa", appliedBy: "test" });
    await applyManifest(t.ctx(at("2026-01-05")), loadExample("eldrive"), { slug: "eldrive", appliedBy: "test" });
  });
  afterAll(() => t.drop());

  it("rates each risk from likelihood and severity", () => {
    expect([riskLevel("negligible", "maximum"), riskLevel("limited", "limited"), riskLevel("maximum", "limited"), riskLevel("significant", "significant"), riskLevel("limited", "negligible")]).toEqual(["medium", "medium", "medium", "high", "low"]);
  });

  it("S1-09 records sentosa's assessment: DPO consulted, residual risk low, no prior consultation; the screening points at it", async () => {
    const e = await createAssessment(t.ctx(at("2026-02-12")), "sentosa", sentosaOrdersDpia(), "dpo");
    expect(e).toMatchObject({ entryId: "dpia-2026-001", status: "completed", dueAt: new Date("2027-02-12T00:00:00Z") });
    expect(e.data).toMatchObject({ policy_version: 1, jurisdiction: "RO", dpo_appointed: true });
    const v = await getAssessment(t.ctx(at("2026-02-12")), "sentosa", e.entryId);
    expect(v).toMatchObject({ residualRisk: "low", priorConsultationRequired: false, reviewOverdue: false, risks: [{ level: "medium", residualLevel: "low" }, { level: "medium", residualLevel: "low" }] });
    expect(v.articles).toEqual({ contents: "GDPR Art. 35(7)", dpo: "GDPR Art. 35(2)", priorConsultation: "GDPR Art. 36(1)" });
    expect(v.timeline.map((x) => x.kind)).toEqual(["created"]);
    const s = await screenOrganisation(t.ctx(at("2026-02-12")), "sentosa");
    expect(s.activities.find((a) => a.activity === "orders")!.assessment).toEqual({ entryId: "dpia-2026-001", status: "completed", reviewOn: "2027-02-12" });
    expect((await getAssessment(t.ctx(at("2027-02-13")), "sentosa", e.entryId)).reviewOverdue).toBe(true);
  });

  it("S1-09 waits for the DPO's opinion where a DPO is appointed, not where none is", async () => {
    const { dpo_opinion: _, ...withoutOpinion } = sentosaOrdersDpia();
    expect((await createAssessment(t.ctx(at("2026-02-13")), "sentosa", { ...withoutOpinion, activity: "complaints" }, "dpo")).status).toBe("awaiting_dpo_opinion");
    const eldrive = await createAssessment(t.ctx(at("2026-02-13")), "eldrive", { ...withoutOpinion, activity: "charging_account", security_measures: ["access_logging"] }, "dpo");
    expect(eldrive).toMatchObject({ entryId: "dpia-2026-001", status: "completed" });
  });

  it("Art. 36: a high residual risk needs the authority's prior consultation, and a 'not required' against it is refused", async () => {
    await expect(createAssessment(t.ctx(at("2026-03-01")), "eldrive", { ...highRiskDpia("nearby_stations"), prior_consultation: { decision: "not_required" } }, "dpo")).rejects.toMatchObject({
      code: "invalid_dpia",
      status: 400,
      details: [{ path: "prior_consultation.decision", message: expect.stringContaining("GDPR Art. 36(1)") }],
    });
    const e = await createAssessment(t.ctx(at("2026-03-01")), "eldrive", highRiskDpia("nearby_stations"), "dpo");
    expect(e.status).toBe("awaiting_prior_consultation");
    expect((await getAssessment(t.ctx(at("2026-03-01")), "eldrive", e.entryId)).priorConsultationRequired).toBe(true);
    const submitted = await updateAssessment(t.ctx(at("2026-03-05")), "eldrive", e.entryId, 1, { ...highRiskDpia("nearby_stations"), prior_consultation: { decision: "required", submitted_on: "2026-03-05", reference: "ANSPDCP 1234/2026" } }, "dpo");
    expect(submitted).toMatchObject({ status: "consulting_authority", revision: 2 });
    await expect(updateAssessment(t.ctx(at("2026-03-06")), "eldrive", e.entryId, 1, highRiskDpia("nearby_stations"), "other")).rejects.toMatchObject({ code: "revision_conflict", status: 409 });
    const answered = await updateAssessment(t.ctx(at("2026-04-20")), "eldrive", e.entryId, 2, { ...highRiskDpia("nearby_stations"), prior_consultation: { decision: "required", submitted_on: "2026-03-05", answered_on: "2026-04-20" } }, "dpo");
    expect(answered.status).toBe("completed");
  });

  it("refuses an activity or a security measure the policy in force does not have, and a malformed record, writing nothing", async () => {
    const before = (await assessmentRegister(t.ctx(), "eldrive")).assessments.length;
    await expect(createAssessment(t.ctx(), "eldrive", { ...highRiskDpia("teleportation"), security_measures: ["moat"] }, "dpo")).rejects.toMatchObject({
      code: "invalid_dpia",
      details: [
        { path: "activity", message: expect.stringContaining('no activity "teleportation"') },
        { path: "security_measures.0", message: 'no security measure "moat" in the policy in force' },
      ],
    });
    await expect(createAssessment(t.ctx(), "eldrive", { ...highRiskDpia("accounting"), risks: [] }, "dpo")).rejects.toMatchObject({ code: "invalid_dpia", details: [{ path: "risks" }] });
    await expect(getAssessment(t.ctx(), "eldrive", "dpia-2026-999")).rejects.toMatchObject({ code: "dpia_not_found", status: 404 });
    expect((await assessmentRegister(t.ctx(), "eldrive")).assessments).toHaveLength(before);
  });

  it("lists the register by review date and audits every change", async () => {
    const r = await assessmentRegister(t.ctx(at("2026-05-01")), "eldrive");
    expect(r.assessments.map((a) => [a.entryId, a.assessment.review_on])).toEqual([
      ["dpia-2026-001", "2027-02-12"],
      ["dpia-2026-002", "2027-03-01"],
    ]);
    for (const slug of ["eldrive", "sentosa"]) {
      const { tenant } = await getOrganisation(t.ctx(), slug);
      expect(await verifyAudit(t.database.db, tenant.tenantId)).toMatchObject({ ok: true });
    }
  });
});
