import { describe, expect, it } from "vitest";
import { cookiePurpose, needsReconsent, parseCookiePurpose, serviceIds } from "../../src/consent/index.ts";

describe("cookie purposes: a category, or one service in it", () => {
  it("reads cookie:<category> and cookie:<category>:<service>, and nothing deeper", () => {
    expect(parseCookiePurpose("cookie:analytics")).toEqual({ category: "analytics" });
    expect(parseCookiePurpose(cookiePurpose("analytics", "hotjar-ltd"))).toEqual({ category: "analytics", service: "hotjar-ltd" });
    expect(parseCookiePurpose("cookie:analytics:a:b")).toBeUndefined();
    expect(parseCookiePurpose("newsletter")).toBeUndefined();
  });

  it("names services by their provider's slug, numbered when two slug alike", () => {
    expect(serviceIds(["Google Ireland Ltd.", "Hotjar Ltd.", "Google Ireland Ltd"])).toEqual(["google-ireland-ltd", "hotjar-ltd", "google-ireland-ltd-2"]);
  });

  it("asks again for a service's consent when its category needs re-consent", () => {
    const since = new Map([["cookie:analytics", 3]]);
    expect(needsReconsent(since, "cookie:analytics:hotjar-ltd", "given", 2)).toBe(true);
    expect(needsReconsent(since, "cookie:analytics:hotjar-ltd", "given", 3)).toBe(false);
    expect(needsReconsent(since, "cookie:marketing:meta", "given", 1)).toBe(false);
  });
});
