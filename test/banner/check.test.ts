import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.ts";
import { buildServer } from "../../src/http/server.ts";
import { formatReport, lintManifest } from "../../src/lint/index.ts";
import { backend, openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { loadObject } from "../helpers/manifests.ts";
import { applyObject, bannerManifest } from "./fixtures.ts";

const clock = fixedClock("2026-11-23T10:00:00Z");

/** One practice of the EDPB Cookie Banner Taskforce list, as a change to a compliant manifest. */
interface Case {
  name: string;
  change(m: Record<string, any>): void;
  rule: string;
  path: string;
  /** The practice the citation names; the existing rules cite the taskforce without one. */
  practice?: string;
}

const cases: Case[] = [
  { name: "no Reject on the first layer", change: (m) => (m.cookie_consent.reject_on_first_layer = false), rule: "cookie-banner-design", path: "cookie_consent.reject_on_first_layer" },
  { name: "Reject shown as a link", change: (m) => (m.cookie_consent.banner.reject_style = "link"), rule: "cookie-banner-deceptive-design", path: "cookie_consent.banner.reject_style", practice: "deceptive link design" },
  { name: "pre-ticked categories", change: (m) => (m.cookie_consent.pre_ticked = true), rule: "cookie-banner-design", path: "cookie_consent.pre_ticked" },
  { name: "analytics on legitimate interest", change: (m) => (m.cookies[1].legal_basis = "legitimate_interests"), rule: "cookies-without-consent", path: "cookies[1].legal_basis" },
  {
    name: "Accept and Reject in different colours",
    change: (m) => (m.cookie_consent.banner.colours = { accept: "#0b6e4f", reject: "#e5e7eb", reject_text: "#111827" }),
    rule: "cookie-banner-deceptive-design",
    path: "cookie_consent.banner.colours",
    practice: "deceptive button colours",
  },
  {
    name: "Reject text below 4.5:1",
    change: (m) => (m.cookie_consent.banner.colours = { reject_text: "#6b8ff0" }),
    rule: "cookie-banner-deceptive-design",
    path: "cookie_consent.banner.colours.reject_text",
    practice: "deceptive button contrast",
  },
  { name: "no re-open control", change: (m) => (m.cookie_consent.banner.reopen = false), rule: "cookie-banner-reopen-missing", path: "cookie_consent.banner.reopen", practice: "no withdraw icon" },
  {
    name: "a Google Analytics cookie classified as necessary",
    change: (m) => m.cookies.push({ name: "_gid", provider: "Google Ireland Ltd.", purpose: "Sesiune", lifetime: "P1D", category: "necessary", legal_basis: "strictly_necessary" }),
    rule: "cookie-necessary-misclassified",
    path: "cookies[4].category",
    practice: "inaccurately classified essential cookies",
  },
  { name: "browsing taken as consent", change: (m) => (m.cookie_consent = { method: "browsing" }), rule: "cookies-without-consent", path: "cookie_consent.method" },
  { name: "optional cookies with no banner stated", change: (m) => delete m.cookie_consent, rule: "cookie-banner-design", path: "cookies" },
];

describe(`EDPB Cookie Banner Taskforce checks (S0-08, S2-04) on ${backend}`, () => {
  let t: TestDatabase;
  let app: Awaited<ReturnType<typeof buildServer>>;

  beforeAll(async () => {
    t = await openTestDatabase();
    const ctx = t.ctx(clock);
    await applyObject(ctx, "compliant", bannerManifest());
    for (const [i, c] of cases.entries()) {
      const m = bannerManifest();
      c.change(m);
      await applyObject(ctx, `case-${i}`, m);
    }
    app = await buildServer({ ctx, database: t.database, version: "test" });
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it("serves the banner of a compliant policy", async () => {
    expect(lintManifest(loadObject(bannerManifest()), clock).findings).toEqual([]);
    const res = await app.inject({ method: "GET", url: "/o/compliant/banner.json" });
    expect(res.statusCode).toBe(200);
    expect(res.json().categories.map((c: { id: string }) => c.id)).toEqual(["necessary", "analytics", "marketing"]);
  });

  it.each(cases.map((c, i) => [c.name, i] as const))("refuses a banner with %s (409 banner_refused) and lint reports it with file:line:col", async (_name, i) => {
    const c = cases[i]!;
    const m = bannerManifest();
    c.change(m);
    const report = lintManifest(loadObject(m, `case-${i}.yaml`), clock);
    const found = report.findings.find((f) => f.rule === c.rule && f.path === c.path);
    expect(found, report.findings.map((f) => `${f.rule} ${f.path}`).join("; ")).toBeDefined();
    expect(found!.line).toBeGreaterThan(0);
    expect(found!.article).toContain("Law 506/2004 art. 4(5)");
    if (c.practice) expect(found!.article).toContain(`EDPB Cookie Banner Taskforce report of 17 January 2023 (${c.practice})`);
    expect(formatReport(report)).toContain(`case-${i}.yaml:${found!.line}:${found!.col}: ${found!.severity} [${c.rule}]`);

    for (const url of [`/o/case-${i}/banner.js`, `/o/case-${i}/banner.json`]) {
      const res = await app.inject({ method: "GET", url });
      expect(res.statusCode).toBe(409);
      const { error } = res.json();
      expect(error.code).toBe("banner_refused");
      expect(error.details.findings).toEqual(expect.arrayContaining([expect.objectContaining({ rule: c.rule, path: c.path, message: found!.message, line: found!.line })]));
    }
  });
});
