import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { RegistruError } from "../errors.ts";
import type { Db } from "../store/index.ts";
import { tables } from "../store/index.ts";

const { tenants } = tables;

/**
 * What a signed link lets its holder do. `unsubscribe` withdraws one purpose (S4-11, one click,
 * no login); `preferences` opens the preference centre for one subject.
 */
export type TokenScope = { kind: "unsubscribe"; consentId: string; purpose: string } | { kind: "preferences"; consentId: string };

/** The tenant's HMAC key, created once on first use (the conditional update makes concurrent first uses agree). */
export async function signingKey(db: Db, tenantId: string): Promise<Buffer> {
  const read = async () => (await db.select({ key: tenants.signingKey }).from(tenants).where(eq(tenants.tenantId, tenantId)))[0]?.key;
  let key = await read();
  if (!key) {
    await db
      .update(tenants)
      .set({ signingKey: randomBytes(32).toString("base64url") })
      .where(and(eq(tenants.tenantId, tenantId), isNull(tenants.signingKey)));
    key = await read();
  }
  if (!key) throw new RegistruError("organisation_not_found", "no such organisation", 404);
  return Buffer.from(key, "base64url");
}

const encodeScope = (s: TokenScope) => (s.kind === "unsubscribe" ? ["u", s.consentId, s.purpose] : ["p", s.consentId]);

function mac(key: Buffer, parts: string[]) {
  return createHmac("sha256", key).update(parts.join("\n")).digest().subarray(0, 20);
}

/** A URL-safe token: the scope in clear (base64url JSON) and a truncated HMAC-SHA256 over it. Links do not expire. */
export function signToken(key: Buffer, scope: TokenScope): string {
  const parts = encodeScope(scope);
  return `${Buffer.from(JSON.stringify(parts)).toString("base64url")}.${mac(key, parts).toString("base64url")}`;
}

export function verifyToken(key: Buffer, token: string): TokenScope {
  const invalid = new RegistruError("invalid_token", "this link is not valid for this organisation", 403);
  const [body, sig] = token.split(".");
  if (!body || !sig) throw invalid;
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    throw invalid;
  }
  if (!Array.isArray(parts) || !parts.every((p) => typeof p === "string")) throw invalid;
  const expected = mac(key, parts as string[]);
  const given = Buffer.from(sig, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid;
  const [kind, consentId, purpose] = parts as string[];
  if (kind === "u" && consentId && purpose && parts.length === 3) return { kind: "unsubscribe", consentId, purpose };
  if (kind === "p" && consentId && parts.length === 2) return { kind: "preferences", consentId };
  throw invalid;
}
