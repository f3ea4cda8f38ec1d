import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { vocabulary } from "../../manifest/index.ts";
import { currentNoticeSource } from "../../notices/index.ts";
import { diffPolicyVersions, SLUG } from "../../organisations/index.ts";
import { applyCheckedManifest, listPolicyVersions, manifestSourceInForce } from "../../organisations/history.ts";
import { actorOf, guardRoutes } from "../access.ts";
import type { ServerDeps } from "../server.ts";
import { errorResponse, lintReport, PG_INT_MAX } from "./schemas.ts";

const slugParams = z.object({ slug: z.string().regex(SLUG) });
const diffParams = slugParams.extend({ from: z.coerce.number().int().min(1).max(PG_INT_MAX), to: z.coerce.number().int().min(1).max(PG_INT_MAX) });
const yamlTypes = ["application/yaml", "application/x-yaml", "text/yaml", "text/plain"];

const versionJson = z.object({
  version: z.number().int(),
  contentHash: z.string(),
  appliedAt: z.string(),
  appliedBy: z.string(),
  sourceFile: z.string(),
  lintErrors: z.number().int(),
  lintWarnings: z.number().int(),
});
const change = z.object({ path: z.string(), kind: z.string(), description: z.string(), impact: z.enum(["reconsent", "notice_update"]), activities: z.array(z.string()).optional(), cookie: z.string().optional() });
const diff = z.object({
  from: z.number().int(),
  to: z.number().int(),
  changes: z.array(change),
  summary: z.object({ reconsent: z.boolean(), activitiesNeedingReconsent: z.array(z.string()), cookiesNeedingReconsent: z.array(z.string()), changes: z.number().int() }),
});
const ropa = z.object({
  policyVersion: z.number().int(),
  lang: z.string(),
  identity: z.array(z.object({ term: z.string(), value: z.string() })),
  security: z.array(z.string()),
  controllerColumns: z.array(z.string()),
  processorColumns: z.array(z.string()),
  controller: z.array(z.array(z.string())),
  processor: z.array(z.array(z.string())),
});
const applied = z.object({ version: z.number().int(), created: z.boolean(), contentHash: z.string(), lint: lintReport });

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse, 415: errorResponse, 422: errorResponse };
const security: Record<string, string[]>[] = [{ apiKey: [] }, { session: [] }];
const tags = ["organisations"];

/**
 * The policy as staff work on it: its versions and what changed between two (`registru diff`),
 * the YAML in force, applying a new one (only without lint errors), and the record of processing
 * activities (Art. 30) as JSON and as CSV, XLSX or PDF.
 */
export const adminPolicyRoutes =
  ({ ctx }: ServerDeps): FastifyPluginAsync =>
  async (plain) => {
    plain.addContentTypeParser(yamlTypes, { parseAs: "string", bodyLimit: 1_048_576 }, (_req, body, done) => done(null, body));
    const app = plain.withTypeProvider<ZodTypeProvider>();
    guardRoutes(app, ctx, { permission: "read" });
    const base = "/api/v1/organisations/:slug";

    app.get(
      `${base}/policy-versions`,
      { schema: { summary: "Every policy version applied, newest first, with who applied it and its lint counts", tags, security, params: slugParams, response: { 200: z.object({ versions: z.array(versionJson) }), ...errors } } },
      async (req) => ({ versions: (await listPolicyVersions(ctx, req.params.slug)).map((v) => ({ ...v, appliedAt: v.appliedAt.toISOString() })) }),
    );

    app.get(
      `${base}/policy-versions/:from/diff/:to`,
      { schema: { summary: "What changed between two policy versions, each change marked re-consent or notice update (registru diff)", tags, security, params: diffParams, response: { 200: diff, ...errors } } },
      async (req) => diffPolicyVersions(ctx, req.params.slug, req.params.from, req.params.to),
    );

    app.get(
      `${base}/manifest`,
      { schema: { summary: "The YAML manifest of the policy in force, as it was applied", tags, security, params: slugParams, response: { 200: z.object({ version: z.number().int(), sourceFile: z.string(), source: z.string() }), ...errors } } },
      async (req) => manifestSourceInForce(ctx, req.params.slug),
    );

    app.put(
      `${base}/manifest`,
      {
        config: { permission: "manage" },
        schema: {
          summary: "Apply a manifest (YAML body) as the next policy version; refused with 422 manifest_has_errors and the findings while lint finds an error",
          tags,
          security,
          params: slugParams,
          body: z.string().min(1),
          response: { 200: applied, ...errors },
        },
      },
      async (req) => {
        const { applied: a, lint } = await applyCheckedManifest(ctx, req.params.slug, req.body, actorOf(req));
        return { version: a.version, created: a.created, contentHash: a.contentHash, lint };
      },
    );

    const ropaQuery = z.object({ lang: z.enum(vocabulary.languages).optional() });
    const buildRopaOf = async (slug: string, lang: (typeof vocabulary.languages)[number] | undefined) => {
      const source = await currentNoticeSource(ctx, slug);
      const registers = await import("../../registers/index.ts");
      const chosen = lang ?? source.manifest.organisation.languages[0] ?? "en";
      return { source, registers, ropa: registers.buildRopa(source.manifest, source.version, chosen) };
    };

    app.get(
      `${base}/activities`,
      { schema: { summary: "The record of processing activities (Art. 30(1) and 30(2)) of the policy in force, as rows", tags, security, params: slugParams, querystring: ropaQuery, response: { 200: ropa, ...errors } } },
      async (req) => {
        const { source, ropa: r } = await buildRopaOf(req.params.slug, req.query.lang);
        return {
          policyVersion: source.version.version,
          lang: r.lang,
          identity: r.identity,
          security: r.security,
          controllerColumns: r.text.controllerColumns,
          processorColumns: r.text.processorColumns,
          controller: r.controller,
          processor: r.processor,
        };
      },
    );

    app.get(
      `${base}/ropa.:format`,
      { schema: { summary: "The record of processing activities as CSV, XLSX or PDF", tags, security, params: slugParams.extend({ format: z.enum(["csv", "xlsx", "pdf"]) }), querystring: ropaQuery } },
      async (req, reply) => {
        const { registers, ropa: r } = await buildRopaOf(req.params.slug, req.query.lang);
        const format = req.params.format;
        const body = format === "csv" ? registers.renderRopaCsv(r) : format === "xlsx" ? await registers.renderRopaXlsx(r) : await registers.renderRopaPdf(r);
        const type = { csv: "text/csv; charset=utf-8", xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", pdf: "application/pdf" }[format];
        return reply.type(type).header("content-disposition", `attachment; filename="${req.params.slug}-ropa.${format}"`).send(body);
      },
    );
  };
