import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { buildDashboard } from "../../dashboard/index.ts";
import { listOrganisations } from "../../organisations/index.ts";
import { guardRoutes } from "../access.ts";
import type { ServerDeps } from "../server.ts";
import { errorResponse } from "./schemas.ts";

const org = z.string().describe("the organisation's slug");
const dashboard = z.object({
  now: z.string(),
  organisations: z.array(
    z.object({
      slug: z.string(),
      name: z.string(),
      policyVersion: z.number().int().nullable(),
      lintErrors: z.number().int(),
      lintWarnings: z.number().int(),
      openRequests: z.number().int(),
      overdueRequests: z.number().int(),
      openBreaches: z.number().int(),
    }),
  ),
  requests: z.array(z.object({ organisation: org, id: z.string(), right: z.string(), state: z.string(), due: z.string(), overdue: z.boolean(), paused: z.boolean(), msLeft: z.number() })),
  breaches: z.array(z.object({ organisation: org, id: z.string(), title: z.string(), status: z.string(), due: z.string(), state: z.string(), msLeft: z.number(), required: z.boolean().nullable() })),
  vendorAlerts: z.array(z.object({ organisation: org, kind: z.string(), severity: z.string(), processor: z.string().optional(), message: z.string(), dueOn: z.string().optional() })),
  retentionRuns: z.array(
    z.object({
      organisation: org,
      id: z.string(),
      status: z.string(),
      trigger: z.string(),
      startedAt: z.string().nullable(),
      finishedAt: z.string().nullable(),
      tablesDone: z.number().int(),
      tables: z.number().int(),
      error: z.object({ code: z.string(), message: z.string() }).nullable(),
    }),
  ),
  lint: z.array(z.object({ organisation: org, policyVersion: z.number().int(), rule: z.string(), severity: z.string(), article: z.string(), message: z.string(), path: z.string(), line: z.number().int() })),
  securityReviews: z.array(z.object({ organisation: org, measure: z.string(), kind: z.string(), message: z.string(), dueOn: z.string().optional() })),
});

/**
 * `GET /api/v1/dashboard`: what is due across every organisation the caller may read (a staff
 * user's grants; an API key's own organisation), most urgent first.
 */
export const adminDashboardRoutes =
  ({ ctx }: ServerDeps): FastifyPluginAsync =>
  async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    guardRoutes(app, ctx, { permission: "read" });
    app.get(
      "/api/v1/dashboard",
      {
        config: { scope: "granted" },
        schema: {
          summary: "What is due across your organisations: requests by deadline, breach clocks, vendor alerts, retention runs, lint findings, security reviews",
          tags: ["dashboard"],
          security: [{ apiKey: [] }, { session: [] }],
          response: { 200: dashboard, 401: errorResponse, 403: errorResponse },
        },
      },
      async (req) => {
        const scope = new Set(req.tenantScope ?? []);
        const organisations = (await listOrganisations(ctx)).filter((t) => scope.has(t.tenantId)).map((t) => ({ tenantId: t.tenantId, slug: t.slug, name: t.name }));
        return buildDashboard(ctx, organisations);
      },
    );
  };
