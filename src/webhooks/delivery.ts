import type { Context } from "../context.ts";
import { registruVersion } from "../version.ts";
import type { WebhookEventBody } from "./events.ts";
import { signatureHeader } from "./signature.ts";
import * as store from "./store.ts";

/** Waits after failed attempts 1..6; the 7th failure gives up (about 31 hours after the event). */
export const RETRY_DELAYS_SECONDS = [30, 120, 600, 3600, 6 * 3600, 24 * 3600] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;
export const SEND_TIMEOUT_MS = 10_000;
// Longer than a send can take, so a claimed delivery is only taken again if its worker died.
const LEASE_SECONDS = 60;
const BATCH = 10;

export interface DeliveryOutcome {
  deliveryId: string;
  webhookId: string;
  event: string;
  attempt: number;
  status: "delivered" | "pending" | "failed";
  httpStatus: number | null;
  error?: string;
}

/** When attempt `attempt` (1-based) failed at `at`, the next one is due; undefined once attempts run out. */
export function nextAttemptAfter(attempt: number, at: Date): Date | undefined {
  const delay = RETRY_DELAYS_SECONDS[attempt - 1];
  return delay === undefined ? undefined : new Date(at.getTime() + delay * 1000);
}

/** Claims one batch of due deliveries and sends them concurrently. */
export async function deliverDue(ctx: Context, opts: { limit?: number } = {}): Promise<DeliveryOutcome[]> {
  const now = ctx.clock.now();
  const leaseUntil = new Date(now.getTime() + LEASE_SECONDS * 1000);
  const claimed = await ctx.db.transaction((tx) => store.claimDue(tx, now, leaseUntil, opts.limit ?? BATCH));
  return Promise.all(claimed.map((c) => deliverOne(ctx, c)));
}

/** Sends batches until nothing more is due now. */
export async function drainDeliveries(ctx: Context, opts: { limit?: number; shouldStop?: () => boolean } = {}): Promise<DeliveryOutcome[]> {
  const limit = opts.limit ?? BATCH;
  const outcomes: DeliveryOutcome[] = [];
  for (;;) {
    const batch = await deliverDue(ctx, { limit });
    outcomes.push(...batch);
    if (batch.length < limit || opts.shouldStop?.()) return outcomes;
  }
}

async function deliverOne(ctx: Context, claimed: store.ClaimedDelivery): Promise<DeliveryOutcome> {
  const { delivery } = claimed;
  const attempt = delivery.attempts;
  const sent = claimed.disabled ? { httpStatus: null, error: "webhook disabled" } : await post(ctx, claimed);
  const at = ctx.clock.now();
  const next = claimed.disabled ? undefined : nextAttemptAfter(attempt, at);
  const result: store.DeliveryResult =
    sent.error === undefined
      ? { status: "delivered", at, httpStatus: sent.httpStatus! }
      : next
        ? { status: "pending", nextAttemptAt: next, httpStatus: sent.httpStatus, error: sent.error }
        : { status: "failed", httpStatus: sent.httpStatus, error: sent.error };
  const recorded = await store.recordResult(ctx.db, delivery.deliveryId, attempt, result);
  const outcome: DeliveryOutcome = {
    deliveryId: delivery.deliveryId,
    webhookId: delivery.webhookId,
    event: delivery.event,
    attempt,
    status: result.status,
    httpStatus: sent.httpStatus,
    ...(sent.error !== undefined && { error: sent.error }),
  };
  // Ids, status and the short reason only: the payload carries the subject's identifiers.
  const fields = { ...outcome, recorded };
  if (result.status === "delivered") ctx.log.info(fields, "webhook delivered");
  else ctx.log.warn(fields, result.status === "failed" ? "webhook delivery failed for good" : "webhook delivery will be retried");
  return outcome;
}

async function post(ctx: Context, { delivery, url, secret }: store.ClaimedDelivery): Promise<{ httpStatus: number | null; error?: string }> {
  const p = delivery.payload as WebhookEventBody;
  // Rebuilt in a fixed key order: jsonb does not keep the order it was given.
  const body = JSON.stringify({ id: p.id, type: p.type, created: p.created, organisation: p.organisation, data: p.data });
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "User-Agent": `Registru-Webhooks/${registruVersion}`,
        "Registru-Webhook-Id": delivery.webhookId,
        "Registru-Event": delivery.event,
        "Registru-Delivery": delivery.deliveryId,
        "Registru-Signature": signatureHeader(secret, body, ctx.clock.now()),
      },
      body,
      // A redirect would turn the POST into a GET somewhere else: report it instead of following.
      redirect: "manual",
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    // The answer's body is never read nor stored; release the connection.
    await res.body?.cancel().catch(() => undefined);
    return res.status >= 200 && res.status < 300 ? { httpStatus: res.status } : { httpStatus: res.status, error: `HTTP ${res.status}` };
  } catch (e) {
    return { httpStatus: null, error: failureReason(e) };
  }
}

/** A short reason without the URL or anything the receiver said. */
function failureReason(e: unknown): string {
  if (e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError")) return `no answer within ${SEND_TIMEOUT_MS / 1000} s`;
  const code = (e as { cause?: { code?: unknown } }).cause?.code;
  return typeof code === "string" ? `connection failed (${code})` : "request failed";
}
