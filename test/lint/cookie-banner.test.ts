import { describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.ts";
import { lintManifest } from "../../src/lint/index.ts";
import { contrastRatio } from "../../src/lint/rules/cookies.ts";
import { bannerManifest } from "../banner/fixtures.ts";
import { loadObject } from "../helpers/manifests.ts";

const clock = fixedClock("2026-11-23T10:00:00Z");
const findings = (rule: string, change: (m: Record<string, any>) => void) => {
  const m = bannerManifest();
  change(m);
  return lintManifest(loadObject(m), clock).findings.filter((f) => f.rule === rule);
};

/** The EDPB Cookie Banner Taskforce rules; test/banner/check.test.ts proves each one refuses the banner. */
describe("cookie banner lint rules (EDPB Cookie Banner Taskforce)", () => {
  it("measures contrast as WCAG does", () => {
    expect(contrastRatio("#ffffff", "#000000")).toBeCloseTo(21, 5);
    expect(contrastRatio("#1d4ed8", "#ffffff")).toBeGreaterThan(4.5);
    expect(contrastRatio("#767676", "#ffffff")).toBeGreaterThan(4.5);
    expect(contrastRatio("#777777", "#ffffff")).toBeLessThan(4.5);
  });

  it("tells trackers from a site's own necessary cookies", () => {
    const necessary = (name: string) => {
      const m = bannerManifest();
      m.cookies.push({ name, provider: "X", purpose: "x", lifetime: "P1D", category: "necessary", legal_basis: "strictly_necessary" });
      return lintManifest(loadObject(m), clock).findings.filter((f) => f.rule === "cookie-necessary-misclassified").length;
    };
    expect([necessary("_ga_*"), necessary("_ga_ABC123"), necessary("fr"), necessary("_hjSessionUser_1"), necessary("li_sugr"), necessary("_gcl_au")]).toEqual([1, 1, 1, 1, 1, 1]);
    expect([necessary("from"), necessary("PHPSESSID"), necessary("csrftoken"), necessary("lang")]).toEqual([0, 0, 0, 0]);
  });

  it("cites the ZZPL for a Serbian organisation's banner", () => {
    const m = bannerManifest();
    m.organisation.country = m.organisation.jurisdiction = "RS";
    m.cookie_consent.banner.reopen = false;
    const [f] = lintManifest(loadObject(m), clock).findings.filter((x) => x.rule === "cookie-banner-reopen-missing");
    expect(f!.article).toContain("ZZPL čl. 15(3)");
    expect(f!.article).toContain("EDPB Cookie Banner Taskforce");
  });

  it("checks the default colours too when the manifest sets only one button's", () => {
    expect(findings("cookie-banner-deceptive-design", (m) => (m.cookie_consent.banner.colours = { accept: "#0b6e4f" }))).toEqual([
      expect.objectContaining({ severity: "error", path: "cookie_consent.banner.colours", message: "Accept (#0b6e4f) and Reject (#1d4ed8) have different colours" }),
    ]);
    expect(findings("cookie-banner-deceptive-design", (m) => (m.cookie_consent.banner.colours = { accept: "#0B6E4F", reject: "#0b6e4f" }))).toEqual([]);
  });

  it("says nothing about a banner's design when no optional cookie needs consent", () => {
    const onlyNecessary = (m: Record<string, any>) => {
      m.cookies = m.cookies.slice(0, 1);
      m.cookie_consent.banner = { reject_style: "link", reopen: false, colours: { accept: "#000000", reject: "#ffffff" } };
    };
    expect(findings("cookie-banner-deceptive-design", onlyNecessary)).toEqual([]);
    expect(findings("cookie-banner-reopen-missing", onlyNecessary)).toEqual([]);
  });
});
