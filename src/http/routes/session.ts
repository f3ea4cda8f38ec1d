import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { truncateIp } from "../../consent/index.ts";
import { RegistruError } from "../../errors.ts";
import { limitPerAddress } from "./public-limits.ts";
import {
  authenticateSession,
  beginTotpEnrolment,
  changePassword,
  confirmTotpEnrolment,
  endSession,
  giveSecondFactor,
  login,
  markSecondFactorGiven,
  ROLES,
  standingIssues,
  type LoginMeta,
  type StaffPrincipal,
} from "../../staff/index.ts";
import { checkCsrf } from "../access.ts";
import type { ServerDeps } from "../server.ts";
import { clearSessionCookie, readSessionCookie, setSessionCookie } from "../session-cookie.ts";
import { errorResponse } from "./schemas.ts";

/** Per address and minute, on top of the per-account lockout: an office behind one address logs in at nine. */
export const SESSION_RATE_LIMITS = { login: 20, secondFactor: 10, password: 10 } as const;

const ISSUES = ["second_factor_required", "totp_enrolment_required", "password_change_required"] as const;
const sessionBody = z.object({
  user: z.object({ userId: z.string(), email: z.string(), name: z.string() }),
  csrfToken: z.string().describe("send it as the x-csrf-token header with every POST, PUT, PATCH and DELETE made with this session"),
  issues: z.array(z.enum(ISSUES)).describe("what must be done, in this order, before any other route answers"),
  grants: z.array(z.object({ slug: z.string(), name: z.string(), role: z.enum(ROLES) })),
});
const code = z.string().regex(/^\d{6}$/, "the 6-digit code of the authenticator app");
const loginBody = z.strictObject({ email: z.string().max(254), password: z.string().min(1).max(1024) });
const passwordBody = z.strictObject({ current: z.string().min(1).max(1024), next: z.string().min(1).max(1024) });
const enrolment = z.object({ secret: z.string().describe("base32, to type into the app"), uri: z.string().describe("otpauth:// URI, for a QR code") });

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 409: errorResponse, 423: errorResponse, 429: errorResponse };
const tags = ["session"];
const security = [{ session: [] }];

declare module "fastify" {
  interface FastifyRequest {
    /** The session routes' own principal: they answer while the user still has a standing issue. */
    staffSession?: StaffPrincipal;
  }
}

function bodyOf(p: StaffPrincipal, now: Date): z.infer<typeof sessionBody> {
  return {
    user: { userId: p.userId, email: p.email, name: p.name },
    csrfToken: p.session.csrfToken,
    issues: standingIssues(p, now),
    grants: p.grants.map((g) => ({ slug: g.slug, name: g.name, role: g.role })),
  };
}

function metaOf(req: FastifyRequest): LoginMeta {
  let ipTruncated: string | undefined;
  try {
    ipTruncated = truncateIp(req.ip);
  } catch {
    ipTruncated = undefined;
  }
  const ua = req.headers["user-agent"];
  return { ipTruncated, userAgent: typeof ua === "string" ? ua : undefined };
}

const limited = (max: number) => ({ rateLimit: { max, timeWindow: 60_000 } });

/**
 * The staff session: log in with e-mail and password, give or enrol the second factor, change
 * the password, log out. These routes check the session themselves rather than through
 * guardRoutes, since they are how a user clears a standing issue.
 */
export const sessionRoutes =
  ({ ctx }: ServerDeps): FastifyPluginAsync =>
  async (plain) => {
    await limitPerAddress(plain, { what: "attempts" });
    await plain.register(loginRoute(ctx));
    await plain.register(sessionActions(ctx));
  };

const loginRoute =
  (ctx: ServerDeps["ctx"]): FastifyPluginAsync =>
  async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    app.post(
      "/api/v1/session",
      {
        config: limited(SESSION_RATE_LIMITS.login),
        schema: {
          summary: "Log in with e-mail and password: sets the session cookie and returns the CSRF token and what must be done first",
          description: "401 invalid_credentials (the same for an unknown e-mail and a wrong password), 423 account_locked with details.retryAfter in seconds, 429 when this address tries too often.",
          tags,
          body: loginBody,
          response: { 200: sessionBody, ...errors },
        },
      },
      async (req, reply) => {
        const { session } = await login(ctx, req.body.email, req.body.password, metaOf(req));
        const principal = await authenticateSession(ctx, session.token);
        setSessionCookie(req, reply, session);
        return reply.header("cache-control", "no-store").send(bodyOf(principal, ctx.clock.now()));
      },
    );
  };

const sessionActions =
  (ctx: ServerDeps["ctx"]): FastifyPluginAsync =>
  async (plain) => {
    plain.addHook("onRequest", async (req) => {
      const principal = await authenticateSession(ctx, readSessionCookie(req));
      if (req.method !== "GET" && req.method !== "HEAD") checkCsrf(req, principal);
      req.staffSession = principal;
    });
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const current = (req: FastifyRequest) => req.staffSession!;
    // A password alone must not change the account: whoever has only it could lock the owner out.
    const secondFactorDone = (req: FastifyRequest) => {
      const p = current(req);
      if (standingIssues(p, ctx.clock.now()).includes("second_factor_required")) {
        throw new RegistruError("second_factor_required", "give the code of your authenticator app first (POST /api/v1/session/second-factor)", 403);
      }
      return p;
    };
    const fresh = async (req: FastifyRequest) => bodyOf(await authenticateSession(ctx, readSessionCookie(req)), ctx.clock.now());

    app.get(
      "/api/v1/session",
      { schema: { summary: "The current session: who is logged in, for which organisations, and what must be done first", tags, security, response: { 200: sessionBody, ...errors } } },
      async (req, reply) => reply.header("cache-control", "no-store").send(bodyOf(current(req), ctx.clock.now())),
    );

    app.post(
      "/api/v1/session/second-factor",
      {
        config: limited(SESSION_RATE_LIMITS.secondFactor),
        schema: {
          summary: "Give the authenticator app's code to complete the login",
          description: "401 invalid_code (wrong, already used or too old); failures count toward the account's lockout (423 account_locked).",
          tags,
          security,
          body: z.strictObject({ code }),
          response: { 200: sessionBody, ...errors },
        },
      },
      async (req) => {
        const p = current(req);
        await giveSecondFactor(ctx, p.userId, p.session.hash, req.body.code, metaOf(req));
        return fresh(req);
      },
    );

    app.post(
      "/api/v1/session/totp",
      {
        schema: {
          summary: "Start setting up two-factor authentication: a new secret for the authenticator app",
          description: "The secret is not in force until a code from it is confirmed (POST /api/v1/session/totp/confirm). 409 totp_already_enabled.",
          tags,
          security,
          response: { 200: enrolment, ...errors },
        },
      },
      async (req, reply) => reply.header("cache-control", "no-store").send(await beginTotpEnrolment(ctx, secondFactorDone(req).userId)),
    );

    app.post(
      "/api/v1/session/totp/confirm",
      {
        config: limited(SESSION_RATE_LIMITS.secondFactor),
        schema: {
          summary: "Confirm two-factor authentication with a code from the app; this session counts as having given it",
          tags,
          security,
          body: z.strictObject({ code }),
          response: { 200: sessionBody, ...errors },
        },
      },
      async (req) => {
        const p = current(req);
        await confirmTotpEnrolment(ctx, p.userId, req.body.code);
        await markSecondFactorGiven(ctx, p.session.hash);
        return fresh(req);
      },
    );

    app.post(
      "/api/v1/session/password",
      {
        config: limited(SESSION_RATE_LIMITS.password),
        schema: {
          summary: "Change your password; your other sessions end",
          description:
            "403 second_factor_required until the login's second factor is given; 403 invalid_current_password; 422 password_rejected with details.reasons (too_short, too_long, contains_email, same_as_current, reused): the rules are the strictest of the staff_accounts sections of the organisations you work for (S1-07).",
          tags,
          security,
          body: passwordBody,
          response: { 200: sessionBody, 422: errorResponse, ...errors },
        },
      },
      async (req) => {
        const p = secondFactorDone(req);
        await changePassword(ctx, p.userId, req.body, { keepSession: p.session.hash });
        return fresh(req);
      },
    );

    app.delete(
      "/api/v1/session",
      { schema: { summary: "Log out: the session ends and the cookie is cleared", tags, security, response: { 204: z.null(), ...errors } } },
      async (req, reply) => {
        await endSession(ctx, current(req).session.hash);
        clearSessionCookie(req, reply);
        return reply.status(204).send(null);
      },
    );
  };
