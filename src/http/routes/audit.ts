import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AUDIT_PAGE_MAX, auditPeriod, auditTable, searchAudit, verifyAudit, type AuditFilter } from "../../audit/index.ts";
import type { Manifest } from "../../manifest/index.ts";
import { getOrganisation, SLUG } from "../../organisations/index.ts";
import { guardRoutes } from "../access.ts";
import type { ServerDeps } from "../server.ts";
import { errorResponse } from "./schemas.ts";
import { documentLanguage, exportQuery, sendTable } from "./table-reply.ts";

const slugParams = z.object({ slug: z.string().regex(SLUG) });
const text = z.string().trim().min(1).max(200);
const filters = {
  actor: text.optional().describe("who: apikey:<keyId>, staff:<email>, subject, cli…; a trailing * matches a prefix"),
  action: text.optional().describe("e.g. personal_data.viewed; breach.* for every breach action"),
  entity: text.optional().describe("e.g. policy_version, breach, api_key; a trailing * matches a prefix"),
  entityId: text.optional(),
  from: z.string().max(40).optional().describe("a date (UTC) or an instant with its offset; inclusive"),
  to: z.string().max(40).optional().describe("a date (the whole day is included) or an instant; exclusive"),
};
const listQuery = z.strictObject({
  ...filters,
  order: z.enum(["desc", "asc"]).default("desc").describe("desc: newest first"),
  cursor: z.coerce.number().int().min(0).optional().describe("the next of the previous page"),
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(100),
});
const entry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  details: z.unknown(),
  hash: z.string(),
});
const chainCheck = z.union([z.object({ ok: z.literal(true), count: z.number().int() }), z.object({ ok: z.literal(false), brokenAt: z.number().int() })]);

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 422: errorResponse };
const security: Record<string, string[]>[] = [{ apiKey: [] }, { session: [] }];
const tags = ["audit"];

function filterOf(q: { actor?: string; action?: string; entity?: string; entityId?: string; from?: string; to?: string }): AuditFilter {
  return { actor: q.actor, action: q.action, entity: q.entity, entityId: q.entityId, ...auditPeriod(q.from, q.to) };
}

/**
 * The organisation's audit trail (S1-07, S4-20): every change by staff, keys and subjects and
 * every view of a subject's data, searchable, exportable and verifiable. Nothing ever prunes it.
 */
export const auditRoutes =
  ({ ctx }: ServerDeps): FastifyPluginAsync =>
  async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    guardRoutes(app, ctx, { permission: "read" });
    const base = "/api/v1/organisations/:slug/audit";

    app.get(
      base,
      {
        schema: {
          summary: "Search the audit trail: by actor, action, entity, period; keyset pages by seq (newest first)",
          tags,
          security,
          params: slugParams,
          querystring: listQuery,
          response: { 200: z.object({ entries: z.array(entry), next: z.number().int().nullable() }), ...errors },
        },
      },
      async (req) => {
        const { tenant } = await getOrganisation(ctx, req.params.slug);
        const { order, cursor, limit } = req.query;
        const page = await searchAudit(ctx.db, tenant.tenantId, filterOf(req.query), { order, cursor, limit });
        return { entries: page.entries.map((e) => ({ ...e, at: e.at.toISOString() })), next: page.next };
      },
    );

    app.get(
      `${base}/export`,
      {
        schema: {
          summary: "The audit trail over a period as CSV (UTF-8 with BOM), XLSX or PDF, oldest first, with the chain's verification",
          description: "422 export_too_large when more entries match than the format holds: choose a shorter period.",
          tags,
          security,
          params: slugParams,
          querystring: z.strictObject({ ...exportQuery.shape, ...filters }),
        },
      },
      async (req, reply) => {
        const { tenant, version } = await getOrganisation(ctx, req.params.slug);
        const languages = (version?.manifest as Manifest | undefined)?.organisation.languages ?? [];
        const lang = documentLanguage(req.query.lang, languages);
        const doc = await auditTable(ctx.db, { tenantId: tenant.tenantId, name: tenant.name }, filterOf(req.query), { lang, format: req.query.format, now: ctx.clock.now() });
        return sendTable(reply, doc, req.query.format, `${req.params.slug}-audit`);
      },
    );

    app.get(
      `${base}/verify`,
      {
        schema: {
          summary: "Recompute the audit trail's hash chain: ok with the count, or the first edited, inserted or deleted entry",
          tags,
          security,
          params: slugParams,
          response: { 200: chainCheck, ...errors },
        },
      },
      async (req) => {
        const { tenant } = await getOrganisation(ctx, req.params.slug);
        return verifyAudit(ctx.db, tenant.tenantId);
      },
    );
  };
