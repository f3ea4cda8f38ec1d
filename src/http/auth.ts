import type { FastifyReply, FastifyRequest } from "fastify";
import { authorizeForTenant, verifyApiKey, type ApiPrincipal } from "../apikeys/index.ts";
import type { Context } from "../context.ts";

declare module "fastify" {
  interface FastifyRequest {
    apiKey?: ApiPrincipal;
  }
}

/** The bearer token of the Authorization header, or undefined; the key itself is never logged. */
export function bearerToken(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== "string") return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}

/**
 * An onRequest hook: runs before body validation, so an unauthenticated caller learns nothing
 * about the schema. 401 `unauthorized` for a missing or bad key, 403 `forbidden` for a key of
 * another organisation than the `:slug` in the path.
 */
export const requireOrganisationKey = (ctx: Context) => async (req: FastifyRequest, _reply: FastifyReply) => {
  const principal = await verifyApiKey(ctx, bearerToken(req));
  const slug = (req.params as { slug?: unknown }).slug;
  authorizeForTenant(principal, typeof slug === "string" ? slug : "");
  req.apiKey = principal;
  req.log.info({ keyId: principal.keyId }, "api key accepted");
};
