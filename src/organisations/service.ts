import { createHash } from "node:crypto";
import { appendAudit } from "../audit/index.ts";
import { canonicalJson } from "../audit/chain.ts";
import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import { lawFor, localDate, type Jurisdiction, type PlainDate } from "../law/index.ts";
import { lintManifest } from "../lint/index.ts";
import type { LoadedManifest, Manifest } from "../manifest/index.ts";
import { enqueuePolicyApplied } from "../webhooks/index.ts";
import { diffManifests } from "./diff.ts";
import * as store from "./store.ts";

export interface AppliedVersion {
  tenantId: string;
  slug: string;
  version: number;
  contentHash: string;
  /** False when the manifest in force already has this content: nothing new was written. */
  created: boolean;
  errors: number;
  warnings: number;
}

/** Organisation slugs appear in public URLs: lower-case, digits and dashes. */
export const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

export function assertSlug(slug: string) {
  if (!SLUG.test(slug)) throw new RegistruError("invalid_slug", "organisation slug must be 2-63 lower-case letters, digits or -", 400);
}

/** Content hash of what the manifest means, so reformatting or comments do not make a new version. */
export const manifestHash = (m: Manifest) => createHash("sha256").update(canonicalJson(m)).digest("hex");

/**
 * Stores a manifest as the organisation's next policy version. A manifest with lint errors is
 * still stored (the organisation's real policy is what it is); the counts travel with it.
 */
export async function applyManifest(ctx: Context, loaded: LoadedManifest, opts: { slug: string; appliedBy: string }): Promise<AppliedVersion> {
  assertSlug(opts.slug);
  const { manifest } = loaded;
  const report = lintManifest(loaded, ctx.clock);
  const contentHash = manifestHash(manifest);
  const counts = { errors: report.errors, warnings: report.warnings };
  const result = await ctx.db.transaction(async (tx) => {
    const tenant = await store.upsertTenantForUpdate(tx, opts.slug, manifest.organisation.name, manifest.organisation.jurisdiction);
    const base = { tenantId: tenant.tenantId, slug: tenant.slug, contentHash };
    // Only the version in force counts: going back to an earlier policy makes a new version.
    const current = await store.latestVersion(tx, tenant.tenantId);
    if (current?.contentHash === contentHash) return { ...base, version: current.version, created: false, ...counts };
    const version = await store.nextVersionNumber(tx, tenant.tenantId);
    const appliedAt = ctx.clock.now();
    await store.insertVersion(tx, {
      tenantId: tenant.tenantId,
      version,
      contentHash,
      source: loaded.source,
      sourceFile: loaded.file,
      manifest,
      lintErrors: report.errors,
      lintWarnings: report.warnings,
      appliedAt,
      appliedBy: opts.appliedBy,
    });
    await appendAudit(tx, tenant.tenantId, {
      at: appliedAt,
      actor: opts.appliedBy,
      action: "policy.applied",
      entity: "policy_version",
      entityId: String(version),
      details: { contentHash, ...counts },
    });
    const diff = current && diffManifests(current.manifest as Manifest, manifest).summary;
    await enqueuePolicyApplied(tx, tenant.tenantId, { version, previousVersion: current?.version ?? null, contentHash, diff }, appliedAt);
    return { ...base, version, created: true, ...counts };
  });
  ctx.log.info({ tenant: result.slug, version: result.version, created: result.created }, "manifest applied");
  return result;
}

export async function listOrganisations(ctx: Context) {
  return store.listTenants(ctx.db);
}

export async function getOrganisation(ctx: Context, slug: string) {
  const tenant = await store.findTenant(ctx.db, slug);
  if (!tenant) throw new RegistruError("organisation_not_found", `no organisation "${slug}"`, 404);
  const version = await store.latestVersion(ctx.db, tenant.tenantId);
  return { tenant, version };
}

export interface PolicyInForce {
  tenant: store.TenantRow;
  version: number;
  manifest: Manifest;
  jurisdiction: Jurisdiction;
  /** The clock's date in the organisation's time zone: what registers are judged on. */
  today: PlainDate;
}

/** The organisation and the policy version in force: what registers are checked and written against. */
export async function policyInForce(ctx: Context, slug: string): Promise<PolicyInForce> {
  const { tenant, version } = await getOrganisation(ctx, slug);
  if (!version) throw new RegistruError("policy_not_found", `organisation "${slug}" has no policy version yet`, 404);
  const manifest = version.manifest as Manifest;
  const jurisdiction = lawFor(manifest.organisation.jurisdiction);
  return { tenant, version: version.version, manifest, jurisdiction, today: localDate(ctx.clock.now(), jurisdiction.timeZone) };
}

export const hasOrganisations = async (ctx: Context) => (await store.countTenants(ctx.db)) > 0;
