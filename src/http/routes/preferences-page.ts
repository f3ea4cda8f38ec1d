import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { vocabulary, type Language, type Manifest } from "../../manifest/index.ts";
import { escapeHtml } from "../../notices/index.ts";
import { getOrganisation, SLUG } from "../../organisations/index.ts";
import { builtEntry, bundlePage, sendBuiltScript, SUBJECT_PAGE_HEADERS, WEB_DIST } from "../pages/web-bundle.ts";
import type { ServerDeps } from "../server.ts";
import { limitPerAddress, perAddress, PUBLIC_ROUTE_LIMITS } from "./public-limits.ts";

export { WEB_DIST };
const ENTRY = "preferences/main.tsx";
const MISSING = "the preference centre's web bundle (web/dist) is missing: run npm run build";

/** The built script's path under web/dist (`assets/preferences-<hash>.js`), or undefined when it was never built. */
export const builtScript = (dist = WEB_DIST) => builtEntry(dist, ENTRY);

const PAGE_TEXT: Record<Language, { title: string; noscript: string }> = {
  ro: { title: "Opțiunile dumneavoastră privind consimțământul", noscript: "Această pagină are nevoie de JavaScript pentru a vă arăta și a vă salva opțiunile." },
  sr: { title: "Vaši izbori o pristanku", noscript: "Ovoj stranici je potreban JavaScript da bi prikazala i sačuvala vaše izbore." },
  "sr-Cyrl": { title: "Ваши избори о пристанку", noscript: "Овој страници је потребан JavaScript да би приказала и сачувала ваше изборе." },
  en: { title: "Your consent choices", noscript: "This page needs JavaScript to show and save your choices." },
};

function pageHtml(lang: Language, slug: string, organisation: string, script: string): string {
  const t = PAGE_TEXT[lang];
  const body = `<main>
<div id="registru-preferences" data-org="${escapeHtml(slug)}" data-lang="${lang}" data-standalone></div>
<noscript><p>${escapeHtml(t.noscript)}</p></noscript>
</main>`;
  const style = "body { margin: 0; background: #fff; }\nmain { max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }";
  return bundlePage({ lang, title: `${t.title} — ${organisation}`, body, script, style });
}

const unbuiltPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Preference centre not built</title></head>
<body><main><h1>Preference centre not built</h1>
<p>This Registru server has no preference centre page yet: its web bundle (<code>web/dist</code>) is missing. Run <code>npm run build</code> (<code>npm install</code> runs it too) and reload.</p>
</main></body></html>
`;

const JS = "text/javascript; charset=utf-8";

/**
 * `GET /o/:slug/preferences`: Registru's own page (opened from a signed link, `?token=`);
 * `GET /o/:slug/preferences.js`: the same script under a stable name, for an organisation's site;
 * `GET /assets/<name>-<hash>.js`: the script under its content-hashed name, cached for a year.
 */
export const preferencePageRoutes =
  ({ ctx }: ServerDeps, dist = WEB_DIST): FastifyPluginAsync =>
  async (plain) => {
    if (!builtScript(dist)) ctx.log.warn(MISSING);
    await limitPerAddress(plain);
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const params = z.object({ slug: z.string().regex(SLUG) });

    app.get(
      "/o/:slug/preferences",
      {
        config: perAddress(PUBLIC_ROUTE_LIMITS.page),
        schema: {
          summary: "The preference centre page: see, give and withdraw consent, with the history (open it with a signed link's ?token=)",
          tags: ["preferences"],
          params,
          querystring: z.object({ lang: z.enum(vocabulary.languages).optional(), token: z.string().max(2000).optional() }),
        },
      },
      async (req, reply) => {
        const { tenant, version } = await getOrganisation(ctx, req.params.slug);
        const script = builtScript(dist);
        if (!script) {
          req.log.error(MISSING);
          return reply.status(503).type("text/html; charset=utf-8").headers({ "cache-control": "no-store" }).send(unbuiltPage);
        }
        const lang = req.query.lang ?? (version?.manifest as Manifest | undefined)?.organisation.languages[0] ?? "en";
        return reply.type("text/html; charset=utf-8").headers(SUBJECT_PAGE_HEADERS).send(pageHtml(lang, tenant.slug, tenant.name, script));
      },
    );

    app.get(
      "/o/:slug/preferences.js",
      { schema: { summary: "The preference centre widget for an organisation's site (<div id=\"registru-preferences\" data-org=\"…\">)", tags: ["preferences"], params } },
      async (req, reply) => {
        const script = builtScript(dist);
        if (!script) return reply.status(503).type(JS).send(`/* ${MISSING} */\nconsole.error(${JSON.stringify(`Registru: ${MISSING}`)});\n`);
        const etag = `"${script.replace(/[^\w.-]/g, "_")}"`;
        if (req.headers["if-none-match"] === etag) return reply.status(304).send();
        // Short: an organisation's pages pick up a new release within minutes.
        return reply.type(JS).headers({ "cache-control": "public, max-age=300", etag }).send(readFileSync(join(dist, script)));
      },
    );

    app.get(
      "/assets/:file",
      { schema: { hide: true, params: z.object({ file: z.string().max(200) }) } },
      async (req, reply) => sendBuiltScript(reply, dist, req.params.file),
    );
  };
