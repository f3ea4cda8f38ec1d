import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { getOrganisation, SLUG } from "../../organisations/index.ts";
import type { ServerDeps } from "../server.ts";
import { errorResponse } from "./schemas.ts";

const organisation = z.object({
  slug: z.string(),
  name: z.string(),
  jurisdiction: z.string(),
  policy: z
    .object({ version: z.number().int(), contentHash: z.string(), appliedAt: z.string(), lintErrors: z.number().int(), lintWarnings: z.number().int() })
    .nullable(),
});

/** Public facts about an organisation: who it is and which policy version is in force. */
export const organisationRoutes =
  ({ ctx }: ServerDeps): FastifyPluginAsync =>
  async (app) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      "/api/v1/organisations/:slug",
      {
        schema: {
          summary: "An organisation and its policy version in force",
          tags: ["organisations"],
          params: z.object({ slug: z.string().regex(SLUG) }),
          response: { 200: organisation, 400: errorResponse, 404: errorResponse },
        },
      },
      async (req) => {
        const { tenant, version } = await getOrganisation(ctx, req.params.slug);
        return {
          slug: tenant.slug,
          name: tenant.name,
          jurisdiction: tenant.jurisdiction,
          policy: version
            ? { version: version.version, contentHash: version.contentHash, appliedAt: version.appliedAt.toISOString(), lintErrors: version.lintErrors, lintWarnings: version.lintWarnings }
            : null,
        };
      },
    );
  };
