import { describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.ts";
import { lintManifest, type Finding } from "../../src/lint/index.ts";
import { parseManifest } from "../../src/manifest/index.ts";
import { stringify } from "yaml";
import { loadExample } from "../helpers/manifests.ts";

const clock = fixedClock("2026-11-23T10:00:00Z");
const findingsOf = (name: string) => lintManifest(loadExample(name), clock).findings;
const where = (findings: Finding[], rule: string) => findings.filter((f) => f.rule === rule).map((f) => f.path);
const activityIndex = (name: string, id: string) => loadExample(name).manifest.activities.findIndex((a) => a.id === id);

describe("lint reports every (lint) line of the seed policies", () => {
  it("S0-08 IMPRO-MEDIA treats browsing as acceptance of advertising and analytics cookies", () => {
    const f = findingsOf("impro-media").find((x) => x.rule === "cookies-without-consent");
    expect(f).toMatchObject({ severity: "error", path: "cookie_consent.method" });
    expect(f!.article).toContain("Law 506/2004 art. 4(5)");
    expect(f!.article).toContain("Planet49");
  });

  it("S1-02 SENTOSA bases orders and invoices on consent instead of contract and legal obligation", () => {
    const paths = where(findingsOf("sentosa"), "consent-as-basis-for-contract");
    expect(paths).toEqual([`activities[${activityIndex("sentosa", "orders")}].legal_basis`, `activities[${activityIndex("sentosa", "invoicing")}].legal_basis`]);
  });

  it("S2-04 Promedia sets non-essential cookies on legitimate interest, cited under Serbian law", () => {
    const f = findingsOf("promedia").filter((x) => x.rule === "cookies-without-consent");
    expect(f.map((x) => x.path)).toEqual(expect.arrayContaining(["cookies[1].legal_basis", "cookies[2].legal_basis", "cookies[3].legal_basis"]));
    expect(f[0]!.article).toContain("ZZPL");
  });

  it("S3-02 Registratura profiles for advertising and marketing without consent", () => {
    const paths = where(findingsOf("registratura"), "profiling-without-consent");
    expect(paths).toEqual([`activities[${activityIndex("registratura", "communications")}]`, `activities[${activityIndex("registratura", "advertising")}]`]);
  });

  it("S3-05 Registratura treats continued use as acceptance of policy changes", () => {
    expect(where(findingsOf("registratura"), "consent-by-continued-use")).toEqual(["policy_changes.acceptance"]);
  });

  it("S3-07 Registratura cites Law 677/2001, repealed by Law 129/2018", () => {
    const f = findingsOf("registratura").find((x) => x.rule === "repealed-law-cited");
    expect(f).toMatchObject({ severity: "error", path: "laws[0]" });
    expect(f!.article).toContain("Legea 129/2018");
  });

  it("S3-08 Registratura lacks legal bases, controller identity, rights, complaint authority, transfers and DPO or contact", () => {
    const findings = findingsOf("registratura");
    const rules = new Set(findings.map((f) => f.rule));
    for (const rule of ["controller-identity-missing", "rights-missing", "complaint-authority-missing", "transfers-not-stated", "dpo-missing"]) {
      expect(rules, rule).toContain(rule);
    }
    const activities = loadExample("registratura").manifest.activities;
    expect(where(findings, "legal-basis-missing")).toHaveLength(activities.length);
    expect(findings.find((f) => f.rule === "complaint-authority-missing")!.message).toContain("ANSPDCP");
  });
});

describe("lint stays quiet where the seed policies are right", () => {
  it("S4-18 Eldrive records why no DPO is needed", () => {
    expect(loadExample("eldrive").manifest.dpo).toMatchObject({ appointed: false, assessment: expect.anything() });
    expect(where(findingsOf("eldrive"), "dpo-missing")).toEqual([]);
  });

  it("S4-09 Eldrive's processors are bound by complete DPAs with a 48-hour breach notice and records within 10 working days", () => {
    const { processors = [] } = loadExample("eldrive").manifest;
    expect(processors.length).toBeGreaterThanOrEqual(3);
    for (const p of processors) {
      expect(p.dpa).toMatchObject({ breach_notice_hours: 48, records_within_working_days: 10 });
      expect(p.dpa!.terms).toEqual(expect.arrayContaining(["forward_requests_to_controller", "breach_notification", "delete_or_return"]));
    }
    const rules = findingsOf("eldrive").map((f) => f.rule);
    expect(rules).not.toContain("processor-without-dpa");
    expect(rules).not.toContain("dpa-terms-incomplete");
    expect(rules).not.toContain("processor-breach-window");
  });

  it("S4-13 Eldrive's US transfers rest on the Data Privacy Framework", () => {
    expect(where(findingsOf("eldrive"), "transfer-unsafeguarded")).toEqual([]);
  });

  it("S4-14 Eldrive states its retention table as rules with keep, after, inactive and then", () => {
    const byId = Object.fromEntries(loadExample("eldrive").manifest.activities.map((a) => [a.id, a.retention]));
    expect(byId.charging_account).toMatchObject({ keep: "P3Y", after: "latest(contract_end, payment_settled)", inactive: { keep: "P3Y", after: "last_login" } });
    expect(byId.charging_sessions).toMatchObject({ keep: "P2Y", after: "latest(contract_end, payment_settled)", inactive: { keep: "P2Y", after: "last_login" } });
    expect(byId.accounting).toMatchObject({ keep: "P5Y", after: "latest(contract_end, payment_settled)" });
    expect(byId.direct_marketing).toMatchObject({ keep: "P3Y", after: "last_login" });
    expect(byId.support_calls).toMatchObject({ keep: "P180D" });
    expect(byId.accounting!.holds).toEqual([expect.objectContaining({ keep: "P5Y", after: "proceedings_end" })]);
  });

  it("S0-04 IMPRO-MEDIA's parental consent below 16 satisfies Art. 8, and its absence would not", () => {
    const loaded = loadExample("impro-media");
    expect(loaded.manifest.age_gate).toEqual({ below: 16, requires: "parental_consent" });
    expect(where(findingsOf("impro-media"), "minors-without-age-gate")).toEqual([]);
    const { age_gate: _, ...withoutGate } = loaded.manifest;
    const report = lintManifest(parseManifest(stringify(withoutGate), "x.yaml"), clock);
    expect(report.findings.map((f) => f.rule)).toContain("minors-without-age-gate");
  });

  it("S0-01 IMPRO-MEDIA's processor activities act for each client controller, on the client's legal basis", () => {
    const processorActivities = loadExample("impro-media").manifest.activities.filter((a) => a.role === "processor");
    expect(processorActivities.map((a) => a.id)).toEqual(expect.arrayContaining(["webinar_platform", "vr_platform"]));
    for (const a of processorActivities) expect(a.controllers).toBe("each_client");
    const rules = findingsOf("impro-media").map((f) => f.rule);
    expect(rules).not.toContain("legal-basis-missing");
    expect(rules).not.toContain("processor-activity-without-controller");
  });

  it("S1-06 a special category in a connected system is flagged, even though SENTOSA's activities hold none", () => {
    const { manifest } = loadExample("sentosa");
    expect(where(findingsOf("sentosa"), "special-category-present")).toEqual([]);
    const activity = manifest.activities[0]!.id;
    const withSystem = { ...manifest, systems: [{ id: "shop_db", kind: "mariadb", tables: { customers: { activity, fields: { allergies: "special.health" } } } }] };
    const report = lintManifest(parseManifest(stringify(withSystem), "x.yaml"), clock);
    expect(where(report.findings, "special-category-present")).toEqual(["systems[0].tables.customers.fields.allergies"]);
  });

  it("S1-07 SENTOSA promises answers within 5 days, which the law allows", () => {
    expect(loadExample("sentosa").manifest.rights?.deadlines?.complaint).toBe("P5D");
    expect(where(findingsOf("sentosa"), "promised-deadline-too-long")).toEqual([]);
  });

  it("S2-06 Promedia's findings cite ZZPL articles, not the GDPR", () => {
    const { manifest } = loadExample("promedia");
    expect(where(findingsOf("promedia"), "rights-missing")).toEqual([]);
    const withoutAccess = { ...manifest, rights: { ...manifest.rights, offered: manifest.rights!.offered!.filter((r) => r !== "access") } };
    const report = lintManifest(parseManifest(stringify(withoutAccess), "x.yaml"), clock);
    const rights = report.findings.find((f) => f.rule === "rights-missing");
    expect(rights?.article).toMatch(/^ZZPL/);
    expect(rights?.message).toContain("access (ZZPL čl. 26)");
  });
});
