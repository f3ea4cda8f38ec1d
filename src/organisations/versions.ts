import { and, eq, inArray } from "drizzle-orm";
import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import type { Manifest } from "../manifest/index.ts";
import { tables } from "../store/index.ts";
import { diffManifests, type PolicyDiff } from "./diff.ts";
import * as store from "./store.ts";

export { diffManifests } from "./diff.ts";
export type { ChangeImpact, ChangeKind, DiffSummary, PolicyChange, PolicyDiff } from "./diff.ts";

export interface StoredPolicyVersion {
  version: number;
  contentHash: string;
  appliedAt: Date;
  appliedBy: string;
  manifest: Manifest;
}

const { policyVersions } = tables;

function assertVersionNumber(n: number) {
  if (!Number.isInteger(n) || n < 1) throw new RegistruError("invalid_version", "a policy version is a whole number from 1", 400);
}

/** Two stored policy versions of an organisation, as they were applied. */
export async function loadPolicyVersions(ctx: Context, slug: string, from: number, to: number) {
  assertVersionNumber(from);
  assertVersionNumber(to);
  const tenant = await store.findTenant(ctx.db, slug);
  if (!tenant) throw new RegistruError("organisation_not_found", `no organisation "${slug}"`, 404);
  const rows = await ctx.db
    .select()
    .from(policyVersions)
    .where(and(eq(policyVersions.tenantId, tenant.tenantId), inArray(policyVersions.version, [from, to])));
  const pick = async (n: number): Promise<StoredPolicyVersion> => {
    const row = rows.find((r) => r.version === n);
    if (!row) throw await versionNotFound(ctx, tenant.tenantId, slug, n);
    // Stored as validated when applied; not re-validated, so an older version still loads after the schema grows.
    return { version: row.version, contentHash: row.contentHash, appliedAt: row.appliedAt, appliedBy: row.appliedBy, manifest: row.manifest as Manifest };
  };
  return { slug, from: await pick(from), to: await pick(to) };
}

async function versionNotFound(ctx: Context, tenantId: string, slug: string, n: number) {
  const latest = await store.latestVersion(ctx.db, tenantId);
  const known = latest ? `versions 1 to ${latest.version} exist` : "it has no versions yet";
  return new RegistruError("version_not_found", `organisation "${slug}" has no policy version ${n}; ${known}`, 404);
}

/** What changed from one stored policy version to another. */
export async function diffPolicyVersions(ctx: Context, slug: string, from: number, to: number): Promise<PolicyDiff & { from: number; to: number }> {
  const versions = await loadPolicyVersions(ctx, slug, from, to);
  return { from, to, ...diffManifests(versions.from.manifest, versions.to.manifest) };
}
