import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { SLUG } from "../../organisations/index.ts";
import { listVendorAlerts, recordAccessEnded, VENDOR_ALERT_KINDS, vendorRegister, vendorTable, type VendorTable } from "../../vendors/index.ts";
import { actorOf, guardRoutes } from "../access.ts";
import type { ServerDeps } from "../server.ts";
import { errorResponse } from "./schemas.ts";
import { documentLanguage, exportQuery, sendTable } from "./table-reply.ts";

const slugParams = z.object({ slug: z.string().regex(SLUG) });
const processorParams = slugParams.extend({ processorId: z.string().regex(/^[a-z][a-z0-9_]*$/) });
const localized = z.union([z.string(), z.record(z.string(), z.string())]);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const processor = z.object({
  id: z.string(),
  name: z.string(),
  country: z.string().optional(),
  address: z.string().optional(),
  service: localized.optional(),
  locations: z.array(z.string()),
  certifications: z.array(z.string()),
  dpa: z.object({
    state: z.enum(["missing", "in_force", "expiring", "expired"]),
    signed: z.string().optional(),
    ends: z.string().optional(),
    terms: z.array(z.string()).optional(),
    missingTerms: z.array(z.string()),
    breachNoticeHours: z.number().optional(),
    recordsWithinWorkingDays: z.number().optional(),
  }),
  transferMechanism: z.string().optional(),
  subProcessors: z.array(z.string()),
  engagedBy: z.array(z.string()),
  activities: z.array(z.string()),
  accessEndedOn: z.string().optional(),
});
const departed = z.object({ id: z.string(), name: z.string(), goneOn: z.string(), signed: z.string().optional(), accessEndedOn: z.string().optional() });
const transfer = z.object({
  source: z.enum(["processor", "recipient", "activity", "cookie"]),
  who: z.string(),
  party: z.string().optional(),
  activity: z.string().optional(),
  country: z.string(),
  mechanism: z.string().optional(),
  status: z.object({ kind: z.string(), article: z.string(), condition: z.string().optional(), decision: z.string().optional(), note: z.string().optional() }),
  adequacy: z.object({ country: z.string(), decision: z.string(), adopted: z.string(), expires: z.string().optional(), state: z.enum(["not_yet", "in_force", "ending", "ended"]) }).optional(),
  lawful: z.boolean(),
});
const alert = z.object({
  key: z.string(),
  kind: z.enum(VENDOR_ALERT_KINDS),
  severity: z.enum(["error", "warning", "info"]),
  processor: z.string().optional(),
  country: z.string().optional(),
  article: z.string(),
  message: z.string(),
  dueOn: z.string().optional(),
  entryId: z.string().optional(),
  raisedOn: z.string().optional(),
});
const header = { policyVersion: z.number().int(), today: z.string() };

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };
const security: Record<string, string[]>[] = [{ apiKey: [] }, { session: [] }];
const tags = ["vendors"];

/** The processors and transfers registers and their alerts, with one of the organisation's API keys. */
export const vendorRoutes =
  ({ ctx }: ServerDeps): FastifyPluginAsync =>
  async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    guardRoutes(app, ctx, { permission: "read", write: "manage" });
    const base = "/api/v1/organisations/:slug";

    app.get(
      `${base}/processors`,
      {
        schema: {
          summary: "Processors and sub-processors of the policy in force: DPA dates and clauses, certifications, locations; and former processors",
          tags,
          security,
          params: slugParams,
          response: { 200: z.object({ ...header, processors: z.array(processor), departed: z.array(departed) }), ...errors },
        },
      },
      async (req) => {
        const r = await vendorRegister(ctx, req.params.slug);
        return { policyVersion: r.policyVersion, today: r.today, processors: r.processors, departed: r.departed };
      },
    );

    app.post(
      `${base}/processors/:processorId/access-ended`,
      {
        schema: {
          summary: "Record that a processor's access to personal data was ended (S4-04); closes its 'end access' alert",
          tags,
          security,
          params: processorParams,
          body: z.strictObject({ on: date.describe("the day access was ended"), note: z.string().trim().min(1).max(2000).optional() }),
          response: { 201: z.object({ entryId: z.string(), processor: z.string(), accessEndedOn: z.string() }), ...errors },
        },
      },
      async (req, reply) => {
        const e = await recordAccessEnded(ctx, req.params.slug, req.params.processorId, req.body, actorOf(req));
        return reply.status(201).send({ entryId: e.entryId, processor: e.data.processor, accessEndedOn: e.data.access_ended!.on });
      },
    );

    app.get(
      `${base}/transfers`,
      {
        schema: {
          summary: "Every transfer of personal data outside the EEA (or Serbia) with its ground, checked against the adequacy list on today's date",
          tags,
          security,
          params: slugParams,
          response: { 200: z.object({ ...header, transfers: z.array(transfer) }), ...errors },
        },
      },
      async (req) => {
        const r = await vendorRegister(ctx, req.params.slug);
        return { policyVersion: r.policyVersion, today: r.today, transfers: r.transfers };
      },
    );

    app.get(
      `${base}/vendor-alerts`,
      {
        schema: {
          summary: "Missing or ending DPAs, missing clauses, processors whose access must end, transfers without a valid ground; most serious first",
          tags,
          security,
          params: slugParams,
          response: { 200: z.object({ ...header, alerts: z.array(alert) }), ...errors },
        },
      },
      async (req) => {
        const { register: r, alerts } = await listVendorAlerts(ctx, req.params.slug);
        return { policyVersion: r.policyVersion, today: r.today, alerts };
      },
    );

    const tables: Array<[string, VendorTable]> = [["processors", "processors"], ["transfers", "transfers"], ["vendor-alerts", "alerts"]];
    for (const [path, table] of tables) {
      app.get(
        `${base}/${path}/export`,
        { schema: { summary: `The ${table} register as CSV (UTF-8 with BOM), XLSX or PDF`, tags, security, params: slugParams, querystring: exportQuery } },
        async (req, reply) => {
          const { register: r, alerts } = await listVendorAlerts(ctx, req.params.slug);
          const doc = vendorTable(r, table, documentLanguage(req.query.lang, r.languages), alerts);
          return sendTable(reply, doc, req.query.format, `${req.params.slug}-${path}`);
        },
      );
    }
  };
