import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { isRegistruError } from "../errors.ts";

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** Every error leaves as `{ error: { code, message } }` with a 4xx/5xx status; never a stack trace. */
export function installErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (isRegistruError(err)) {
      return reply.status(err.status).send(body(err.code, err.message, err.details));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({ path: v.instancePath, message: v.message }));
      return reply.status(400).send(body("invalid_request", "the request does not match the API schema", details));
    }
    if (err.statusCode && err.statusCode < 500) {
      return reply.status(err.statusCode).send(body(clientCode(err), err.message));
    }
    // Driver messages can quote values ("Key (email)=(...)"): log the type, code and frames only.
    const frames = err.stack?.split("\n").slice(1).join("\n");
    req.log.error({ err: { type: err.name, code: err.code, frames } }, "request failed");
    return reply.status(500).send(body("internal_error", "something went wrong on our side; it has been logged"));
  });
  app.setNotFoundHandler((req, reply) => reply.status(404).send(body("not_found", `no route ${req.method} ${req.url.split("?")[0]}`)));
}

const body = (code: string, message: string, details?: unknown): ErrorBody => ({ error: details === undefined ? { code, message } : { code, message, details } });

function clientCode(err: FastifyError) {
  if (err.code === "FST_ERR_CTP_BODY_TOO_LARGE") return "body_too_large";
  if (err.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") return "unsupported_media_type";
  if (err.statusCode === 429) return "rate_limited";
  return "bad_request";
}
