import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalJson } from "../../src/audit/index.ts";
import { fixedClock } from "../../src/clock.ts";
import {
  changePreferences,
  consentHistory,
  currentConsent,
  preferenceLink,
  preferenceView,
  recordConsent,
  signingKey,
  signToken,
  verifyToken,
  withdrawConsent,
} from "../../src/consent/index.ts";
import type { Context } from "../../src/context.ts";
import { applyManifest, getOrganisation } from "../../src/organisations/index.ts";
import { backend, openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { cleanManifest, loadObject } from "../helpers/manifests.ts";
import { preferenceManifest } from "../helpers/preference-fixtures.ts";

const hash = createHash("sha256").update("banner text").digest("hex");

describe(`preference centre domain on ${backend}`, () => {
  let t: TestDatabase;
  let ctx: Context;
  const slug = "exemplu";

  const give = (consentId: string, purposes: string[], extra: { subjectRef?: string; method?: "form" | "banner_custom" } = {}) =>
    recordConsent(ctx, slug, { consentId, purposes, decision: "given", textHash: hash, language: "ro", method: extra.method ?? "form", subjectRef: extra.subjectRef, ip: "192.0.2.7", userAgent: "Browser/1" });
  const tokenFor = async (consentId: string, s = slug) => {
    const { tenant } = await getOrganisation(ctx, s);
    return signToken(await signingKey(ctx.db, tenant.tenantId), { kind: "preferences", consentId });
  };
  const rejection = (p: Promise<unknown>) => p.then(() => ({ code: "none", message: "", status: 0 }), (e: { code: string; message: string; status: number }) => e);

  beforeAll(async () => {
    t = await openTestDatabase();
    ctx = t.ctx(fixedClock("2026-11-23T10:00:00Z"));
    await applyManifest(ctx, loadObject(preferenceManifest()), { slug, appliedBy: "test" });
    await applyManifest(ctx, loadObject(cleanManifest()), { slug: "altceva", appliedBy: "test" });
  });
  afterAll(async () => t?.drop());

  it("lists every consent-based activity and optional consent-based cookie category, with the subject's decision, and a history without IP or browser", async () => {
    await give("visitor-1", ["newsletter", "cookie:analytics"], { method: "banner_custom" });
    const view = await preferenceView(ctx, slug, { consentId: "visitor-1" }, "ro");
    expect(view.policyVersion).toBe(1);
    expect(view.organisation).toEqual({ slug, name: "Exemplu S.R.L.", languages: ["ro", "sr", "sr-Cyrl", "en"] });
    // Not listed: the contract-based activity, the processor activity, necessary cookies and cookies claimed under legitimate interests.
    expect(view.purposes.map((p) => p.purpose)).toEqual(["newsletter", "location", "cookie:analytics"]);
    expect(view.purposes[0]).toMatchObject({
      kind: "activity",
      label: { text: "Newsletter și oferte" },
      description: { text: "Trimiterea de oferte prin e-mail" },
      decision: "given",
      decidedAt: new Date("2026-11-23T10:00:00Z"),
      policyVersion: 1,
      reconsentRequired: false,
    });
    expect(view.purposes[1]).toMatchObject({ purpose: "location", decision: null, decidedAt: null, reconsentRequired: false });
    expect(view.purposes[2]).toMatchObject({ kind: "cookie", label: { text: "Statistică" }, description: { text: "Numărarea vizitelor" }, cookies: [{ name: "_ga", provider: "Google" }, { name: "_gid", provider: "Google" }] });
    expect(view.history).toHaveLength(2);
    for (const entry of view.history) {
      expect(Object.keys(entry).sort()).toEqual(["decision", "label", "method", "policyVersion", "purpose", "recordedAt"]);
      expect(JSON.stringify(entry)).not.toMatch(/192\.0\.2|Browser\/1/);
    }
    expect(view.history[0]).toMatchObject({ purpose: "newsletter", decision: "given", method: "banner_custom", policyVersion: 1 });
  });

  it("names one service's decision (the banner's settings layer) in the history by its category and provider; an unknown service is refused", async () => {
    await give("visitor-svc", ["cookie:analytics:google"], { method: "banner_custom" });
    const view = await preferenceView(ctx, slug, { consentId: "visitor-svc" }, "ro");
    expect(view.history.map((h) => [h.purpose, h.label])).toEqual([["cookie:analytics:google", { text: "Statistică: Google" }]]);
    await expect(give("visitor-svc", ["cookie:analytics:hotjar"])).rejects.toMatchObject({ code: "unknown_purpose", status: 400 });
  });

  it("granting a cookie category grants the services the banner's settings layer had turned off in it, as the banner then runs them", async () => {
    await recordConsent(ctx, slug, { consentId: "visitor-svc2", purposes: ["cookie:analytics", "cookie:analytics:google"], decision: "refused", textHash: hash, language: "ro", method: "banner_custom" });
    const result = await changePreferences(ctx, slug, { consentId: "visitor-svc2" }, { language: "ro", choices: { "cookie:analytics": true } });
    expect(result.given).toEqual(["cookie:analytics", "cookie:analytics:google"]);
    const states = Object.fromEntries((await currentConsent(ctx, slug, "visitor-svc2")).map((s) => [s.purpose, s.decision]));
    expect(states).toEqual({ "cookie:analytics": "given", "cookie:analytics:google": "given" });
    // Already granted: a save that leaves the category on touches none of its services.
    await withdrawConsent(ctx, slug, "visitor-svc2", ["cookie:analytics:google"], "banner_custom");
    expect((await changePreferences(ctx, slug, { consentId: "visitor-svc2" }, { language: "ro", choices: { "cookie:analytics": true } })).given).toEqual([]);
  });

  it("words purposes with the notices' fallback: Serbian Latin written in Cyrillic, English marked as another language", async () => {
    const view = await preferenceView(ctx, slug, { consentId: "visitor-1" }, "sr-Cyrl");
    const [newsletter, location, analytics] = view.purposes;
    expect(newsletter!.label).toEqual({ text: "Билтен и понуде" });
    expect(newsletter!.description).toEqual({ text: "Слање понуда е-поштом" });
    expect(location!.label).toEqual({ text: "Nearby shops", lang: "en" });
    expect(analytics!.label).toEqual({ text: "Статистика" });
    expect((await preferenceView(ctx, slug, { consentId: "visitor-1" }, "en")).purposes[0]!.label).toEqual({ text: "Newsletter and offers" });
  });

  it("gives newly ticked purposes and withdraws unticked given ones, method preference_centre, with the hash of the texts shown", async () => {
    const result = await changePreferences(ctx, slug, { consentId: "visitor-1" }, { language: "ro", choices: { newsletter: false, location: true, "cookie:analytics": true }, ip: "198.51.100.9" });
    expect(result.given).toEqual(["location"]);
    expect(result.withdrawn).toEqual(["newsletter"]);
    const states = Object.fromEntries((await currentConsent(ctx, slug, "visitor-1")).map((s) => [s.purpose, s.decision]));
    expect(states).toEqual({ newsletter: "withdrawn", location: "given", "cookie:analytics": "given" });

    const records = (await consentHistory(ctx, slug, "visitor-1")).slice(-2);
    expect(records.map((r) => [r.purpose, r.decision, r.method])).toEqual([
      ["location", "given", "preference_centre"],
      ["newsletter", "withdrawn", "preference_centre"],
    ]);
    const shown = result.view.purposes.map((p) => ({ purpose: p.purpose, label: p.label.text, description: p.description.text, cookies: p.cookies }));
    const expected = createHash("sha256").update(canonicalJson({ policyVersion: 1, language: "ro", purposes: shown })).digest("hex");
    expect(records[0]!.textHash).toBe(expected);
    expect(records[0]!.ipTruncated).toBe("198.51.100.0/24");
    expect(result.view.history.at(-1)).toMatchObject({ purpose: "newsletter", decision: "withdrawn", method: "preference_centre" });

    // Nothing changed: nothing written.
    const again = await changePreferences(ctx, slug, { consentId: "visitor-1" }, { language: "ro", choices: { newsletter: false, location: true } });
    expect([again.given, again.withdrawn]).toEqual([[], []]);
    expect(await consentHistory(ctx, slug, "visitor-1")).toHaveLength(4);
  });

  it("writes every record of a change or none: a withdrawal that fails undoes the consent given in the same save", async () => {
    await give("visitor-2", ["newsletter"]);
    const before = await consentHistory(ctx, slug, "visitor-2");
    // A database fault on the second write of the save (the withdrawal comes after the consent).
    await t.database.executeSql(`create function registru_test_fail() returns trigger language plpgsql as $$ begin raise exception 'injected failure'; end $$`, []);
    await t.database.executeSql(`create trigger registru_test_fail before insert on consent_records for each row when (new.decision = 'withdrawn') execute function registru_test_fail()`, []);
    try {
      await expect(changePreferences(ctx, slug, { consentId: "visitor-2" }, { language: "ro", choices: { location: true, newsletter: false } })).rejects.toThrow();
    } finally {
      await t.database.executeSql(`drop trigger registru_test_fail on consent_records`, []);
      await t.database.executeSql(`drop function registru_test_fail()`, []);
    }
    expect(await consentHistory(ctx, slug, "visitor-2")).toEqual(before);
    expect((await currentConsent(ctx, slug, "visitor-2")).map((s) => [s.purpose, s.decision])).toEqual([["newsletter", "given"]]);
  });

  it("refuses a purpose the page does not list and a save under a policy version no longer in force, writing nothing", async () => {
    const count = (await consentHistory(ctx, slug, "visitor-2")).length;
    for (const purpose of ["orders", "client_webinars", "cookie:necessary", "cookie:marketing", "nope"]) {
      const e = await rejection(changePreferences(ctx, slug, { consentId: "visitor-2" }, { language: "ro", choices: { location: true, [purpose]: true } }));
      expect([purpose, e.code, e.status]).toEqual([purpose, "unknown_purpose", 400]);
    }
    const stale = await rejection(changePreferences(ctx, slug, { consentId: "visitor-2" }, { language: "ro", choices: { location: true }, policyVersion: 7 }));
    expect([stale.code, stale.status]).toEqual(["stale_policy_version", 409]);
    expect(await consentHistory(ctx, slug, "visitor-2")).toHaveLength(count);
  });

  it("a raw consent id opens only a subject nobody has named; a known person needs the signed link, and the answer gives no hint", async () => {
    await give("known-1", ["newsletter"], { subjectRef: "customer-42" });
    const known = await rejection(preferenceView(ctx, slug, { consentId: "known-1" }, "ro"));
    const nobody = await rejection(preferenceView(ctx, slug, { consentId: "never-seen" }, "ro"));
    expect(known).toMatchObject({ code: "consent_not_found", status: 404 });
    expect([nobody.code, nobody.status, nobody.message]).toEqual([known.code, known.status, known.message]);
    expect(known.message).not.toContain("known-1");
    const change = await rejection(changePreferences(ctx, slug, { consentId: "known-1" }, { language: "ro", choices: { newsletter: false } }));
    expect(change).toMatchObject({ code: "consent_not_found", status: 404 });

    const token = await tokenFor("known-1");
    const view = await preferenceView(ctx, slug, { token }, "ro");
    expect(view.purposes[0]).toMatchObject({ purpose: "newsletter", decision: "given" });
    // Records written through the link keep the person's reference, so the raw id stays closed.
    await changePreferences(ctx, slug, { token }, { language: "ro", choices: { location: true } });
    expect((await consentHistory(ctx, slug, "known-1")).map((r) => r.subjectRef)).toEqual(["customer-42", "customer-42"]);
    expect(await rejection(preferenceView(ctx, slug, { consentId: "known-1" }, "ro"))).toMatchObject({ code: "consent_not_found" });
  });

  it("refuses a forged, altered, other-organisation or unsubscribe-scoped token with 403 invalid_token", async () => {
    const token = await tokenFor("known-1");
    const { tenant } = await getOrganisation(ctx, slug);
    const unsubscribe = signToken(await signingKey(ctx.db, tenant.tenantId), { kind: "unsubscribe", consentId: "known-1", purpose: "newsletter" });
    const [body, sig] = token.split(".");
    const altered = `${Buffer.from(JSON.stringify(["p", "visitor-1"])).toString("base64url")}.${sig}`;
    for (const bad of [await tokenFor("known-1", "altceva"), unsubscribe, altered, `${body}.`, "garbage"]) {
      const e = await rejection(preferenceView(ctx, slug, { token: bad }, "ro"));
      expect([e.code, e.status]).toEqual(["invalid_token", 403]);
    }
  });

  it("flags a given consent for re-consent after a policy change that needs it, and a new tick gives it under the new version", async () => {
    await give("visitor-3", ["newsletter", "location"]);
    const v2 = preferenceManifest();
    v2.activities.find((a: { id: string }) => a.id === "newsletter").data.push("contact.phone");
    await applyManifest(ctx, loadObject(v2), { slug, appliedBy: "test" });
    const view = await preferenceView(ctx, slug, { consentId: "visitor-3" }, "en");
    expect(view.policyVersion).toBe(2);
    expect(view.purposes.map((p) => [p.purpose, p.decision, p.policyVersion, p.reconsentRequired])).toEqual([
      ["newsletter", "given", 1, true],
      ["location", "given", 1, false],
      ["cookie:analytics", null, null, false],
    ]);
    // Ticking the flagged purpose again is a new consent under version 2; the unchanged one is left alone.
    const result = await changePreferences(ctx, slug, { consentId: "visitor-3" }, { language: "en", choices: { newsletter: true, location: true }, policyVersion: 2 });
    expect(result.given).toEqual(["newsletter"]);
    expect(result.view.purposes[0]).toMatchObject({ decision: "given", policyVersion: 2, reconsentRequired: false });
    expect((await consentHistory(ctx, slug, "visitor-3")).at(-1)).toMatchObject({ purpose: "newsletter", decision: "given", policyVersion: 2, method: "preference_centre", language: "en" });
  });

  it("mints a signed link that opens the subject's preferences", async () => {
    const url = await preferenceLink(ctx, slug, "known-1", "https://registru.example", "sr");
    const parsed = new URL(url);
    expect(`${parsed.origin}${parsed.pathname}`).toBe("https://registru.example/o/exemplu/preferences");
    expect(parsed.searchParams.get("lang")).toBe("sr");
    const { tenant } = await getOrganisation(ctx, slug);
    expect(verifyToken(await signingKey(ctx.db, tenant.tenantId), parsed.searchParams.get("token")!)).toEqual({ kind: "preferences", consentId: "known-1" });
    expect((await preferenceView(ctx, slug, { token: parsed.searchParams.get("token")! }, "sr")).purposes[0]!.label.text).toBe("Bilten i ponude");
  });
});
