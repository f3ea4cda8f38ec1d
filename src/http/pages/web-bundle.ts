import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyReply } from "fastify";
import type { Language } from "../../manifest/index.ts";
import { escapeHtml } from "../../notices/index.ts";

/** Where `npm run build` (web/vite.config.ts) writes the pages' scripts. */
export const WEB_DIST = fileURLToPath(new URL("../../../web/dist/", import.meta.url));

/** A built entry's script under `dist` (`assets/<name>-<hash>.js`, from Vite's manifest), or undefined when it was never built. */
export function builtEntry(dist: string, entry: string): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(dist, ".vite/manifest.json"), "utf8")) as Record<string, { file?: string }>;
    const file = manifest[entry]?.file;
    return file && statSync(join(dist, file)).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

/** A token in the address must not leave in a Referer header; the pages load nothing from elsewhere. */
export const SUBJECT_PAGE_HEADERS = {
  "cache-control": "no-store",
  "referrer-policy": "no-referrer",
  "x-robots-tag": "noindex",
  "x-content-type-options": "nosniff",
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

export const htmlLang = (lang: Language) => (lang === "sr" ? "sr-Latn" : lang);

/** The HTML shell of a page whose content a built script renders; `body` is trusted markup. */
export function bundlePage(opts: { lang: Language; title: string; body: string; script: string; style?: string; /** An ES module build rather than a classic script. */ module?: boolean }): string {
  return `<!DOCTYPE html>
<html lang="${htmlLang(opts.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>${escapeHtml(opts.title)}</title>
${opts.style ? `<style>\n${opts.style}\n</style>\n` : ""}</head>
<body>
${opts.body}
${opts.module ? `<script type="module" src="/${escapeHtml(opts.script)}"></script>` : `<script src="/${escapeHtml(opts.script)}" defer></script>`}
</body>
</html>
`;
}

// Only built names: no path, no dot-files.
const BUILT_SCRIPT = /^[A-Za-z0-9_-]+-[A-Za-z0-9_-]{6,}\.js$/;

/** A script of a Vite build, cached for a year (its name carries the content hash); 404 for any other name. */
export function sendBuiltScript(reply: FastifyReply, dist: string, file: string) {
  if (!BUILT_SCRIPT.test(file)) return reply.callNotFound();
  let body: Buffer;
  try {
    body = readFileSync(join(dist, "assets", file));
  } catch {
    return reply.callNotFound();
  }
  return reply.type("text/javascript; charset=utf-8").headers({ "cache-control": "public, max-age=31536000, immutable", "x-content-type-options": "nosniff" }).send(body);
}
