import { asc, eq } from "drizzle-orm";
import type { Context } from "../context.ts";
import type { Manifest } from "../manifest/index.ts";
import { RegistruError } from "../errors.ts";
import { diffManifests } from "../organisations/index.ts";
import type { Db } from "../store/index.ts";
import { tables } from "../store/index.ts";
import { cookiePurpose, parseCookiePurpose } from "./purposes.ts";
import { tenantWithPolicyVersion } from "./store.ts";

const { policyVersions } = tables;

/** Policy versions never change once applied, so the answer for a tenant's latest version can be kept. */
const cache = new Map<string, Map<string, number>>();
const CACHE_LIMIT = 256;

/**
 * For each purpose, the latest policy version whose change from the version before it needs
 * consent to be asked again (a new recipient, a new use, a new cookie). A consent given under
 * an earlier version no longer covers the purpose (EDPB Guidelines 05/2020 §§ 106-110).
 */
export async function reconsentVersions(ctx: Context, slug: string): Promise<Map<string, number>> {
  const found = await tenantWithPolicyVersion(ctx.db, slug);
  if (!found) throw new RegistruError("organisation_not_found", `no organisation "${slug}"`, 404);
  return reconsentSince(ctx.db, found.tenant.tenantId, found.version);
}

/** The same for a tenant whose latest version the caller knows: no query once computed for that version. */
export async function reconsentSince(db: Db, tenantId: string, latest: number | null): Promise<Map<string, number>> {
  if (latest === null) return new Map();
  const key = `${tenantId}:${latest}`;
  const known = cache.get(key);
  if (known) return known;
  const rows = await db
    .select({ version: policyVersions.version, manifest: policyVersions.manifest })
    .from(policyVersions)
    .where(eq(policyVersions.tenantId, tenantId))
    .orderBy(asc(policyVersions.version));
  const since = new Map<string, number>();
  for (let i = 1; i < rows.length; i++) {
    const before = rows[i - 1]!.manifest as Manifest;
    const after = rows[i]!.manifest as Manifest;
    const { summary } = diffManifests(before, after);
    for (const activity of summary.activitiesNeedingReconsent) since.set(activity, rows[i]!.version);
    for (const name of summary.cookiesNeedingReconsent) {
      const cookie = (after.cookies ?? []).find((c) => c.name === name) ?? (before.cookies ?? []).find((c) => c.name === name);
      if (cookie) since.set(cookiePurpose(cookie.category), rows[i]!.version);
    }
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, since);
  return since;
}

/** A given consent recorded under a version older than the purpose's last re-consent change. */
export function needsReconsent(since: Map<string, number>, purpose: string, decision: string, policyVersion: number): boolean {
  // A service's consent is asked again with its category's.
  const cookie = parseCookiePurpose(purpose);
  const key = cookie?.service !== undefined ? cookiePurpose(cookie.category) : purpose;
  return decision === "given" && policyVersion < (since.get(key) ?? 0);
}
