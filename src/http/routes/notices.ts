import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { vocabulary } from "../../manifest/index.ts";
import { currentNoticeSource, noticeFormats, renderNotice } from "../../notices/index.ts";
import { SLUG } from "../../organisations/index.ts";
import type { ServerDeps } from "../server.ts";
import { limitPerAddress, perAddress, PUBLIC_ROUTE_LIMITS } from "./public-limits.ts";

const params = z.object({
  slug: z.string().regex(SLUG),
  lang: z.enum(vocabulary.languages),
  format: z.enum(noticeFormats).default("html"),
});

/** The published privacy notice: a stable public URL per organisation, language and format. */
export const noticeRoutes =
  ({ ctx }: ServerDeps): FastifyPluginAsync =>
  async (app) => {
    await limitPerAddress(app);
    app.withTypeProvider<ZodTypeProvider>().get(
      "/o/:slug/privacy/:lang.:format",
      {
        config: perAddress(PUBLIC_ROUTE_LIMITS.notice),
        schema: {
          summary: "The privacy notice (GDPR Art. 13/14) of an organisation, generated from its policy in force",
          description: "Formats: html (self-contained, accessible, printable), md, pdf. Languages: those of the organisation; Serbian also as sr-Cyrl.",
          tags: ["notices"],
          // No response schema: the body is HTML, Markdown or PDF, not JSON; errors use the shared shape.
          params,
        },
      },
      async (req, reply) => {
        const source = await currentNoticeSource(ctx, req.params.slug);
        const notice = await renderNotice(source, req.params.lang, req.params.format);
        if (req.headers["if-none-match"] === notice.etag) return reply.status(304).send();
        return reply.header("content-type", notice.contentType).header("etag", notice.etag).header("cache-control", "public, max-age=300").send(notice.body);
      },
    );
  };
