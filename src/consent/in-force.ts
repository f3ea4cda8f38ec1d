import { RegistruError } from "../errors.ts";
import type { Manifest } from "../manifest/index.ts";
import { currentTenantScope, type Db } from "../store/index.ts";
import * as store from "./store.ts";

/** What a decision is checked against: the organisation and the policy version in force. */
export interface ConsentPolicy {
  tenantId: string;
  jurisdiction: string;
  version: number;
  manifest: Manifest;
}

/**
 * The policy in force last seen per organisation, per database handle. Which version is in force
 * changes whenever a manifest is applied, by any process, so an entry is a guess to check a request
 * against, never the proof: the append is made only if the ledger's lock still reads that version
 * in force (see `appendRecords`), and otherwise the request is checked again on a fresh read.
 */
const lastSeen = new WeakMap<Db, Map<string, ConsentPolicy>>();
const KEPT = 256;

/** An entry read through one request's tenant wall serves another request only where that wall lets it see the tenant. */
function visible(tenantId: string): boolean {
  const scope = currentTenantScope();
  return scope === undefined || scope.includes(tenantId);
}

/** The organisation and its policy in force: as last seen, or read now when `fresh` (or never seen). */
export async function consentPolicy(db: Db, slug: string, fresh: boolean): Promise<ConsentPolicy> {
  let seen = lastSeen.get(db);
  const known = fresh ? undefined : seen?.get(slug);
  if (known && visible(known.tenantId)) return known;
  const found = await store.tenantWithPolicyVersion(db, slug);
  if (!found) throw new RegistruError("organisation_not_found", `no organisation "${slug}"`, 404);
  const { tenant, version } = found;
  if (version === null) throw new RegistruError("no_policy_in_force", "the organisation has no policy version applied", 409);
  const manifest = (await store.policyManifest(db, tenant.tenantId, version)) as Manifest;
  const policy = { tenantId: tenant.tenantId, jurisdiction: tenant.jurisdiction, version, manifest };
  if (!seen) lastSeen.set(db, (seen = new Map()));
  seen.delete(slug);
  if (seen.size >= KEPT) seen.delete(seen.keys().next().value!);
  seen.set(slug, policy);
  return policy;
}

/** The organisation's id, as last seen (a slug always names the same organisation), or read now. */
export async function consentTenant(db: Db, slug: string): Promise<string> {
  const known = lastSeen.get(db)?.get(slug);
  if (known && visible(known.tenantId)) return known.tenantId;
  const found = await store.tenantWithPolicyVersion(db, slug);
  if (!found) throw new RegistruError("organisation_not_found", `no organisation "${slug}"`, 404);
  return found.tenant.tenantId;
}
