import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import type { Manifest } from "../manifest/index.ts";
import { getOrganisation } from "../organisations/index.ts";
import { consentPurpose, currentConsent, withdrawConsent } from "./service.ts";
import { signingKey, signToken, verifyToken } from "./tokens.ts";

export interface UnsubscribeLink {
  url: string;
  /** The RFC 2369 / RFC 8058 headers for the message, so mail clients offer one-click unsubscribe. */
  headers: { "List-Unsubscribe": string; "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

async function policyInForce(ctx: Context, slug: string) {
  const { tenant, version } = await getOrganisation(ctx, slug);
  if (!version) throw new RegistruError("no_policy_in_force", "the organisation has no policy version applied", 409);
  return { tenant, manifest: version.manifest as Manifest };
}

/**
 * The link for every marketing e-mail (S4-11): it withdraws one purpose for one subject with one
 * click and no login. It names no personal data; the HMAC makes it unforgeable.
 */
export async function unsubscribeLink(ctx: Context, slug: string, consentId: string, purpose: string, baseUrl: string): Promise<UnsubscribeLink> {
  const { tenant, manifest } = await policyInForce(ctx, slug);
  consentPurpose(manifest, purpose);
  const token = signToken(await signingKey(ctx.db, tenant.tenantId), { kind: "unsubscribe", consentId, purpose });
  const url = `${baseUrl}/o/${slug}/unsubscribe?t=${token}`;
  return { url, headers: { "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } };
}

/** What a link points at, checked: the subject and the purpose, with the purpose's name to show. */
export async function readUnsubscribeToken(ctx: Context, slug: string, token: string) {
  const { tenant, manifest } = await policyInForce(ctx, slug);
  const scope = verifyToken(await signingKey(ctx.db, tenant.tenantId), token);
  if (scope.kind !== "unsubscribe") throw new RegistruError("invalid_token", "this link is not valid for this organisation", 403);
  const activity = manifest.activities.find((a) => a.id === scope.purpose);
  return { consentId: scope.consentId, purpose: scope.purpose, name: activity?.name, manifest };
}

export type UnsubscribeOutcome = "withdrawn" | "already_withdrawn";

/**
 * Withdraws the purpose the link names. Opening the link again, or a mail client's one-click
 * POST after the subject's own click, is not an error and adds no further record.
 */
export async function unsubscribe(ctx: Context, slug: string, token: string, meta: { ip?: string; userAgent?: string } = {}): Promise<UnsubscribeOutcome> {
  const { consentId, purpose } = await readUnsubscribeToken(ctx, slug, token);
  const state = (await currentConsent(ctx, slug, consentId)).find((s) => s.purpose === purpose);
  if (!state) throw new RegistruError("consent_not_found", "no consent is recorded for this link", 404);
  if (state.decision !== "given") return "already_withdrawn";
  await withdrawConsent(ctx, slug, consentId, [purpose], "unsubscribe_link", meta);
  return "withdrawn";
}
