import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  AUTHORITY_FORMATS,
  authorityDocument,
  BREACH_ID,
  BREACH_STATUSES,
  breachClock,
  breachDetailJson,
  breachSummaryJson,
  breachTimeline,
  clockJson,
  createBreach,
  exportBreachRegister,
  getBreach,
  LETTER_FORMATS,
  letterDocument,
  listBreaches,
  NOTIFICATION_PHASES,
  notifyBreach,
  renderAuthorityPdf,
  renderLetter,
  updateBreach,
} from "../../breaches/index.ts";
import { tableContentTypes, tableFormats } from "../../documents/table-export.ts";
import { vocabulary } from "../../manifest/index.ts";
import { SLUG } from "../../organisations/index.ts";
import { actorOf, guardRoutes } from "../access.ts";
import type { ServerDeps } from "../server.ts";
import { errorResponse } from "./schemas.ts";

const slugParams = z.object({ slug: z.string().regex(SLUG) });
const idParams = slugParams.extend({ id: z.string().regex(BREACH_ID, "expected a breach id such as breach-2026-001") });

const deadlineState = z.string();
const clock = z.object({
  now: z.string(),
  nextDue: z.string().nullable(),
  authority: z.object({ article: z.string(), due: z.string(), rule: z.string(), required: z.boolean().nullable(), state: deadlineState, notifiedAt: z.string().nullable(), msLeft: z.number() }),
  processor: z
    .object({
      processor: z.string(),
      article: z.string(),
      windowHours: z.number().nullable(),
      processorAwareAt: z.string(),
      due: z.string().nullable(),
      toldControllerAt: z.string().nullable(),
      state: deadlineState,
      msLeft: z.number().nullable(),
    })
    .nullable(),
});
const summary = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(BREACH_STATUSES),
  revision: z.number().int(),
  awareAt: z.string(),
  dueAt: z.string().nullable(),
  riskLevel: z.string().nullable(),
  clock,
});
const event = z.object({ seq: z.number().int(), at: z.string(), actor: z.string(), kind: z.string(), data: z.unknown() });
const detail = summary.extend({
  createdAt: z.string(),
  updatedAt: z.string(),
  breach: z.record(z.string(), z.unknown()),
  assessment: z.object({
    risk: z.object({ likelihood: z.string(), severity: z.string(), enisaScore: z.number().optional(), computed: z.string(), level: z.string(), overridden: z.boolean() }).nullable(), required: z.object({ authority: z.boolean(), subjects: z.boolean() }).nullable(), special: z.array(z.string()), criminal: z.array(z.string()) }),
  timeline: z.array(event),
});

// The breach itself is checked by the service (stable code invalid_breach with paths), so API and CLI answer alike.
const breachBody = z.record(z.string(), z.unknown()).describe("the breach: see the README's Breach register section for the fields");
const putBody = z.strictObject({ revision: z.number().int().min(1).describe("the revision read; a stale one is refused with 409"), breach: breachBody });
const notificationBody = z.record(z.string(), z.unknown()).describe('{ to: "authority", phase, channel, at?, reference?, delay_reason? } or { to: "subjects", channel, count, at? }');

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };
const security: Record<string, string[]>[] = [{ apiKey: [] }, { session: [] }];
const tags = ["breaches"];

/** The breach register (Art. 33-34 GDPR, ZZPL čl. 52-53) of one organisation, with one of its API keys. */
export const breachRoutes =
  ({ ctx }: ServerDeps): FastifyPluginAsync =>
  async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    guardRoutes(app, ctx, { permission: "read", write: "manage" });
    const base = "/api/v1/organisations/:slug/breaches";
    const detailOf = async (slug: string, id: string) => breachDetailJson(await getBreach(ctx, slug, id), await breachTimeline(ctx, slug, id), ctx.clock);

    app.post(
      base,
      { schema: { summary: "Record a breach; the 72-hour clock runs from aware_at", tags, security, params: slugParams, body: breachBody, response: { 201: detail, ...errors } } },
      async (req, reply) => {
        const created = await createBreach(ctx, req.params.slug, req.body, actorOf(req));
        return reply.status(201).send(await detailOf(req.params.slug, created.entryId));
      },
    );

    app.get(
      base,
      { schema: { summary: "The register, the nearest open deadline first, with time left", tags, security, params: slugParams, response: { 200: z.object({ breaches: z.array(summary) }), ...errors } } },
      async (req) => ({ breaches: (await listBreaches(ctx, req.params.slug)).map((e) => breachSummaryJson(e, ctx.clock)) }),
    );

    app.get(
      `${base}.:format`,
      {
        schema: {
          summary: "The register of all breaches (Art. 33(5)): facts, effects, remedial action",
          description: "csv (UTF-8 with BOM), xlsx or pdf; in the organisation's first language unless ?lang=",
          tags,
          security,
          params: slugParams.extend({ format: z.enum(tableFormats) }),
          querystring: z.object({ lang: z.enum(vocabulary.languages).optional() }),
        },
      },
      async (req, reply) => {
        const body = await exportBreachRegister(ctx, req.params.slug, req.params.format, { lang: req.query.lang });
        return reply
          .type(tableContentTypes[req.params.format])
          .header("content-disposition", `attachment; filename="${req.params.slug}-breaches.${req.params.format}"`)
          .send(body);
      },
    );

    app.get(
      `${base}/:id`,
      { schema: { summary: "One breach with its assessment, clocks and timeline", tags, security, params: idParams, response: { 200: detail, ...errors } } },
      async (req) => detailOf(req.params.slug, req.params.id),
    );

    app.put(
      `${base}/:id`,
      { schema: { summary: "Replace what is known of a breach (with the revision read); notifications stay as recorded", tags, security, params: idParams, body: putBody, response: { 200: detail, ...errors } } },
      async (req) => {
        await updateBreach(ctx, req.params.slug, req.params.id, req.body.revision, req.body.breach, actorOf(req));
        return detailOf(req.params.slug, req.params.id);
      },
    );

    app.post(
      `${base}/:id/notifications`,
      {
        schema: {
          summary: "Record a notification sent to the authority (in phases) or to the subjects",
          description: "The first notification to the authority after the 72 hours needs delay_reason (400 delay_reason_required) unless the breach already has one.",
          tags,
          security,
          params: idParams,
          body: notificationBody,
          response: { 201: detail, ...errors },
        },
      },
      async (req, reply) => {
        await notifyBreach(ctx, req.params.slug, req.params.id, req.body, actorOf(req));
        return reply.status(201).send(await detailOf(req.params.slug, req.params.id));
      },
    );

    app.get(
      `${base}/:id/clock`,
      { schema: { summary: "The 72-hour authority clock and the processor's contractual window, now", tags, security, params: idParams, response: { 200: clock, ...errors } } },
      async (req) => clockJson(breachClock((await getBreach(ctx, req.params.slug, req.params.id)).data, ctx.clock)),
    );

    app.get(
      `${base}/:id/documents/authority.:format`,
      {
        schema: {
          summary: "The notification to the supervisory authority with its form's fields (ANSPDCP, Poverenik)",
          description: "json or pdf; in the authority's language unless ?lang=; for the next phase unless ?phase=",
          tags,
          security,
          params: idParams.extend({ format: z.enum(AUTHORITY_FORMATS) }),
          querystring: z.object({ lang: z.enum(vocabulary.languages).optional(), phase: z.enum(NOTIFICATION_PHASES).optional() }),
        },
      },
      async (req, reply) => {
        const form = await authorityDocument(ctx, req.params.slug, req.params.id, req.query);
        if (req.params.format === "json") return reply.type("application/json; charset=utf-8").send(form);
        return reply.type("application/pdf").header("content-disposition", `attachment; filename="${req.params.id}-authority.pdf"`).send(await renderAuthorityPdf(form));
      },
    );

    app.get(
      `${base}/:id/letters/:lang`,
      {
        schema: {
          summary: "The plain-language letter to the subjects (Art. 34), in ro, sr, sr-Cyrl or en",
          tags,
          security,
          params: idParams.extend({ lang: z.enum(vocabulary.languages) }),
          querystring: z.object({ format: z.enum(LETTER_FORMATS).default("txt") }),
        },
      },
      async (req, reply) => {
        const letter = await letterDocument(ctx, req.params.slug, req.params.id, req.params.lang);
        const body = await renderLetter(letter, req.query.format);
        if (req.query.format === "txt") return reply.type("text/plain; charset=utf-8").send(body);
        return reply.type("application/pdf").header("content-disposition", `attachment; filename="${req.params.id}-letter-${req.params.lang}.pdf"`).send(body);
      },
    );
  };
