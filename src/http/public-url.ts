import type { FastifyRequest } from "fastify";

/** The base URL for links this server hands out: the configured one, else what the request came to. */
export function publicBaseUrl(req: FastifyRequest, configured: string | undefined): string {
  if (configured) return configured.replace(/\/+$/, "");
  return `${req.protocol}://${req.host}`;
}
