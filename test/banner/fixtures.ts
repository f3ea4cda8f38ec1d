import type { Context } from "../../src/context.ts";
import { applyManifest } from "../../src/organisations/index.ts";
import { cleanManifest, loadObject } from "../helpers/manifests.ts";

/** A manifest whose banner passes the EDPB checks: analytics and marketing cookies on consent, a necessary session cookie. */
export function bannerManifest(site = "https://www.exemplu.ro"): Record<string, any> {
  const m = cleanManifest();
  m.organisation.websites = [site];
  m.cookies = [
    { name: "session", provider: "Exemplu S.R.L.", purpose: { ro: "Menține sesiunea de lucru", en: "Keeps the session" }, lifetime: "session", category: "necessary", legal_basis: "strictly_necessary" },
    { name: "_ga", provider: "Google Ireland Ltd.", purpose: { ro: "Statistici de utilizare", en: "Usage statistics", sr: "Statistika korišćenja" }, lifetime: "P13M", category: "analytics", legal_basis: "consent", third_party: true, country: "IE" },
    { name: "_ga_*", provider: "Google Ireland Ltd.", purpose: { ro: "Starea sesiunii de statistică", en: "Statistics session state" }, lifetime: "P13M", category: "analytics", legal_basis: "consent", third_party: true, country: "IE" },
    { name: "_fbp", provider: "Meta Platforms Ireland Ltd.", purpose: { ro: "Publicitate", en: "Advertising" }, lifetime: "P3M", category: "marketing", legal_basis: "consent", third_party: true, country: "IE" },
  ];
  m.cookie_consent = {
    method: "banner",
    reject_on_first_layer: true,
    pre_ticked: false,
    banner: { reject_style: "button", reopen: true, position: "bottom", ask_again_after: "P6M" },
  };
  return m;
}

/** The banner manifest with a second analytics service (Hotjar beside Google): a category to choose services in. */
export function twoServiceManifest(site = "https://www.exemplu.ro"): Record<string, any> {
  const m = bannerManifest(site);
  m.cookies.push({
    name: "_hjSessionUser_*",
    provider: "Hotjar Ltd.",
    purpose: { ro: "Înregistrarea vizitelor", en: "Session recording" },
    lifetime: "P1Y",
    category: "analytics",
    legal_basis: "consent",
    third_party: true,
    country: "MT",
  });
  return m;
}

/** Every language the banner speaks: Romanian, Serbian (Latin and Cyrillic), English. */
export function allLanguages(m: Record<string, any>) {
  m.organisation.languages = ["ro", "sr", "en"];
  return m;
}

export const applyObject = (ctx: Context, slug: string, m: unknown) => applyManifest(ctx, loadObject(m, `${slug}.yaml`), { slug, appliedBy: "test" });
