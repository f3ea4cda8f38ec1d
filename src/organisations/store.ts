import { desc, eq, max, sql } from "drizzle-orm";
import type { Db } from "../store/index.ts";
import { tables } from "../store/index.ts";

const { tenants, policyVersions } = tables;

export type TenantRow = typeof tenants.$inferSelect;
export type PolicyVersionRow = typeof policyVersions.$inferSelect;
export type NewPolicyVersion = typeof policyVersions.$inferInsert;

/** Creates the tenant or refreshes its name and jurisdiction, and locks its row for this transaction. */
export async function upsertTenantForUpdate(tx: Db, slug: string, name: string, jurisdiction: string): Promise<TenantRow> {
  await tx
    .insert(tenants)
    .values({ slug, name, jurisdiction })
    .onConflictDoUpdate({ target: tenants.slug, set: { name, jurisdiction } });
  const [row] = await tx.select().from(tenants).where(eq(tenants.slug, slug)).for("update");
  return row!;
}

export async function nextVersionNumber(tx: Db, tenantId: string) {
  const [row] = await tx.select({ last: max(policyVersions.version) }).from(policyVersions).where(eq(policyVersions.tenantId, tenantId));
  return (row?.last ?? 0) + 1;
}

export async function insertVersion(tx: Db, version: NewPolicyVersion) {
  await tx.insert(policyVersions).values(version);
}

export async function listTenants(db: Db) {
  return db.select().from(tenants).orderBy(tenants.slug);
}

export async function findTenant(db: Db, slug: string) {
  const [row] = await db.select().from(tenants).where(eq(tenants.slug, slug));
  return row;
}

export async function latestVersion(db: Db, tenantId: string) {
  const [row] = await db.select().from(policyVersions).where(eq(policyVersions.tenantId, tenantId)).orderBy(desc(policyVersions.version)).limit(1);
  return row;
}

export async function countTenants(db: Db) {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(tenants);
  return row?.n ?? 0;
}

export async function saveLintFindings(db: Db, row: typeof tables.lintFindings.$inferInsert) {
  await db
    .insert(tables.lintFindings)
    .values(row)
    .onConflictDoUpdate({
      target: [tables.lintFindings.tenantId, tables.lintFindings.version],
      set: { checkedAt: row.checkedAt, findings: row.findings, errors: row.errors, warnings: row.warnings },
    });
}

export async function findLintFindings(db: Db, tenantId: string, version: number) {
  const [row] = await db
    .select()
    .from(tables.lintFindings)
    .where(sql`${tables.lintFindings.tenantId} = ${tenantId} and ${tables.lintFindings.version} = ${version}`);
  return row;
}
