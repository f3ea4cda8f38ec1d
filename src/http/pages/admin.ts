import { join } from "node:path";
import { escapeHtml } from "../../notices/index.ts";
import { builtEntry, bundlePage, WEB_DIST } from "./web-bundle.ts";

/** The admin app's build (web/vite.config.ts, environment `admin`). */
export const ADMIN_DIST = join(WEB_DIST, "admin");
const ENTRY = "admin/main.tsx";
export const ADMIN_MISSING = "the admin app's web bundle (web/dist/admin) is missing: run npm run build";

/** `assets/admin-<hash>.js` under the admin build, or undefined when it was never built. */
export const adminScript = (dist = ADMIN_DIST) => builtEntry(dist, ENTRY);

export type AdminLanguage = "ro" | "en";

const TEXT: Record<AdminLanguage, { title: string; noscript: string }> = {
  ro: { title: "Registru — administrare", noscript: "Aplicația de administrare are nevoie de JavaScript." },
  en: { title: "Registru — admin", noscript: "The admin app needs JavaScript." },
};

/**
 * Staff pages: nothing is cached, nothing leaves in a Referer, and only Registru's own pages may
 * be framed (the notice preview); the app itself is never framed.
 */
export const ADMIN_PAGE_HEADERS = {
  "cache-control": "no-store",
  "referrer-policy": "same-origin",
  "x-robots-tag": "noindex",
  "x-content-type-options": "nosniff",
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; frame-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
};

/** The shell the app mounts on; every deep link under /admin answers with it. */
export function adminPage(lang: AdminLanguage, script: string): string {
  const t = TEXT[lang];
  const body = `<div id="registru-admin" data-lang="${lang}"><noscript><p>${escapeHtml(t.noscript)}</p></noscript></div>`;
  return bundlePage({ lang, title: t.title, body, script: `admin/${script}`, module: true });
}

/** The page's language from Accept-Language: Romanian when asked for first, English otherwise. */
export function adminLanguage(acceptLanguage: string | undefined): AdminLanguage {
  const first = (acceptLanguage ?? "").split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("ro") ? "ro" : "en";
}
