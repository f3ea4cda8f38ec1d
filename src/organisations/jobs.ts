import type { Context } from "../context.ts";
import type { JobDefinition } from "../jobs/queue.ts";
import { lintManifest } from "../lint/index.ts";
import { parseManifest } from "../manifest/index.ts";
import * as store from "./store.ts";

/**
 * Lint depends on the date (reviews fall due) and on the law data Registru ships, so the
 * current policy of every organisation is linted again each night and the findings kept.
 */
export async function refreshLintFindings(ctx: Context): Promise<number> {
  let checked = 0;
  for (const tenant of await store.listTenants(ctx.db)) {
    const version = await store.latestVersion(ctx.db, tenant.tenantId);
    if (!version) continue;
    let report: ReturnType<typeof lintManifest>;
    try {
      report = lintManifest(parseManifest(version.source, version.sourceFile), ctx.clock);
    } catch (e) {
      // A policy stored under an older schema must not stop the other organisations' checks.
      ctx.log.warn({ tenant: tenant.slug, version: version.version, code: (e as { code?: string }).code }, "policy in force no longer loads");
      continue;
    }
    await store.saveLintFindings(ctx.db, {
      tenantId: tenant.tenantId,
      version: version.version,
      checkedAt: ctx.clock.now(),
      findings: report.findings,
      errors: report.errors,
      warnings: report.warnings,
    });
    checked++;
  }
  ctx.log.info({ organisations: checked }, "lint findings refreshed");
  return checked;
}

export const lintRefreshJob: JobDefinition = {
  name: "lint-refresh",
  schedule: "17 3 * * *",
  handle: async (ctx) => {
    await refreshLintFindings(ctx);
  },
};
