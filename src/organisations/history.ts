import { desc, eq } from "drizzle-orm";
import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import { lintManifest, type LintReport } from "../lint/index.ts";
import { parseManifest } from "../manifest/index.ts";
import { outsideTenantScope, tables } from "../store/index.ts";
import { applyManifest, getOrganisation, type AppliedVersion } from "./service.ts";

export interface PolicyVersionListing {
  version: number;
  contentHash: string;
  appliedAt: Date;
  appliedBy: string;
  sourceFile: string;
  lintErrors: number;
  lintWarnings: number;
}

const { policyVersions } = tables;

/** Every policy version of an organisation, newest first (without the manifests themselves). */
export async function listPolicyVersions(ctx: Context, slug: string): Promise<PolicyVersionListing[]> {
  const { tenant } = await getOrganisation(ctx, slug);
  return ctx.db
    .select({
      version: policyVersions.version,
      contentHash: policyVersions.contentHash,
      appliedAt: policyVersions.appliedAt,
      appliedBy: policyVersions.appliedBy,
      sourceFile: policyVersions.sourceFile,
      lintErrors: policyVersions.lintErrors,
      lintWarnings: policyVersions.lintWarnings,
    })
    .from(policyVersions)
    .where(eq(policyVersions.tenantId, tenant.tenantId))
    .orderBy(desc(policyVersions.version));
}

/** The YAML of the policy in force, as it was applied (comments and all), to edit it again. */
export async function manifestSourceInForce(ctx: Context, slug: string): Promise<{ version: number; source: string; sourceFile: string }> {
  const { version } = await getOrganisation(ctx, slug);
  if (!version) throw new RegistruError("policy_not_found", `organisation "${slug}" has no policy version yet`, 404);
  return { version: version.version, source: version.source, sourceFile: version.sourceFile };
}

export interface CheckedApply {
  applied: AppliedVersion;
  lint: LintReport;
}

/**
 * Applies a manifest sent by staff as the organisation's next policy version, the way the CLI's
 * `registru apply` does (applyManifest), but only when lint finds no error: a person editing the
 * policy in the browser sees the findings first. 422 `manifest_invalid` when it is not well
 * formed, 422 `manifest_has_errors` with the findings when it breaks the law. The organisation
 * is the one in the address, whatever the manifest's file would be called.
 */
export async function applyCheckedManifest(ctx: Context, slug: string, source: string, appliedBy: string): Promise<CheckedApply> {
  await getOrganisation(ctx, slug);
  const loaded = parseManifest(source, `${slug}.yaml`);
  const lint = lintManifest(loaded, ctx.clock);
  if (lint.errors > 0) {
    throw new RegistruError("manifest_has_errors", `the manifest has ${lint.errors} lint error(s): fix them before applying`, 422, { findings: lint.findings, errors: lint.errors, warnings: lint.warnings });
  }
  // applyManifest upserts the organisation's row, and the tenant wall checks the row an upsert
  // proposes before it finds the existing one; the caller's grant on this slug was checked already.
  const applied = await outsideTenantScope(() => applyManifest(ctx, loaded, { slug, appliedBy }));
  return { applied, lint };
}
