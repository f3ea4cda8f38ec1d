import { randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { Clock } from "../clock.ts";
import { RegistruError } from "../errors.ts";
import { signatureHeader, verifySignature } from "../webhooks/index.ts";
import { systemUrl, type Environment } from "./env.ts";
import type { SystemSpec } from "./systems.ts";

/** The actions of Registru's HTTP connector protocol (see src/connectors/README.md). */
export const HTTP_ACTIONS = ["ping", "find", "export", "erase", "rectify"] as const;
export type HttpAction = (typeof HTTP_ACTIONS)[number];

export interface HttpEndpoint {
  system: string;
  /** The url without its credentials, without a trailing slash. */
  baseUrl: string;
  /** The per-system HMAC secret, from the password part of the url (`https://registru:${SECRET}@host/...`). */
  secret: string;
}

export type HttpOutcome =
  | { status: "done"; requestId: string; result: unknown }
  /** 202: the system will POST the result to the callback url with this token. */
  | { status: "accepted"; requestId: string; token: string };

export interface HttpCallOptions {
  clock: Clock;
  /** Idempotency key: the same request resent after a crash carries the same id. */
  requestId?: string;
  /** Where the system may POST an asynchronous answer; without it a 202 is an error. */
  callbackUrl?: string;
  timeoutMs?: number;
}

const isLoopback = (host: string) => host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);

export function httpEndpoint(spec: SystemSpec, env: Environment): HttpEndpoint {
  let url: URL;
  try {
    url = new URL(systemUrl(spec, env));
  } catch (e) {
    if (e instanceof RegistruError) throw e;
    throw new RegistruError("connector_url_invalid", `system "${spec.id}": url is not a valid URL`, 400);
  }
  const secret = decodeURIComponent(url.password);
  if (!secret) {
    throw new RegistruError("connector_secret_missing", `system "${spec.id}": give the signing secret in the url, as https://registru:\${SECRET_VARIABLE}@host/path`, 400);
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopback(url.hostname))) {
    throw new RegistruError("connector_insecure_url", `system "${spec.id}": personal data goes only over https (plain http only to this machine)`, 400);
  }
  url.username = "";
  url.password = "";
  return { system: spec.id, baseUrl: url.toString().replace(/\/+$/, ""), secret };
}

/** POSTs one signed action; the body carries the request id, the payload and, if offered, the callback. */
export async function callHttpSystem(endpoint: HttpEndpoint, action: HttpAction, payload: Record<string, unknown>, opts: HttpCallOptions): Promise<HttpOutcome> {
  const requestId = opts.requestId ?? randomUUID();
  const token = opts.callbackUrl ? randomBytes(24).toString("base64url") : undefined;
  const body = JSON.stringify({ request_id: requestId, action, ...payload, ...(token ? { callback: { url: opts.callbackUrl, token } } : {}) });
  let response: Response;
  try {
    response = await fetch(`${endpoint.baseUrl}/registru/${action}`, {
      method: "POST",
      headers: { "content-type": "application/json", "registru-signature": signatureHeader(endpoint.secret, body, opts.clock.now()), "idempotency-key": requestId },
      body,
      redirect: "error",
      signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
    });
  } catch (e) {
    const code = (e as { cause?: { code?: string } }).cause?.code ?? ((e as { name?: string }).name === "TimeoutError" ? "timeout" : "network");
    throw new RegistruError("connector_unreachable", `system "${endpoint.system}" cannot be reached (${code})`, 502);
  }
  if (response.status === 202) {
    await response.body?.cancel();
    if (!token) throw failed(endpoint, action, "answered 202 but no callback was offered");
    return { status: "accepted", requestId, token };
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    throw failed(endpoint, action, `answered HTTP ${response.status}`);
  }
  const text = await response.text();
  try {
    return { status: "done", requestId, result: text ? JSON.parse(text) : {} };
  } catch {
    throw failed(endpoint, action, "answered with a body that is not JSON");
  }
}

const failed = (endpoint: HttpEndpoint, action: HttpAction, why: string) =>
  new RegistruError("connector_http_failed", `system "${endpoint.system}": ${action} ${why}`, 502);

export const callbackPayload = z.object({
  request_id: z.string().min(1),
  token: z.string().min(1),
  action: z.enum(HTTP_ACTIONS),
  status: z.enum(["done", "failed"]),
  result: z.unknown().optional(),
  reason: z.string().optional(),
});
export type CallbackPayload = z.infer<typeof callbackPayload>;

/**
 * Checks an asynchronous answer POSTed to Registru's callback url: the `Registru-Signature` over
 * the raw body with the system's secret, a fresh timestamp, and the token Registru handed out
 * with the request. Returns the parsed payload; anything else is refused.
 */
export function verifyCallback(endpoint: HttpEndpoint, input: { signature: string | undefined; body: string; expectedToken: string; now: Date }): CallbackPayload {
  if (!verifySignature(endpoint.secret, input.signature, input.body, { now: input.now })) {
    throw new RegistruError("connector_callback_invalid", `system "${endpoint.system}": callback signature is missing, wrong or stale`, 401);
  }
  let parsed: ReturnType<typeof callbackPayload.safeParse>;
  try {
    parsed = callbackPayload.safeParse(JSON.parse(input.body));
  } catch {
    throw new RegistruError("connector_callback_invalid", `system "${endpoint.system}": callback body is not JSON`, 400);
  }
  if (!parsed.success) throw new RegistruError("connector_callback_invalid", `system "${endpoint.system}": callback body does not follow the protocol`, 400);
  const [given, expected] = [Buffer.from(parsed.data.token), Buffer.from(input.expectedToken)];
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new RegistruError("connector_callback_invalid", `system "${endpoint.system}": callback token does not match the request`, 403);
  }
  return parsed.data;
}
