import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tables, withTenantScope } from "../../src/store/index.ts";
import { onPostgres, openTestDatabase, type TestDatabase } from "../helpers/database.ts";

describe("the tenant wall (row-level security)", () => {
  let t: TestDatabase;
  const [a, b] = ["00000000-0000-4000-8000-00000000000a", "00000000-0000-4000-8000-00000000000b"];
  beforeAll(async () => {
    t = await openTestDatabase();
    await t.database.db.insert(tables.tenants).values([
      { tenantId: a, slug: "a", name: "A", jurisdiction: "RO" },
      { tenantId: b, slug: "b", name: "B", jurisdiction: "RS" },
    ]);
  });
  afterAll(() => t.drop());

  const slugs = async () => (await t.database.db.select({ slug: tables.tenants.slug }).from(tables.tenants).orderBy(tables.tenants.slug)).map((r) => r.slug);

  it("enables row-level security with a policy on every table that has a tenant_id", async () => {
    const { rows } = await t.database.executeSql(
      `select c.relname as table, c.relrowsecurity as rls, exists (select 1 from pg_policy p where p.polrelid = c.oid and p.polname = 'tenant_wall') as policy
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r'
          and exists (select 1 from information_schema.columns k where k.table_schema = 'public' and k.table_name = c.relname and k.column_name = 'tenant_id')`,
      [],
    );
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.filter((r) => r.rls !== true || r.policy !== true)).toEqual([]);
  });

  it("leaves the owner outside any scope unwalled", async () => {
    expect(await slugs()).toEqual(["a", "b"]);
  });

  it.runIf(onPostgres)("shows a scoped request only its tenants' rows, and refuses writes into another tenant", async () => {
    expect(await withTenantScope([a], slugs)).toEqual(["a"]);
    expect(await withTenantScope([a, b], slugs)).toEqual(["a", "b"]);
    expect(await withTenantScope([], slugs)).toEqual([]);
    // Drizzle's queries run when awaited: the await must happen inside the scope.
    const write = (tenantId: string) =>
      t.database.db.insert(tables.auditEvents).values({ tenantId, seq: 1, at: new Date(), actor: "x", action: "x", entity: "x", entityId: "x", details: {}, prevHash: "", hash: "h" });
    await expect(withTenantScope([a], async () => await write(b))).rejects.toMatchObject({ cause: { code: "42501" } });
    // Updates of another tenant's rows find nothing to update.
    const updated = await withTenantScope([a], async () => await t.database.db.execute(sql`update tenants set name = 'X' where slug = 'b' returning slug`));
    expect((updated as { rows: unknown[] }).rows).toEqual([]);
    // A connection given back to the pool is the owner's again.
    expect(await slugs()).toEqual(["a", "b"]);
  });

  it.runIf(onPostgres)("lets a scoped request add to the audit trail but never change it", async () => {
    await t.database.db.insert(tables.auditEvents).values({ tenantId: a, seq: 1, at: new Date(), actor: "x", action: "x", entity: "x", entityId: "x", details: {}, prevHash: "", hash: "h" }).onConflictDoNothing();
    const edit = withTenantScope([a], async () => await t.database.db.execute(sql`update audit_events set actor = 'someone else' where tenant_id = ${a}`));
    await expect(edit).rejects.toMatchObject({ cause: { code: "42501" } });
  });

  it.runIf(onPostgres)("keeps the job queue's statements outside the wall", async () => {
    const { rows } = await withTenantScope([a], () => t.database.executeSql("select current_user as u", []));
    expect(rows[0]!.u).not.toBe("registru_staff");
  });
});
