import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAudit } from "../../src/audit/index.ts";
import { jobs } from "../../src/cli/commands/start.ts";
import { fixedClock } from "../../src/clock.ts";
import { lawFor } from "../../src/law/index.ts";
import { applyManifest, getOrganisation } from "../../src/organisations/index.ts";
import { entryEvents, listEntries } from "../../src/registers/index.ts";
import {
  listVendorAlerts,
  processorKind,
  recordAccessEnded,
  recordsDue,
  syncVendorAlerts,
  vendorAlertKind,
  vendorAlertsJob,
  vendorRegister,
} from "../../src/vendors/index.ts";
import { backend, openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { loadExample, loadObject } from "../helpers/manifests.ts";

const at = (iso: string) => fixedClock(`${iso}T09:00:00Z`);
const kinds = (alerts: Array<{ kind: string; processor?: string }>, processor: string) => alerts.filter((a) => a.processor === processor).map((a) => a.kind);

/** Eldrive as the example has it, with dates on Ampeco's DPA (the policy gives none). */
function eldriveWithDates(ends: string) {
  const m = structuredClone(loadExample("eldrive").manifest) as any;
  const ampeco = m.processors.find((p: any) => p.id === "ampeco");
  ampeco.dpa = { ...ampeco.dpa, signed: "2022-05-01", ends };
  return loadObject(m, "eldrive.yaml");
}

describe(`processors and transfers register on ${backend}`, () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await openTestDatabase();
    await applyManifest(t.ctx(at("2026-01-05")), loadExample("eldrive"), { slug: "eldrive", appliedBy: "test" });
    await applyManifest(t.ctx(at("2026-01-05")), loadExample("promedia"), { slug: "promedia", appliedBy: "test" });
  });
  afterAll(() => t.drop());

  it("S4-09 eldrive's processors carry the DPA terms of section 3.13: records within 10 working days, breach notice within 48 hours", async () => {
    const r = await vendorRegister(t.ctx(at("2026-11-23")), "eldrive");
    expect(r.processors.map((p) => p.id)).toEqual(["ampeco", "aws", "newsletter_platform", "payment_providers"]);
    for (const p of r.processors) {
      expect(p.dpa).toMatchObject({ state: "in_force", breachNoticeHours: 48, recordsWithinWorkingDays: 10, missingTerms: [] });
      expect(p.dpa.terms).toEqual(expect.arrayContaining(["forward_requests_to_controller", "breach_notification", "delete_or_return", "access_ends_with_contract"]));
    }
    const ampeco = r.processors[0]!;
    expect(ampeco).toMatchObject({ country: "BG", subProcessors: ["aws", "payment_providers"] });
    expect(ampeco.activities).toEqual(["charging_account", "charging_sessions", "nearby_stations"]);
    expect(r.processors.find((p) => p.id === "aws")!.engagedBy).toEqual(["ampeco"]);
    // Asked on Wednesday 23 December 2026: Christmas (25-26 Dec), New Year (1-2 Jan), Epiphany and St John (6-7 Jan) are not working days in Romania.
    expect(recordsDue(ampeco, new Date("2026-12-23T10:00:00+02:00"), lawFor("RO"))).toMatchObject({ dueDate: "2027-01-12" });
    expect(r.alerts).toEqual([]);
  });

  it("checks every transfer against the adequacy list: eldrive's US partners under the DPF pass, promedia's Google transfer has no ground", async () => {
    const eldrive = await vendorRegister(t.ctx(at("2026-11-23")), "eldrive");
    const aws = eldrive.transfers.filter((x) => x.party === "aws");
    expect(aws.map((x) => [x.source, x.activity ?? null])).toEqual([
      ["processor", null],
      ["activity", "charging_account"],
      ["activity", "charging_sessions"],
      ["activity", "direct_marketing"],
    ]);
    for (const x of aws) expect(x).toMatchObject({ country: "US", mechanism: "dpf", status: { kind: "adequate", article: "GDPR Art. 45" }, adequacy: { state: "in_force", adopted: "2023-07-10" }, lawful: true });
    expect(eldrive.transfers.find((x) => x.party === "ampeco")).toMatchObject({ country: "BG", status: { kind: "domestic_eea" }, lawful: true });

    const promedia = await vendorRegister(t.ctx(at("2026-11-23")), "promedia");
    const google = promedia.transfers.filter((x) => x.party === "google");
    expect(google.map((x) => [x.country, x.status.kind, x.status.article, x.lawful])).toEqual([
      ["US", "unsafeguarded", "ZZPL čl. 63", false],
      ["US", "unsafeguarded", "ZZPL čl. 63", false],
    ]);
    expect(kinds(promedia.alerts, "google")).toEqual(["dpa_missing", "transfer_unlawful"]);
    expect(promedia.alerts.find((a) => a.kind === "dpa_missing")).toMatchObject({ severity: "error", article: "ZZPL čl. 45(3)" });
  });

  it("S4-04 a processor whose contract has ended keeps an 'end access' alert until someone records that its access was ended", async () => {
    await applyManifest(t.ctx(at("2026-12-01")), eldriveWithDates("2026-12-31"), { slug: "eldrive", appliedBy: "test" });
    const before = await vendorRegister(t.ctx(at("2026-12-15")), "eldrive");
    expect(before.alerts.filter((a) => a.processor === "ampeco")).toEqual([expect.objectContaining({ kind: "dpa_expiring", severity: "warning", dueOn: "2026-12-31" })]);
    // The last day of the contract is still covered.
    expect(kinds((await vendorRegister(t.ctx(at("2026-12-31")), "eldrive")).alerts, "ampeco")).toEqual(["dpa_expiring"]);

    const after = await vendorRegister(t.ctx(at("2027-01-01")), "eldrive");
    expect(kinds(after.alerts, "ampeco")).toEqual(["dpa_expired", "end_access"]);
    expect(after.processors[0]!.dpa.state).toBe("expired");
    expect(await syncVendorAlerts(t.ctx(at("2027-01-01")), "eldrive")).toMatchObject({ raised: 2, resolved: 0 });

    // A month on, nothing was recorded: the alert is still open, raised on the day the contract ended.
    const later = await listVendorAlerts(t.ctx(at("2027-02-01")), "eldrive");
    expect(later.alerts.find((a) => a.kind === "end_access")).toMatchObject({ processor: "ampeco", raisedOn: "2027-01-01", dueOn: "2026-12-31" });

    await expect(recordAccessEnded(t.ctx(at("2027-02-01")), "eldrive", "ampeco", { on: "2027-02-02" }, "dpo")).rejects.toMatchObject({ code: "invalid_date", status: 400 });
    await expect(recordAccessEnded(t.ctx(at("2027-02-01")), "eldrive", "nobody", { on: "2027-01-20" }, "dpo")).rejects.toMatchObject({ code: "processor_not_found", status: 404 });
    const entry = await recordAccessEnded(t.ctx(at("2027-02-01")), "eldrive", "ampeco", { on: "2027-01-20", note: "platform accounts disabled, data returned" }, "dpo");
    expect(entry.data.access_ended).toMatchObject({ on: "2027-01-20", by: "dpo" });
    expect((await entryEvents(t.ctx(), "eldrive", processorKind, entry.entryId)).map((e) => e.kind)).toEqual(["created", "access_ended"]);

    const closed = await listVendorAlerts(t.ctx(at("2027-02-01")), "eldrive");
    expect(kinds(closed.alerts, "ampeco")).toEqual([]);
    expect(closed.register.processors[0]!.accessEndedOn).toBe("2027-01-20");
    const stored = await listEntries(t.ctx(), "eldrive", vendorAlertKind);
    expect(stored.filter((e) => e.data.processor === "ampeco").map((e) => [e.data.kind, e.status, e.data.resolved_on])).toEqual([
      ["dpa_expired", "resolved", "2027-02-01"],
      ["end_access", "resolved", "2027-02-01"],
    ]);
    await expect(recordAccessEnded(t.ctx(at("2027-02-02")), "eldrive", "ampeco", { on: "2027-02-01" }, "dpo")).rejects.toMatchObject({ code: "access_already_ended", status: 409 });
    const { tenant } = await getOrganisation(t.ctx(), "eldrive");
    expect(await verifyAudit(t.database.db, tenant.tenantId)).toMatchObject({ ok: true });
  });

  it("S4-04 a new contract signed after the access ended needs its own end when it ends", async () => {
    const m = structuredClone(eldriveWithDates("2027-06-30").manifest) as any;
    m.processors[0].dpa.signed = "2027-03-01";
    await applyManifest(t.ctx(at("2027-03-01")), loadObject(m, "eldrive.yaml"), { slug: "eldrive", appliedBy: "test" });
    expect(kinds((await vendorRegister(t.ctx(at("2027-04-01")), "eldrive")).alerts, "ampeco")).toEqual([]);
    expect(kinds((await vendorRegister(t.ctx(at("2027-07-01")), "eldrive")).alerts, "ampeco")).toEqual(["dpa_expired", "end_access"]);
  });

  it("S4-04 a processor taken out of the policy must have its access ended too", async () => {
    const m = structuredClone(eldriveWithDates("2030-12-31").manifest) as any;
    m.processors = m.processors.filter((p: any) => p.id !== "newsletter_platform");
    const marketing = m.activities.find((a: any) => a.id === "direct_marketing");
    marketing.recipients = ["aws"];
    marketing.transfers = marketing.transfers.filter((x: any) => x.recipient !== "newsletter_platform");
    await applyManifest(t.ctx(at("2027-08-03")), loadObject(m, "eldrive.yaml"), { slug: "eldrive", appliedBy: "test" });
    const r = await vendorRegister(t.ctx(at("2027-08-10")), "eldrive");
    expect(r.departed).toEqual([expect.objectContaining({ id: "newsletter_platform", goneOn: "2027-08-03" })]);
    expect(r.alerts.filter((a) => a.kind === "end_access")).toEqual([expect.objectContaining({ processor: "newsletter_platform", dueOn: "2027-08-03" })]);
    await recordAccessEnded(t.ctx(at("2027-08-10")), "eldrive", "newsletter_platform", { on: "2027-08-04" }, "dpo");
    expect((await vendorRegister(t.ctx(at("2027-08-10")), "eldrive")).alerts).toEqual([]);
  });

  it("the alerts are refreshed by a nightly job of the worker", () => {
    expect(jobs).toContain(vendorAlertsJob);
    expect(vendorAlertsJob.schedule).toMatch(/^\d+ \d+ \* \* \*$/);
  });

  it("the daily job stores each alert once, keeps the day it was raised, and resolves what is fixed", async () => {
    const ctx = t.ctx(at("2026-11-23"));
    await vendorAlertsJob.handle(ctx, {});
    await vendorAlertsJob.handle(t.ctx(at("2026-11-24")), {});
    const open = await listEntries(ctx, "promedia", vendorAlertKind);
    expect(open.map((e) => e.data.kind).sort()).toEqual(["dpa_missing", "dpa_terms_unrecorded", "records_term_missing", "transfer_unlawful", "transfer_unlawful"]);
    expect(open.every((e) => e.status === "open" && e.data.raised_on === "2026-11-23")).toBe(true);

    const m = structuredClone(loadExample("promedia").manifest) as any;
    const google = m.processors.find((p: any) => p.id === "google");
    google.dpa = { signed: "2026-11-20", records_within_working_days: 10, terms: ["documented_instructions", "confidentiality", "security_measures", "sub_processor_conditions", "assist_with_rights", "assist_with_security_and_dpia", "delete_or_return", "audits_and_information"] };
    google.transfer = { mechanism: "scc" };
    m.activities.find((a: any) => a.id === "google_analytics").transfers[0].mechanism = "scc";
    await applyManifest(t.ctx(at("2026-11-25")), loadObject(m, "promedia.yaml"), { slug: "promedia", appliedBy: "test" });
    await vendorAlertsJob.handle(t.ctx(at("2026-11-25")), {});
    const after = await listEntries(ctx, "promedia", vendorAlertKind);
    expect(after.filter((e) => e.status === "resolved").map((e) => [e.data.kind, e.data.resolved_on])).toEqual([
      ["dpa_missing", "2026-11-25"],
      ["transfer_unlawful", "2026-11-25"],
      ["transfer_unlawful", "2026-11-25"],
    ]);
    expect((await listVendorAlerts(t.ctx(at("2026-11-25")), "promedia")).alerts.map((a) => a.kind)).toEqual(["records_term_missing", "dpa_terms_unrecorded"]);
  });
});
