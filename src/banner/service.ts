import { COOKIE_PURPOSE_PREFIX, reconsentVersions } from "../consent/index.ts";
import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import type { Finding } from "../lint/index.ts";
import type { Manifest } from "../manifest/index.ts";
import { getOrganisation, loadPolicyVersions } from "../organisations/index.ts";
import { assertBannerAllowed, bannerFindings, type StoredPolicy } from "./check.ts";
import { buildBannerConfig } from "./config.ts";
import type { BannerConfig } from "./types.ts";

/** Policy versions never change once applied, so what the checks found for one can be kept. */
const checked = new Map<string, Finding[]>();
const MAX_CACHED = 500;

export function findingsFor(ctx: Context, tenantId: string, version: number, policy: StoredPolicy): Finding[] {
  const key = `${tenantId}:${version}`;
  let findings = checked.get(key);
  if (!findings) {
    findings = bannerFindings(policy, ctx.clock);
    if (checked.size >= MAX_CACHED) checked.delete(checked.keys().next().value!);
    checked.set(key, findings);
  }
  return findings;
}

/** 1, or the latest policy version that added or changed an optional cookie so that consent must be asked again. */
export async function cookieRevision(ctx: Context, slug: string): Promise<number> {
  const since = await reconsentVersions(ctx, slug);
  const cookieVersions = [...since].filter(([purpose]) => purpose.startsWith(COOKIE_PURPOSE_PREFIX)).map(([, v]) => v);
  return Math.max(1, ...cookieVersions);
}

/** The banner's configuration for the policy in force; refused (409 banner_refused) when it breaks the EDPB list. */
export async function bannerConfig(ctx: Context, slug: string, baseUrl: string): Promise<BannerConfig> {
  const { tenant, version } = await getOrganisation(ctx, slug);
  if (!version) throw new RegistruError("policy_not_found", `organisation "${slug}" has no policy version yet`, 404);
  const manifest = version.manifest as Manifest;
  assertBannerAllowed(findingsFor(ctx, tenant.tenantId, version.version, { manifest, source: version.source, sourceFile: version.sourceFile }));
  const revision = await cookieRevision(ctx, slug);
  return buildBannerConfig({ slug, manifest, version: version.version, revision, baseUrl });
}

/** The organisation's websites, whose pages may call the banner's endpoints from the browser. */
export async function bannerOrigins(ctx: Context, slug: string): Promise<string[]> {
  const { version } = await getOrganisation(ctx, slug);
  const sites = (version?.manifest as Manifest | undefined)?.organisation.websites ?? [];
  return sites.map((site) => new URL(site).origin);
}

/** A stored policy version the banner showed, checked like the one in force. */
export async function shownPolicy(ctx: Context, slug: string, n: number): Promise<Manifest> {
  const { tenant, version } = await getOrganisation(ctx, slug);
  if (version?.version === n) {
    const manifest = version.manifest as Manifest;
    assertBannerAllowed(findingsFor(ctx, tenant.tenantId, n, { manifest, source: version.source, sourceFile: version.sourceFile }));
    return manifest;
  }
  // An earlier version is never in force again (applying it anew makes a new version): its
  // findings are only ever reported here, where rules and paths are enough.
  const { from } = await loadPolicyVersions(ctx, slug, n, n);
  assertBannerAllowed(findingsFor(ctx, tenant.tenantId, n, { manifest: from.manifest, source: "", sourceFile: "registru.yaml" }));
  return from.manifest;
}
