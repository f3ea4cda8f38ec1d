import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Manifest } from "../../src/manifest/index.ts";
import { diffManifests, reworded } from "../../src/organisations/diff.ts";
import { applyManifest, diffPolicyVersions, loadPolicyVersions } from "../../src/organisations/index.ts";
import { backend, openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { cleanManifest, loadObject } from "../helpers/manifests.ts";

/** cleanManifest plus a consent-based newsletter, a mailer processor and two cookies. */
function policy(): Record<string, any> {
  const m = cleanManifest();
  m.activities.push({
    id: "newsletter",
    name: { en: "Newsletter" },
    role: "controller",
    purpose: { en: "Send offers", ro: "Trimiterea ofertelor" },
    legal_basis: ["consent"],
    consent: { methods: ["checkbox"], withdrawal: ["unsubscribe_link"] },
    subjects: ["customers"],
    data: ["contact.email"],
    recipients: ["mailer"],
    transfers: "none",
    retention: { keep: "until_withdrawn" },
  });
  m.processors.push({ id: "mailer", name: "Mailer S.R.L.", country: "RO" }, { id: "crm", name: "CRM GmbH", country: "DE" });
  m.cookies = [
    { name: "session", provider: "exemplu.ro", purpose: "keeps you signed in", category: "necessary", legal_basis: "strictly_necessary", lifetime: "session" },
    { name: "_pref", provider: "exemplu.ro", purpose: "remembers the language", category: "preferences", legal_basis: "consent", lifetime: "P1Y" },
  ];
  return m;
}

const manifest = (m: Record<string, any>): Manifest => loadObject(m).manifest;

/** Diffs policy() against a copy changed by `edit`. */
function diffAfter(edit: (m: Record<string, any>) => void) {
  const after = policy();
  edit(after);
  return diffManifests(manifest(policy()), manifest(after));
}

const orders = (m: Record<string, any>) => m.activities[0];
const newsletter = (m: Record<string, any>) => m.activities[1];

describe("diffManifests", () => {
  it("finds no change between equal manifests, nor when lists are reordered", () => {
    const d = diffAfter((m) => {
      m.activities.reverse();
      m.processors.reverse();
      m.cookies.reverse();
      orders(m).data.reverse();
    });
    expect(d).toEqual({ changes: [], summary: { reconsent: false, activitiesNeedingReconsent: [], cookiesNeedingReconsent: [], changes: 0 } });
  });

  it("needs re-consent for a new purpose of a consent-based activity", () => {
    const d = diffAfter((m) => (newsletter(m).purpose = { en: "Send offers and profile buying habits", ro: "Trimiterea ofertelor și profilare" }));
    expect(d.changes).toEqual([
      { path: "activities[1].purpose", kind: "purpose_changed", description: "activity newsletter: purpose changed", impact: "reconsent", activities: ["newsletter"] },
    ]);
    expect(d.summary).toEqual({ reconsent: true, activitiesNeedingReconsent: ["newsletter"], cookiesNeedingReconsent: [], changes: 1 });
  });

  it("treats a new translation of the same purpose as a notice update", () => {
    const d = diffAfter((m) => (newsletter(m).purpose.sr = "Slanje ponuda"));
    expect(d.changes).toMatchObject([{ kind: "purpose_changed", description: "activity newsletter: purpose translation changed", impact: "notice_update" }]);
    expect(reworded("Send offers", { en: "Send offers" })).toBe(false);
    expect(reworded("Send offers", { en: "Sell data" })).toBe(true);
  });

  it("needs re-consent for a new recipient, transfer or data category of a consent-based activity", () => {
    const d = diffAfter((m) => {
      newsletter(m).recipients.push("crm");
      newsletter(m).transfers = [{ to: "US", recipient: "mailer", mechanism: "scc" }];
      newsletter(m).data.push("identity.name");
    });
    expect(d.changes.map((c) => [c.path, c.kind, c.impact])).toEqual([
      ["activities[1].data", "data_added", "reconsent"],
      ["activities[1].recipients", "recipient_added", "reconsent"],
      ["activities[1].transfers[0]", "transfer_added", "reconsent"],
    ]);
    expect(d.changes[2]!.description).toBe("activity newsletter: transfer to US (mailer) added");
    expect(d.summary.activitiesNeedingReconsent).toEqual(["newsletter"]);
  });

  it("needs re-consent when another company takes over a processor id used by a consent-based activity", () => {
    const d = diffAfter((m) => (m.processors[1].name = "Mailchimp (Intuit Inc.)"));
    expect(d.changes).toEqual([expect.objectContaining({ path: "processors[1]", kind: "processor_changed", impact: "reconsent", activities: ["newsletter"] })]);
    expect(d.summary.activitiesNeedingReconsent).toEqual(["newsletter"]);
    const contractOnly = diffAfter((m) => (m.processors[0].name = "Curier Nou S.A."));
    expect(contractOnly.changes.map((c) => c.impact)).toEqual(["notice_update"]);
  });

  it("needs only a notice update for a new recipient of a contract-based activity", () => {
    const d = diffAfter((m) => orders(m).recipients.push("crm"));
    expect(d.changes).toEqual([
      { path: "activities[0].recipients", kind: "recipient_added", description: "activity orders: recipient crm added", impact: "notice_update", activities: ["orders"] },
    ]);
    expect(d.summary.reconsent).toBe(false);
  });

  it("treats removals as notice updates, even in a consent-based activity", () => {
    const d = diffAfter((m) => {
      newsletter(m).recipients = [];
      newsletter(m).data = ["contact.email"];
      orders(m).data.pop();
    });
    expect(d.changes.map((c) => [c.kind, c.impact])).toEqual([
      ["data_removed", "notice_update"],
      ["recipient_removed", "notice_update"],
    ]);
  });

  it("needs re-consent for a new consent-based activity, and for an activity newly based on consent", () => {
    const added = diffAfter((m) => m.activities.push({ ...newsletter(m), id: "surveys" }));
    expect(added.changes).toMatchObject([{ path: "activities[2]", kind: "activity_added", impact: "reconsent", description: "activity surveys added (based on consent)" }]);
    const rebased = diffAfter((m) => {
      orders(m).legal_basis = ["consent"];
      orders(m).consent = { methods: ["checkbox"], withdrawal: ["email"] };
    });
    expect(rebased.changes.map((c) => [c.path, c.kind, c.impact])).toEqual([
      ["activities[0].legal_basis", "legal_basis_added", "reconsent"],
      ["activities[0].legal_basis", "legal_basis_removed", "notice_update"],
      ["activities[0].consent", "other", "notice_update"],
    ]);
    expect(rebased.summary.activitiesNeedingReconsent).toEqual(["orders"]);
  });

  it("reports a removed activity and a changed retention as notice updates", () => {
    const d = diffAfter((m) => {
      m.activities.pop();
      orders(m).retention.keep = "P5Y";
    });
    expect(d.changes).toMatchObject([
      { path: "activities[1]", kind: "activity_removed", impact: "notice_update", description: "activity newsletter removed" },
      { path: "activities[0].retention", kind: "retention_changed", impact: "notice_update" },
    ]);
  });

  it("reports processors added, removed and changed, and a processor's new third country as a transfer", () => {
    const d = diffAfter((m) => {
      m.processors.push({ id: "cloud", name: "Cloud Inc.", country: "IE" });
      m.processors = m.processors.filter((p: any) => p.id !== "crm");
      m.processors[1].country = "US";
      m.processors[1].transfer = { mechanism: "scc" };
      m.processors[0].dpa.breach_notice_hours = 48;
    });
    expect(d.changes.map((c) => [c.path, c.kind, c.impact, c.description])).toEqual([
      ["processors[2]", "processor_added", "notice_update", "processor cloud added"],
      ["processors[2]", "processor_removed", "notice_update", "processor crm removed"],
      ["processors[0]", "processor_changed", "notice_update", "processor courier changed (dpa)"],
      ["processors[1]", "transfer_added", "reconsent", "processor mailer: transfer to US added"],
      ["processors[1]", "processor_changed", "notice_update", "processor mailer changed (country, transfer)"],
    ]);
    expect(d.summary.activitiesNeedingReconsent).toEqual(["newsletter"]);
  });

  it("reports recipients defined under recipients", () => {
    const d = diffAfter((m) => (m.recipients = [{ id: "anaf", name: "ANAF", kind: "authority", country: "RO" }]));
    expect(d.changes).toMatchObject([{ path: "recipients[0]", kind: "recipient_added", impact: "notice_update" }]);
  });

  it("needs re-consent for a new non-necessary cookie and for a new provider, not for a necessary one", () => {
    const d = diffAfter((m) => {
      m.cookies.push({ name: "_ga", provider: "Google", purpose: "statistics", category: "analytics", legal_basis: "consent", lifetime: "P2Y" });
      m.cookies.push({ name: "csrf", provider: "exemplu.ro", purpose: "security", category: "necessary", legal_basis: "strictly_necessary", lifetime: "session" });
      m.cookies[1].provider = "Preferences Ltd";
      m.cookies[0].lifetime = "PT1H";
    });
    expect(d.changes.map((c) => [c.path, c.kind, c.impact])).toEqual([
      ["cookies[2]", "cookie_added", "reconsent"],
      ["cookies[3]", "cookie_added", "notice_update"],
      ["cookies[0]", "cookie_changed", "notice_update"],
      ["cookies[1]", "cookie_changed", "reconsent"],
    ]);
    expect(d.summary).toMatchObject({ reconsent: true, activitiesNeedingReconsent: [], cookiesNeedingReconsent: ["_ga", "_pref"] });
  });

  it("reports a removed cookie and a cookie's longer lifetime as notice updates", () => {
    const d = diffAfter((m) => {
      m.cookies.shift();
      m.cookies[0].lifetime = "P2Y";
    });
    expect(d.changes).toMatchObject([
      { path: "cookies[0]", kind: "cookie_removed", impact: "notice_update", description: "cookie session removed" },
      { path: "cookies[0]", kind: "cookie_changed", impact: "notice_update", description: "cookie _pref changed (lifetime)" },
    ]);
  });

  it("names controller, DPO, rights and document changes without their personal data", () => {
    const d = diffAfter((m) => {
      m.organisation.address = "Str. Nouă 2, Cluj";
      m.dpo.email = "new-dpo@exemplu.ro";
      m.rights.channels.push({ kind: "post", value: "Str. Nouă 2" });
      m.document.edition = "2.0";
      m.subjects.push({ id: "employees" });
    });
    expect(d.changes.map((c) => [c.path, c.kind, c.description])).toEqual([
      ["organisation.address", "controller_changed", "organisation address changed"],
      ["dpo.email", "dpo_changed", "dpo email changed"],
      ["subjects[1]", "other", "subjects: employees added"],
      ["rights.channels", "rights_changed", "rights channels changed"],
      ["document.edition", "document_changed", "document edition changed"],
    ]);
    expect(d.changes.every((c) => c.impact === "notice_update")).toBe(true);
    expect(JSON.stringify(d)).not.toMatch(/Nouă|new-dpo/);
  });
});

describe(`policy versions diffed from the store on ${backend}`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
    const ctx = t.ctx();
    await applyManifest(ctx, loadObject(policy()), { slug: "exemplu", appliedBy: "test" });
    const v2 = policy();
    newsletter(v2).recipients.push("crm");
    orders(v2).recipients.push("crm");
    await applyManifest(ctx, loadObject(v2), { slug: "exemplu", appliedBy: "test" });
  });
  afterAll(() => t.drop());

  it("loads two stored versions and diffs them", async () => {
    const { from, to } = await loadPolicyVersions(t.ctx(), "exemplu", 1, 2);
    expect([from.version, to.version, from.appliedBy]).toEqual([1, 2, "test"]);
    const d = diffManifests(from.manifest, to.manifest);
    expect(d.changes.map((c) => [c.path, c.impact])).toEqual([
      ["activities[0].recipients", "notice_update"],
      ["activities[1].recipients", "reconsent"],
    ]);
    expect(d.summary.activitiesNeedingReconsent).toEqual(["newsletter"]);
  });

  it("diffs backwards, and a version with itself as no change", async () => {
    const back = await diffPolicyVersions(t.ctx(), "exemplu", 2, 1);
    expect(back.changes.map((c) => c.kind)).toEqual(["recipient_removed", "recipient_removed"]);
    expect((await diffPolicyVersions(t.ctx(), "exemplu", 2, 2)).summary.changes).toBe(0);
  });

  it("answers an unknown organisation or version with a 404 code", async () => {
    await expect(loadPolicyVersions(t.ctx(), "nobody", 1, 2)).rejects.toMatchObject({ code: "organisation_not_found", status: 404 });
    await expect(loadPolicyVersions(t.ctx(), "exemplu", 1, 3)).rejects.toMatchObject({
      code: "version_not_found",
      status: 404,
      message: 'organisation "exemplu" has no policy version 3; versions 1 to 2 exist',
    });
    await expect(loadPolicyVersions(t.ctx(), "exemplu", 0, 1)).rejects.toMatchObject({ code: "invalid_version", status: 400 });
  });
});
