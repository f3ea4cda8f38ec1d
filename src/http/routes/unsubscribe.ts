import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { readUnsubscribeToken, unsubscribe } from "../../consent/index.ts";
import { isRegistruError } from "../../errors.ts";
import { textIn, vocabulary, type Manifest } from "../../manifest/index.ts";
import type { Language } from "../../manifest/vocabulary.ts";
import { getOrganisation, SLUG } from "../../organisations/index.ts";
import type { Context } from "../../context.ts";
import { escapeHtml, simplePage } from "../pages/page.ts";
import { unsubscribeText } from "../pages/unsubscribe-text.ts";
import type { ServerDeps } from "../server.ts";
import { limitPerAddress, perAddress, PUBLIC_ROUTE_LIMITS } from "./public-limits.ts";

const params = z.object({ slug: z.string().regex(SLUG) });
const query = z.object({ t: z.string().min(10).max(2000), lang: z.enum(vocabulary.languages).optional() });

function languageFor(manifest: Manifest | undefined, asked: Language | undefined): Language {
  const offered = manifest?.organisation.languages ?? ["en"];
  return asked ?? offered[0] ?? "en";
}

/** The page's language when the link could not be read: the organisation's first, if it exists. */
async function organisationLanguage(ctx: Context, slug: string | undefined): Promise<Language> {
  const { version } = await getOrganisation(ctx, slug ?? "").catch(() => ({ version: undefined }));
  return languageFor(version?.manifest as Manifest | undefined, undefined);
}

/**
 * The one-click unsubscribe link of marketing e-mails (S4-11): GET shows one button (mail
 * scanners open links, so GET never withdraws); POST withdraws — the subject's click, or the mail
 * client's RFC 8058 `List-Unsubscribe=One-Click` POST. No login, no cookie.
 */
export const unsubscribeRoutes =
  ({ ctx }: ServerDeps): FastifyPluginAsync =>
  async (plain) => {
    await limitPerAddress(plain);
    // RFC 8058's body is always "List-Unsubscribe=One-Click": accepted, not needed.
    plain.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, _body, done) => done(null, {}));
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const page = (lang: Language, body: string) => simplePage(lang, unsubscribeText[lang].title, body);

    app.setErrorHandler(async (err, req, reply) => {
      // A flood gets the JSON answer with its code and Retry-After, not the page for a person.
      if (!isRegistruError(err) || err.code === "rate_limited") throw err;
      const asked = (req.query as { lang?: string } | undefined)?.lang;
      const lang = vocabulary.languages.find((l) => l === asked) ?? (await organisationLanguage(ctx, (req.params as { slug?: string }).slug));
      return reply.status(err.status).type("text/html; charset=utf-8").send(page(lang, `<p>${escapeHtml(unsubscribeText[lang].failed)}</p>`));
    });

    const schema = { tags: ["consent"], params, querystring: query };
    const config = perAddress(PUBLIC_ROUTE_LIMITS.unsubscribe);

    app.get("/o/:slug/unsubscribe", { config, schema: { ...schema, summary: "The page behind an unsubscribe link: one button, no login (S4-11)" } }, async (req, reply) => {
      const { name, manifest } = await readUnsubscribeToken(ctx, req.params.slug, req.query.t);
      const lang = languageFor(manifest, req.query.lang);
      const t = unsubscribeText[lang];
      const purpose = textIn(name, lang) ?? "";
      const action = `/o/${encodeURIComponent(req.params.slug)}/unsubscribe?t=${encodeURIComponent(req.query.t)}&lang=${lang}`;
      const body = `<p>${escapeHtml(t.ask(purpose))}</p>\n<form method="post" action="${escapeHtml(action)}"><button type="submit">${escapeHtml(t.button)}</button></form>`;
      return reply.type("text/html; charset=utf-8").header("cache-control", "no-store").send(page(lang, body));
    });

    app.post("/o/:slug/unsubscribe", { config, schema: { ...schema, summary: "Withdraw the consent an unsubscribe link names (RFC 8058 one-click or the page's button)" } }, async (req, reply) => {
      const { name, manifest } = await readUnsubscribeToken(ctx, req.params.slug, req.query.t);
      const ua = req.headers["user-agent"];
      const outcome = await unsubscribe(ctx, req.params.slug, req.query.t, { ip: req.ip, userAgent: typeof ua === "string" ? ua.slice(0, 512) : undefined });
      const lang = languageFor(manifest, req.query.lang);
      const t = unsubscribeText[lang];
      const purpose = textIn(name, lang) ?? "";
      const message = outcome === "withdrawn" ? t.done(purpose) : t.already(purpose);
      return reply.type("text/html; charset=utf-8").header("cache-control", "no-store").send(page(lang, `<p role="status">${escapeHtml(message)}</p>`));
    });
  };
