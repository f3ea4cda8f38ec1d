import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../store/index.ts";
import { preparedPerDb, tables } from "../store/index.ts";
import { REVOKED_CHANNEL } from "./cache.ts";

const { apiKeys, tenants } = tables;

export type ApiKeyRow = typeof apiKeys.$inferSelect;

export async function insertKey(tx: Db, row: typeof apiKeys.$inferInsert) {
  await tx.insert(apiKeys).values(row);
}

const keyWithSlug = preparedPerDb((db) =>
  db
    .select({ key: apiKeys, slug: tenants.slug })
    .from(apiKeys)
    .innerJoin(tenants, eq(tenants.tenantId, apiKeys.tenantId))
    .where(eq(apiKeys.keyId, sql.placeholder("keyId")))
    .prepare("registru_api_key"),
);

/** The key with its organisation's slug, in one round trip: every API request asks this. */
export async function findKey(db: Db, keyId: string): Promise<(ApiKeyRow & { slug: string }) | undefined> {
  const [row] = await keyWithSlug(db).execute({ keyId });
  return row && { ...row.key, slug: row.slug };
}

/** Marks the key revoked; returns false when the tenant has no such active key. */
export async function revokeKey(tx: Db, tenantId: string, keyId: string, at: Date): Promise<ApiKeyRow | undefined> {
  const [row] = await tx
    .update(apiKeys)
    .set({ revokedAt: at })
    .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.keyId, keyId), isNull(apiKeys.revokedAt)))
    .returning();
  return row;
}

/** Tells every process's key cache, when the transaction commits (see cache.ts). */
export async function announceRevoked(tx: Db, keyId: string) {
  await tx.execute(sql`select pg_notify(${REVOKED_CHANNEL}, ${keyId})`);
}

export async function listKeys(db: Db, tenantId: string) {
  return db.select().from(apiKeys).where(eq(apiKeys.tenantId, tenantId)).orderBy(apiKeys.createdAt);
}
