import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAudit } from "../../src/audit/index.ts";
import { breachTimeline, createBreach, getBreach, listBreaches, notifyBreach, updateBreach } from "../../src/breaches/index.ts";
import { fixedClock } from "../../src/clock.ts";
import { applyManifest, getOrganisation } from "../../src/organisations/index.ts";
import { backend, openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { loadExample } from "../helpers/manifests.ts";
import { breachFixture } from "./fixtures.ts";

describe(`breach register on ${backend}`, () => {
  let t: TestDatabase;
  const at = (iso: string) => t.ctx(fixedClock(iso));
  const ctx = () => at("2026-11-20T12:00:00+02:00");

  beforeAll(async () => {
    t = await openTestDatabase();
    await applyManifest(t.ctx(), loadExample("eldrive"), { slug: "eldrive", appliedBy: "test" });
    await applyManifest(t.ctx(), loadExample("promedia"), { slug: "promedia", appliedBy: "test" });
  });
  afterAll(() => t.drop());

  it("S4-09 takes each eldrive processor's 48-hour window from its DPA in the policy in force", async () => {
    for (const processor of ["ampeco", "aws", "newsletter_platform", "payment_providers"]) {
      const e = await createBreach(ctx(), "eldrive", breachFixture({ reported_by_processor: { processor, processor_aware_at: "2026-11-19T08:00:00+02:00" } }), "dpo");
      expect(e.data.reported_by_processor).toMatchObject({ processor, window_hours: 48 });
      // The processor has not told the controller yet: its window (21 Nov 06:00Z) is due before the authority's (23 Nov 07:00Z).
      expect(e.dueAt?.toISOString()).toBe("2026-11-21T06:00:00.000Z");
    }
  });

  it("refuses a processor the policy does not name and a category outside the taxonomy, with the paths", async () => {
    const bad = breachFixture({ reported_by_processor: { processor: "mailchimp", processor_aware_at: "2026-11-19T08:00:00+02:00" } });
    await expect(createBreach(ctx(), "eldrive", bad, "dpo")).rejects.toMatchObject({
      code: "invalid_breach",
      status: 400,
      details: [{ path: "reported_by_processor.processor", message: expect.stringContaining("ampeco, aws") }],
    });
    await expect(createBreach(ctx(), "eldrive", breachFixture({ data_categories: ["contact.email", "contact.shoe_size"] }), "dpo")).rejects.toMatchObject({
      code: "invalid_breach",
      details: [{ path: "data_categories.1", message: expect.stringContaining("unknown data category") }],
    });
    await expect(createBreach(ctx(), "eldrive", breachFixture({ aware_at: "2026-11-20T09:00:00" }), "dpo")).rejects.toMatchObject({ details: [{ path: "aware_at" }] });
  });

  it("holds the decisions to the assessed risk: the authority unless no risk, the subjects when high unless an Art. 34(3) exception", async () => {
    const high = { likelihood: "significant", severity: "significant" } as const;
    const refuse = async (decisions: object, risk: object | null = high) =>
      (await createBreach(ctx(), "eldrive", breachFixture({ ...(risk && { risk }), decisions } as never), "dpo").catch((e) => e)).details;
    expect(await refuse({ notify_authority: { notify: false, reason: "small" } })).toEqual([
      { path: "decisions.notify_authority.notify", message: expect.stringContaining('assessed as "high": the authority must be notified (GDPR Art. 33(1))') },
    ]);
    expect(await refuse({ notify_subjects: { notify: false, reason: "too many" } })).toEqual([
      { path: "decisions.notify_subjects.exception", message: expect.stringContaining("GDPR Art. 34(1)") },
    ]);
    expect(await refuse({ notify_authority: { notify: true, reason: "risk" } }, null)).toEqual([{ path: "decisions", message: expect.stringContaining("assess the risk") }]);
    expect(await refuse({ notify_subjects: { notify: true, reason: "high" } }, {})).toEqual(expect.arrayContaining([expect.objectContaining({ path: "risk.likelihood" })]));

    const withException = await createBreach(ctx(), "eldrive", breachFixture({ risk: high, decisions: { notify_authority: { notify: true, reason: "high risk" }, notify_subjects: { notify: false, reason: "Data was encrypted with AES-256; key safe", exception: "protected_data" } } }), "dpo");
    expect(withException.status).toBe("open");
    const none = await createBreach(ctx(), "eldrive", breachFixture({ risk: { likelihood: "limited", severity: "negligible" }, decisions: { notify_authority: { notify: false, reason: "Only business contact data already public" } } }), "dpo");
    expect(none.dueAt).toBeNull();
    // The DPO overrides the matrix with a reason: the override is the level that counts.
    const overridden = breachFixture({ risk: { likelihood: "limited", severity: "limited", override: { level: "none", reason: "data was public already", by: "DPO" } }, decisions: { notify_authority: { notify: false, reason: "public data" } } });
    expect((await createBreach(ctx(), "eldrive", overridden, "dpo")).status).toBe("open");
  });

  it("S1-08 refuses a notification to the authority after 72 hours without the reasons for the delay, and accepts it with them", async () => {
    const e = await createBreach(ctx(), "eldrive", breachFixture({ aware_at: "2026-11-20T09:00:00+02:00" }), "dpo");
    const lateClock = at("2026-11-24T10:00:00+02:00");
    const body = { to: "authority", phase: "initial", channel: "online_form", at: "2026-11-23T09:00:01+02:00" };
    await expect(notifyBreach(lateClock, "eldrive", e.entryId, body, "dpo")).rejects.toMatchObject({ code: "delay_reason_required", status: 400, message: expect.stringContaining("GDPR Art. 33(1)") });
    expect((await getBreach(lateClock, "eldrive", e.entryId)).revision).toBe(1);
    expect((await breachTimeline(lateClock, "eldrive", e.entryId)).map((x) => x.kind)).toEqual(["created"]);

    const delay = { ro: "Incidentul a fost confirmat abia după analiza criminalistică a furnizorului.", en: "The incident was confirmed only after the provider's forensic analysis." };
    const { breach, event } = await notifyBreach(lateClock, "eldrive", e.entryId, { ...body, delay_reason: delay, reference: "ANSPDCP-2026-1234" }, "dpo");
    expect(breach).toMatchObject({ status: "notified", dueAt: null, data: { delay_reason: delay, notifications: [{ to: "authority", phase: "initial", late: true, reference: "ANSPDCP-2026-1234" }] } });
    expect(event).toMatchObject({ kind: "authority_notified", data: { late: true } });
    // The reasons stay: an edit cannot drop them once a late notification is on record.
    const { delay_reason: _d, ...withoutReason } = breachFixture({ aware_at: "2026-11-20T09:00:00+02:00" });
    await expect(updateBreach(lateClock, "eldrive", e.entryId, breach.revision, withoutReason, "dpo")).rejects.toMatchObject({ code: "invalid_breach", details: [{ path: "delay_reason" }] });
  });

  it("S1-08 accepts a notification at exactly the 72nd hour without a reason, and a late one when the entry already holds the reasons", async () => {
    const inTime = await createBreach(ctx(), "eldrive", breachFixture(), "dpo");
    const r = await notifyBreach(at("2026-11-23T09:00:00+02:00"), "eldrive", inTime.entryId, { to: "authority", phase: "initial", channel: "email" }, "dpo");
    expect(r.breach.data.notifications[0]).toMatchObject({ at: "2026-11-23T07:00:00.000Z", late: false });

    const reasoned = await createBreach(ctx(), "eldrive", breachFixture({ delay_reason: "Weekend staffing; the incident was confirmed on Monday" }), "dpo");
    const late = await notifyBreach(at("2026-11-25T09:00:00+02:00"), "eldrive", reasoned.entryId, { to: "authority", phase: "final", channel: "email" }, "dpo");
    expect(late.breach.data.notifications[0]).toMatchObject({ phase: "final", late: true });
  });

  it("records phased notifications (Art. 33(4)) and subject notifications in the timeline, in order", async () => {
    const e = await createBreach(ctx(), "promedia", breachFixture({ subject_categories: ["enquirers"] }), "dpo");
    const send = (iso: string, body: object) => notifyBreach(at(iso), "promedia", e.entryId, body, "dpo");
    await expect(send("2026-11-21T10:00:00+01:00", { to: "authority", phase: "follow_up", channel: "email" })).rejects.toMatchObject({ code: "initial_notification_missing", status: 400 });
    await send("2026-11-21T10:00:00+01:00", { to: "authority", phase: "initial", channel: "email", reference: "071-00-123/2026" });
    await expect(send("2026-11-21T11:00:00+01:00", { to: "authority", phase: "initial", channel: "email" })).rejects.toMatchObject({ code: "initial_already_sent", status: 409 });
    await send("2026-11-22T10:00:00+01:00", { to: "subjects", channel: "email", count: 412 });
    await send("2026-11-24T10:00:00+01:00", { to: "authority", phase: "follow_up", channel: "email" });
    await send("2026-11-30T10:00:00+01:00", { to: "authority", phase: "final", channel: "post" });
    await expect(send("2026-12-01T10:00:00+01:00", { to: "authority", phase: "follow_up", channel: "email" })).rejects.toMatchObject({ code: "notification_final", status: 409 });
    await expect(send("2026-11-21T10:00:00+01:00", { to: "subjects", channel: "email", count: 1, at: "2026-11-22T10:00:00+01:00" })).rejects.toMatchObject({ code: "notification_in_future" });
    await expect(send("2026-11-21T10:00:00+01:00", { to: "subjects", channel: "telegraph", count: 1 })).rejects.toMatchObject({ code: "invalid_notification", details: [{ path: "channel" }] });

    const timeline = await breachTimeline(ctx(), "promedia", e.entryId);
    const notified = timeline.filter((x) => x.kind.endsWith("_notified"));
    expect(notified.map((x) => [x.kind, (x.data as { phase?: string }).phase ?? (x.data as { count: number }).count])).toEqual([
      ["authority_notified", "initial"],
      ["subjects_notified", 412],
      ["authority_notified", "follow_up"],
      ["authority_notified", "final"],
    ]);
    expect(notified.map((x) => x.at.toISOString())).toEqual(["2026-11-21T09:00:00.000Z", "2026-11-22T09:00:00.000Z", "2026-11-24T09:00:00.000Z", "2026-11-30T09:00:00.000Z"]);
    const stored = await getBreach(ctx(), "promedia", e.entryId);
    expect(stored.data.jurisdiction).toBe("RS");
    expect(stored.data.notifications).toHaveLength(4);
  });

  it("closes an entry by an edit with the revision read, keeps its notifications, and refuses a stale revision with 409", async () => {
    const e = await createBreach(ctx(), "eldrive", breachFixture(), "dpo");
    const n = await notifyBreach(at("2026-11-21T09:00:00+02:00"), "eldrive", e.entryId, { to: "authority", phase: "final", channel: "email" }, "dpo");
    const closed = await updateBreach(at("2026-12-01T09:00:00+02:00"), "eldrive", e.entryId, n.breach.revision, breachFixture({ closed_at: "2026-12-01T09:00:00+02:00" }), "dpo");
    expect(closed).toMatchObject({ status: "closed", dueAt: null, data: { notifications: [{ phase: "final" }] } });
    await expect(updateBreach(ctx(), "eldrive", e.entryId, n.breach.revision, breachFixture(), "dpo")).rejects.toMatchObject({ code: "revision_conflict", status: 409 });
    await expect(notifyBreach(ctx(), "eldrive", e.entryId, { to: "subjects", channel: "email", count: 3 }, "dpo")).rejects.toMatchObject({ code: "breach_closed", status: 409 });
    await expect(getBreach(ctx(), "eldrive", "breach-2026-999")).rejects.toMatchObject({ code: "breach_not_found", status: 404 });
  });

  it("lists the nearest open deadline first and audits every change in an intact chain", async () => {
    const list = await listBreaches(ctx(), "eldrive");
    const due = list.map((e) => e.dueAt?.getTime() ?? Infinity);
    expect(due).toEqual([...due].sort((a, b) => a - b));
    expect(list.at(-1)?.dueAt).toBeNull();
    const { tenant } = await getOrganisation(ctx(), "eldrive");
    expect(await verifyAudit(t.database.db, tenant.tenantId)).toMatchObject({ ok: true });
  });
});
