import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { RegistruError } from "../../errors.ts";
import { clientExport, findExecution, isRestricted } from "../../execution/index.ts";
import { SLUG } from "../../organisations/index.ts";
import { REQUEST_ID, requestOrganisation } from "../../requests/index.ts";
import { actorOf, guardRoutes } from "../access.ts";
import type { ServerDeps } from "../server.ts";
import { errorResponse } from "./schemas.ts";

const slugParams = z.object({ slug: z.string().regex(SLUG) });
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse, 502: errorResponse };
const security: Record<string, string[]>[] = [{ apiKey: [] }, { session: [] }];
const identity = z.string().trim().min(1).max(320);

/**
 * The organisation's side of execution, with its API key: whether a subject's processing is
 * restricted (Art. 18) for its own systems to check, a request's execution plan and progress,
 * and S0-10's export of a client controller's registrants.
 */
export const executionRoutes =
  (deps: ServerDeps): FastifyPluginAsync =>
  async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const { ctx } = deps;
    guardRoutes(app, ctx, { permission: "read", write: "operate" });

    app.get(
      "/api/v1/organisations/:slug/restrictions",
      {
        config: { personalData: "restriction_lookup" },
        schema: {
          summary: "Is this subject's processing restricted (Art. 18)? Ask before processing; any one identity is enough",
          description: "Identities are normalised as connectors do (e-mail lower-cased, phone to E.164 with the organisation's country).",
          tags: ["requests"],
          security,
          params: slugParams,
          querystring: z.object({ email: identity.optional(), phone: identity.optional(), customer_id: identity.optional(), username: identity.optional(), cnp: identity.optional(), jmbg: identity.optional() }),
          response: { 200: z.object({ restricted: z.boolean(), since: z.string().optional(), activities: z.array(z.string()).optional() }), ...errors },
        },
      },
      async (req) => {
        const org = await requestOrganisation(ctx, req.params.slug);
        return isRestricted(ctx, req.params.slug, req.query, org.manifest.organisation.country);
      },
    );

    app.get(
      "/api/v1/organisations/:slug/requests/:id/execution",
      {
        config: { personalData: "request" },
        schema: {
          summary: "The persisted execution plan of a request: effects per system, which are done, tasks for staff, Art. 19 notices",
          tags: ["requests"],
          security,
          params: slugParams.extend({ id: z.string().regex(REQUEST_ID) }),
          response: { 200: z.object({ id: z.string(), revision: z.number().int(), execution: z.record(z.string(), z.unknown()) }), ...errors },
        },
      },
      async (req) => {
        const e = await findExecution(ctx, req.params.slug, req.params.id);
        if (!e) throw new RegistruError("execution_not_found", `${req.params.id} has no execution plan yet`, 404);
        return { id: e.entryId, revision: e.revision, execution: e.data };
      },
    );

    app.get(
      "/api/v1/organisations/:slug/clients/:client/export.csv",
      {
        config: { personalData: "client_registrants" },
        schema: {
          summary: "S0-10: a client controller's registrants as CSV, from the tables of the processor activity done for that client",
          description: "409 client_rows_not_separable when the tables hold several clients' rows (the manifest cannot say which are whose); 400 table_required when several tables qualify.",
          tags: ["requests"],
          security,
          params: slugParams.extend({ client: z.string().regex(/^[a-z][a-z0-9_]*$/) }),
          querystring: z.object({ table: z.string().max(200).optional() }),
        },
      },
      async (req, reply) => {
        const out = await clientExport(ctx, req.params.slug, req.params.client, { table: req.query.table, actor: actorOf(req), env: deps.env });
        return reply.type("text/csv; charset=utf-8").headers({ "content-disposition": `attachment; filename="${out.filename}"`, "cache-control": "no-store" }).send(out.csv);
      },
    );
  };
