import pino, { type Logger } from "pino";

/**
 * Logs carry ids, counts and routes, never personal data. The redaction list is a second line of
 * defence for fields that could hold it if someone logged a whole object by mistake.
 */
export function createLogger(level: string, destination: NodeJS.WritableStream = process.stdout): Logger {
  return pino(
    {
      level,
      base: { service: "registru" },
      serializers: {
        // Query strings and bodies can carry e-mail addresses or names: log the route pattern only.
        req: (req: { method?: string; routeOptions?: { url?: string }; id?: string }) => ({ id: req.id, method: req.method, route: req.routeOptions?.url ?? "unmatched" }),
        res: (res: { statusCode?: number }) => ({ status: res.statusCode }),
      },
      redact: {
        paths: ["email", "phone", "name", "*.email", "*.phone", "*.name", "password", "*.password", "req.headers.authorization", "req.headers.cookie"],
        censor: "[redacted]",
      },
    },
    destination,
  );
}
