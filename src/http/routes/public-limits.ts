import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance } from "fastify";
import { RegistruError } from "../../errors.ts";

export interface AddressLimit {
  max: number;
  /** Milliseconds. */
  timeWindow: number;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;

/**
 * Per client address (req.ip, so TRUST_PROXY decides whose X-Forwarded-For counts; IPv6 per /64),
 * for the routes anyone may call without a key or session. Each process counts in its own memory.
 * The figures are far above what one person does and low enough that a flood cannot spend the
 * server: the lint parses and checks up to 1 MB of YAML, a PDF notice is laid out, a package is a
 * zip on disk. Unsubscribe is generous: RFC 8058 one-click POSTs arrive from the mailbox
 * provider's few servers on behalf of all its users.
 */
export const PUBLIC_ROUTE_LIMITS = {
  lint: { max: 30, timeWindow: MINUTE },
  notice: { max: 120, timeWindow: MINUTE },
  page: { max: 120, timeWindow: MINUTE },
  unsubscribe: { max: 300, timeWindow: MINUTE },
  packageDownload: { max: 30, timeWindow: HOUR },
} as const satisfies Record<string, AddressLimit>;

/**
 * Enables per-address limits in a route plugin: call it before declaring the routes, then give
 * each route `config: perAddress(PUBLIC_ROUTE_LIMITS.x)`, or give `every` to limit all of them.
 * The limit is checked first, before the body is read; over it the answer is 429 `rate_limited`
 * with Retry-After in seconds. The key is the library's own: req.ip, an IPv6 address by its /64.
 */
export async function limitPerAddress(app: FastifyInstance, opts: { what?: string; every?: AddressLimit } = {}): Promise<void> {
  const what = opts.what ?? "requests";
  await app.register(rateLimit, {
    ...(opts.every ? { max: opts.every.max, timeWindow: opts.every.timeWindow } : { global: false }),
    errorResponseBuilder: (_req, limit) => new RegistruError("rate_limited", `too many ${what} from this address; try again in ${limit.after}`, 429),
  });
}

export const perAddress = (limit: AddressLimit) => ({ rateLimit: { max: limit.max, timeWindow: limit.timeWindow } });
