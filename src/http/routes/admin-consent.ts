import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { consentStatistics } from "../../consent/statistics.ts";
import { vocabulary } from "../../manifest/index.ts";
import { SLUG } from "../../organisations/index.ts";
import { guardRoutes } from "../access.ts";
import type { ServerDeps } from "../server.ts";
import { errorResponse } from "./schemas.ts";

const counts = z.object({ given: z.number().int(), refused: z.number().int(), withdrawn: z.number().int(), expired: z.number().int() });
const statistics = z.object({
  policyVersion: z.number().int().nullable(),
  subjects: z.number().int(),
  purposes: z.array(z.object({ purpose: z.string(), name: z.string(), inForce: z.boolean(), current: counts, records: counts })),
});

/** `GET /api/v1/organisations/:slug/consent-statistics`: counts per purpose and decision, never a subject. */
export const adminConsentRoutes =
  ({ ctx }: ServerDeps): FastifyPluginAsync =>
  async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    guardRoutes(app, ctx, { permission: "read" });
    app.get(
      "/api/v1/organisations/:slug/consent-statistics",
      {
        schema: {
          summary: "Consent per purpose: how many subjects' latest decision is given, refused, withdrawn or expired, and how many records of each the ledger holds",
          tags: ["consent"],
          security: [{ apiKey: [] }, { session: [] }],
          params: z.object({ slug: z.string().regex(SLUG) }),
          querystring: z.object({ lang: z.enum(vocabulary.languages).optional() }),
          response: { 200: statistics, 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse },
        },
      },
      async (req) => consentStatistics(ctx, req.params.slug, req.query.lang),
    );
  };
