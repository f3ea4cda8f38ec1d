import type { LintContext, LintRule, RawFinding } from "../types.ts";
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

/** EDPB Cookie Banner Taskforce, report of 17 January 2023: the practices it holds to invalidate consent. */
const TASKFORCE = "EDPB Cookie Banner Taskforce report of 17 January 2023";
const taskforce = (law: LintContext["law"], practice: string) => `${cookieLaw(law)}; ${TASKFORCE} (${practice})`;

/** Registru's banner colours when the manifest gives none: Accept and Reject alike, text above 4.5:1. */
export const defaultBannerColours = {
  accept: "#1d4ed8",
  reject: "#1d4ed8",
  accept_text: "#ffffff",
  reject_text: "#ffffff",
  background: "#ffffff",
  text: "#1f2328",
} as const;

/** WCAG 2.x relative luminance and contrast ratio of two #rrggbb colours. */
export function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const MIN_CONTRAST = 4.5;
const hasOptionalCookies = (m: LintContext["manifest"]) => (m.cookies ?? []).some((c) => c.category !== "necessary");

/** Taskforce: a Reject shown as a link, Accept and Reject in different colours, or Reject text hard to read. */
export const cookieBannerDeceptiveDesign: LintRule = {
  id: "cookie-banner-deceptive-design",
  check: ({ manifest, law }) => {
    const banner = manifest.cookie_consent?.banner;
    if (!banner || !hasOptionalCookies(manifest)) return [];
    const at = (...path: string[]) => ["cookie_consent", "banner", ...path];
    const findings: RawFinding[] = [];
    if (banner.reject_style === "link") {
      findings.push(finding(
        "error",
        taskforce(law, "deceptive link design"),
        at("reject_style"),
        "Reject is shown as a link beside an Accept button",
        "set reject_style: button, so Reject all looks and weighs like Accept all",
      ));
    }
    const colours = { ...defaultBannerColours, ...banner.colours };
    if (colours.accept.toLowerCase() !== colours.reject.toLowerCase()) {
      findings.push(finding(
        "error",
        taskforce(law, "deceptive button colours"),
        at("colours"),
        `Accept (${colours.accept}) and Reject (${colours.reject}) have different colours`,
        "give accept and reject the same colour",
      ));
    }
    for (const button of ["accept", "reject"] as const) {
      const ratio = contrastRatio(colours[`${button}_text`], colours[button]);
      if (ratio < MIN_CONTRAST) {
        findings.push(finding(
          "error",
          `${taskforce(law, "deceptive button contrast")}; WCAG 2.2 SC 1.4.3`,
          at("colours", `${button}_text`),
          `the ${button === "accept" ? "Accept" : "Reject"} button's text has a contrast of ${ratio.toFixed(2)}:1, below ${MIN_CONTRAST}:1`,
          `choose a ${button}_text colour with at least ${MIN_CONTRAST}:1 against ${colours[button]}`,
        ));
      }
    }
    return findings;
  },
};

/** Taskforce: withdrawing must be as easy as consenting (GDPR Art. 7(3)): a control to reopen the choice stays on the page. */
export const cookieBannerReopenMissing: LintRule = {
  id: "cookie-banner-reopen-missing",
  check: ({ manifest, law, cite }) =>
    manifest.cookie_consent?.banner?.reopen === false && hasOptionalCookies(manifest)
      ? [finding(
          "error",
          `${taskforce(law, "no withdraw icon")}; ${cite("GDPR Art. 7(3)", "ZZPL čl. 15(3)")}`,
          ["cookie_consent", "banner", "reopen"],
          "the banner leaves no control on the page to change or withdraw the choice",
          "remove reopen: false; the banner then keeps a small Cookie settings button on every page",
        )]
      : [],
};

/** Cookies that well-known services set for analytics or advertising; a trailing * is a family. */
const KNOWN_TRACKERS: ReadonlyArray<readonly [pattern: string, service: string, category: "analytics" | "marketing"]> = [
  ["_ga*", "Google Analytics", "analytics"],
  ["_gid", "Google Analytics", "analytics"],
  ["_gat*", "Google Analytics", "analytics"],
  ["__utm*", "Google Analytics", "analytics"],
  ["_gcl*", "Google Ads", "marketing"],
  ["IDE", "Google Ads (DoubleClick)", "marketing"],
  ["test_cookie", "Google Ads (DoubleClick)", "marketing"],
  ["NID", "Google", "marketing"],
  ["__gads", "Google Ad Manager", "marketing"],
  ["__gpi", "Google Ad Manager", "marketing"],
  ["_fbp", "Meta", "marketing"],
  ["_fbc", "Meta", "marketing"],
  ["fr", "Meta", "marketing"],
  ["_hj*", "Hotjar", "analytics"],
  ["li_*", "LinkedIn", "marketing"],
  ["bcookie", "LinkedIn", "marketing"],
  ["lidc", "LinkedIn", "marketing"],
  ["UserMatchHistory", "LinkedIn", "marketing"],
  ["_uet*", "Microsoft Advertising", "marketing"],
  ["MUID", "Microsoft Advertising", "marketing"],
  ["_clck", "Microsoft Clarity", "analytics"],
  ["_clsk", "Microsoft Clarity", "analytics"],
  ["_pk_*", "Matomo", "analytics"],
  ["_ttp", "TikTok", "marketing"],
  ["_pin_unauth", "Pinterest", "marketing"],
  ["YSC", "YouTube", "marketing"],
  ["VISITOR_INFO1_LIVE", "YouTube", "marketing"],
  ["mp_*", "Mixpanel", "analytics"],
  ["ajs_*", "Segment", "analytics"],
  ["hubspotutk", "HubSpot", "marketing"],
];

/** Whether a manifest cookie name (itself possibly a family, _ga_*) is, or covers, a known tracker. */
function knownTracker(name: string) {
  const family = name.endsWith("*") ? name.slice(0, -1) : undefined;
  return KNOWN_TRACKERS.find(([pattern]) => {
    const prefix = pattern.endsWith("*") ? pattern.slice(0, -1) : undefined;
    if (prefix === undefined ? pattern === name : (family ?? name).startsWith(prefix)) return true;
    return family !== undefined && family.length >= 2 && pattern.startsWith(family);
  });
}

/** Taskforce: cookies classified as essential that serve analytics or advertising still need consent. */
export const cookieNecessaryMisclassified: LintRule = {
  id: "cookie-necessary-misclassified",
  check: ({ manifest, law }) =>
    (manifest.cookies ?? []).flatMap((c, i): RawFinding[] => {
      const tracker = c.category === "necessary" ? knownTracker(c.name) : undefined;
      if (!tracker) return [];
      const [, service, category] = tracker;
      return [finding(
        "error",
        `${taskforce(law, "inaccurately classified essential cookies")}; WP29 Opinion 04/2012`,
        ["cookies", i, "category"],
        `cookie "${c.name}" is a ${service} cookie used for ${category}, classified as strictly necessary`,
        `set category: ${category} and legal_basis: consent; the banner then blocks it until the visitor accepts`,
      )];
    }),
};

/**
 * The rules the cookie banner is held to: a policy in force with an error here (or no
 * cookie_consent at all while it lists optional cookies) is not served a banner.
 */
export const bannerRules = [
  cookiesWithoutConsent,
  cookieBannerDesign,
  cookieBannerDeceptiveDesign,
  cookieBannerReopenMissing,
  cookieNecessaryMisclassified,
];

export const cookieRules = [...bannerRules, cookieLifetimeMissing];
