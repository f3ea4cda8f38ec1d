import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import type { Manifest } from "../manifest/index.ts";
import { getOrganisation } from "../organisations/index.ts";
import * as store from "./store.ts";

/**
 * A subject's consent records as a receipt. The shape follows ISO/IEC TS 27560 (consent record
 * information structure) and its ancestor, the Kantara Initiative consent receipt: controller,
 * subject, the notice shown, and one entry per decision with the notice it was made under, who
 * gave it and where it sits in the ledger's chain. It is inspired by, not certified against, them.
 */
export interface ConsentReceipt {
  schema_version: string;
  receipt_id: string;
  issued_at: string;
  controller: { name: string; contact: string | null };
  subject: { id: string };
  /** The notice of the latest decision. */
  notice: ReceiptNotice;
  records: ReceiptRecord[];
}

export interface ReceiptNotice {
  version: number;
  text_hash: string;
  language: string;
}

export interface ReceiptRecord {
  purpose: string;
  legal_basis: string;
  decision: string;
  method: string;
  timestamp: string;
  expiry: string | null;
  jurisdiction: string;
  /** The policy version and exact text this decision was made under. */
  notice: ReceiptNotice;
  /** Who gave it: the subject, or a parent or guardian for a child (named as recorded). */
  given_by: { kind: "subject" | "guardian"; name: string | null };
  /** The staff member who entered it on the subject's behalf (paper, phone, desk), if any. */
  collected_by: string | null;
  /** The record's place in the ledger's hash chain, to check the receipt against `registru consent verify`. */
  integrity: { seq: number; prev_hash: string; hash: string };
}

export const RECEIPT_SCHEMA_VERSION = "registru-consent-receipt/2";

const givenBy = (r: store.ConsentRecordRow): ReceiptRecord["given_by"] => (r.guardian ? { kind: "guardian", name: r.guardian } : { kind: "subject", name: null });

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
      jurisdiction: r.jurisdiction,
      notice: { version: r.policyVersion, text_hash: r.textHash, language: r.language },
      given_by: givenBy(r),
      collected_by: r.collectedBy,
      integrity: { seq: r.seq, prev_hash: r.prevHash, hash: r.hash },
    })),
  };
}
