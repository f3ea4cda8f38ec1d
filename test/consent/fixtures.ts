import { createHash } from "node:crypto";
import type { ConsentInput } from "../../src/consent/index.ts";
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
