import { describe, expect, it } from "vitest";
import { screenActivity, screenManifest, type ActivityScreening } from "../../src/assessments/index.ts";
import { lawFor } from "../../src/law/index.ts";
import { cleanManifest, loadExample, loadObject } from "../helpers/manifests.ts";

const screen = (name: string, answers = {}) => {
  const m = loadExample(name).manifest;
  return new Map(screenManifest(m, lawFor(m.organisation.jurisdiction), answers).map((s) => [s.activity, s]));
};
const summary = (s: ActivityScreening) => ({ result: s.result, criteria: s.criteria.map((c) => c.criterion), citations: s.citations });

/** The clean manifest's one activity, changed by `change`, screened under Romanian law. */
function screenOne(change: (a: Record<string, any>, m: Record<string, any>) => void, answers?: Record<string, boolean>) {
  const m = cleanManifest();
  change(m.activities[0], m);
  const { manifest } = loadObject(m);
  return screenActivity(manifest, manifest.activities[0]!, lawFor("RO"), answers);
}

describe("DPIA screening against WP248, Art. 35(3) and the national lists", () => {
  it("a plain order activity meets no criterion", () => {
    expect(summary(screenOne(() => {}))).toEqual({ result: "not_required", criteria: [], citations: [] });
  });

  it("S1-09 profiling with decisions of significant effect requires a DPIA (Art. 35(3)(a), ANSPDCP lit. a)", () => {
    const s = screenOne((a) => {
      a.profiling = true;
      a.automated_decisions = { logic: "credit limit from payment history", significance: "orders above the limit are refused" };
    });
    expect(summary(s)).toEqual({ result: "required", criteria: ["evaluation_scoring", "automated_decision"], citations: ["GDPR Art. 35(3)(a)", "ANSPDCP Decizia nr. 174/2018, lit. a)"] });
    expect(s.criteria[0]).toMatchObject({ citation: "WP248 rev.01 III.B.a(1)", evidence: ["profiling: true"], source: "manifest" });
    expect(s.questions).toEqual([]);
  });

  it("S1-09 special-category data requires a DPIA once the scale is large (Art. 35(3)(b)); until answered, the scale is the open question", () => {
    const health = (a: Record<string, any>) => a.data.push("special.health");
    const open = screenOne(health);
    expect(summary(open)).toEqual({ result: "recommended", criteria: ["special_or_criminal"], citations: ["WP248 rev.01 III.B.a", "WP248 rev.01 III.B.a(4)"] });
    expect(open.questions).toContain("large_scale");
    expect(open.triggers.find((t) => t.id === "art35_3_b")).toMatchObject({ state: "possible", missing: ["large_scale"] });
    expect(summary(screenOne(health, { large_scale: true })).citations).toEqual(["GDPR Art. 35(3)(b)", "ANSPDCP Decizia nr. 174/2018, lit. b)"]);
    expect(screenOne((a) => a.data.push("criminal.convictions"), { large_scale: true }).result).toBe("required");
  });

  it("S1-09 large-scale monitoring of a public area requires a DPIA (Art. 35(3)(c))", () => {
    const s = screenOne((a) => a.data.push("location.precise"), { public_area: true, large_scale: true });
    expect(s.citations).toEqual(["GDPR Art. 35(3)(c)", "ANSPDCP Decizia nr. 174/2018, lit. c)"]);
    expect(s.criteria.find((c) => c.criterion === "systematic_monitoring")).toMatchObject({ evidence: ["data: location.precise"], source: "manifest" });
  });

  it("S1-09 sentosa: every activity serves customers who may be minors, so a DPIA is recommended; large scale would make it required", () => {
    const s = screen("sentosa");
    for (const id of ["orders", "invoicing", "complaints"]) {
      expect(summary(s.get(id)!)).toEqual({ result: "recommended", criteria: ["vulnerable_subjects"], citations: ["WP248 rev.01 III.B.a", "WP248 rev.01 III.B.a(7)"] });
      expect(s.get(id)!.criteria[0]!.evidence).toEqual(["subjects: customers (minors)"]);
      expect(s.get(id)!.questions).toEqual(["large_scale", "matching_datasets", "innovative_technology", "prevents_right_or_contract"]);
    }
    expect(summary(screen("sentosa", { orders: { large_scale: true } }).get("orders")!)).toMatchObject({ result: "required", criteria: ["large_scale", "vulnerable_subjects"] });
  });

  it("S1-09 eldrive: no special data and no profiling; only the nearby-stations location is systematic monitoring, which the DPO may overrule", () => {
    const s = screen("eldrive");
    expect([...s.values()].map((a) => [a.activity, a.result])).toEqual([
      ["charging_account", "not_required"],
      ["charging_sessions", "not_required"],
      ["accounting", "not_required"],
      ["legal_claims", "not_required"],
      ["statistics", "not_required"],
      ["nearby_stations", "recommended"],
      ["support_calls", "not_required"],
      ["direct_marketing", "not_required"],
    ]);
    // Connected charging equipment is sensor data (ANSPDCP lit. f): required only on a large scale.
    expect(s.get("charging_sessions")!.triggers.find((t) => t.id === "ro_f")).toMatchObject({ state: "possible", missing: ["large_scale"] });
    expect(s.get("charging_sessions")!.questions).toEqual(["large_scale"]);
    const overruled = screen("eldrive", { nearby_stations: { systematic_monitoring: false } }).get("nearby_stations")!;
    expect(overruled.result).toBe("not_required");
    expect(overruled.facts.find((f) => f.fact === "systematic_monitoring")).toMatchObject({ met: false, source: "answer", evidence: ["data: location.precise"] });
  });

  it("S1-09 promedia (Serbia): a creditworthiness check before a contract and profiling cookies require a DPIA; ZZPL and the Poverenik's list are cited", () => {
    const s = screen("promedia");
    expect(summary(s.get("partner_contracts")!)).toEqual({ result: "required", criteria: ["evaluation_scoring", "prevents_right_or_contract"], citations: ["WP248 rev.01 III.B.a", "WP248 rev.01 III.B.a(1)", "WP248 rev.01 III.B.a(9)"] });
    expect(summary(s.get("site_cookies")!)).toMatchObject({ result: "required", criteria: ["evaluation_scoring", "systematic_monitoring"] });
    expect(s.get("enquiries")!.criteria[0]).toMatchObject({ criterion: "vulnerable_subjects", evidence: ["subjects: job_applicants"] });
    expect(s.get("server_logs")!.result).toBe("not_required");
    expect(s.get("geolocation")!.triggers.map((t) => t.citation)).toContain("ZZPL čl. 54(3)(3)");
    const located = screen("promedia", { geolocation: { large_scale: true } }).get("geolocation")!;
    expect(located.citations).toEqual(["Poverenik, Odluka o listi vrsta radnji obrade (Sl. glasnik RS 45/2019)"]);
  });
});
