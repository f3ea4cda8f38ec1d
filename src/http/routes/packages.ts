import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { RegistruError } from "../../errors.ts";
import { SLUG } from "../../organisations/index.ts";
import { openPackage } from "../../packages/index.ts";
import { recordEvent } from "../../registers/index.ts";
import { requestRegister } from "../../requests/index.ts";
import type { ServerDeps } from "../server.ts";
import { limitPerAddress, perAddress, PUBLIC_ROUTE_LIMITS } from "./public-limits.ts";

const params = z.object({ slug: z.string().regex(SLUG), token: z.string().regex(/^[A-Za-z0-9_-]{10,200}\.[A-Za-z0-9_-]{20,40}$/, "a package link's token") });

/**
 * `GET /o/:slug/packages/:token`: an access or portability package (zip), by the signed link in
 * the answer letter. No login: the link is the key, for 7 days (410 after). Each download is a
 * step in the request's timeline and the audit trail.
 */
export const packageRoutes =
  ({ ctx, packages }: ServerDeps): FastifyPluginAsync =>
  async (plain) => {
    await limitPerAddress(plain);
    const app = plain.withTypeProvider<ZodTypeProvider>();
    app.get(
      "/o/:slug/packages/:token",
      {
        config: perAddress(PUBLIC_ROUTE_LIMITS.packageDownload),
        schema: {
          summary: "Download a data-subject's package (access, portability) by the link in the answer letter; 410 once expired",
          tags: ["requests"],
          description: "404 package_not_found (a forged or unknown link), 410 package_expired, 429 rate_limited.",
          params,
        },
      },
      async (req, reply) => {
        if (!packages) throw new RegistruError("package_not_found", "this server keeps no packages", 404);
        const { requestId, zip } = await openPackage(ctx, packages, req.params.slug, req.params.token);
        await recordEvent(ctx, req.params.slug, requestRegister, requestId, { actor: "subject", kind: "package_downloaded", data: { bytes: zip.length } });
        return reply
          .type("application/zip")
          .headers({ "content-disposition": `attachment; filename="${requestId}.zip"`, "cache-control": "no-store", "referrer-policy": "no-referrer", "x-content-type-options": "nosniff" })
          .send(zip);
      },
    );
  };
