import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.ts";
import {
  acceptNotice,
  consentHistory,
  currentConsent,
  expireConsents,
  noticeAcceptance,
  recordConsent,
  verifyConsentLedger,
} from "../../src/consent/index.ts";
import { applyManifest } from "../../src/organisations/index.ts";
import { backend, openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { loadExample, loadObject, newsletterManifest } from "../helpers/manifests.ts";

const textHash = createHash("sha256").update("Newsletter").digest("hex");

const yearlyNewsletter = (activity: Record<string, unknown> = {}) => newsletterManifest({ expires: "P1Y", activity });

describe(`consent lifecycle on ${backend}: re-consent, expiry, notice acceptance`, () => {
  let t: TestDatabase;
  const at = (iso: string) => t.ctx(fixedClock(iso));
  const give = (slug: string, consentId: string, iso = "2026-11-23T10:00:00Z") =>
    recordConsent(at(iso), slug, { consentId, purposes: ["newsletter"], decision: "given", textHash, language: "ro", method: "form" });

  beforeAll(async () => {
    t = await openTestDatabase();
  });
  afterAll(() => t.drop());

  it("asks for consent again after a policy change adds a recipient, not after a notice-only change", async () => {
    await applyManifest(t.ctx(), loadObject(yearlyNewsletter()), { slug: "shop", appliedBy: "test" });
    await give("shop", "r-1");
    const edited = yearlyNewsletter();
    edited.document.edition = "1.1";
    await applyManifest(t.ctx(), loadObject(edited), { slug: "shop", appliedBy: "test" });
    expect((await currentConsent(t.ctx(), "shop", "r-1"))[0]).toMatchObject({ decision: "given", policyVersion: 1, reconsentRequired: false });

    await applyManifest(t.ctx(), loadObject(yearlyNewsletter({ recipients: ["courier"] })), { slug: "shop", appliedBy: "test" });
    expect((await currentConsent(t.ctx(), "shop", "r-1"))[0]).toMatchObject({ decision: "given", policyVersion: 1, reconsentRequired: true });

    await give("shop", "r-1", "2026-11-24T10:00:00Z");
    expect((await currentConsent(t.ctx(), "shop", "r-1"))[0]).toMatchObject({ decision: "given", policyVersion: 3, reconsentRequired: false });
  });

  it("writes an expired record on the day the consent's validity ends, once, and the chain still verifies", async () => {
    await applyManifest(t.ctx(), loadObject(yearlyNewsletter()), { slug: "expiring", appliedBy: "test" });
    const [given] = await give("expiring", "e-1");
    expect(given!.validUntil?.toISOString().slice(0, 10)).toBe("2027-11-23");
    expect(await expireConsents(at("2027-11-22T12:00:00Z"))).toBe(0);
    const expired = await expireConsents(at("2027-11-24T12:00:00Z"));
    expect(expired).toBeGreaterThanOrEqual(1);
    expect(await expireConsents(at("2027-11-25T12:00:00Z"))).toBe(0);
    const history = await consentHistory(t.ctx(), "expiring", "e-1");
    expect(history.map((r) => [r.decision, r.collectedBy])).toEqual([
      ["given", null],
      ["expired", "registru:consent-expiry"],
    ]);
    expect((await currentConsent(at("2027-11-25T12:00:00Z"), "expiring", "e-1"))[0]!.decision).toBe("expired");
    expect(await verifyConsentLedger(t.ctx(), "expiring")).toMatchObject({ ok: true });
  });

  it("S4-03 records which notice version a user accepted before registering, with the hash of the exact text", async () => {
    await applyManifest(t.ctx(), loadExample("eldrive"), { slug: "eldrive", appliedBy: "test" });
    expect(await noticeAcceptance(t.ctx(), "eldrive", "u-1")).toMatchObject({ current: false, policyVersion: 1, accepted: null });
    const row = await acceptNotice(t.ctx(), "eldrive", { consentId: "u-1", subjectRef: "account-42", language: "ro", method: "app_registration", ip: "10.1.2.3" });
    expect(row).toMatchObject({ purpose: "notice", decision: "given", legalBasis: "information", policyVersion: 1, language: "ro", method: "app_registration", ipTruncated: "10.1.2.0/24" });
    expect(row.textHash).toMatch(/^[0-9a-f]{64}$/);
    const en = await acceptNotice(t.ctx(), "eldrive", { consentId: "u-2", language: "en", method: "app_registration" });
    expect(en.textHash).not.toBe(row.textHash);
    expect(await noticeAcceptance(t.ctx(), "eldrive", "u-1")).toMatchObject({ current: true, accepted: { policyVersion: 1, language: "ro" } });
  });

  it("S4-03 an explicit-acceptance policy needs the new version accepted again after a change", async () => {
    const changed = loadExample("eldrive");
    (changed.manifest.document ??= {}).edition = "changed";
    await applyManifest(t.ctx(), changed, { slug: "eldrive", appliedBy: "test" });
    expect(await noticeAcceptance(t.ctx(), "eldrive", "u-1")).toMatchObject({ current: false, policyVersion: 2, accepted: { policyVersion: 1 } });
    await acceptNotice(t.ctx(), "eldrive", { consentId: "u-1", language: "ro", method: "app_registration" });
    expect(await noticeAcceptance(t.ctx(), "eldrive", "u-1")).toMatchObject({ current: true, accepted: { policyVersion: 2 } });
  });

  it("S0-04 a 15-year-old registers in Romania only with a parent's or guardian's acceptance, recorded with who gave it", async () => {
    const history = async (id: string) => (await consentHistory(t.ctx(), "eldrive", id)).length;
    await expect(acceptNotice(t.ctx(), "eldrive", { consentId: "child-1", language: "ro", method: "app_registration", age: 15 })).rejects.toMatchObject({
      code: "guardian_required",
      status: 400,
    });
    expect(await history("child-1")).toBe(0);
    const row = await acceptNotice(t.ctx(), "eldrive", { consentId: "child-1", language: "ro", method: "app_registration", age: 15, guardian: "mama, Ioana P." });
    expect(row).toMatchObject({ purpose: "notice", guardian: "mama, Ioana P." });
    // At 16, the Romanian age, no guardian is asked for.
    await expect(acceptNotice(t.ctx(), "eldrive", { consentId: "teen-16", language: "ro", method: "app_registration", age: 16 })).resolves.toMatchObject({ guardian: null });
  });

  it("refuses a staff entry without the collector and an unknown language", async () => {
    await expect(acceptNotice(t.ctx(), "eldrive", { consentId: "u-3", language: "ro", method: "staff_entry" })).rejects.toMatchObject({ code: "collector_required" });
    await expect(acceptNotice(t.ctx(), "eldrive", { consentId: "u-3", language: "de" as "ro", method: "form" })).rejects.toMatchObject({ code: "invalid_notice_acceptance" });
  });
});
