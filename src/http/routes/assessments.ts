import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  ASSESSMENT_STATUSES,
  assessmentInput,
  assessmentRegister,
  assessmentsTable,
  createAssessment,
  FACTS,
  getAssessment,
  RISK_LEVELS,
  screeningAnswers,
  SCREENING_RESULTS,
  screeningTable,
  screenOrganisation,
  updateAssessment,
  type AssessmentView,
  type OrganisationScreening,
} from "../../assessments/index.ts";
import { SLUG } from "../../organisations/index.ts";
import { actorOf, guardRoutes } from "../access.ts";
import type { ServerDeps } from "../server.ts";
import { errorResponse } from "./schemas.ts";
import { documentLanguage, exportQuery, sendTable } from "./table-reply.ts";

const slugParams = z.object({ slug: z.string().regex(SLUG) });
const idParams = slugParams.extend({ id: z.string().regex(/^dpia-\d{4}-\d{3,}$/, "expected an id such as dpia-2026-001") });
const fact = z.enum(FACTS as [string, ...string[]]);

const screened = z.object({
  activity: z.string(),
  result: z.enum(SCREENING_RESULTS),
  criteria: z.array(z.object({ criterion: z.string(), citation: z.string(), evidence: z.array(z.string()), source: z.enum(["manifest", "answer"]) })),
  triggers: z.array(z.object({ id: z.string(), citation: z.string(), state: z.enum(["met", "possible", "not_met"]), facts: z.array(fact), missing: z.array(fact) })),
  facts: z.array(z.object({ fact, met: z.boolean().nullable(), source: z.enum(["manifest", "answer", "unknown"]), evidence: z.array(z.string()) })),
  questions: z.array(fact),
  citations: z.array(z.string()),
  assessment: z.object({ entryId: z.string(), status: z.string(), reviewOn: z.string() }).optional(),
});
const screening = z.object({ policyVersion: z.number().int(), jurisdiction: z.string(), activities: z.array(screened) });

const view = z.object({
  entryId: z.string(),
  revision: z.number().int(),
  status: z.enum(ASSESSMENT_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
  assessment: z.record(z.string(), z.unknown()).describe("the assessment as recorded, with policy_version, jurisdiction and dpo_appointed"),
  risks: z.array(z.object({ level: z.enum(RISK_LEVELS), residualLevel: z.enum(RISK_LEVELS) })),
  residualRisk: z.enum(RISK_LEVELS),
  priorConsultationRequired: z.boolean(),
  reviewOverdue: z.boolean(),
  articles: z.object({ contents: z.string(), dpo: z.string(), priorConsultation: z.string() }),
});
const event = z.object({ seq: z.number().int(), at: z.string(), actor: z.string(), kind: z.string(), data: z.unknown() });

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };
const security: Record<string, string[]>[] = [{ apiKey: [] }, { session: [] }];
const tags = ["impact assessments"];

const screeningJson = (s: OrganisationScreening) => ({ policyVersion: s.policyVersion, jurisdiction: s.jurisdiction.code, activities: s.activities });
const viewJson = (v: AssessmentView) => ({ ...v, createdAt: v.createdAt.toISOString(), updatedAt: v.updatedAt.toISOString(), assessment: v.assessment as Record<string, unknown> });

/** DPIA screening (S1-09) and the DPIA register, with one of the organisation's API keys. */
export const assessmentRoutes =
  ({ ctx }: ServerDeps): FastifyPluginAsync =>
  async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    guardRoutes(app, ctx, { permission: "read", write: "manage" });
    const base = "/api/v1/organisations/:slug/dpia";

    app.get(
      `${base}/screening`,
      { schema: { summary: "Screen every activity of the policy in force against the WP248 criteria, Art. 35(3) and the national DPIA list", tags, security, params: slugParams, response: { 200: screening, ...errors } } },
      async (req) => screeningJson(await screenOrganisation(ctx, req.params.slug)),
    );

    app.post(
      `${base}/screening`,
      {
        // Computes and stores nothing: reading is enough.
        config: { permission: "read" },
        schema: {
          summary: "The same screening with what the manifest cannot say (large scale, public areas, ...), per activity",
          tags,
          security,
          params: slugParams,
          body: z.strictObject({ answers: screeningAnswers }),
          response: { 200: screening, ...errors },
        },
      },
      async (req) => screeningJson(await screenOrganisation(ctx, req.params.slug, req.body.answers)),
    );

    app.get(
      `${base}/screening/export`,
      { schema: { summary: "The screening as CSV (UTF-8 with BOM), XLSX or PDF", tags, security, params: slugParams, querystring: exportQuery } },
      async (req, reply) => {
        const s = await screenOrganisation(ctx, req.params.slug);
        return sendTable(reply, screeningTable(s, documentLanguage(req.query.lang, s.languages)), req.query.format, `${req.params.slug}-dpia-screening`);
      },
    );

    app.post(
      base,
      { bodyLimit: 262_144, schema: { summary: "Record an impact assessment (Art. 35(7), S1-09)", tags, security, params: slugParams, body: assessmentInput, response: { 201: view, ...errors } } },
      async (req, reply) => {
        const e = await createAssessment(ctx, req.params.slug, req.body, actorOf(req));
        return reply.status(201).send(viewJson((await getAssessment(ctx, req.params.slug, e.entryId))));
      },
    );

    app.get(
      base,
      { schema: { summary: "The DPIA register, the soonest review first", tags, security, params: slugParams, response: { 200: z.object({ assessments: z.array(view) }), ...errors } } },
      async (req) => ({ assessments: (await assessmentRegister(ctx, req.params.slug)).assessments.map(viewJson) }),
    );

    app.get(
      `${base}/export`,
      { schema: { summary: "The DPIA register as CSV (UTF-8 with BOM), XLSX or PDF", tags, security, params: slugParams, querystring: exportQuery } },
      async (req, reply) => {
        const r = await assessmentRegister(ctx, req.params.slug);
        return sendTable(reply, assessmentsTable(r, documentLanguage(req.query.lang, r.languages)), req.query.format, `${req.params.slug}-dpia`);
      },
    );

    app.get(
      `${base}/:id`,
      { schema: { summary: "One assessment with its risk levels and timeline", tags, security, params: idParams, response: { 200: view.extend({ timeline: z.array(event) }), ...errors } } },
      async (req) => {
        const a = await getAssessment(ctx, req.params.slug, req.params.id);
        return { ...viewJson(a), timeline: a.timeline.map((e) => ({ ...e, at: e.at.toISOString() })) };
      },
    );

    app.put(
      `${base}/:id`,
      {
        bodyLimit: 262_144,
        schema: {
          summary: "Replace an assessment; `revision` is the one read (409 revision_conflict if someone changed it since)",
          tags,
          security,
          params: idParams,
          body: z.strictObject({ revision: z.number().int().positive(), assessment: assessmentInput }),
          response: { 200: view, ...errors },
        },
      },
      async (req) => {
        await updateAssessment(ctx, req.params.slug, req.params.id, req.body.revision, req.body.assessment, actorOf(req));
        return viewJson(await getAssessment(ctx, req.params.slug, req.params.id));
      },
    );
  };
