import { createHash } from "node:crypto";
import type { ConsentInput } from "../../src/consent/index.ts";
import type { NewConsentRecord } from "../../src/consent/store.ts";
import { cleanManifest } from "../helpers/manifests.ts";

export const textHash = createHash("sha256").update("Vrei newsletterul?").digest("hex");

/** The clean manifest with one more activity resting on consent, named `id`. */
export function withConsentActivity(id: string, m = cleanManifest()) {
  m.activities.push({
    ...m.activities[0],
    id,
    name: { en: id, ro: id },
    purpose: { en: "Send offers by e-mail", ro: "Trimiterea ofertelor prin e-mail" },
    legal_basis: ["consent"],
    consent: { methods: ["checkbox"], withdrawal: ["unsubscribe_link"] },
    data: ["contact.email"],
    recipients: [],
  });
  return m;
}

/** Consent given to the newsletter on a form. */
export const given = (consentId: string, over: Partial<ConsentInput> = {}): ConsentInput => ({
  consentId,
  purposes: ["newsletter"],
  decision: "given",
  textHash,
  language: "ro",
  method: "form",
  ...over,
});

/** A ledger record as the service builds it, for the store's own tests. */
export const record = (consentId: string, decision = "given"): NewConsentRecord => ({
  consentId,
  subjectRef: null,
  purpose: "newsletter",
  decision,
  legalBasis: "consent",
  policyVersion: 1,
  textHash,
  language: "ro",
  jurisdiction: "RO",
  method: "form",
  collectedBy: null,
  guardian: null,
  recordedAt: new Date("2026-11-23T10:00:00Z"),
  validUntil: null,
  ipTruncated: null,
  userAgent: null,
});
