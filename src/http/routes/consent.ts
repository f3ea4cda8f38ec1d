import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  acceptNotice,
  consentHistory,
  currentConsent,
  exportConsentReceipt,
  noticeAcceptance,
  noticeAcceptanceInput,
  recordConsent,
  unsubscribeLink,
  withdrawConsent,
  type ConsentRecord,
} from "../../consent/index.ts";
import { consentInput, withdrawalInput } from "../../consent/input.ts";
import { SLUG } from "../../organisations/index.ts";
import { actorOf, guardRoutes } from "../access.ts";
import { publicBaseUrl } from "../public-url.ts";
import type { ServerDeps } from "../server.ts";
import { errorResponse } from "./schemas.ts";

const slugParams = z.object({ slug: z.string().regex(SLUG) });
const consentParams = slugParams.extend({ consentId: z.string().trim().min(1).max(200) });

const decision = z.enum(["given", "refused", "withdrawn", "expired"]);

const record = z.object({
  seq: z.number().int(),
  consentId: z.string(),
  subjectRef: z.string().nullable(),
  purpose: z.string(),
  decision: z.string(),
  legalBasis: z.string(),
  policyVersion: z.number().int(),
  textHash: z.string(),
  language: z.string(),
  jurisdiction: z.string(),
  method: z.string(),
  collectedBy: z.string().nullable(),
  guardian: z.string().nullable(),
  recordedAt: z.string(),
  validUntil: z.string().nullable(),
  ipTruncated: z.string().nullable(),
  userAgent: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
});
const records = z.object({ records: z.array(record) });

const state = z.object({
  consentId: z.string(),
  purposes: z.array(
    z.object({ purpose: z.string(), decision, policyVersion: z.number().int(), recordedAt: z.string(), validUntil: z.string().nullable(), reconsentRequired: z.boolean() }),
  ),
});

const notice = z.object({ version: z.number().int(), text_hash: z.string(), language: z.string() });
const receipt = z.object({
  schema_version: z.string(),
  receipt_id: z.string(),
  issued_at: z.string(),
  controller: z.object({ name: z.string(), contact: z.string().nullable() }),
  subject: z.object({ id: z.string() }),
  notice,
  records: z.array(
    z.object({
      purpose: z.string(),
      legal_basis: z.string(),
      decision: z.string(),
      method: z.string(),
      timestamp: z.string(),
      expiry: z.string().nullable(),
      jurisdiction: z.string(),
      notice,
      given_by: z.object({ kind: z.enum(["subject", "guardian"]), name: z.string().nullable() }),
      collected_by: z.string().nullable(),
      integrity: z.object({ seq: z.number().int(), prev_hash: z.string(), hash: z.string() }),
    }),
  ),
});

const unsubscribe = z.object({
  url: z.string(),
  headers: z.object({ "List-Unsubscribe": z.string(), "List-Unsubscribe-Post": z.literal("List-Unsubscribe=One-Click") }),
});

/** The client does not send the address or the browser: the server takes them from the request. */
const recordBody = consentInput.omit({ ip: true, userAgent: true });
const withdrawBody = withdrawalInput.omit({ ip: true, userAgent: true });

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };
const security: Record<string, string[]>[] = [{ apiKey: [] }, { session: [] }];

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const toJson = (r: ConsentRecord): z.infer<typeof record> => ({ ...r, recordedAt: r.recordedAt.toISOString(), validUntil: iso(r.validUntil) });

/** The consent ledger over HTTP, for one organisation, with one of its API keys. */
export const consentRoutes =
  ({ ctx, publicUrl }: ServerDeps): FastifyPluginAsync =>
  async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    guardRoutes(app, ctx, { permission: "read", write: "operate" });

    app.post(
      "/api/v1/organisations/:slug/consents",
      {
        schema: {
          summary: "Record a consent decision for one or more purposes",
          tags: ["consent"],
          security,
          params: slugParams,
          body: recordBody,
          response: { 201: records, ...errors },
        },
      },
      async (req, reply) => {
        const ua = req.headers["user-agent"];
        const rows = await recordConsent(ctx, req.params.slug, { ...req.body, ip: req.ip, userAgent: typeof ua === "string" ? ua.slice(0, 512) : undefined });
        return reply.status(201).send({ records: rows.map(toJson) });
      },
    );

    app.get(
      "/api/v1/organisations/:slug/consents/:consentId",
      {
        config: { personalData: "consent_subject" },
        schema: { summary: "A subject's current decision per purpose", tags: ["consent"], security, params: consentParams, response: { 200: state, ...errors } },
      },
      async (req) => {
        const rows = await currentConsent(ctx, req.params.slug, req.params.consentId);
        return {
          consentId: req.params.consentId,
          purposes: rows.map((s) => ({ ...s, recordedAt: s.recordedAt.toISOString(), validUntil: iso(s.validUntil) })),
        };
      },
    );

    app.get(
      "/api/v1/organisations/:slug/consents/:consentId/history",
      {
        config: { personalData: "consent_subject" },
        schema: { summary: "Every recorded decision of a subject, oldest first", tags: ["consent"], security, params: consentParams, response: { 200: records, ...errors } },
      },
      async (req) => ({ records: (await consentHistory(ctx, req.params.slug, req.params.consentId)).map(toJson) }),
    );

    app.post(
      "/api/v1/organisations/:slug/consents/:consentId/withdraw",
      {
        schema: {
          summary: "Withdraw consent for some purposes (Art. 7(3) GDPR)",
          tags: ["consent"],
          security,
          params: consentParams,
          body: withdrawBody,
          response: { 201: records, ...errors },
        },
      },
      async (req, reply) => {
        const ua = req.headers["user-agent"];
        const { purposes, method, ...extra } = req.body;
        const rows = await withdrawConsent(ctx, req.params.slug, req.params.consentId, purposes, method, {
          ...extra,
          ip: req.ip,
          userAgent: typeof ua === "string" ? ua.slice(0, 512) : undefined,
        });
        return reply.status(201).send({ records: rows.map(toJson) });
      },
    );

    app.get(
      "/api/v1/organisations/:slug/consents/:consentId/receipt",
      {
        config: { personalData: "consent_subject" },
        schema: { summary: "A subject's consent receipt (ISO/IEC TS 27560-shaped)", tags: ["consent"], security, params: consentParams, response: { 200: receipt, ...errors } },
      },
      async (req) => exportConsentReceipt(ctx, req.params.slug, req.params.consentId),
    );

    app.post(
      "/api/v1/organisations/:slug/consents/:consentId/unsubscribe-link",
      {
        schema: {
          summary: "A signed one-click unsubscribe link for one purpose, with the List-Unsubscribe headers for the e-mail (S4-11, RFC 8058)",
          tags: ["consent"],
          security,
          params: consentParams,
          body: z.strictObject({ purpose: z.string().trim().min(1).max(200) }),
          response: { 200: unsubscribe, ...errors },
        },
      },
      async (req) => unsubscribeLink(ctx, req.params.slug, req.params.consentId, req.body.purpose, publicBaseUrl(req, publicUrl)),
    );

    app.post(
      "/api/v1/organisations/:slug/notice-acceptances",
      {
        schema: {
          summary: "Record that a subject explicitly accepted the notice in force, e.g. before registering (S4-03)",
          tags: ["consent"],
          security,
          params: slugParams,
          body: noticeAcceptanceInput.omit({ ip: true, userAgent: true }),
          response: { 201: z.object({ record }), ...errors },
        },
      },
      async (req, reply) => {
        const ua = req.headers["user-agent"];
        const row = await acceptNotice(ctx, req.params.slug, { ...req.body, ip: req.ip, userAgent: typeof ua === "string" ? ua.slice(0, 512) : undefined });
        return reply.status(201).send({ record: toJson(row) });
      },
    );

    app.get(
      "/api/v1/organisations/:slug/notice-acceptances/:consentId",
      {
        config: { personalData: "consent_subject" },
        schema: {
          summary: "Whether a subject has accepted the notice in force",
          tags: ["consent"],
          security,
          params: consentParams,
          response: {
            200: z.object({
              current: z.boolean(),
              policyVersion: z.number().int(),
              accepted: z.object({ policyVersion: z.number().int(), language: z.string(), at: z.string() }).nullable(),
            }),
            ...errors,
          },
        },
      },
      async (req) => {
        const status = await noticeAcceptance(ctx, req.params.slug, req.params.consentId);
        return { ...status, accepted: status.accepted && { ...status.accepted, at: status.accepted.at.toISOString() } };
      },
    );
  };
