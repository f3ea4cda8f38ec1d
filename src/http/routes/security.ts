import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { SLUG } from "../../organisations/index.ts";
import { recordReview, REVIEW_OUTCOMES, reviewHistory, reviewInput, securityRegister, securityTable } from "../../security/index.ts";
import { actorOf, guardRoutes } from "../access.ts";
import type { ServerDeps } from "../server.ts";
import { errorResponse } from "./schemas.ts";
import { documentLanguage, exportQuery, sendTable } from "./table-reply.ts";

const slugParams = z.object({ slug: z.string().regex(SLUG) });
const measureParams = slugParams.extend({ measureId: z.string().regex(/^[a-z][a-z0-9_]*$/) });

const review = z.object({ on: z.string(), reviewer: z.string(), outcome: z.enum(REVIEW_OUTCOMES), notes: z.string().optional() });
const measure = z.object({
  id: z.string(),
  kind: z.enum(["technical", "organisational"]),
  measure: z.union([z.string(), z.record(z.string(), z.string())]),
  every: z.string().optional(),
  lastReview: review.optional(),
  nextReview: z.string().optional(),
  state: z.enum(["not_periodic", "never_reviewed", "up_to_date", "overdue"]),
  entryId: z.string().optional(),
});
const alert = z.object({ key: z.string(), kind: z.enum(["review_overdue", "never_reviewed", "review_found_ineffective"]), measure: z.string(), message: z.string(), dueOn: z.string().optional() });

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };
const security: Record<string, string[]>[] = [{ apiKey: [] }, { session: [] }];
const tags = ["security measures"];

/** The security measures register and its reviews (S1-07), with one of the organisation's API keys. */
export const securityRoutes =
  ({ ctx }: ServerDeps): FastifyPluginAsync =>
  async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    guardRoutes(app, ctx, { permission: "read", write: "manage" });
    const base = "/api/v1/organisations/:slug/security-measures";

    app.get(
      base,
      {
        schema: {
          summary: "The security measures of the policy in force with their last review, next review and overdue alerts",
          tags,
          security,
          params: slugParams,
          response: { 200: z.object({ policyVersion: z.number().int(), today: z.string(), measures: z.array(measure), alerts: z.array(alert) }), ...errors },
        },
      },
      async (req) => {
        const r = await securityRegister(ctx, req.params.slug);
        return { policyVersion: r.policyVersion, today: r.today, measures: r.measures, alerts: r.alerts };
      },
    );

    app.post(
      `${base}/:measureId/reviews`,
      {
        schema: {
          summary: "Record a test and evaluation of a measure; the next review falls due one period later (S1-07: quarterly)",
          tags,
          security,
          params: measureParams,
          body: reviewInput,
          response: { 201: measure, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await recordReview(ctx, req.params.slug, req.params.measureId, req.body, actorOf(req))),
    );

    app.get(
      `${base}/:measureId/reviews`,
      {
        schema: {
          summary: "Every review of a measure, oldest first",
          tags,
          security,
          params: measureParams,
          response: { 200: z.object({ reviews: z.array(review.extend({ recordedAt: z.string(), recordedBy: z.string() })) }), ...errors },
        },
      },
      async (req) => ({ reviews: (await reviewHistory(ctx, req.params.slug, req.params.measureId)).map((r) => ({ ...r, recordedAt: r.recordedAt.toISOString() })) }),
    );

    app.get(
      `${base}/export`,
      { schema: { summary: "The security measures register as CSV (UTF-8 with BOM), XLSX or PDF", tags, security, params: slugParams, querystring: exportQuery } },
      async (req, reply) => {
        const r = await securityRegister(ctx, req.params.slug);
        return sendTable(reply, securityTable(r, documentLanguage(req.query.lang, r.languages)), req.query.format, `${req.params.slug}-security-measures`);
      },
    );
  };
