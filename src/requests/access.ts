import { createHmac, timingSafeEqual } from "node:crypto";
import { signingKey } from "../consent/index.ts";
import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import { getOrganisation } from "../organisations/index.ts";

/**
 * Request ids are sequential (`request-2026-007`): anyone could guess the next one. The privacy
 * centre's status, verify and new-code calls also need this token, an HMAC of the id under the
 * organisation's key, handed to the subject's browser once, at intake. It does not expire: it
 * only shows a request's state and lets the code be entered, never personal data.
 */
const mac = (key: Buffer, id: string) => createHmac("sha256", key).update(`request-access\n${id}`).digest().subarray(0, 20);

export async function requestAccessToken(ctx: Context, slug: string, id: string): Promise<string> {
  const { tenant } = await getOrganisation(ctx, slug);
  return mac(await signingKey(ctx.db, tenant.tenantId), id).toString("base64url");
}

/** 404, the same as an unknown request: a wrong token tells nothing about whether the id exists. */
export async function assertRequestAccess(ctx: Context, slug: string, id: string, token: string): Promise<void> {
  const { tenant } = await getOrganisation(ctx, slug);
  const expected = mac(await signingKey(ctx.db, tenant.tenantId), id);
  const given = Buffer.from(token, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new RegistruError("request_not_found", `no request ${id}`, 404);
}
