import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalJson } from "../../src/audit/index.ts";
import { bannerConfig, bannerTextHash, buildBannerConfig, CONSENT_COOKIE } from "../../src/banner/index.ts";
import { serviceSlug } from "../../src/consent/index.ts";
import type { BannerConfig, BannerLanguage } from "../../src/banner/index.ts";
import { fixedClock } from "../../src/clock.ts";
import { backend, openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { loadObject } from "../helpers/manifests.ts";
import { allLanguages, applyObject, bannerManifest, twoServiceManifest } from "./fixtures.ts";

const build = (m: Record<string, any>, over: Partial<{ version: number; revision: number; baseUrl: string }> = {}): BannerConfig =>
  buildBannerConfig({ slug: "exemplu", manifest: loadObject(m).manifest, version: 1, revision: 1, baseUrl: "https://registru.example", ...over });

describe("banner configuration", () => {
  const config = build(allLanguages(bannerManifest()));

  it("speaks Romanian, Serbian in both scripts and English, in the organisation's own words", () => {
    expect(config.languages).toEqual(["ro", "sr", "sr-Cyrl", "en"]);
    const { ro, sr, en } = config.texts;
    const cyrl = config.texts["sr-Cyrl"]!;
    expect(ro).toMatchObject({ title: "Cookie-uri pe acest site", acceptAll: "Accept toate", rejectAll: "Refuz toate", settings: "Setări" });
    expect(ro!.body).toContain("Exemplu S.R.L. folosește cookie-uri strict necesare");
    expect(ro!.body).toContain("cookie-uri pentru statistici de utilizare și publicitate");
    expect(sr).toMatchObject({ title: "Kolačići na ovoj internet stranici", acceptAll: "Prihvatam sve", rejectAll: "Odbijam sve" });
    expect(sr!.body).toContain("kolačiće za statistiku korišćenja i oglašavanje");
    expect(cyrl).toMatchObject({ title: "Колачићи на овој интернет страници", acceptAll: "Прихватам све", rejectAll: "Одбијам све" });
    // The organisation's name and foreign names stay as written in the Cyrillic text.
    expect(cyrl.body).toContain("Exemplu S.R.L. користи неопходне колачиће");
    expect(cyrl.gpc).toContain("Global Privacy Control");
    expect(en).toMatchObject({ title: "Cookies on this website", acceptAll: "Accept all", rejectAll: "Reject all" });
    expect(ro!.categories.analytics).toEqual({ title: "Statistică", description: "Ne arată cum este folosit site-ul, ca să-l putem îmbunătăți." });
    expect(ro!.noticeLink).toBe("Notă de informare privind prelucrarea datelor cu caracter personal");
  });

  it("groups cookies by category and provider, with lifetimes and purposes per language (falling back like the notice)", () => {
    expect(config.categories.map((c) => [c.id, c.purpose, c.necessary])).toEqual([
      ["necessary", "cookie:necessary", true],
      ["analytics", "cookie:analytics", false],
      ["marketing", "cookie:marketing", false],
    ]);
    const analytics = config.categories[1]!;
    expect(analytics.services).toHaveLength(1);
    expect(analytics.services[0]!.provider).toBe("Google Ireland Ltd.");
    const [ga, gaFamily] = analytics.services[0]!.cookies;
    expect(ga).toEqual({
      name: "_ga",
      lifetime: { ro: "13 luni", sr: "13 meseci", "sr-Cyrl": "13 месеци", en: "13 months" },
      purpose: { ro: "Statistici de utilizare", sr: "Statistika korišćenja", "sr-Cyrl": "Статистика коришћења", en: "Usage statistics" },
    });
    // No Serbian text in the manifest: English, not a transliteration of English.
    expect(gaFamily!.purpose).toMatchObject({ sr: "Statistics session state", "sr-Cyrl": "Statistics session state" });
    // The banner's own cookie is listed as strictly necessary, with the decision's lifetime.
    const own = config.categories[0]!.services.find((s) => s.provider === "Exemplu S.R.L.")!;
    expect(own.cookies.map((c) => c.name)).toEqual(["session", CONSENT_COOKIE]);
    expect(own.cookies[1]!.lifetime.ro).toBe("6 luni");
  });

  it("gives every service an id: its provider's name as a slug, unique within its category", () => {
    expect(config.categories.map((c) => [c.id, c.services.map((s) => s.id)])).toEqual([
      ["necessary", ["exemplu-s-r-l"]],
      ["analytics", ["google-ireland-ltd"]],
      ["marketing", ["meta-platforms-ireland-ltd"]],
    ]);
    expect(serviceSlug("Đorđević & Šimić d.o.o.")).toBe("djordjevic-simic-d-o-o");
    expect(serviceSlug("Яндекс")).toBe("service");
    const m = twoServiceManifest();
    const cookie = { purpose: "Statistici", lifetime: "P1Y", category: "analytics", legal_basis: "consent" };
    m.cookies.push({ ...cookie, name: "_x", provider: "Hotjar Ltd" }, { ...cookie, name: "_y", provider: "HOTJAR LTD." });
    expect(build(m).categories.find((c) => c.id === "analytics")!.services.map((s) => [s.id, s.provider])).toEqual([
      ["google-ireland-ltd", "Google Ireland Ltd."],
      ["hotjar-ltd", "Hotjar Ltd."],
      ["hotjar-ltd-2", "Hotjar Ltd"],
      ["hotjar-ltd-3", "HOTJAR LTD."],
    ]);
  });

  it("carries the style, Consent Mode map, asking period and notice links", () => {
    expect(config.style).toEqual({
      rejectStyle: "button",
      colours: { accept: "#1d4ed8", reject: "#1d4ed8", accept_text: "#ffffff", reject_text: "#ffffff", background: "#ffffff", text: "#1f2328" },
      position: "bottom",
      reopen: true,
    });
    expect(config.consentMode.signals).toEqual({
      analytics: ["analytics_storage"],
      marketing: ["ad_storage", "ad_user_data", "ad_personalization"],
      preferences: ["functionality_storage", "personalization_storage"],
    });
    expect(config.consentMode.alwaysGranted).toEqual(["security_storage"]);
    expect(config.askAgainAfterDays).toBe(180);
    expect(config.endpoint).toBe("https://registru.example/o/exemplu/consent-events");
    expect(config.noticeUrl["sr-Cyrl"]).toBe("https://registru.example/o/exemplu/privacy/sr-Cyrl.html");
    const m = bannerManifest();
    m.cookie_consent.banner = { ...m.cookie_consent.banner, ask_again_after: "P1Y", notice_url: "https://www.exemplu.ro/confidentialitate" };
    const other = build(m);
    expect(other.askAgainAfterDays).toBe(365);
    expect(other.noticeUrl).toEqual({ ro: "https://www.exemplu.ro/confidentialitate", en: "https://www.exemplu.ro/confidentialitate" });
    delete m.cookie_consent.banner.ask_again_after;
    expect(build(m).askAgainAfterDays).toBe(180);
  });

  it("hashes exactly what is shown in each language: stable, different per language, changed only where the text changed", () => {
    const hashes = config.textHashes;
    expect(build(allLanguages(bannerManifest()), { baseUrl: "http://elsewhere:8080", version: 7 }).textHashes).toEqual(hashes);
    expect(new Set(Object.values(hashes)).size).toBe(4);
    const lang: BannerLanguage = "ro";
    const shown = {
      texts: config.texts[lang],
      categories: config.categories.map((c) => ({
        id: c.id,
        necessary: c.necessary,
        services: c.services.map((s) => ({ provider: s.provider, cookies: s.cookies.map((k) => ({ name: k.name, lifetime: k.lifetime[lang], purpose: k.purpose[lang] })) })),
      })),
    };
    expect(hashes.ro).toBe(createHash("sha256").update(canonicalJson(shown)).digest("hex"));
    const reworded = allLanguages(bannerManifest());
    reworded.cookies[3].purpose.ro = "Publicitate personalizată";
    const after = build(reworded).textHashes;
    expect(after.ro).not.toBe(hashes.ro);
    expect(after.en).toBe(hashes.en);
    expect(bannerTextHash(loadObject(reworded).manifest, "ro")).toBe(after.ro);
  });
});

describe(`banner revision on ${backend}`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
  });
  afterAll(async () => t.drop());

  it("asks again after a policy version that adds a cookie needing consent, not after one that only edits the notice", async () => {
    const ctx = t.ctx(fixedClock("2026-11-23T10:00:00Z"));
    const m = bannerManifest();
    await applyObject(ctx, "exemplu", m);
    expect(await bannerConfig(ctx, "exemplu", "http://r")).toMatchObject({ version: 1, revision: 1 });

    m.cookies.push({ name: "_gcl_au", provider: "Google Ireland Ltd.", purpose: { ro: "Conversii", en: "Conversions" }, lifetime: "P3M", category: "marketing", legal_basis: "consent" });
    await applyObject(ctx, "exemplu", m);
    expect(await bannerConfig(ctx, "exemplu", "http://r")).toMatchObject({ version: 2, revision: 2 });

    m.document.edition = "1.1";
    await applyObject(ctx, "exemplu", m);
    expect(await bannerConfig(ctx, "exemplu", "http://r")).toMatchObject({ version: 3, revision: 2 });

    m.cookies.push({ name: "lang", provider: "Exemplu S.R.L.", purpose: "Limba aleasă", lifetime: "P1Y", category: "necessary", legal_basis: "strictly_necessary" });
    await applyObject(ctx, "exemplu", m);
    expect(await bannerConfig(ctx, "exemplu", "http://r")).toMatchObject({ version: 4, revision: 2 });
  });
});
