import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../store/index.ts";
import { tables } from "../store/index.ts";

const { apiKeys } = tables;

export type ApiKeyRow = typeof apiKeys.$inferSelect;

export async function insertKey(tx: Db, row: typeof apiKeys.$inferInsert) {
  await tx.insert(apiKeys).values(row);
}

export async function findKey(db: Db, keyId: string): Promise<ApiKeyRow | undefined> {
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.keyId, keyId));
  return row;
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

export async function listKeys(db: Db, tenantId: string) {
  return db.select().from(apiKeys).where(eq(apiKeys.tenantId, tenantId)).orderBy(apiKeys.createdAt);
}
