import { COOKIE_PURPOSE_PREFIX, consentSubjectsOf, currentConsent, withdrawConsent } from "../consent/index.ts";
import type { Context } from "../context.ts";
import type { Manifest } from "../manifest/index.ts";
import type { SubjectRequest } from "../requests/index.ts";
import type { Execution } from "./model.ts";

/** A purpose the consent ledger keeps: a consent-based activity or a cookie category. */
const isConsentPurpose = (m: Manifest, purpose: string) =>
  purpose.startsWith(COOKIE_PURPOSE_PREFIX) || Boolean(m.activities.find((a) => a.id === purpose)?.legal_basis?.includes("consent"));

export interface ConsentPlan {
  withdraw: NonNullable<Execution["consent"]>;
  /** Purposes named that rest on something other than consent: a person assesses the objection (Art. 21(1)). */
  toAssess: string[];
}

/**
 * Withdrawal of consent (Art. 7(3)) and objection (Art. 21): the consent purposes named — or,
 * for a withdrawal that names none, every purpose still given — are withdrawn for each consent
 * subject the request reaches (its e-mail or customer id as consent id or subject reference).
 */
export async function planConsent(ctx: Context, slug: string, m: Manifest, r: SubjectRequest): Promise<ConsentPlan> {
  const named = r.details.purposes ?? [];
  const refs = [r.subject.email, r.subject.customerId].filter((x): x is string => Boolean(x));
  const withdraw: ConsentPlan["withdraw"] = [];
  for (const consentId of await consentSubjectsOf(ctx, slug, refs)) {
    const given = (await currentConsent(ctx, slug, consentId)).filter((s) => s.decision === "given").map((s) => s.purpose);
    const purposes = named.length === 0 && r.right === "withdraw_consent" ? given : given.filter((p) => named.includes(p));
    if (purposes.length > 0) withdraw.push({ consentId, purposes });
  }
  const toAssess = r.right === "objection" ? named.filter((p) => !isConsentPurpose(m, p)) : [];
  return { withdraw, toAssess };
}

/**
 * Withdraws what the plan says, as staff entry on the subject's behalf. Only purposes still
 * given are written: a resumed execution adds no second record.
 */
export async function applyConsent(ctx: Context, slug: string, requestId: string, plan: NonNullable<Execution["consent"]>): Promise<void> {
  for (const { consentId, purposes } of plan) {
    const given = new Set((await currentConsent(ctx, slug, consentId)).filter((s) => s.decision === "given").map((s) => s.purpose));
    const still = purposes.filter((p) => given.has(p));
    if (still.length > 0) await withdrawConsent(ctx, slug, consentId, still, "staff_entry", { collectedBy: `registru:request/${requestId}` });
  }
}
