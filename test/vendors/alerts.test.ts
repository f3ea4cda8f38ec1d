import { describe, expect, it } from "vitest";
import { lawFor } from "../../src/law/index.ts";
import { processorRows, transferRows, vendorAlerts } from "../../src/vendors/index.ts";
import { lintManifest } from "../../src/lint/index.ts";
import { fixedClock } from "../../src/clock.ts";
import { cleanManifest, loadObject } from "../helpers/manifests.ts";

function judge(m: Record<string, any>, today: string, jurisdiction = "RO") {
  const { manifest } = loadObject(m);
  const processors = processorRows(manifest, today);
  const transfers = transferRows(manifest, lawFor(jurisdiction), today);
  return { processors, transfers, alerts: vendorAlerts({ jurisdiction: lawFor(jurisdiction), today, processors, transfers }) };
}

/** The clean manifest, whose DPA also sets when records are handed over. */
function base() {
  const m = cleanManifest();
  m.processors[0].dpa.records_within_working_days = 10;
  return m;
}

const withDpa = (dpa: Record<string, unknown> | undefined) => {
  const m = base();
  m.processors[0].dpa = dpa;
  if (!dpa) delete m.processors[0].dpa;
  return m;
};

describe("vendor alerts, judged on an injected date", () => {
  it("a clean manifest raises none", () => {
    expect(judge(base(), "2026-11-23").alerts).toEqual([]);
  });

  it("a processor without a DPA", () => {
    expect(judge(withDpa(undefined), "2026-11-23").alerts).toEqual([
      expect.objectContaining({ kind: "dpa_missing", severity: "error", processor: "courier", article: "GDPR Art. 28(3)" }),
    ]);
  });

  it("a DPA ending within 30 days warns; from the day after its last day it has ended and access must end (S4-04)", () => {
    const m = withDpa({ signed: "2024-01-01", ends: "2026-12-31", records_within_working_days: 10, terms: cleanManifest().processors[0].dpa.terms });
    expect(judge(m, "2026-11-30").alerts).toEqual([]);
    expect(judge(m, "2026-12-01").alerts).toEqual([expect.objectContaining({ kind: "dpa_expiring", dueOn: "2026-12-31" })]);
    expect(judge(m, "2027-01-01").alerts.map((a) => [a.kind, a.severity])).toEqual([
      ["dpa_expired", "error"],
      ["end_access", "error"],
    ]);
    const ended = processorRows(loadObject(m).manifest, "2027-01-01", new Map([["courier", "2027-01-01"]]));
    expect(vendorAlerts({ jurisdiction: lawFor("RO"), today: "2027-01-01", processors: ended, transfers: [] })).toEqual([]);
  });

  it("required clauses missing, clauses not recorded, and no deadline for handing over records", () => {
    const missing = judge(withDpa({ signed: "2024-01-01", terms: ["confidentiality", "security_measures"] }), "2026-11-23").alerts;
    expect(missing.map((a) => a.kind)).toEqual(["dpa_terms_missing", "records_term_missing"]);
    expect(missing[0]!.message).toContain("documented_instructions, sub_processor_conditions, assist_with_rights, assist_with_security_and_dpia, delete_or_return, audits_and_information");
    expect(judge(withDpa({}), "2026-11-23").alerts.map((a) => [a.kind, a.severity])).toEqual([
      ["records_term_missing", "warning"],
      ["dpa_terms_unrecorded", "info"],
    ]);
  });

  it("the missing clauses are the ones lint reports: one rule, two readers", () => {
    const m = withDpa({ signed: "2024-01-01", terms: ["confidentiality"] });
    const lint = lintManifest(loadObject(m), fixedClock("2026-11-23T10:00:00Z")).findings.find((f) => f.rule === "dpa-terms-incomplete")!;
    const alert = judge(m, "2026-11-23").alerts.find((a) => a.kind === "dpa_terms_missing")!;
    expect(alert.message.split(": ")[1]).toBe(lint.message.split(": ")[1]);
  });

  it("a transfer to a country whose adequacy decision ends is flagged 90 days ahead, and has no ground once it ended", () => {
    const m = base();
    m.activities[0].transfers = [{ to: "GB", recipient: "courier", mechanism: "adequacy" }];
    expect(judge(m, "2031-09-27").alerts).toEqual([]);
    const ending = judge(m, "2031-09-28");
    expect(ending.alerts).toEqual([expect.objectContaining({ kind: "adequacy_ending", severity: "warning", country: "GB", dueOn: "2031-12-27", article: "GDPR Art. 45" })]);
    expect(ending.transfers[1]).toMatchObject({ lawful: true, adequacy: { state: "ending", expires: "2031-12-27" } });
    const ended = judge(m, "2031-12-28");
    expect(ended.alerts).toEqual([expect.objectContaining({ kind: "adequacy_not_in_force", severity: "error", country: "GB" })]);
    expect(ended.transfers[1]).toMatchObject({ lawful: false, adequacy: { state: "ended" } });
  });

  it("an adequacy decision counts only from its adoption (Brazil, 26 January 2026)", () => {
    const m = base();
    m.activities[0].transfers = [{ to: "BR", recipient: "courier" }];
    const before = judge(m, "2026-01-25");
    expect(before.alerts.map((a) => a.kind)).toEqual(["adequacy_not_in_force"]);
    expect(before.alerts[0]!.message).toContain("applies only from 2026-01-26");
    expect(judge(m, "2026-01-26").alerts).toEqual([]);
  });

  it("a transfer with no ground, and a partial decision whose condition is not stated", () => {
    const m = base();
    m.activities[0].transfers = [{ to: "IN", recipient: "courier" }, { to: "US", recipient: "courier" }];
    expect(judge(m, "2026-11-23").alerts.map((a) => [a.kind, a.country, a.article])).toEqual([
      ["transfer_unlawful", "IN", "GDPR Art. 44"],
      ["transfer_condition_unconfirmed", "US", "GDPR Art. 45"],
    ]);
  });

  it("cites the ZZPL for a Serbian organisation", () => {
    const m = withDpa(undefined);
    m.organisation = { ...m.organisation, country: "RS", jurisdiction: "RS", languages: ["sr", "en"] };
    expect(judge(m, "2026-11-23", "RS").alerts[0]).toMatchObject({ kind: "dpa_missing", article: "ZZPL čl. 45(3)" });
  });
});
