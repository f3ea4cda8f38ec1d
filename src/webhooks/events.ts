/** What an organisation can subscribe to; `*` means every event, including ones added later. */
export const WEBHOOK_EVENTS = ["consent.given", "consent.refused", "consent.withdrawn", "consent.expired", "policy.applied"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export const ALL_EVENTS = "*";

export const isWebhookEvent = (s: string): s is WebhookEvent => (WEBHOOK_EVENTS as readonly string[]).includes(s);

/** The data of a `consent.*` event: one subject's decision on one or more purposes, as recorded. */
export interface ConsentEventData {
  consentId: string;
  subjectRef: string | null;
  purposes: string[];
  decision: string;
  method: string;
  policyVersion: number;
  /** The ledger sequence numbers of the records, so a receiver can fetch them or spot a gap. */
  seqs: number[];
}

/** The data of a `policy.applied` event: the new version and whether consent must be asked again. */
export interface PolicyAppliedData {
  version: number;
  previousVersion: number | null;
  contentHash: string;
  reconsent: boolean;
  activitiesNeedingReconsent: string[];
  cookiesNeedingReconsent: string[];
  changes: number;
}

/** The JSON body a receiver gets; `id` is the delivery id (also in the `Registru-Delivery` header). */
export interface WebhookEventBody {
  id: string;
  type: WebhookEvent;
  created: string;
  organisation: string;
  data: object;
}

/** The columns of a consent record an event needs (structural, so this module does not import the ledger). */
export interface ConsentRecordLike {
  seq: number;
  consentId: string;
  subjectRef: string | null;
  purpose: string;
  decision: string;
  method: string;
  policyVersion: number;
  recordedAt: Date;
}

export interface PendingEvent {
  event: WebhookEvent;
  data: object;
  at: Date;
}

/**
 * One event per subject and decision: a banner that accepts three purposes is one
 * `consent.given` with three purposes, and a sweep that expires many subjects is one event each.
 */
export function consentEvents(records: readonly ConsentRecordLike[]): PendingEvent[] {
  const groups = new Map<string, ConsentRecordLike[]>();
  for (const r of records) {
    const key = JSON.stringify([r.consentId, r.decision, r.method, r.policyVersion]);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].flatMap((rows) => {
    const first = rows[0]!;
    const event = `consent.${first.decision}`;
    if (!isWebhookEvent(event)) return [];
    const data: ConsentEventData = {
      consentId: first.consentId,
      subjectRef: first.subjectRef,
      purposes: rows.map((r) => r.purpose),
      decision: first.decision,
      method: first.method,
      policyVersion: first.policyVersion,
      seqs: rows.map((r) => r.seq),
    };
    return [{ event, data, at: first.recordedAt }];
  });
}
