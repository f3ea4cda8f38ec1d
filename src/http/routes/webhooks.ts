import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { SLUG } from "../../organisations/index.ts";
import { ALL_EVENTS, createWebhook, DELIVERY_STATUSES, disableWebhook, listDeliveries, listWebhooks, WEBHOOK_EVENTS, type WebhookSummary } from "../../webhooks/index.ts";
import { actorOf, guardRoutes } from "../access.ts";
import type { ServerDeps } from "../server.ts";
import { errorResponse } from "./schemas.ts";

const slugParams = z.object({ slug: z.string().regex(SLUG) });
const webhookParams = slugParams.extend({ webhookId: z.string().min(1).max(100) });

// Loose on purpose: the service checks URL and events, so the API and the CLI give the same stable codes.
const createBody = z.strictObject({
  url: z.string().max(4096).describe("https:// or http:// URL that receives POSTed events"),
  events: z
    .array(z.string().max(100))
    .min(1)
    .max(20)
    .optional()
    .describe(`any of ${[...WEBHOOK_EVENTS, ALL_EVENTS].join(", ")}; default ${ALL_EVENTS}`),
});

const webhook = z.object({ webhookId: z.string(), url: z.string(), events: z.array(z.string()), createdAt: z.string(), disabledAt: z.string().nullable() });
const created = webhook.extend({ secret: z.string().describe("signs every delivery; shown only in this answer") });

const delivery = z.object({
  deliveryId: z.string(),
  event: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  createdAt: z.string(),
  nextAttemptAt: z.string().nullable().describe("when the next attempt is due (pending only)"),
  deliveredAt: z.string().nullable(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
});
const deliveriesQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), status: z.enum(DELIVERY_STATUSES).optional() });

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };
const security: Record<string, string[]>[] = [{ apiKey: [] }, { session: [] }];
const tags = ["webhooks"];

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const toJson = (w: WebhookSummary) => ({ ...w, createdAt: w.createdAt.toISOString(), disabledAt: iso(w.disabledAt) });

/** An organisation's webhooks and their deliveries, with one of its API keys. */
export const webhookRoutes =
  ({ ctx }: ServerDeps): FastifyPluginAsync =>
  async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    guardRoutes(app, ctx, { permission: "read", write: "administer" });
    const base = "/api/v1/organisations/:slug/webhooks";

    app.post(
      base,
      { schema: { summary: "Subscribe a URL to events; the signing secret is returned once", tags, security, params: slugParams, body: createBody, response: { 201: created, ...errors } } },
      async (req, reply) => {
        const w = await createWebhook(ctx, req.params.slug, req.body, { actor: actorOf(req) });
        return reply.status(201).send({ ...toJson(w), secret: w.secret });
      },
    );

    app.get(
      base,
      { schema: { summary: "The organisation's webhooks, active and disabled (never their secrets)", tags, security, params: slugParams, response: { 200: z.object({ webhooks: z.array(webhook) }), ...errors } } },
      async (req) => ({ webhooks: (await listWebhooks(ctx, req.params.slug)).map(toJson) }),
    );

    app.delete(
      `${base}/:webhookId`,
      { schema: { summary: "Disable a webhook: nothing more is sent to it", tags, security, params: webhookParams, response: { 200: webhook, ...errors } } },
      async (req) => toJson(await disableWebhook(ctx, req.params.slug, req.params.webhookId, { actor: actorOf(req) })),
    );

    app.get(
      `${base}/:webhookId/deliveries`,
      {
        schema: {
          summary: "A webhook's newest deliveries: status, attempts and times (never payloads)",
          tags,
          security,
          params: webhookParams,
          querystring: deliveriesQuery,
          response: { 200: z.object({ deliveries: z.array(delivery) }), ...errors },
        },
      },
      async (req) => {
        const rows = await listDeliveries(ctx, req.params.slug, req.params.webhookId, req.query);
        return {
          deliveries: rows.map((d) => ({
            deliveryId: d.deliveryId,
            event: d.event,
            status: d.status as (typeof DELIVERY_STATUSES)[number],
            attempts: d.attempts,
            createdAt: d.createdAt.toISOString(),
            nextAttemptAt: d.status === "pending" ? d.nextAttemptAt.toISOString() : null,
            deliveredAt: iso(d.deliveredAt),
            lastStatus: d.lastStatus,
            lastError: d.lastError,
          })),
        };
      },
    );
  };
