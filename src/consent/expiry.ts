import { and, asc, eq, isNotNull, lte } from "drizzle-orm";
import type { Context } from "../context.ts";
import type { JobDefinition } from "../jobs/queue.ts";
import { tables } from "../store/index.ts";
import { appendWithAudit } from "./service.ts";
import type { NewConsentRecord } from "./store.ts";

const { consentRecords, consentState, tenants } = tables;

const BATCH = 500;

/**
 * Writes an `expired` record for every consent whose validity has passed (the policy's
 * `consent.expires`, the banner's `ask_again_after`), so the ledger itself says when a consent
 * stopped counting, not only a computed state. Batches are short transactions; returns how many expired.
 */
export async function expireConsents(ctx: Context): Promise<number> {
  const now = ctx.clock.now();
  const due = and(eq(consentState.decision, "given"), isNotNull(consentState.validUntil), lte(consentState.validUntil, now));
  const tenantIds = await ctx.db.selectDistinct({ tenantId: consentState.tenantId }).from(consentState).where(due);
  let expired = 0;
  for (const { tenantId } of tenantIds) {
    for (;;) {
      const written = await ctx.db.transaction(async (tx) => {
        // The tenant row first, as every ledger writer takes it: no lock-order deadlock with them.
        await tx.select({ id: tenants.tenantId }).from(tenants).where(eq(tenants.tenantId, tenantId)).for("update");
        const rows = await tx
          .select({ record: consentRecords })
          .from(consentState)
          .innerJoin(consentRecords, and(eq(consentRecords.tenantId, consentState.tenantId), eq(consentRecords.seq, consentState.seq)))
          .where(and(eq(consentState.tenantId, tenantId), due))
          .orderBy(asc(consentState.validUntil))
          .limit(BATCH);
        if (rows.length > 0) await appendWithAudit(tx, tenantId, rows.map(({ record }) => expiredRecord(record, now)));
        return rows.length;
      });
      expired += written;
      if (written < BATCH) break;
    }
  }
  if (expired > 0) ctx.log.info({ records: expired }, "consents expired");
  return expired;
}

function expiredRecord({ tenantId: _t, seq: _s, prevHash: _p, hash: _h, ...base }: typeof consentRecords.$inferSelect, at: Date): NewConsentRecord {
  return { ...base, decision: "expired", collectedBy: "registru:consent-expiry", guardian: null, recordedAt: at, validUntil: null, ipTruncated: null, userAgent: null };
}

export const consentExpiryJob: JobDefinition = {
  name: "consent-expiry",
  schedule: "7 * * * *",
  handle: async (ctx) => {
    await expireConsents(ctx);
  },
};
