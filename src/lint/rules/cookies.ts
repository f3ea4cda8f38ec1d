import type { LintRule, RawFinding } from "../types.ts";

const cookieLaw = "Law 506/2004 art. 4(5); Directive 2002/58 art. 5(3); CJEU C-673/17 Planet49";
const cookieLawRs = "ZZPL čl. 12(1)(1), 15; Zakon o elektronskim komunikacijama (storing information on terminal equipment)";
const noConsentMethods = new Set(["browsing", "continued_use", "browser_settings", "none"]);

/** S0-08, S2-04: only strictly necessary cookies are exempt from prior consent. */
export const cookiesWithoutConsent: LintRule = {
  id: "cookies-without-consent",
  check: ({ manifest, cite }) => {
    const article = cite(cookieLaw, cookieLawRs);
    const cookies = manifest.cookies ?? [];
    const perCookie = cookies.flatMap((c, i): RawFinding[] =>
      c.category !== "necessary" && c.legal_basis !== "consent"
        ? [{ severity: "error", article, path: ["cookies", i, "legal_basis"], message: `${c.category} cookie "${c.name}" is set on ${c.legal_basis.replaceAll("_", " ")} instead of consent`, hint: "set legal_basis: consent and block the cookie until the visitor accepts its category" }]
        : [],
    );
    const optional = cookies.some((c) => c.category !== "necessary");
    const method = manifest.cookie_consent?.method;
    const banner: RawFinding[] =
      optional && method && noConsentMethods.has(method)
        ? [{ severity: "error", article, path: ["cookie_consent", "method"], message: `cookies other than strictly necessary are accepted by "${method.replaceAll("_", " ")}": that is not consent`, hint: "use a banner with Accept and Reject on the first layer; nothing non-essential before a click" }]
        : [];
    return [...perCookie, ...banner];
  },
};

/** EDPB Cookie Banner Taskforce report (Jan 2023): reject on the first layer, no pre-ticked boxes. */
export const cookieBannerDesign: LintRule = {
  id: "cookie-banner-design",
  check: ({ manifest, cite }) => {
    const cc = manifest.cookie_consent;
    const article = cite(`${cookieLaw}; EDPB Cookie Banner Taskforce 2023`, cookieLawRs);
    const optional = (manifest.cookies ?? []).some((c) => c.category !== "necessary");
    if (!optional) return [];
    if (!cc) return [{ severity: "warning", article, path: ["cookies"], message: "the manifest lists optional cookies but not how consent to them is collected", hint: "add cookie_consent: { method: banner, reject_on_first_layer: true }" }];
    const findings: RawFinding[] = [];
    if (cc.method === "banner" && cc.reject_on_first_layer === false) findings.push({ severity: "error", article, path: ["cookie_consent", "reject_on_first_layer"], message: "the banner has no Reject on its first layer", hint: "offer Reject all next to Accept all, with equal weight" });
    if (cc.pre_ticked) findings.push({ severity: "error", article, path: ["cookie_consent", "pre_ticked"], message: "optional cookie categories are pre-ticked", hint: "leave every optional category unticked" });
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
        : [{ severity: "warning", article: cite("GDPR Art. 13(2)(a); CJEU C-673/17 Planet49", "ZZPL čl. 23(2)(1)"), path: ["cookies", i], message: `how long cookie "${c.name}" lasts is not stated`, hint: "add lifetime: session or an ISO duration such as P13M" }],
    ),
};

export const cookieRules = [cookiesWithoutConsent, cookieBannerDesign, cookieLifetimeMissing];
