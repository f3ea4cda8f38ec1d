import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import type { Manifest } from "../manifest/index.ts";
import { getOrganisation } from "../organisations/index.ts";
import * as store from "./store.ts";

/**
 * A subject's consent records as a receipt. The shape follows ISO/IEC TS 27560 (consent record
 * information structure) and its ancestor, the Kantara Initiative consent receipt: controller,
 * subject, notice, and one entry per purpose decision. It is inspired by, not certified against, them.
 */
export interface ConsentReceipt {
  schema_version: string;
  receipt_id: string;
  issued_at: string;
  controller: { name: string; contact: string | null };
  subject: { id: string };
  notice: { version: number; text_hash: string; language: string };
  records: { purpose: string; legal_basis: string; decision: string; method: string; timestamp: string; expiry: string | null }[];
}

export const RECEIPT_SCHEMA_VERSION = "registru-consent-receipt/1";

export async function exportConsentReceipt(ctx: Context, slug: string, consentId: string): Promise<ConsentReceipt> {
  const { tenant, version } = await getOrganisation(ctx, slug);
  const rows = await store.history(ctx.db, tenant.tenantId, consentId);
  const last = rows.at(-1);
  if (!last) throw new RegistruError("consent_not_found", "no consent recorded for this subject", 404);
  const organisation = (version?.manifest as Manifest | undefined)?.organisation;
  return {
    schema_version: RECEIPT_SCHEMA_VERSION,
    // The hash of the subject's latest record: the receipt names the ledger state it was cut from.
    receipt_id: last.hash,
    issued_at: ctx.clock.now().toISOString(),
    controller: { name: tenant.name, contact: organisation?.contact?.email ?? null },
    subject: { id: consentId },
    notice: { version: last.policyVersion, text_hash: last.textHash, language: last.language },
    records: rows.map((r) => ({
      purpose: r.purpose,
      legal_basis: r.legalBasis,
      decision: r.decision,
      method: r.method,
      timestamp: r.recordedAt.toISOString(),
      expiry: r.validUntil?.toISOString() ?? null,
    })),
  };
}
