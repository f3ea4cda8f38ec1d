import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { localDate } from "../../law/index.ts";
import { SLUG } from "../../organisations/index.ts";
import { getEntry, type StoredEntry } from "../../registers/index.ts";
import {
  createHold,
  createRun,
  getHold,
  holdLastDay,
  holdStatus,
  listHolds,
  listRuns,
  planRetention,
  releaseHold,
  retentionRunKind,
  RUN_STATUSES,
  setProceedingsEnd,
  unfinishedRun,
  type LegalHold,
  type RetentionRun,
} from "../../retention/index.ts";
import { actorOf, guardRoutes } from "../access.ts";
import type { ServerDeps } from "../server.ts";
import { errorResponse } from "./schemas.ts";

const slugParams = z.object({ slug: z.string().regex(SLUG) });
const runParams = slugParams.extend({ runId: z.string().regex(/^retention_run-\d{4}-\d{3,}$/) });
const holdParams = slugParams.extend({ holdId: z.string().regex(/^legal_hold-\d{4}-\d{3,}$/) });

const counts = z.object({ expired: z.number(), held: z.number(), deleted: z.number(), anonymised: z.number(), already_anonymised: z.number(), kept_referenced: z.number() });
const tableEvidence = z.object({
  system: z.string(),
  table: z.string(),
  rule: z.enum(["own", "inherited"]),
  action: z.string(),
  with: z.string().optional(),
  periods: z.array(z.object({ label: z.string(), cutoff: z.string().describe("rows whose event is on or before this day have expired") })),
  by_rule: z.record(z.string(), z.number()),
  counts,
});
const notEnforceable = z.object({ system: z.string(), table: z.string(), activities: z.array(z.string()), reason: z.string() });
const note = z.object({ system: z.string(), table: z.string(), note: z.string() });

const plan = z.object({
  organisation: z.string(),
  policyVersion: z.number(),
  now: z.string(),
  today: z.string(),
  timeZone: z.string(),
  holds: z.number().describe("legal holds active on that day"),
  tables: z.array(tableEvidence),
  notEnforceable: z.array(notEnforceable),
  notes: z.array(note),
});

const run = z.object({
  id: z.string(),
  status: z.enum(RUN_STATUSES),
  trigger: z.string(),
  requestedBy: z.string(),
  policyVersion: z.number().nullable(),
  now: z.string(),
  today: z.string().nullable(),
  timeZone: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  batches: z.number(),
  holds: z.number(),
  tables: z.array(tableEvidence.extend({ done: z.boolean() })),
  notEnforceable: z.array(notEnforceable),
  notes: z.array(note),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});

const identities = z.record(z.string(), z.array(z.string()));
const holdBody = z.strictObject({
  subject: identities.optional().describe("identities of the subject: email, phone, customer_id, username, cnp, jmbg (each a list)"),
  record: z.strictObject({ system: z.string(), table: z.string(), key: z.union([z.string(), z.number()]) }).optional(),
  reason: z.string().max(2000),
  until: z.string().optional().describe("held through this day (YYYY-MM-DD)"),
  keep: z.string().optional().describe("held this long after the proceedings end, e.g. P5Y"),
  ends: z.string().optional().describe("the day the proceedings ended, when known"),
});
const hold = z.object({
  id: z.string(),
  status: z.enum(["active", "ended", "released"]),
  subject: identities.optional(),
  record: z.object({ system: z.string(), table: z.string(), key: z.union([z.string(), z.number()]) }).optional(),
  reason: z.string(),
  until: z.string().optional(),
  keep: z.string().optional(),
  ends: z.string().optional(),
  lastDay: z.string().nullable().describe("the last day the hold keeps data; null while the proceedings go on"),
  releasedAt: z.string().optional(),
  createdAt: z.string(),
  revision: z.number(),
});

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse, 422: errorResponse, 502: errorResponse };
const security: Record<string, string[]>[] = [{ apiKey: [] }, { session: [] }];
const tags = ["retention"];

const runJson = (r: StoredEntry<RetentionRun>) => ({
  id: r.entryId,
  status: r.data.status,
  trigger: r.data.trigger,
  requestedBy: r.data.requested_by,
  policyVersion: r.data.policy_version,
  now: r.data.now,
  today: r.data.today,
  timeZone: r.data.time_zone,
  startedAt: r.data.started_at,
  finishedAt: r.data.finished_at,
  batches: r.data.batches,
  holds: r.data.holds,
  tables: r.data.tables.map(({ cursor: _c, ...t }) => t),
  notEnforceable: r.data.not_enforceable,
  notes: r.data.notes,
  error: r.data.error,
});

const holdJson = (h: StoredEntry<LegalHold>, today: string) => ({
  id: h.entryId,
  status: holdStatus(h.data, today),
  ...(h.data.subject && { subject: h.data.subject as Record<string, string[]> }),
  ...(h.data.record && { record: h.data.record }),
  reason: h.data.reason,
  ...(h.data.until && { until: h.data.until }),
  ...(h.data.keep && { keep: h.data.keep }),
  ...(h.data.ends && { ends: h.data.ends }),
  lastDay: holdLastDay(h.data),
  ...(h.data.released_at && { releasedAt: h.data.released_at }),
  createdAt: h.createdAt.toISOString(),
  revision: h.revision,
});

/** Retention plan and runs, and legal holds, with one of the organisation's API keys. */
export const retentionRoutes =
  ({ ctx, retention }: ServerDeps): FastifyPluginAsync =>
  async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    guardRoutes(app, ctx, { permission: "read", write: "manage" });
    const base = "/api/v1/organisations/:slug";
    const today = () => localDate(ctx.clock.now(), "UTC");

    app.get(
      `${base}/retention/plan`,
      { schema: { summary: "Dry run: per table, how many rows expire and why, and how many legal holds keep (counts only)", tags, security, params: slugParams, response: { 200: plan, ...errors } } },
      async (req) => planRetention(ctx, req.params.slug),
    );

    app.post(
      `${base}/retention/runs`,
      { schema: { summary: "Start a run as a job (or resume the one that did not finish); 202 with the run", tags, security, params: slugParams, response: { 202: run, ...errors } } },
      async (req, reply) => {
        const entry = (await unfinishedRun(ctx, req.params.slug)) ?? (await createRun(ctx, req.params.slug, { trigger: "api", actor: actorOf(req) }));
        // Without a queue (tests, tools) the run waits for the next `registru retention run` or worker.
        await retention?.enqueue(req.params.slug, entry.entryId);
        return reply.status(202).send(runJson(entry));
      },
    );

    app.get(
      `${base}/retention/runs`,
      { schema: { summary: "The organisation's retention runs, newest first, with their evidence", tags, security, params: slugParams, response: { 200: z.object({ runs: z.array(run) }), ...errors } } },
      async (req) => ({ runs: (await listRuns(ctx, req.params.slug)).map(runJson) }),
    );

    app.get(
      `${base}/retention/runs/:runId`,
      { schema: { summary: "One run: status, cutoffs, counts per rule and table (never the rows)", tags, security, params: runParams, response: { 200: run, ...errors } } },
      async (req) => runJson(await getEntry(ctx, req.params.slug, retentionRunKind, req.params.runId)),
    );

    app.post(
      `${base}/legal-holds`,
      { schema: { summary: "Hold a subject or one record: kept whatever the retention rule says", tags, security, params: slugParams, body: holdBody, response: { 201: hold, ...errors } } },
      async (req, reply) => reply.status(201).send(holdJson(await createHold(ctx, req.params.slug, req.body, actorOf(req)), today())),
    );

    app.get(
      `${base}/legal-holds`,
      { config: { personalData: "legal_hold" }, schema: { summary: "The organisation's legal holds: active, ended and released", tags, security, params: slugParams, response: { 200: z.object({ holds: z.array(hold) }), ...errors } } },
      async (req) => ({ holds: (await listHolds(ctx, req.params.slug)).map((h) => holdJson(h, today())) }),
    );

    app.get(
      `${base}/legal-holds/:holdId`,
      { config: { personalData: "legal_hold" }, schema: { summary: "One legal hold", tags, security, params: holdParams, response: { 200: hold, ...errors } } },
      async (req) => holdJson(await getHold(ctx, req.params.slug, req.params.holdId), today()),
    );

    app.patch(
      `${base}/legal-holds/:holdId`,
      {
        schema: {
          summary: "The proceedings ended: the hold now lasts its period from that day",
          tags,
          security,
          params: holdParams,
          body: z.strictObject({ ends: z.string().describe("YYYY-MM-DD") }),
          response: { 200: hold, ...errors },
        },
      },
      async (req) => holdJson(await setProceedingsEnd(ctx, req.params.slug, req.params.holdId, req.body.ends, actorOf(req)), today()),
    );

    app.delete(
      `${base}/legal-holds/:holdId`,
      { schema: { summary: "Release a hold now (it stays in the register as evidence)", tags, security, params: holdParams, response: { 200: hold, ...errors } } },
      async (req) => holdJson(await releaseHold(ctx, req.params.slug, req.params.holdId, actorOf(req)), today()),
    );
  };
