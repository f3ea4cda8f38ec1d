import { createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
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
  /** The token the callback must carry; random when not given. Registru derives it (see `callbackToken`), so a call resent after a crash offers the same. */
  callbackToken?: string;
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
  const token = opts.callbackUrl ? (opts.callbackToken ?? randomBytes(24).toString("base64url")) : undefined;
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

export const callbackPayload = z.strictObject({
  request_id: z.string().min(1).max(200),
  token: z.string().min(1).max(200),
  action: z.enum(HTTP_ACTIONS),
  status: z.enum(["done", "failed"]),
  result: z.unknown().optional(),
  reason: z.string().max(2000).optional(),
});
export type CallbackPayload = z.infer<typeof callbackPayload>;

/**
 * The token Registru offers with a call and its callback must bear: an HMAC of the request, the
 * system and the action under a key of the organisation the system never sees. Derived, not
 * stored, so a call resent after a crash offers the same token, and a callback is checked even
 * when it arrives before Registru recorded that the call was accepted.
 */
export function callbackToken(key: Buffer, p: { requestId: string; system: string; action: HttpAction }): string {
  return createHmac("sha256", key).update(`registru connector callback\n${p.requestId}\n${p.system}\n${p.action}`).digest().subarray(0, 24).toString("base64url");
}

const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * Checks an asynchronous answer POSTed to Registru's callback url: the `Registru-Signature` over
 * the raw body with the system's secret (401 `callback_signature_invalid`), a timestamp within 5
 * minutes (401 `callback_stale`: an old callback replayed is refused), the body's shape (400
 * `callback_body_invalid`) and the token Registru handed out with the call (401
 * `callback_token_invalid`, compared in constant time). Returns the parsed payload.
 */
export function verifyCallback(endpoint: HttpEndpoint, input: { signature: string | undefined; body: string; expectedToken: string | ((p: CallbackPayload) => string); now: Date }): CallbackPayload {
  const t = Number(/(?:^|,)\s*t=(\d+)/.exec(input.signature ?? "")?.[1]);
  if (!Number.isInteger(t)) throw new RegistruError("callback_signature_invalid", `system "${endpoint.system}": callback has no Registru-Signature`, 401);
  if (Math.abs(input.now.getTime() / 1000 - t) > SIGNATURE_TOLERANCE_SECONDS) {
    throw new RegistruError("callback_stale", `system "${endpoint.system}": callback signed more than 5 minutes from now; sign it when sending`, 401);
  }
  if (!verifySignature(endpoint.secret, input.signature, input.body, { now: input.now, toleranceSeconds: SIGNATURE_TOLERANCE_SECONDS })) {
    throw new RegistruError("callback_signature_invalid", `system "${endpoint.system}": callback signature does not match the body and the system's secret`, 401);
  }
  let json: unknown;
  try {
    json = JSON.parse(input.body);
  } catch {
    throw new RegistruError("callback_body_invalid", `system "${endpoint.system}": callback body is not JSON`, 400);
  }
  const parsed = callbackPayload.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
    throw new RegistruError("callback_body_invalid", `system "${endpoint.system}": callback body does not follow the protocol (${issues.map((i) => i.path || "(root)").join(", ")})`, 400, issues);
  }
  const expectedToken = typeof input.expectedToken === "function" ? input.expectedToken(parsed.data) : input.expectedToken;
  const [given, expected] = [Buffer.from(parsed.data.token), Buffer.from(expectedToken)];
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new RegistruError("callback_token_invalid", `system "${endpoint.system}": callback token is not the one handed out for this request and action`, 401);
  }
  return parsed.data;
}
