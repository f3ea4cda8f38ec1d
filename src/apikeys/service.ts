import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { appendAudit } from "../audit/index.ts";
import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import { getOrganisation } from "../organisations/index.ts";
import type { Db } from "../store/index.ts";
import { forgetKey, keyCacheOf, type KnownKey } from "./cache.ts";
import * as store from "./store.ts";

/** `rk_<keyId>_<secret>`: keyId is 16 hex characters, the secret 32 random bytes in base64url. */
const KEY_FORMAT = /^rk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
const KEY_ID = /^[0-9a-f]{16}$/;

export interface CreatedApiKey {
  keyId: string;
  name: string;
  createdAt: Date;
  /** The full key: shown once, never stored. */
  key: string;
}

export interface ApiKeySummary {
  keyId: string;
  name: string;
  createdAt: Date;
  revokedAt: Date | null;
}

/** The principal an API request acts as: one key of one organisation. */
export interface ApiPrincipal {
  tenantId: string;
  /** The organisation's slug, as the key's row names it when verified. */
  slug: string;
  keyId: string;
}

const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest();
// Compared against when the key id is unknown, so a miss costs the same as a wrong secret.
const DUMMY_HASH = sha256("registru-no-such-key");

export async function createApiKey(ctx: Context, slug: string, opts: { name?: string; actor?: string } = {}): Promise<CreatedApiKey> {
  const name = (opts.name ?? "default").trim();
  if (name.length === 0 || name.length > 100) throw new RegistruError("invalid_key_name", "a key name has 1 to 100 characters", 400);
  const keyId = randomBytes(8).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  const createdAt = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const { tenant } = await getOrganisation({ ...ctx, db: tx }, slug);
    await store.insertKey(tx, { tenantId: tenant.tenantId, keyId, name, secretHash: sha256(secret).toString("hex"), createdAt });
    await appendAudit(tx, tenant.tenantId, { at: createdAt, actor: opts.actor ?? "cli", action: "apikey.created", entity: "api_key", entityId: keyId, details: { name } });
  });
  ctx.log.info({ tenant: slug, keyId }, "api key created");
  return { keyId, name, createdAt, key: `rk_${keyId}_${secret}` };
}

export async function revokeApiKey(ctx: Context, slug: string, keyId: string, opts: { actor?: string } = {}): Promise<ApiKeySummary> {
  const at = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const { tenant } = await getOrganisation({ ...ctx, db: tx }, slug);
    const revoked = KEY_ID.test(keyId) ? await store.revokeKey(tx, tenant.tenantId, keyId, at) : undefined;
    if (!revoked) throw new RegistruError("api_key_not_found", `no active API key "${keyId}" for this organisation`, 404);
    await appendAudit(tx, tenant.tenantId, { at, actor: opts.actor ?? "cli", action: "apikey.revoked", entity: "api_key", entityId: keyId, details: { name: revoked.name } });
    await store.announceRevoked(tx, keyId);
    return revoked;
  });
  // This process hears its own announcement a moment after the commit: a request in between must be refused too.
  forgetKey(ctx.db, keyId);
  ctx.log.info({ tenant: slug, keyId }, "api key revoked");
  return summary(row);
}

export async function listApiKeys(ctx: Context, slug: string): Promise<ApiKeySummary[]> {
  const { tenant } = await getOrganisation(ctx, slug);
  return (await store.listKeys(ctx.db, tenant.tenantId)).map(summary);
}

const summary = (r: store.ApiKeyRow): ApiKeySummary => ({ keyId: r.keyId, name: r.name, createdAt: r.createdAt, revokedAt: r.revokedAt });

/**
 * Checks a presented key: 401 `unauthorized` when malformed, unknown, wrong or revoked; the
 * messages do not tell which, nor ever echo the key. Tenancy is the caller's check (see
 * {@link authorizeForTenant}), so a valid key of another organisation can get a distinct 403.
 */
export async function verifyApiKey(ctx: Context, presented: string | undefined): Promise<ApiPrincipal> {
  const m = presented ? KEY_FORMAT.exec(presented) : null;
  if (!m) throw unauthorized();
  const [, keyId, secret] = m as unknown as [string, string, string];
  const row = await findKey(ctx.db, keyId);
  const expected = row ? Buffer.from(row.secretHash, "hex") : DUMMY_HASH;
  const ok = expected.length === 32 && timingSafeEqual(expected, sha256(secret));
  if (!row || !ok || row.revokedAt) throw unauthorized();
  return { tenantId: row.tenantId, slug: row.slug, keyId: row.keyId };
}

/** The key with its organisation's slug: as this process last read it if still known good (see cache.ts), or from the database. */
async function findKey(db: Db, keyId: string): Promise<KnownKey | undefined> {
  const cache = keyCacheOf(db);
  const cached = cache.get(keyId);
  if (cached) return cached;
  const mark = cache.mark();
  const row = await store.findKey(db, keyId);
  if (row) cache.keep(row, mark);
  return row;
}

/**
 * The key must belong to the organisation named in the request. Compared by slug, which the key
 * was read with: a key holder learns nothing about whether another organisation exists.
 */
export function authorizeForTenant(principal: ApiPrincipal, slug: string) {
  if (principal.slug !== slug) throw forbidden();
}

const unauthorized = () => new RegistruError("unauthorized", "a valid API key is required: Authorization: Bearer rk_...", 401);
const forbidden = () => new RegistruError("forbidden", "this API key does not belong to this organisation", 403);
