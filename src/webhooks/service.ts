import { randomBytes } from "node:crypto";
import { appendAudit } from "../audit/index.ts";
import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import { ALL_EVENTS, isWebhookEvent, WEBHOOK_EVENTS } from "./events.ts";
import * as store from "./store.ts";

export interface WebhookSummary {
  webhookId: string;
  url: string;
  events: string[];
  createdAt: Date;
  disabledAt: Date | null;
}

export interface CreatedWebhook extends WebhookSummary {
  /** Signs every delivery; shown once, at creation. */
  secret: string;
}

export interface DeliverySummary {
  deliveryId: string;
  webhookId: string;
  event: string;
  status: string;
  attempts: number;
  createdAt: Date;
  nextAttemptAt: Date;
  deliveredAt: Date | null;
  lastStatus: number | null;
  lastError: string | null;
}

const WEBHOOK_ID = /^wh_[0-9a-f]{16}$/;
const MAX_URL_LENGTH = 2048;
// Every active webhook adds a row to each consent transaction: keep the fan-out small.
export const MAX_ACTIVE_WEBHOOKS = 10;
export const DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;

/** A webhook URL: http(s), no credentials (the signature is how a receiver knows it is us). */
export function parseWebhookUrl(raw: string): string {
  const invalid = (why: string) => new RegistruError("invalid_webhook_url", `the webhook URL ${why}`, 400);
  if (raw.length > MAX_URL_LENGTH) throw invalid(`is longer than ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw invalid("is not a valid absolute URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw invalid("must start with https:// or http://");
  if (url.username || url.password) throw invalid("must not carry a user name or password; verify the Registru-Signature header instead");
  return url.toString();
}

/** The closed list of events, or `*`; none given means every event. */
export function parseWebhookEvents(raw: readonly string[] | undefined): string[] {
  const events = [...new Set((raw ?? [ALL_EVENTS]).map((e) => e.trim()))];
  const unknown = events.filter((e) => e !== ALL_EVENTS && !isWebhookEvent(e));
  if (unknown.length > 0 || events.length === 0) {
    throw new RegistruError("unknown_webhook_event", `webhook events must be among ${[...WEBHOOK_EVENTS, ALL_EVENTS].join(", ")}`, 400, { unknown: unknown.map((e) => e.slice(0, 50)) });
  }
  return events.includes(ALL_EVENTS) ? [ALL_EVENTS] : WEBHOOK_EVENTS.filter((e) => events.includes(e));
}

async function tenantOf(ctx: Context, slug: string) {
  const tenant = await store.findTenant(ctx.db, slug);
  if (!tenant) throw new RegistruError("organisation_not_found", `no organisation "${slug}"`, 404);
  return tenant;
}

// The URL's path may hold the receiver's own token: the audit trail, kept for ever, names the host only.
const hostOf = (url: string) => new URL(url).host;

export async function createWebhook(ctx: Context, slug: string, input: { url: string; events?: readonly string[] }, opts: { actor?: string } = {}): Promise<CreatedWebhook> {
  const url = parseWebhookUrl(input.url);
  const events = parseWebhookEvents(input.events);
  const webhookId = `wh_${randomBytes(8).toString("hex")}`;
  const secret = `whsec_${randomBytes(32).toString("base64url")}`;
  const createdAt = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const tenant = await tenantOf({ ...ctx, db: tx }, slug);
    // Taken first: the audit append locks the tenant row, which also serialises this count.
    await appendAudit(tx, tenant.tenantId, { at: createdAt, actor: opts.actor ?? "cli", action: "webhook.created", entity: "webhook", entityId: webhookId, details: { host: hostOf(url), events } });
    if ((await store.countActive(tx, tenant.tenantId)) >= MAX_ACTIVE_WEBHOOKS) {
      throw new RegistruError("too_many_webhooks", `an organisation may have at most ${MAX_ACTIVE_WEBHOOKS} active webhooks; disable one first`, 409);
    }
    await store.insertWebhook(tx, { tenantId: tenant.tenantId, webhookId, url, secret, events, createdAt });
  });
  ctx.log.info({ tenant: slug, webhookId, events }, "webhook created");
  return { webhookId, url, events, createdAt, disabledAt: null, secret };
}

export async function listWebhooks(ctx: Context, slug: string): Promise<WebhookSummary[]> {
  const tenant = await tenantOf(ctx, slug);
  return (await store.listWebhooks(ctx.db, tenant.tenantId)).map(summary);
}

/** Stops deliveries to the webhook; its pending deliveries are marked failed. The row stays for the audit trail. */
export async function disableWebhook(ctx: Context, slug: string, webhookId: string, opts: { actor?: string } = {}): Promise<WebhookSummary> {
  const at = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const tenant = await tenantOf({ ...ctx, db: tx }, slug);
    const disabled = WEBHOOK_ID.test(webhookId) ? await store.disableWebhook(tx, tenant.tenantId, webhookId, at) : undefined;
    if (!disabled) throw notFound(webhookId, "active ");
    await store.abandonPending(tx, tenant.tenantId, webhookId, "webhook disabled");
    await appendAudit(tx, tenant.tenantId, { at, actor: opts.actor ?? "cli", action: "webhook.disabled", entity: "webhook", entityId: webhookId, details: { host: hostOf(disabled.url) } });
    return disabled;
  });
  ctx.log.info({ tenant: slug, webhookId }, "webhook disabled");
  return summary(row);
}

/** The newest deliveries of a webhook: status, attempts and times, never the payload. */
export async function listDeliveries(ctx: Context, slug: string, webhookId: string, opts: { limit?: number; status?: string } = {}): Promise<DeliverySummary[]> {
  const tenant = await tenantOf(ctx, slug);
  if (!WEBHOOK_ID.test(webhookId) || !(await store.findWebhook(ctx.db, tenant.tenantId, webhookId))) throw notFound(webhookId);
  return store.listDeliveries(ctx.db, tenant.tenantId, webhookId, { limit: Math.min(Math.max(opts.limit ?? 50, 1), 200), status: opts.status });
}

const notFound = (webhookId: string, what = "") =>
  new RegistruError("webhook_not_found", `no ${what}webhook "${webhookId.slice(0, 40)}" for this organisation`, 404);

const summary = (r: store.WebhookRow): WebhookSummary => ({ webhookId: r.webhookId, url: r.url, events: r.events, createdAt: r.createdAt, disabledAt: r.disabledAt });
