import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAudit } from "../../src/audit/index.ts";
import { fixedClock } from "../../src/clock.ts";
import {
  consentHistory,
  currentConsent,
  exportConsentReceipt,
  recordConsent,
  truncateIp,
  verifyConsentLedger,
  withdrawConsent,
  type ConsentInput,
} from "../../src/consent/index.ts";
import { applyManifest, getOrganisation } from "../../src/organisations/index.ts";
import { backend, openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { loadObject, newsletterManifest } from "../helpers/manifests.ts";

const textHash = createHash("sha256").update("Vrei să primești newsletterul nostru?").digest("hex");

const consentManifest = (jurisdiction = "RO") => newsletterManifest({ jurisdiction, expires: "P1Y" });

const given = (over: Partial<ConsentInput> = {}): ConsentInput => ({
  consentId: "c-1",
  purposes: ["newsletter"],
  decision: "given",
  textHash,
  language: "ro",
  method: "banner_custom",
  ...over,
});

describe(`consent ledger on ${backend}`, () => {
  let t: TestDatabase;
  const count = async (slug: string) => {
    const { tenant } = await getOrganisation(t.ctx(), slug);
    const { rows } = await t.database.executeSql("select count(*)::int as n from consent_records where tenant_id = $1", [tenant.tenantId]);
    return rows[0]!.n as number;
  };

  beforeAll(async () => {
    t = await openTestDatabase();
    await applyManifest(t.ctx(), loadObject(consentManifest("RO")), { slug: "ro-org", appliedBy: "test" });
    await applyManifest(t.ctx(), loadObject(consentManifest("RS")), { slug: "rs-org", appliedBy: "test" });
  });
  afterAll(() => t.drop());

  it("records a decision with the policy version in force, a validity from the manifest and a truncated IP", async () => {
    const [r] = await recordConsent(t.ctx(), "ro-org", given({ ip: "203.0.113.77", userAgent: "Firefox" }));
    expect(r).toMatchObject({
      seq: 1,
      consentId: "c-1",
      purpose: "newsletter",
      decision: "given",
      legalBasis: "consent",
      policyVersion: 1,
      jurisdiction: "RO",
      ipTruncated: "203.0.113.0/24",
      recordedAt: new Date("2026-11-23T10:00:00Z"),
      validUntil: new Date("2027-11-23T10:00:00Z"),
    });
    expect(await currentConsent(t.ctx(), "ro-org", "c-1")).toEqual([
      expect.objectContaining({ purpose: "newsletter", decision: "given", policyVersion: 1 }),
    ]);
  });

  it("truncates IPv4 to /24 and IPv6 to /48, and never stores the full address", async () => {
    expect(truncateIp("192.168.10.200")).toBe("192.168.10.0/24");
    expect(truncateIp("2001:db8:abcd:12::1")).toBe("2001:db8:abcd::/48");
    expect(truncateIp("2001:db8::1")).toBe("2001:db8:0::/48");
    expect(truncateIp("::ffff:198.51.100.9")).toBe("198.51.100.0/24");
    const [r] = await recordConsent(t.ctx(), "ro-org", given({ consentId: "c-ip", ip: "2001:db8:abcd:12::1" }));
    expect(r!.ipTruncated).toBe("2001:db8:abcd::/48");
    const { rows } = await t.database.executeSql("select count(*)::int as n from consent_records where ip_truncated like '%12::1%'", []);
    expect(rows[0]!.n).toBe(0);
  });

  it("reads a given consent past its validity as expired, by the injected clock", async () => {
    const later = t.ctx(fixedClock("2027-11-23T10:00:01Z"));
    expect(await currentConsent(later, "ro-org", "c-1")).toEqual([expect.objectContaining({ decision: "expired" })]);
    const before = t.ctx(fixedClock("2027-11-23T09:59:59Z"));
    expect(await currentConsent(before, "ro-org", "c-1")).toEqual([expect.objectContaining({ decision: "given" })]);
  });

  it("S4-11: withdraws marketing consent by the unsubscribe link, recorded as such, and keeps the history", async () => {
    const ctx = t.ctx(fixedClock("2026-12-01T08:00:00Z"));
    const [w] = await withdrawConsent(ctx, "ro-org", "c-1", ["newsletter"], "unsubscribe_link");
    expect(w).toMatchObject({ decision: "withdrawn", method: "unsubscribe_link", textHash, policyVersion: 1, validUntil: null });
    expect(await currentConsent(ctx, "ro-org", "c-1")).toEqual([expect.objectContaining({ decision: "withdrawn" })]);
    const history = await consentHistory(ctx, "ro-org", "c-1");
    expect(history.map((r) => [r.decision, r.method])).toEqual([
      ["given", "banner_custom"],
      ["withdrawn", "unsubscribe_link"],
    ]);
  });

  it("puts every consent event on the audit trail in the same transaction", async () => {
    const { tenant } = await getOrganisation(t.ctx(), "ro-org");
    const { rows } = await t.database.executeSql(
      "select action, entity_id from audit_events where tenant_id = $1 and entity = 'consent' order by seq",
      [tenant.tenantId],
    );
    expect(rows).toEqual([
      { action: "consent.given", entity_id: "c-1" },
      { action: "consent.given", entity_id: "c-ip" },
      { action: "consent.withdrawn", entity_id: "c-1" },
    ]);
    expect(await verifyAudit(t.ctx().db, tenant.tenantId)).toMatchObject({ ok: true });
  });

  it("rejects an unknown or non-consent purpose with a stable code and writes nothing", async () => {
    const before = await count("ro-org");
    await expect(recordConsent(t.ctx(), "ro-org", given({ purposes: ["newsletter", "nope"] }))).rejects.toMatchObject({ code: "unknown_purpose" });
    await expect(recordConsent(t.ctx(), "ro-org", given({ purposes: ["newsletter", "orders"] }))).rejects.toMatchObject({
      code: "purpose_not_consent_based",
    });
    await expect(recordConsent(t.ctx(), "ro-org", given({ textHash: "not-a-hash" }))).rejects.toMatchObject({ code: "invalid_consent", status: 400 });
    await expect(recordConsent(t.ctx(), "ro-org", given({ consentId: "c-\u0000" }))).rejects.toMatchObject({ code: "invalid_consent", status: 400 });
    await expect(recordConsent(t.ctx(), "ro-org", given({ policyVersion: 7 }))).rejects.toMatchObject({ code: "stale_policy_version" });
    await expect(recordConsent(t.ctx(), "ro-org", given({ method: "staff_entry" }))).rejects.toMatchObject({ code: "collector_required" });
    await expect(withdrawConsent(t.ctx(), "ro-org", "c-1", ["newsletter", "never"], "form")).rejects.toMatchObject({ code: "consent_not_found" });
    expect(await count("ro-org")).toBe(before);
  });

  it("S0-04: in Romania a 15-year-old's consent needs a guardian (age 16), and is recorded with who gave it", async () => {
    const before = await count("ro-org");
    await expect(recordConsent(t.ctx(), "ro-org", given({ consentId: "minor", age: 15 }))).rejects.toMatchObject({ code: "guardian_required" });
    expect(await count("ro-org")).toBe(before);
    const [r] = await recordConsent(t.ctx(), "ro-org", given({ consentId: "minor", age: 15, guardian: "mother", method: "staff_entry", collectedBy: "desk-2" }));
    expect(r).toMatchObject({ guardian: "mother", collectedBy: "desk-2", method: "staff_entry" });
    const receipt = await exportConsentReceipt(t.ctx(), "ro-org", "minor");
    expect(receipt.records[0]).toMatchObject({ given_by: { kind: "guardian", name: "mother" }, collected_by: "desk-2", method: "staff_entry" });
    await expect(recordConsent(t.ctx(), "ro-org", given({ consentId: "adult", age: 16 }))).resolves.toHaveLength(1);
  });

  it("S1-02: in Serbia the age is 15, so a 15-year-old consents alone and a 14-year-old needs a guardian", async () => {
    await expect(recordConsent(t.ctx(), "rs-org", given({ consentId: "rs-15", age: 15, language: "sr" }))).resolves.toHaveLength(1);
    await expect(recordConsent(t.ctx(), "rs-org", given({ consentId: "rs-14", age: 14, language: "sr" }))).rejects.toMatchObject({
      code: "guardian_required",
    });
    const [r] = await recordConsent(t.ctx(), "rs-org", given({ consentId: "rs-14", age: 14, language: "sr", guardian: "otac" }));
    expect(r).toMatchObject({ jurisdiction: "RS", guardian: "otac" });
    const receipt = await exportConsentReceipt(t.ctx(), "rs-org", "rs-14");
    expect(receipt.records[0]).toMatchObject({ jurisdiction: "RS", given_by: { kind: "guardian", name: "otac" } });
  });

  it("exports a subject's records as an ISO/IEC TS 27560-shaped receipt", async () => {
    const receipt = await exportConsentReceipt(t.ctx(), "ro-org", "c-1");
    expect(receipt).toMatchObject({
      schema_version: "registru-consent-receipt/2",
      controller: { name: "Exemplu S.R.L.", contact: "office@exemplu.ro" },
      subject: { id: "c-1" },
      notice: { version: 1, text_hash: textHash, language: "ro" },
      records: [
        {
          purpose: "newsletter",
          legal_basis: "consent",
          decision: "given",
          method: "banner_custom",
          timestamp: "2026-11-23T10:00:00.000Z",
          expiry: "2027-11-23T10:00:00.000Z",
          jurisdiction: "RO",
          notice: { version: 1, text_hash: textHash, language: "ro" },
          given_by: { kind: "subject", name: null },
          collected_by: null,
        },
        { purpose: "newsletter", decision: "withdrawn", method: "unsubscribe_link", expiry: null, given_by: { kind: "subject", name: null } },
      ],
    });
    // Each entry names its place in the organisation's chain, and the receipt is cut at the last.
    const ledger = await consentHistory(t.ctx(), "ro-org", "c-1");
    expect(receipt.records.map((r) => r.integrity)).toEqual(ledger.map((r) => ({ seq: r.seq, prev_hash: r.prevHash, hash: r.hash })));
    expect(receipt.receipt_id).toBe(ledger.at(-1)!.hash);
    await expect(exportConsentReceipt(t.ctx(), "ro-org", "nobody")).rejects.toMatchObject({ code: "consent_not_found", status: 404 });
  });

  describe("verify detects tampering", () => {
    const slug = "tamper";
    let tenantId: string;
    beforeAll(async () => {
      await applyManifest(t.ctx(), loadObject(consentManifest("RO")), { slug, appliedBy: "test" });
      tenantId = (await getOrganisation(t.ctx(), slug)).tenant.tenantId;
    });
    const seed = async (n: number) => {
      await t.database.executeSql("delete from consent_records where tenant_id = $1", [tenantId]);
      await t.database.executeSql("delete from consent_state where tenant_id = $1", [tenantId]);
      await t.database.executeSql("update tenants set consent_seq = 0, consent_hash = null where tenant_id = $1", [tenantId]);
      for (let i = 1; i <= n; i++) await recordConsent(t.ctx(), slug, given({ consentId: `s-${i}` }));
      expect(await verifyConsentLedger(t.ctx(), slug)).toEqual({ ok: true, count: n });
    };

    it("an edited row", async () => {
      await seed(4);
      await t.database.executeSql("update consent_records set decision = 'refused' where tenant_id = $1 and seq = 2", [tenantId]);
      expect(await verifyConsentLedger(t.ctx(), slug)).toEqual({ ok: false, brokenAt: 2 });
    });

    it("a deleted last row", async () => {
      await seed(4);
      await t.database.executeSql("delete from consent_records where tenant_id = $1 and seq = 4", [tenantId]);
      expect(await verifyConsentLedger(t.ctx(), slug)).toEqual({ ok: false, brokenAt: 4 });
    });

    it("a deleted middle row", async () => {
      await seed(4);
      await t.database.executeSql("delete from consent_records where tenant_id = $1 and seq = 2", [tenantId]);
      expect(await verifyConsentLedger(t.ctx(), slug)).toEqual({ ok: false, brokenAt: 2 });
    });

    it("a current-state row edited beside an intact chain: lookups answer from it", async () => {
      await seed(4);
      await t.database.executeSql("update consent_state set decision = 'refused' where tenant_id = $1 and consent_id = 's-3'", [tenantId]);
      expect(await verifyConsentLedger(t.ctx(), slug)).toEqual({ ok: false, count: 4, mismatches: 1, firstSeq: 3 });
    });

    it("a current-state row deleted, or one without any record", async () => {
      await seed(2);
      await t.database.executeSql("delete from consent_state where tenant_id = $1 and consent_id = 's-2'", [tenantId]);
      await t.database.executeSql(
        "insert into consent_state select tenant_id, 'ghost', purpose, 'given', policy_version, 99, recorded_at, valid_until from consent_state where tenant_id = $1 and consent_id = 's-1'",
        [tenantId],
      );
      expect(await verifyConsentLedger(t.ctx(), slug)).toEqual({ ok: false, count: 2, mismatches: 2, firstSeq: 2 });
    });

    it("an inserted row with a recomputed-looking hash", async () => {
      await seed(2);
      await t.database.executeSql(
        `insert into consent_records select tenant_id, 3, consent_id, subject_ref, purpose, 'refused', legal_basis, policy_version, text_hash,
           language, jurisdiction, method, collected_by, guardian, recorded_at, valid_until, ip_truncated, user_agent, hash, hash
           from consent_records where tenant_id = $1 and seq = 2`,
        [tenantId],
      );
      expect(await verifyConsentLedger(t.ctx(), slug)).toEqual({ ok: false, brokenAt: 3 });
    });
  });

  it("serialises concurrent writers into one unbroken chain", async () => {
    await Promise.all([1, 2, 3, 4, 5].map((i) => recordConsent(t.ctx(), "rs-org", given({ consentId: `p-${i}`, language: "sr" }))));
    expect(await verifyConsentLedger(t.ctx(), "rs-org")).toEqual({ ok: true, count: 7 });
  });
});
