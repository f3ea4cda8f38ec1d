import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ADMIN_DIST, ADMIN_MISSING, ADMIN_PAGE_HEADERS, adminLanguage, adminPage, adminScript } from "../pages/admin.ts";
import { sendBuiltScript } from "../pages/web-bundle.ts";
import type { ServerDeps } from "../server.ts";

/**
 * `GET /admin` and every path under it: the staff's single-page app (the page shell; the app
 * reads the address and asks the API, which checks the session). `GET /admin/assets/<file>`:
 * its scripts, cached a year (their names carry a content hash).
 */
export const adminAppRoutes =
  ({ ctx }: ServerDeps, dist = ADMIN_DIST): FastifyPluginAsync =>
  async (plain) => {
    if (!adminScript(dist)) ctx.log.warn(ADMIN_MISSING);
    const app = plain.withTypeProvider<ZodTypeProvider>();

    const shell = async (req: FastifyRequest, reply: FastifyReply) => {
      const script = adminScript(dist);
      if (!script) {
        req.log.error(ADMIN_MISSING);
        return reply.status(503).type("text/plain; charset=utf-8").headers({ "cache-control": "no-store" }).send(ADMIN_MISSING);
      }
      return reply.type("text/html; charset=utf-8").headers(ADMIN_PAGE_HEADERS).send(adminPage(adminLanguage(req.headers["accept-language"]), script));
    };
    app.get("/admin", { schema: { hide: true } }, shell);
    app.get("/admin/*", { schema: { hide: true } }, shell);

    app.get("/admin/assets/:file", { schema: { hide: true, params: z.object({ file: z.string().max(200) }) } }, async (req, reply) => sendBuiltScript(reply, dist, req.params.file));
  };
