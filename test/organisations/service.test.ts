import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAudit } from "../../src/audit/index.ts";
import { fixedClock } from "../../src/clock.ts";
import { applyManifest, getOrganisation, loadExampleOrganisations, policyInForce } from "../../src/organisations/index.ts";
import { backend, openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { cleanManifest, exampleNames, loadObject } from "../helpers/manifests.ts";

describe(`organisations and policy versions on ${backend}`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
  });
  afterAll(() => t.drop());

  it("stores a manifest as version 1, and the same content again as no new version", async () => {
    const ctx = t.ctx();
    const first = await applyManifest(ctx, loadObject(cleanManifest()), { slug: "exemplu", appliedBy: "test" });
    expect(first).toMatchObject({ version: 1, created: true, errors: 0 });
    const reformatted = loadObject(JSON.parse(JSON.stringify(cleanManifest())), "other-name.yaml");
    const again = await applyManifest(ctx, reformatted, { slug: "exemplu", appliedBy: "test" });
    expect(again).toMatchObject({ version: 1, created: false });
  });

  it("stores a changed manifest as the next version, with its lint counts", async () => {
    const ctx = t.ctx();
    const m = cleanManifest();
    delete m.activities[0].retention;
    const v2 = await applyManifest(ctx, loadObject(m), { slug: "exemplu", appliedBy: "test" });
    expect(v2).toMatchObject({ version: 2, created: true, errors: 1 });
    const { version } = await getOrganisation(ctx, "exemplu");
    expect(version?.version).toBe(2);
    expect(version?.manifest).toMatchObject({ organisation: { name: "Exemplu S.R.L." } });
  });

  it("brings an earlier policy back into force as a new version when it is applied again", async () => {
    const ctx = t.ctx();
    const m = cleanManifest();
    m.organisation.name = "Reapply S.R.L.";
    const a = loadObject(m);
    const b = loadObject({ ...m, laws: ["Legea 190/2018"] });
    await applyManifest(ctx, a, { slug: "reapply", appliedBy: "test" });
    await applyManifest(ctx, b, { slug: "reapply", appliedBy: "test" });
    const back = await applyManifest(ctx, a, { slug: "reapply", appliedBy: "test" });
    expect(back).toMatchObject({ version: 3, created: true });
    const { version } = await getOrganisation(ctx, "reapply");
    expect(version?.contentHash).toBe(back.contentHash);
  });

  it("detects deleted trailing audit entries through the chain head", async () => {
    const ctx = t.ctx();
    const { tenant } = await getOrganisation(ctx, "reapply");
    expect(await verifyAudit(ctx.db, tenant.tenantId)).toEqual({ ok: true, count: 3 });
    await ctx.db.execute(sql`delete from audit_events where tenant_id = ${tenant.tenantId} and seq = 3`);
    expect(await verifyAudit(ctx.db, tenant.tenantId)).toEqual({ ok: false, brokenAt: 3 });
  });

  it("writes each applied version to a hash-chained audit trail that detects an edited row", async () => {
    const ctx = t.ctx();
    const { tenant } = await getOrganisation(ctx, "exemplu");
    expect(await verifyAudit(ctx.db, tenant.tenantId)).toEqual({ ok: true, count: 2 });
    await ctx.db.execute(sql`update audit_events set actor = 'mallory' where tenant_id = ${tenant.tenantId} and seq = 1`);
    expect(await verifyAudit(ctx.db, tenant.tenantId)).toEqual({ ok: false, brokenAt: 1 });
  });

  it("serialises concurrent applies of the same manifest into one version", async () => {
    const ctx = t.ctx();
    const m = cleanManifest();
    m.organisation.name = "Concurrent S.R.L.";
    const results = await Promise.all([1, 2, 3].map(() => applyManifest(ctx, loadObject(m), { slug: "concurrent", appliedBy: "test" })));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.version))).toEqual(new Set([1]));
  });

  it("rejects a bad slug and an unknown organisation with stable codes", async () => {
    const ctx = t.ctx();
    await expect(applyManifest(ctx, loadObject(cleanManifest()), { slug: "Bad Slug!", appliedBy: "t" })).rejects.toMatchObject({ code: "invalid_slug" });
    await expect(getOrganisation(ctx, "nobody")).rejects.toMatchObject({ code: "organisation_not_found", status: 404 });
  });

  it("loads the five example organisations", async () => {
    const loaded = await loadExampleOrganisations(t.ctx());
    expect(loaded.map((o) => o.slug).sort()).toEqual([...exampleNames].sort());
  });

  it("the policy in force is the latest version, with its law and the clock's date in the organisation's time zone", async () => {
    const m = cleanManifest();
    await applyManifest(t.ctx(), loadObject(m), { slug: "in-force", appliedBy: "test" });
    await applyManifest(t.ctx(), loadObject({ ...m, organisation: { ...m.organisation, name: "Exemplu Nou S.R.L." } }), { slug: "in-force", appliedBy: "test" });
    // 22:30 UTC on 28 March is already 29 March in Bucharest.
    const policy = await policyInForce(t.ctx(fixedClock("2026-03-28T22:30:00Z")), "in-force");
    expect(policy).toMatchObject({ tenant: { slug: "in-force" }, version: 2, manifest: { organisation: { name: "Exemplu Nou S.R.L." } }, jurisdiction: { code: "RO" }, today: "2026-03-29" });
  });

  it("the policy in force: 404 organisation_not_found for an unknown slug, 404 policy_not_found before any policy is applied", async () => {
    await expect(policyInForce(t.ctx(), "nobody")).rejects.toMatchObject({ code: "organisation_not_found", status: 404 });
    await t.ctx().db.execute(sql`insert into tenants (slug, name, jurisdiction) values ('fara-politica', 'Fără Politică S.R.L.', 'RO')`);
    await expect(policyInForce(t.ctx(), "fara-politica")).rejects.toMatchObject({ code: "policy_not_found", status: 404, message: 'organisation "fara-politica" has no policy version yet' });
  });
});
