import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from "fastify";
import { authorizeForTenant, verifyApiKey } from "../apikeys/index.ts";
import { appendAudit } from "../audit/index.ts";
import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import { apiKeyAllows, authenticateSession, roleAllows, standingIssues, type Permission, type StaffGrant, type StaffPrincipal } from "../staff/index.ts";
import { outsideTenantScope, withTenantScope } from "../store/index.ts";
import { readSessionCookie } from "./session-cookie.ts";

export type Principal =
  | { kind: "apikey"; tenantId: string; slug: string; keyId: string }
  | { kind: "staff"; staff: StaffPrincipal; /** The grant on the route's `:slug`. */ grant?: StaffGrant };

declare module "fastify" {
  interface FastifyRequest {
    principal?: Principal;
    /** The organisations the handler may see: the tenant wall is built from them. */
    tenantScope?: string[];
  }
  interface FastifyContextConfig {
    /** What the route needs; a guarded plugin gives a default. */
    permission?: Permission;
    /** The route shows a subject's personal data: each view by staff is logged (S1-07, S4-20), naming this entity. */
    personalData?: string;
    /** "granted": no `:slug`; the request sees every organisation where the user holds the permission. */
    scope?: "organisation" | "granted";
  }
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The bearer token of the Authorization header, or undefined; the key itself is never logged. */
export function bearerToken(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== "string") return undefined;
  return /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
}

/** The audit trail's name for who made the request. */
export function actorOf(req: FastifyRequest): string {
  const p = req.principal;
  if (!p) return "anonymous";
  return p.kind === "apikey" ? `apikey:${p.keyId}` : `staff:${p.staff.email}`;
}

/**
 * Puts every route of the plugin behind an API key or a staff session: authentication before
 * the body is read, then the permission on the route's organisation, then the handler inside the
 * tenant wall. Call it first in a route plugin.
 */
export function guardRoutes(app: FastifyInstance, ctx: Context, defaults: { permission: Permission; /** For POST, PUT, PATCH and DELETE. */ write?: Permission }): void {
  app.addHook("onRequest", async (req: FastifyRequest) => {
    const config = req.routeOptions.config;
    const permission = config.permission ?? (UNSAFE.has(req.method) ? (defaults.write ?? defaults.permission) : defaults.permission);
    const slug = (req.params as { slug?: unknown }).slug;
    const granted = config.scope === "granted";
    if (bearerToken(req) !== undefined || readSessionCookie(req) === undefined) {
      const key = await verifyApiKey(ctx, bearerToken(req));
      if (!granted) authorizeForTenant(key, typeof slug === "string" ? slug : "");
      // Known before the permission is checked, so a refused change is logged with who tried it.
      req.principal = { kind: "apikey", ...key };
      req.tenantScope = [key.tenantId];
      if (!apiKeyAllows(permission)) throw forbidden("an API key cannot do this; a staff account with the right role can");
      req.log.info({ keyId: key.keyId }, "api key accepted");
      return;
    }
    const staff = await authenticateSession(ctx, readSessionCookie(req));
    if (UNSAFE.has(req.method)) checkCsrf(req, staff);
    const issue = standingIssues(staff, ctx.clock.now())[0];
    if (issue) throw new RegistruError(issue, standingMessage[issue], 403);
    if (granted) {
      req.principal = { kind: "staff", staff };
      req.tenantScope = staff.grants.filter((g) => roleAllows(g.role, permission)).map((g) => g.tenantId);
    } else {
      const grant = staff.grants.find((g) => g.slug === slug);
      if (!grant) throw forbidden("you are not granted on this organisation");
      req.principal = { kind: "staff", staff, grant };
      req.tenantScope = [grant.tenantId];
      if (!roleAllows(grant.role, permission)) throw forbidden(`the role ${grant.role} cannot do this`);
    }
    req.log.info({ userId: staff.userId }, "staff session accepted");
  });
  // After the body is parsed: a scope entered in onRequest would not reach a handler that waits
  // for the body, since the body's stream events carry the connection's async context.
  app.addHook("preHandler", (req: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
    withTenantScope(req.tenantScope ?? [], done);
  });
  // Before the answer leaves: a view that cannot be logged is not served. A change that succeeds
  // is audited by the domain, in its own transaction; one that was refused is logged here.
  app.addHook("onSend", async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (!req.principal) return payload;
    const entity = req.routeOptions.config.personalData;
    // Staff views (S1-07, S4-20); an organisation's own systems asking by key, as before each
    // marketing e-mail, are its processing, not a person looking.
    if (entity && req.principal.kind === "staff") await logAccess(ctx, req, reply, "personal_data.viewed", entity);
    else if (UNSAFE.has(req.method) && reply.statusCode >= 400) await logAccess(ctx, req, reply, "change.refused", routeEntity(req));
    return payload;
  });
}

/** A change made with a session must carry the session's CSRF token (a cookie alone is sent by any site's form). */
export function checkCsrf(req: FastifyRequest, staff: StaffPrincipal) {
  const sent = req.headers["x-csrf-token"];
  const expected = Buffer.from(staff.session.csrfToken);
  const given = Buffer.from(typeof sent === "string" ? sent : "");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new RegistruError("csrf_failed", "a change made with a session needs the x-csrf-token header the session gave", 403);
  }
}

const standingMessage = {
  second_factor_required: "give the code of your authenticator app first (POST /api/v1/session/second-factor)",
  totp_enrolment_required: "set up two-factor authentication first (POST /api/v1/session/totp)",
  password_change_required: "change your password first (POST /api/v1/session/password)",
} as const;

const forbidden = (message: string) => new RegistruError("forbidden", message, 403);

/** What a route is about: the first segment after the organisation, e.g. `consents`. */
const routeEntity = (req: FastifyRequest) => (req.routeOptions.url ?? "").split("/:slug/")[1]?.split("/")[0] ?? "";

/** Who, what, when, how long and whether it succeeded; never the data itself (S1-07, S4-20). */
async function logAccess(ctx: Context, req: FastifyRequest, reply: FastifyReply, action: string, entity: string) {
  const tenantId = req.tenantScope?.length === 1 ? req.tenantScope[0] : undefined;
  if (!tenantId) return;
  const params = req.params as Record<string, string>;
  const entityId = Object.entries(params).find(([k]) => k !== "slug")?.[1] ?? "";
  const details = {
    method: req.method,
    route: req.routeOptions.url,
    status: reply.statusCode,
    result: reply.statusCode < 400 ? "success" : "failure",
    durationMs: Math.round(reply.elapsedTime),
  };
  await outsideTenantScope(() =>
    ctx.db.transaction((tx) => appendAudit(tx, tenantId, { at: ctx.clock.now(), actor: actorOf(req), action, entity, entityId, details })),
  );
}
