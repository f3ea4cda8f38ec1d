import { and, asc, desc, eq, getTableColumns, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../store/index.ts";
import { tables } from "../store/index.ts";

const { tenants, webhooks, webhookDeliveries } = tables;

export type WebhookRow = typeof webhooks.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type NewDelivery = typeof webhookDeliveries.$inferInsert;

export async function findTenant(db: Db, slug: string) {
  const [row] = await db.select({ tenantId: tenants.tenantId, slug: tenants.slug }).from(tenants).where(eq(tenants.slug, slug));
  return row;
}

export async function insertWebhook(tx: Db, row: typeof webhooks.$inferInsert) {
  await tx.insert(webhooks).values(row);
}

export async function listWebhooks(db: Db, tenantId: string) {
  return db.select().from(webhooks).where(eq(webhooks.tenantId, tenantId)).orderBy(asc(webhooks.createdAt), asc(webhooks.webhookId));
}

export async function findWebhook(db: Db, tenantId: string, webhookId: string): Promise<WebhookRow | undefined> {
  const [row] = await db.select().from(webhooks).where(and(eq(webhooks.tenantId, tenantId), eq(webhooks.webhookId, webhookId)));
  return row;
}

export async function countActive(db: Db, tenantId: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(webhooks)
    .where(and(eq(webhooks.tenantId, tenantId), isNull(webhooks.disabledAt)));
  return row?.n ?? 0;
}

/** Disables the webhook; undefined when the tenant has no such active webhook. */
export async function disableWebhook(tx: Db, tenantId: string, webhookId: string, at: Date): Promise<WebhookRow | undefined> {
  const [row] = await tx
    .update(webhooks)
    .set({ disabledAt: at })
    .where(and(eq(webhooks.tenantId, tenantId), eq(webhooks.webhookId, webhookId), isNull(webhooks.disabledAt)))
    .returning();
  return row;
}

/** Pending deliveries of a disabled webhook will never be sent: say so instead of leaving them due. */
export async function abandonPending(tx: Db, tenantId: string, webhookId: string, reason: string) {
  await tx
    .update(webhookDeliveries)
    .set({ status: "failed", lastError: reason })
    .where(and(eq(webhookDeliveries.tenantId, tenantId), eq(webhookDeliveries.webhookId, webhookId), eq(webhookDeliveries.status, "pending")));
}

/** The tenant's active webhooks with its slug (the payload names the organisation). */
export async function activeSubscriptions(tx: Db, tenantId: string) {
  return tx
    .select({ webhookId: webhooks.webhookId, events: webhooks.events, slug: tenants.slug })
    .from(webhooks)
    .innerJoin(tenants, eq(tenants.tenantId, webhooks.tenantId))
    .where(and(eq(webhooks.tenantId, tenantId), isNull(webhooks.disabledAt)));
}

export async function insertDeliveries(tx: Db, rows: NewDelivery[]) {
  if (rows.length > 0) await tx.insert(webhookDeliveries).values(rows);
}

export async function listDeliveries(db: Db, tenantId: string, webhookId: string, opts: { limit: number; status?: string }) {
  // Never the payload: it holds the subject's identifiers and is meant for the receiver only.
  const { payload: _payload, ...columns } = getTableColumns(webhookDeliveries);
  return db
    .select(columns)
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.tenantId, tenantId),
        eq(webhookDeliveries.webhookId, webhookId),
        opts.status ? eq(webhookDeliveries.status, opts.status) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.deliveryId))
    .limit(opts.limit);
}

export interface ClaimedDelivery {
  delivery: DeliveryRow;
  url: string;
  secret: string;
  disabled: boolean;
}

/**
 * Takes up to `limit` due deliveries for this worker: SKIP LOCKED lets concurrent workers pass
 * over each other's rows, and moving next_attempt_at to `leaseUntil` (with attempts + 1, the
 * fence for the result) keeps the rows out of everyone else's reach after this short transaction
 * commits, while the request is in flight. A worker that dies mid-send leaves the row to be
 * taken again when the lease ends.
 */
export async function claimDue(tx: Db, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedDelivery[]> {
  const d = webhookDeliveries;
  const due = await tx
    .select({ deliveryId: d.deliveryId, url: webhooks.url, secret: webhooks.secret, disabledAt: webhooks.disabledAt })
    .from(d)
    .innerJoin(webhooks, and(eq(webhooks.tenantId, d.tenantId), eq(webhooks.webhookId, d.webhookId)))
    .where(and(eq(d.status, "pending"), lte(d.nextAttemptAt, now)))
    .orderBy(asc(d.nextAttemptAt))
    .limit(limit)
    .for("update", { of: d, skipLocked: true });
  if (due.length === 0) return [];
  const claimed = await tx
    .update(d)
    .set({ attempts: sql`${d.attempts} + 1`, nextAttemptAt: leaseUntil })
    .where(
      inArray(
        d.deliveryId,
        due.map((r) => r.deliveryId),
      ),
    )
    .returning();
  const byId = new Map(claimed.map((r) => [r.deliveryId, r]));
  return due.map((r) => ({ delivery: byId.get(r.deliveryId)!, url: r.url, secret: r.secret, disabled: r.disabledAt !== null }));
}

export type DeliveryResult =
  | { status: "delivered"; at: Date; httpStatus: number }
  | { status: "pending"; nextAttemptAt: Date; httpStatus: number | null; error: string }
  | { status: "failed"; httpStatus: number | null; error: string };

/** Records the outcome of attempt `attempt`; a result for an attempt another worker has since retaken is dropped. */
export async function recordResult(db: Db, deliveryId: string, attempt: number, result: DeliveryResult): Promise<boolean> {
  const d = webhookDeliveries;
  const set =
    result.status === "delivered"
      ? { status: "delivered", deliveredAt: result.at, lastStatus: result.httpStatus, lastError: null }
      : result.status === "pending"
        ? { nextAttemptAt: result.nextAttemptAt, lastStatus: result.httpStatus, lastError: result.error }
        : { status: "failed", lastStatus: result.httpStatus, lastError: result.error };
  const rows = await db
    .update(d)
    .set(set)
    .where(and(eq(d.deliveryId, deliveryId), eq(d.attempts, attempt), eq(d.status, "pending")))
    .returning({ deliveryId: d.deliveryId });
  return rows.length === 1;
}
