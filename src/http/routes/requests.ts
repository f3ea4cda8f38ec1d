import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { RegistruError } from "../../errors.ts";
import { limitPerAddress } from "./public-limits.ts";
import { SLUG } from "../../organisations/index.ts";
import {
  assertRequestAccess,
  codeInput,
  completeRequest,
  completionInput,
  decideRepresentative,
  extendRequest,
  forwardInput,
  forwardRequest,
  getRequest,
  letterPdf,
  listRequests,
  outcomeInput,
  pauseRequest,
  publicRequestInput,
  reasonInput,
  recordOutcome,
  refuseRequest,
  refusalInput,
  representativeDecisionInput,
  REQUEST_ID,
  requestAccessToken,
  requestSummary,
  REQUEST_STATES,
  requestInput,
  resetVerification,
  resumeRequest,
  sendVerificationCode,
  submitRequest,
  verifyRequest,
  type RequestDetail,
  type StoredRequest,
} from "../../requests/index.ts";
import { actorOf, guardRoutes } from "../access.ts";
import type { ServerDeps } from "../server.ts";
import { errorResponse, PG_INT_MAX } from "./schemas.ts";

/** Per address and hour on the public endpoints: enough for a person, too few to flood the queue or guess codes. */
export const PUBLIC_LIMITS = { submit: 10, verify: 30, code: 10 } as const;

const slugParams = z.object({ slug: z.string().regex(SLUG) });
const idParams = slugParams.extend({ id: z.string().regex(REQUEST_ID, "a request id such as request-2026-001") });
const letterParams = idParams.extend({ seq: z.coerce.number().int().positive().max(PG_INT_MAX) });

const timeLeft = z.object({ overdue: z.boolean(), paused: z.boolean(), msLeft: z.number(), workingDaysLeft: z.number().int() });
const deadline = z
  .object({
    due: z.string(),
    winner: z.enum(["law", "promise"]),
    article: z.string(),
    legalDue: z.string(),
    promise: z.string().optional(),
    extended: z.boolean(),
    pausedMs: z.number(),
    timeLeft,
  })
  .nullable();
const summary = z.object({ id: z.string(), state: z.enum(REQUEST_STATES), right: z.string(), channel: z.string(), receivedAt: z.string(), revision: z.number().int(), deadline });
const event = z.object({ seq: z.number().int(), at: z.string(), actor: z.string(), kind: z.string(), data: z.unknown() });
const detail = summary.extend({ request: z.record(z.string(), z.unknown()), timeline: z.array(event) });
/** What the privacy centre learns: no personal data comes back. */
const receipt = z.object({ id: z.string(), state: z.enum(REQUEST_STATES), mailed: z.boolean().optional(), deadline });
/** The id is sequential: the subject's browser also holds this token (an HMAC of the id), given once at intake. */
const accessToken = z.string().regex(/^[A-Za-z0-9_-]{20,64}$/, "the token given when the request was made");
const publicStatus = receipt.extend({ right: z.string(), receivedAt: z.string(), completedAt: z.string().optional() });

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse, 410: errorResponse, 423: errorResponse, 429: errorResponse, 503: errorResponse };
const security: Record<string, string[]>[] = [{ apiKey: [] }, { session: [] }];
const tags = ["requests"];

const toDetail = (d: RequestDetail) => ({ ...d, timeline: d.timeline.map((e) => ({ ...e, at: e.at.toISOString() })) });

/** A request that reaches `in_progress` goes to the executor's queue at once; the worker's sweep catches any that miss it. */
async function startedIfReady({ ctx, execution }: ServerDeps, slug: string, r: StoredRequest): Promise<void> {
  if (r.data.state !== "in_progress" || !execution) return;
  await execution.enqueue(slug, r.entryId).catch((e: Error) => ctx.log.warn({ tenant: slug, request: r.entryId, err: e.message }, "execution not enqueued; the sweep will pick the request up"));
}

/** The privacy centre's endpoints: no key, limited per address. */
const publicRequestRoutes =
  (deps: ServerDeps): FastifyPluginAsync =>
  async (plain) => {
    const { ctx, mailer } = deps;
    await limitPerAddress(plain);
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const limit = (max: number) => ({ rateLimit: { max, timeWindow: "1 hour" } });
    const opts = { actor: "subject", mailer };

    app.post(
      "/o/:slug/requests",
      {
        config: limit(PUBLIC_LIMITS.submit),
        bodyLimit: 65_536,
        schema: {
          summary: "A data subject makes a request (privacy centre); a code is e-mailed to confirm it",
          description: "A request about processing the organisation does as a processor for a client (concerns.activity) is forwarded to that controller instead (S0-01, S4-09).",
          tags,
          params: slugParams,
          body: publicRequestInput,
          response: { 201: receipt.extend({ token: accessToken }), ...errors },
        },
      },
      async (req, reply) => {
        const { request, mailed } = await submitRequest(ctx, req.params.slug, req.body, { ...opts, public: true });
        const token = await requestAccessToken(ctx, req.params.slug, request.entryId);
        return reply.status(201).send({ id: request.entryId, token, state: request.data.state, mailed, deadline: requestSummary(request, ctx.clock.now()).deadline });
      },
    );

    app.post(
      "/o/:slug/requests/:id/verify",
      {
        config: limit(PUBLIC_LIMITS.verify),
        schema: {
          summary: "Confirm a request with the 6-digit code from the e-mail",
          description: "400 wrong_code (attempts left in details), 410 code_expired (30 minutes), 423 verification_locked after 5 wrong codes, 409 invalid_transition.",
          tags,
          params: idParams,
          body: codeInput.extend({ token: accessToken }),
          response: { 200: receipt, ...errors },
        },
      },
      async (req) => {
        await assertRequestAccess(ctx, req.params.slug, req.params.id, req.body.token);
        const r = await verifyRequest(ctx, req.params.slug, req.params.id, req.body.code, opts);
        await startedIfReady(deps, req.params.slug, r);
        return { id: r.entryId, state: r.data.state, deadline: requestSummary(r, ctx.clock.now()).deadline };
      },
    );

    app.post(
      "/o/:slug/requests/:id/code",
      {
        config: limit(PUBLIC_LIMITS.code),
        schema: { summary: "Send a new code (at most once a minute and five times a day)", tags, params: idParams, body: z.strictObject({ token: accessToken }), response: { 202: receipt, ...errors } },
      },
      async (req, reply) => {
        await assertRequestAccess(ctx, req.params.slug, req.params.id, req.body.token);
        const r = await sendVerificationCode(ctx, req.params.slug, req.params.id, opts);
        return reply.status(202).send({ id: r.entryId, state: r.data.state, mailed: true, deadline: requestSummary(r, ctx.clock.now()).deadline });
      },
    );

    app.post(
      "/o/:slug/requests/:id/status",
      {
        config: limit(PUBLIC_LIMITS.verify),
        schema: { summary: "The state of a request and its deadline, for the subject who holds its token", tags, params: idParams, body: z.strictObject({ token: accessToken }), response: { 200: publicStatus, ...errors } },
      },
      async (req) => {
        await assertRequestAccess(ctx, req.params.slug, req.params.id, req.body.token);
        const d = await getRequest(ctx, req.params.slug, req.params.id);
        return { id: d.id, state: d.state, right: d.right, receivedAt: d.receivedAt, deadline: d.deadline, ...(d.request.completedAt && { completedAt: d.request.completedAt }) };
      },
    );
  };

/** The organisation's side: the queue, the request with its timeline, and every step, with an API key. */
const staffRequestRoutes =
  (deps: ServerDeps): FastifyPluginAsync =>
  async (plain) => {
    const { ctx, mailer } = deps;
    const app = plain.withTypeProvider<ZodTypeProvider>();
    guardRoutes(app, ctx, { permission: "read", write: "operate" });
    const base = "/api/v1/organisations/:slug/requests";
    const step = (req: FastifyRequest) => ({ actor: actorOf(req), mailer });
    const detailOf = async (slug: string, id: string) => toDetail(await getRequest(ctx, slug, id));

    app.post(
      base,
      {
        bodyLimit: 65_536,
        schema: {
          summary: "Record a request that came by e-mail, post, phone or in person (enteredBy, S0-17), or from the organisation's own systems (channel api)",
          tags,
          security,
          params: slugParams,
          body: requestInput,
          response: { 201: detail, ...errors },
        },
      },
      async (req, reply) => {
        const { request } = await submitRequest(ctx, req.params.slug, req.body, { actor: actorOf(req), public: false, mailer });
        return reply.status(201).send(await detailOf(req.params.slug, request.entryId));
      },
    );

    app.get(
      base,
      {
        schema: {
          summary: "The request queue: open requests by time left, overdue first",
          tags,
          security,
          params: slugParams,
          querystring: z.object({ state: z.enum(REQUEST_STATES).optional() }),
          response: { 200: z.object({ requests: z.array(summary) }), ...errors },
        },
      },
      async (req) => ({ requests: await listRequests(ctx, req.params.slug, req.query) }),
    );

    app.get(
      `${base}/:id`,
      { config: { personalData: "request" }, schema: { summary: "One request with its deadline and timeline", tags, security, params: idParams, response: { 200: detail, ...errors } } },
      async (req) => detailOf(req.params.slug, req.params.id),
    );

    app.get(
      `${base}/:id/letters/:seq`,
      { config: { personalData: "request" }, schema: { summary: "A letter sent for the request (the timeline step that sent it), as PDF", tags, security, params: letterParams } },
      async (req, reply) => {
        const { pdf } = await letterPdf(ctx, req.params.slug, req.params.id, req.params.seq);
        return reply.type("application/pdf").header("content-disposition", `attachment; filename="${req.params.id}-${req.params.seq}.pdf"`).send(pdf);
      },
    );

    type Step = { actor: string; mailer: ServerDeps["mailer"] };
    type Action = { path: string; summary: string; body: z.ZodType; run: (slug: string, id: string, body: any, opts: Step) => Promise<unknown> };
    const actions: Action[] = [
      { path: "representative/accept", summary: "Accept a representative's proof of authority (S4-16)", body: representativeDecisionInput, run: (s, id, b, o) => decideRepresentative(ctx, s, id, { accept: true, note: b.note }, o) },
      { path: "representative/reject", summary: "Reject a representative's proof: refused, the subject gets a letter", body: reasonInput, run: (s, id, b, o) => decideRepresentative(ctx, s, id, { accept: false, note: b.reason }, o) },
      { path: "verification/reset", summary: "Unlock verification after too many wrong codes and send a new code", body: z.strictObject({}), run: (s, id, _b, o) => resetVerification(ctx, s, id, o) },
      { path: "pause", summary: "Stop the clock while waiting (for the subject, for a fee), with a reason", body: reasonInput, run: (s, id, b, o) => pauseRequest(ctx, s, id, b.reason, o) },
      { path: "resume", summary: "Restart the clock; the deadline moves by exactly the paused time", body: reasonInput, run: (s, id, b, o) => resumeRequest(ctx, s, id, b.reason, o) },
      { path: "extend", summary: "Extend by two further months (ZZPL: 60 days) within the first period; the subject gets a letter with the reasons", body: reasonInput, run: (s, id, b, o) => extendRequest(ctx, s, id, b.reason, o) },
      { path: "refuse", summary: "Refuse, or ask a reasonable fee for, a manifestly unfounded or excessive request (Art. 12(5)), where the policy reserves it", body: refusalInput, run: (s, id, b, o) => refuseRequest(ctx, s, id, b, o) },
      { path: "forward", summary: "Forward a request about processing done for a client controller (S0-01, S4-09)", body: forwardInput, run: (s, id, b, o) => forwardRequest(ctx, s, id, b, o) },
      { path: "outcome", summary: "Record what was found and done per system and table (the executor's report)", body: outcomeInput.partial(), run: (s, id, b, o) => recordOutcome(ctx, s, id, b, o) },
      { path: "complete", summary: "Close the request as done and send the answer letter", body: completionInput, run: (s, id, b, o) => completeRequest(ctx, s, id, b, o) },
    ];
    for (const a of actions) {
      app.post(
        `${base}/:id/${a.path}`,
        { schema: { summary: a.summary, tags, security, params: idParams, body: a.body, response: { 200: detail, ...errors } } },
        async (req) => {
          const done = await a.run(req.params.slug, req.params.id, req.body, step(req));
          if (a.path === "representative/accept" || a.path === "resume") await startedIfReady(deps, req.params.slug, done as StoredRequest);
          return detailOf(req.params.slug, req.params.id);
        },
      );
    }
  };

export const requestRoutes =
  (deps: ServerDeps): FastifyPluginAsync =>
  async (app) => {
    await app.register(publicRequestRoutes(deps));
    await app.register(staffRequestRoutes(deps));
  };
