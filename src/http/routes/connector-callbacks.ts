import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { isRegistruError } from "../../errors.ts";
import { receiveCallback } from "../../execution/index.ts";
import { SLUG } from "../../organisations/index.ts";
import type { ServerDeps } from "../server.ts";
import { errorResponse } from "./schemas.ts";

const params = z.object({ slug: z.string().regex(SLUG), system: z.string().regex(/^[a-z][a-z0-9_]*$/) });
const errors = { 400: errorResponse, 401: errorResponse, 404: errorResponse, 409: errorResponse, 415: errorResponse };

/**
 * Where an organisation's HTTP systems POST the answer to a call they accepted with 202 (the
 * protocol of src/connectors/README.md). No API key: the system's signature over the raw body,
 * its freshness and the token of the call are the authentication, so the body is kept as text
 * until they are checked.
 */
export const connectorCallbackRoutes =
  (deps: ServerDeps): FastifyPluginAsync =>
  async (plain) => {
    plain.addContentTypeParser("application/json", { parseAs: "string" }, (_req, body, done) => done(null, body));
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const { ctx } = deps;

    app.post(
      "/o/:slug/connectors/:system/callback",
      {
        schema: {
          summary: "An HTTP system's asynchronous answer to a find, export, erase or rectify it accepted with 202",
          description:
            "Signed with the system's secret (`Registru-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, \"<t>.<raw body>\")>`, t within 5 minutes), " +
            'body `{"request_id", "token", "action", "status": "done"|"failed", "result"?, "reason"?}` with the token of the call. ' +
            "The same answer again is a no-op (200 duplicate); a different one is 409 callback_conflict. " +
            "401 callback_signature_invalid, callback_stale, callback_token_invalid; 400 callback_body_invalid; 409 callback_unexpected for a request already closed.",
          tags: ["requests"],
          params,
          response: { 200: z.object({ status: z.enum(["recorded", "duplicate"]) }), ...errors },
        },
      },
      async (req) => {
        const signature = req.headers["registru-signature"];
        const out = await receiveCallback(ctx, req.params.slug, req.params.system, {
          signature: typeof signature === "string" ? signature : undefined,
          body: typeof req.body === "string" ? req.body : "",
          env: deps.env,
        });
        // The execution goes on now rather than at the next sweep; a failure to enqueue loses nothing (the sweep finds it).
        if (out.status === "recorded") {
          await deps.execution?.enqueue(req.params.slug, out.request).catch((e: unknown) => req.log.warn({ code: isRegistruError(e) ? e.code : "enqueue_failed" }, "execution not enqueued after a callback"));
        }
        return { status: out.status };
      },
    );
  };
