import { join } from "node:path";
import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { textIn, vocabulary, type Language, type Manifest } from "../../manifest/index.ts";
import { escapeHtml, toCyrillic } from "../../notices/index.ts";
import { getOrganisation, SLUG } from "../../organisations/index.ts";
import { REQUEST_RIGHTS } from "../../requests/index.ts";
import type { ServerDeps } from "../server.ts";
import { builtEntry, bundlePage, sendBuiltScript, SUBJECT_PAGE_HEADERS, WEB_DIST } from "../pages/web-bundle.ts";
import { limitPerAddress, perAddress, PUBLIC_ROUTE_LIMITS } from "./public-limits.ts";
import { errorResponse } from "./schemas.ts";

/** The privacy centre's build (web/vite.config.ts, environment `privacy_centre`). */
export const PRIVACY_CENTRE_DIST = join(WEB_DIST, "privacy-centre");
const ENTRY = "privacy-centre/main.tsx";
const MISSING = "the privacy centre's web bundle (web/dist/privacy-centre) is missing: run npm run build";

export const privacyCentreScript = (dist = PRIVACY_CENTRE_DIST) => builtEntry(dist, ENTRY);

const PAGE_TEXT: Record<Language, { title: string; noscript: string }> = {
  ro: { title: "Drepturile dumneavoastră privind datele personale", noscript: "Această pagină are nevoie de JavaScript. Ne puteți scrie și pe adresa din politica de confidențialitate." },
  sr: { title: "Vaša prava u vezi sa podacima o ličnosti", noscript: "Ovoj stranici je potreban JavaScript. Možete nam pisati i na adresu iz politike privatnosti." },
  "sr-Cyrl": { title: "Ваша права у вези са подацима о личности", noscript: "Овој страници је потребан JavaScript. Можете нам писати и на адресу из политике приватности." },
  en: { title: "Your rights over your personal data", noscript: "This page needs JavaScript. You can also write to us at the address in our privacy notice." },
};

function pageHtml(lang: Language, slug: string, organisation: string, script: string): string {
  const t = PAGE_TEXT[lang];
  const body = `<main id="registru-privacy-centre" data-org="${escapeHtml(slug)}" data-lang="${lang}">
<noscript><p>${escapeHtml(t.noscript)}</p></noscript>
</main>`;
  return bundlePage({ lang, title: `${t.title} — ${organisation}`, body, script: `privacy-centre/${script}` });
}

const purpose = z.object({ id: z.string(), name: z.string(), consent: z.boolean(), processor: z.boolean() });
const config = z.object({
  organisation: z.string(),
  language: z.enum(vocabulary.languages),
  languages: z.array(z.enum(vocabulary.languages)),
  rights: z.array(z.enum(REQUEST_RIGHTS)),
  representatives: z.boolean(),
  purposes: z.array(purpose),
});

/** An activity's name in the page's language (Cyrillic from the Serbian text when there is none). */
function nameIn(t: Parameters<typeof textIn>[0], lang: Language): string | undefined {
  if (lang !== "sr-Cyrl" || t === undefined || typeof t === "string" || t["sr-Cyrl"]) return textIn(t, lang);
  return t.sr ? toCyrillic(t.sr) : textIn(t, lang);
}

/**
 * `GET /o/:slug/privacy-centre`: the page where a subject makes any request (the form, the
 * e-mailed code, the status); `GET /o/:slug/privacy-centre/config`: what the form offers, from
 * the policy in force; `GET /privacy-centre/assets/<name>-<hash>.js`: the script, cached a year.
 */
export const privacyCentreRoutes =
  ({ ctx }: ServerDeps, dist = PRIVACY_CENTRE_DIST): FastifyPluginAsync =>
  async (plain) => {
    if (!privacyCentreScript(dist)) ctx.log.warn(MISSING);
    await limitPerAddress(plain);
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const params = z.object({ slug: z.string().regex(SLUG) });
    const query = z.object({ lang: z.enum(vocabulary.languages).optional() });

    const policy = async (slug: string) => {
      const { tenant, version } = await getOrganisation(ctx, slug);
      return { tenant, manifest: version?.manifest as Manifest | undefined };
    };

    app.get(
      "/o/:slug/privacy-centre",
      { config: perAddress(PUBLIC_ROUTE_LIMITS.page), schema: { summary: "The privacy centre: make a request (every right), confirm it with the e-mailed code, follow its status", tags: ["requests"], params, querystring: query } },
      async (req, reply) => {
        const { tenant, manifest } = await policy(req.params.slug);
        const script = privacyCentreScript(dist);
        if (!script) {
          req.log.error(MISSING);
          return reply.status(503).type("text/plain; charset=utf-8").headers({ "cache-control": "no-store" }).send(MISSING);
        }
        const lang = req.query.lang ?? manifest?.organisation.languages[0] ?? "en";
        return reply.type("text/html; charset=utf-8").headers(SUBJECT_PAGE_HEADERS).send(pageHtml(lang, tenant.slug, tenant.name, script));
      },
    );

    app.get(
      "/o/:slug/privacy-centre/config",
      { config: perAddress(PUBLIC_ROUTE_LIMITS.page), schema: { summary: "What the privacy centre's form offers under the policy in force", tags: ["requests"], params, querystring: query, response: { 200: config, 404: errorResponse, 429: errorResponse } } },
      async (req) => {
        const { tenant, manifest } = await policy(req.params.slug);
        const languages = manifest?.organisation.languages ?? ["en"];
        const lang = req.query.lang ?? languages[0] ?? "en";
        const purposes = (manifest?.activities ?? []).map((a) => ({
          id: a.id,
          name: nameIn(a.name, lang) ?? a.id,
          consent: Boolean(a.legal_basis?.includes("consent")),
          processor: a.role === "processor",
        }));
        // The law's rights exist whatever the policy lists (src/requests/README.md, choice 8).
        return { organisation: manifest?.organisation.name ?? tenant.name, language: lang, languages, rights: [...REQUEST_RIGHTS], representatives: manifest?.rights?.representatives !== false, purposes };
      },
    );

    app.get(
      "/privacy-centre/assets/:file",
      { schema: { hide: true, params: z.object({ file: z.string().max(200) }) } },
      async (req, reply) => sendBuiltScript(reply, dist, req.params.file),
    );
  };
