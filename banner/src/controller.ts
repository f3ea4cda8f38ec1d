import type { BannerConfig, BannerMethod } from "../../src/banner/types.ts";
import { sendDecision } from "./beacon.ts";
import { activateAll, watchBlocked, type Allowed } from "./blocking.ts";
import { consentMode } from "./consent-mode.ts";
import { clearCookies } from "./cookies.ts";
import { pickLanguage } from "./language.ts";
import { newConsentId, readConsent, writeConsent } from "./storage.ts";
import { createUi } from "./ui.ts";

export interface ChangeDetail {
  consentId: string;
  /** Every category now granted, strictly necessary included. */
  categories: string[];
  /** How the decision was made; `apply` when another Registru page recorded it (the preference centre). */
  method: BannerMethod | "apply";
}

type Listener = (detail: ChangeDetail) => void;

/** The public API on window.registru; other pages (the preference centre) code against it. */
export interface RegistruApi {
  open(layer?: "settings"): void;
  accept(): void;
  reject(): void;
  consentId(): string | null;
  get(): string[];
  apply(choices: Record<string, boolean>): void;
  on(event: "change", listener: Listener): () => void;
}

const whenReady = (f: () => void) => (document.body ? f() : document.addEventListener("DOMContentLoaded", f));

export function start(config: BannerConfig, script: Element | null): void {
  // Consent Mode's default must reach the dataLayer before any Google tag reads it.
  const updateConsentMode = consentMode(config.consentMode);
  const lang = pickLanguage(config.languages, script, document.documentElement);
  const necessary = config.categories.filter((c) => c.necessary).map((c) => c.id);
  const optional = config.categories.filter((c) => !c.necessary).map((c) => c.id);
  // Every service offered a choice of, as <category>:<service>.
  const services = config.categories.filter((c) => !c.necessary).flatMap((c) => c.services.map((s) => `${c.id}:${s.id}`));
  const gpc = (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true;
  const listeners: Listener[] = [];

  const stored = readConsent();
  let consentId = stored ? stored.id : undefined;
  // A decision made under a policy version older than the last cookie change is asked again.
  let granted = stored && stored.v >= config.revision ? stored.c.filter((c) => optional.indexOf(c) >= 0) : undefined;
  // A grant made before the browser sent Global Privacy Control no longer stands: nothing optional
  // runs, and the refusal is recorded below (once: the new decision is stored as made with GPC on).
  // A grant made while GPC was on is the visitor's explicit choice over the signal, and stands.
  const gpcOverrides = gpc && !!granted && granted.length > 0 && !(stored && stored.g);
  if (gpcOverrides) granted = [];
  // Services the visitor turned off. Kept while their category is refused too, so that a later grant
  // sends them on and supersedes the refusal in the ledger; those this version does not offer are dropped.
  let denied = settle(stored && stored.s ? stored.s.filter((k) => services.indexOf(k) >= 0) : [], granted || []);

  /** A granted category has a service on: one granted with all of its services off is granted with them on. */
  function settle(off: string[], categories: string[]): string[] {
    const allOff = (c: string) => services.every((k) => k.indexOf(c + ":") !== 0 || off.indexOf(k) >= 0);
    return off.filter((k) => {
      const c = k.split(":")[0]!;
      return categories.indexOf(c) < 0 || !allOff(c);
    });
  }

  const allowed: Allowed = (categories, service) =>
    categories.every((c) => necessary.indexOf(c) >= 0 || (!!granted && granted.indexOf(c) >= 0 && (!service || denied.indexOf(`${c}:${service}`) < 0)));
  /** The cookie names of the services that may (or may not) run now. */
  const cookiesWhere = (may: boolean) =>
    config.categories.flatMap((c) => c.services.filter((s) => allowed([c.id], s.id) === may).flatMap((s) => s.cookies.map((k) => k.name)));

  function enforce() {
    activateAll(allowed);
    const kept = cookiesWhere(true);
    clearCookies(cookiesWhere(false).filter((p) => kept.indexOf(p) < 0));
    if (granted) updateConsentMode(granted);
  }

  /** `off`: the services turned off in the settings layer, in the categories it grants. */
  function decide(choices: Record<string, boolean>, method: ChangeDetail["method"], off?: string[]) {
    const id = consentId || (consentId = newConsentId());
    const now = optional.filter((c) => choices[c] === true);
    const grantedNow = (key: string) => now.indexOf(key.split(":")[0]!) >= 0;
    const before = denied;
    const grantedBefore = (key: string) => !!granted && granted.indexOf(key.split(":")[0]!) >= 0;
    // Accept all turns every service on; the settings layer decides those of the categories it grants;
    // the preference centre offers whole categories, so one it grants anew has all its services on
    // (as it recorded them); any other decision leaves the services as they were.
    const kept =
      method === "banner_accept_all"
        ? []
        : off
          ? before.filter((k) => !grantedNow(k)).concat(off.filter(grantedNow))
          : method === "apply"
            ? before.filter((k) => !grantedNow(k) || grantedBefore(k))
            : before;
    denied = settle(kept, now);
    granted = now;
    writeConsent({ id, v: config.version, c: now, ...(denied.length ? { s: denied } : {}), ...(gpc ? { g: 1 as const } : {}) }, config.askAgainAfterDays);
    enforce();
    // The signal's refusal is recorded only where the browser keeps it: one that keeps no cookie
    // would send it again on every page, and the ledger holds decisions, never page views.
    if (method !== "apply" && (method !== "gpc" || readConsent())) {
      const sent: Record<string, boolean> = {};
      for (const c of optional) sent[c] = grantedNow(c);
      // Each service off now or off before (so that an earlier refusal is superseded), as it is now.
      for (const key of before.concat(denied)) sent[key] = grantedNow(key) && denied.indexOf(key) < 0;
      sendDecision(config.endpoint, { consentId: id, version: config.version, language: lang, method, choices: sent });
    }
    ui.decided();
    const detail: ChangeDetail = { consentId: id, categories: api.get(), method };
    for (const listener of listeners.slice()) listener(detail);
    document.dispatchEvent(new CustomEvent("registru:change", { detail }));
  }

  const every = (value: boolean) => {
    const out: Record<string, boolean> = {};
    for (const c of optional) out[c] = value;
    return out;
  };

  const ui = createUi(config, lang, gpc, {
    accept: () => decide(every(true), "banner_accept_all"),
    reject: () => decide(every(false), "banner_reject_all"),
    save: (choices, off) => decide(choices, "banner_custom", off),
    isGranted: (c) => !!granted && granted.indexOf(c) >= 0,
    isDenied: (key) => denied.indexOf(key) >= 0,
    hasDecision: () => !!granted,
  });

  const api: RegistruApi = {
    open: (layer) => whenReady(() => ui.open(layer)),
    accept: () => decide(every(true), "banner_accept_all"),
    reject: () => decide(every(false), "banner_reject_all"),
    consentId: () => consentId || null,
    get: () => [...necessary, ...(granted || [])],
    apply: (choices) => {
      const merged = every(false);
      for (const c of granted || []) merged[c] = true;
      for (const key of Object.keys(choices)) {
        const c = key.replace(/^cookie:/, "");
        if (optional.indexOf(c) >= 0) merged[c] = choices[key] === true;
      }
      decide(merged, "apply");
    },
    on: (event, listener) => {
      if (event === "change") listeners.push(listener);
      return () => {
        const i = listeners.indexOf(listener);
        if (i >= 0) listeners.splice(i, 1);
      };
    },
  };
  (window as unknown as { registru: RegistruApi }).registru = api;

  watchBlocked(() => allowed);
  enforce();
  whenReady(() => {
    enforce();
    // GPC: the visitor's browser has already said no to every optional category; recorded once per id.
    if (gpcOverrides || (gpc && !granted && optional.length > 0)) decide(every(false), "gpc");
    else if (granted || optional.length === 0) ui.decided();
    else ui.open();
  });
  document.dispatchEvent(new CustomEvent("registru:ready"));
}
