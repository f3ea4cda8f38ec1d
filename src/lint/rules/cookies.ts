import type { LintRule, RawFinding } from "../types.ts";
import { cookieLaw } from "./citations.ts";
import { finding } from "./finding.ts";

const noConsentMethods = new Set(["browsing", "continued_use", "browser_settings", "none"]);

/** S0-08, S2-04: only strictly necessary cookies are exempt from prior consent. */
export const cookiesWithoutConsent: LintRule = {
  id: "cookies-without-consent",
  check: ({ manifest, law }) => {
    const article = cookieLaw(law);
    const cookies = manifest.cookies ?? [];
    const perCookie = cookies.flatMap((c, i): RawFinding[] =>
      c.category !== "necessary" && c.legal_basis !== "consent"
        ? [finding(
            "error",
            article,
            ["cookies", i, "legal_basis"],
            `${c.category} cookie "${c.name}" is set on ${c.legal_basis.replaceAll("_", " ")} instead of consent`,
            "set legal_basis: consent and block the cookie until the visitor accepts its category",
          )]
        : [],
    );
    const optional = cookies.some((c) => c.category !== "necessary");
    const method = manifest.cookie_consent?.method;
    const banner: RawFinding[] =
      optional && method && noConsentMethods.has(method)
        ? [finding(
            "error",
            article,
            ["cookie_consent", "method"],
            `cookies other than strictly necessary are accepted by "${method.replaceAll("_", " ")}": that is not consent`,
            "use a banner with Accept and Reject on the first layer; nothing non-essential before a click",
          )]
        : [];
    return [...perCookie, ...banner];
  },
};

/** EDPB Cookie Banner Taskforce report (Jan 2023): reject on the first layer, no pre-ticked boxes. */
export const cookieBannerDesign: LintRule = {
  id: "cookie-banner-design",
  check: ({ manifest, law }) => {
    const cc = manifest.cookie_consent;
    const article = law.code === "RS" ? cookieLaw(law) : `${cookieLaw(law)}; EDPB Cookie Banner Taskforce 2023`;
    const optional = (manifest.cookies ?? []).some((c) => c.category !== "necessary");
    if (!optional) return [];
    if (!cc) {
      return [finding(
        "warning",
        article,
        ["cookies"],
        "the manifest lists optional cookies but not how consent to them is collected",
        "add cookie_consent: { method: banner, reject_on_first_layer: true }",
      )];
    }
    const findings: RawFinding[] = [];
    if (cc.method === "banner" && cc.reject_on_first_layer === false) {
      findings.push(finding(
        "error",
        article,
        ["cookie_consent", "reject_on_first_layer"],
        "the banner has no Reject on its first layer",
        "offer Reject all next to Accept all, with equal weight",
      ));
    }
    if (cc.pre_ticked) {
      findings.push(finding(
        "error",
        article,
        ["cookie_consent", "pre_ticked"],
        "optional cookie categories are pre-ticked",
        "leave every optional category unticked",
      ));
    }
    return findings;
  },
};

/** Planet49 (C-673/17, para. 81): the information given must include how long cookies last. */
export const cookieLifetimeMissing: LintRule = {
  id: "cookie-lifetime-missing",
  check: ({ manifest, cite }) =>
    (manifest.cookies ?? []).flatMap((c, i): RawFinding[] =>
      c.lifetime
        ? []
        : [finding(
            "warning",
            cite("GDPR Art. 13(2)(a); CJEU C-673/17 Planet49", "ZZPL čl. 23(2)(1)"),
            ["cookies", i],
            `how long cookie "${c.name}" lasts is not stated`,
            "add lifetime: session or an ISO duration such as P13M",
          )],
    ),
};

export const cookieRules = [cookiesWithoutConsent, cookieBannerDesign, cookieLifetimeMissing];
