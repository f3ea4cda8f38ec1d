import type { Context } from "../context.ts";
import type { Jurisdiction } from "../law/index.ts";
import type { Manifest } from "../manifest/index.ts";
import { policyInForce } from "../organisations/index.ts";

export interface BreachOrganisation {
  slug: string;
  manifest: Manifest;
  jurisdiction: Jurisdiction;
}

/** The policy in force: its processors, DPO, subjects and law are what a breach is checked and written against. */
export async function breachOrganisation(ctx: Context, slug: string): Promise<BreachOrganisation> {
  const { manifest, jurisdiction } = await policyInForce(ctx, slug);
  return { slug, manifest, jurisdiction };
}

/** Who answers questions about the breach (Art. 33(3)(b)): the DPO, else the contact the policy names. */
export function contactPoint(m: Manifest): { role: "dpo" | "contact"; name?: string; email?: string; phone?: string; address?: string } {
  if (m.dpo?.appointed) return { role: "dpo", name: m.dpo.name, email: m.dpo.email, phone: m.dpo.phone, address: m.dpo.address };
  const c = (m.dpo?.appointed === false ? m.dpo.contact : undefined) ?? m.organisation.contact;
  return { role: "contact", name: c?.name, email: c?.email, phone: c?.phone, address: c?.address ?? m.organisation.address };
}
