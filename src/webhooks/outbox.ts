import { randomUUID } from "node:crypto";
import type { Db } from "../store/index.ts";
import { ALL_EVENTS, consentEvents, type ConsentRecordLike, type PendingEvent, type PolicyAppliedData, type WebhookEvent, type WebhookEventBody } from "./events.ts";
import * as store from "./store.ts";

/**
 * Writes one delivery per active webhook subscribed to the event, inside the caller's
 * transaction (the outbox): a change that rolls back announces nothing, one that commits
 * cannot lose its event. Returns how many deliveries were written.
 */
export async function enqueue(tx: Db, tenantId: string, event: WebhookEvent, data: object, at: Date): Promise<number> {
  return enqueueAll(tx, tenantId, [{ event, data, at }]);
}

/** The events of freshly appended consent records (one per subject and decision). */
export async function enqueueConsentEvents(tx: Db, tenantId: string, records: readonly ConsentRecordLike[]): Promise<number> {
  return enqueueAll(tx, tenantId, consentEvents(records));
}

/** What changed from the version before (none for the first), as the policy diff summarises it. */
export interface PolicyChangeSummary {
  reconsent: boolean;
  activitiesNeedingReconsent: string[];
  cookiesNeedingReconsent: string[];
  changes: number;
}

export async function enqueuePolicyApplied(
  tx: Db,
  tenantId: string,
  applied: { version: number; previousVersion: number | null; contentHash: string; diff: PolicyChangeSummary | undefined },
  at: Date,
): Promise<number> {
  const { diff } = applied;
  const data: PolicyAppliedData = {
    version: applied.version,
    previousVersion: applied.previousVersion,
    contentHash: applied.contentHash,
    reconsent: diff?.reconsent ?? false,
    activitiesNeedingReconsent: diff?.activitiesNeedingReconsent ?? [],
    cookiesNeedingReconsent: diff?.cookiesNeedingReconsent ?? [],
    changes: diff?.changes ?? 0,
  };
  return enqueue(tx, tenantId, "policy.applied", data, at);
}

async function enqueueAll(tx: Db, tenantId: string, events: readonly PendingEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  // One read per change, whatever the number of events: most organisations have no webhook at all.
  const rows = deliveryRows(tenantId, await store.activeSubscriptions(tx, tenantId), events);
  await store.insertDeliveries(tx, rows);
  return rows.length;
}

/** An active webhook of the organisation: where its events go and which it wants. */
export interface Subscription {
  webhookId: string;
  events: string[];
  slug: string;
}

/** The outbox rows for events: one per event and subscribed webhook. For writers that insert them with their own statement. */
export function deliveryRows(tenantId: string, subscriptions: readonly Subscription[], events: readonly PendingEvent[]): store.NewDelivery[] {
  const rows: store.NewDelivery[] = [];
  for (const { event, data, at } of events) {
    for (const s of subscriptions) {
      if (!s.events.includes(event) && !s.events.includes(ALL_EVENTS)) continue;
      const deliveryId = randomUUID();
      const payload: WebhookEventBody = { id: deliveryId, type: event, created: at.toISOString(), organisation: s.slug, data };
      rows.push({ tenantId, deliveryId, webhookId: s.webhookId, event, payload, status: "pending", attempts: 0, createdAt: at, nextAttemptAt: at });
    }
  }
  return rows;
}
