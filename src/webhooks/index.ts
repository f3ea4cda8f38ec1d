export { createWebhook, DELIVERY_STATUSES, disableWebhook, listDeliveries, listWebhooks, MAX_ACTIVE_WEBHOOKS, parseWebhookEvents, parseWebhookUrl } from "./service.ts";
export type { CreatedWebhook, DeliverySummary, WebhookSummary } from "./service.ts";
export { deliveryRows, enqueue, enqueueConsentEvents, enqueuePolicyApplied, type Subscription } from "./outbox.ts";
export { deliverDue, drainDeliveries, MAX_ATTEMPTS, nextAttemptAfter, RETRY_DELAYS_SECONDS, SEND_TIMEOUT_MS, type DeliveryOutcome } from "./delivery.ts";
export { startWebhookDispatcher, type WebhookDispatcher } from "./dispatcher.ts";
export { SIGNATURE_TOLERANCE_SECONDS, signatureHeader, verifySignature } from "./signature.ts";
export { ALL_EVENTS, consentEvents, WEBHOOK_EVENTS, type ConsentEventData, type PolicyAppliedData, type WebhookEvent, type WebhookEventBody } from "./events.ts";
export { PAYLOAD_KEPT_DAYS, pruneDeliveredPayloads, webhookPruneJob } from "./prune.ts";
export type { NewDelivery } from "./store.ts";
