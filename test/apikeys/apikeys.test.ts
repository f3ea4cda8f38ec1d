import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey, listApiKeys, revokeApiKey, verifyApiKey } from "../../src/apikeys/index.ts";
import { keyCacheOf } from "../../src/apikeys/cache.ts";
import { verifyAudit } from "../../src/audit/index.ts";
import { openDatabase } from "../../src/store/index.ts";
import { applyManifest, getOrganisation } from "../../src/organisations/index.ts";
import { backend, onPostgres, openTestDatabase, silentLog, type TestDatabase } from "../helpers/database.ts";
import { cleanManifest, loadObject } from "../helpers/manifests.ts";

describe(`API keys on ${backend}`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
    await applyManifest(t.ctx(), loadObject(cleanManifest()), { slug: "exemplu", appliedBy: "test" });
  });
  afterAll(() => t.drop());

  it("creates rk_<keyId>_<secret> keys, stores only a hash, and verifies them", async () => {
    const k = await createApiKey(t.ctx(), "exemplu", { name: "website" });
    expect(k.key).toMatch(/^rk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    const secret = k.key.split("_").slice(2).join("_");
    const { rows } = await t.database.executeSql("select * from api_keys", []);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(secret);
    const { tenant } = await getOrganisation(t.ctx(), "exemplu");
    expect(await verifyApiKey(t.ctx(), k.key)).toEqual({ tenantId: tenant.tenantId, slug: "exemplu", keyId: k.keyId });
    expect(await listApiKeys(t.ctx(), "exemplu")).toEqual([expect.objectContaining({ keyId: k.keyId, name: "website", revokedAt: null })]);
  });

  it("refuses malformed, unknown, wrong and revoked keys with 401 unauthorized", async () => {
    const k = await createApiKey(t.ctx(), "exemplu");
    const wrong = k.key.slice(0, -2) + (k.key.endsWith("AA") ? "BB" : "AA");
    for (const bad of [undefined, "", "nope", `rk_${"0".repeat(16)}_${"A".repeat(43)}`, wrong]) {
      await expect(verifyApiKey(t.ctx(), bad)).rejects.toMatchObject({ code: "unauthorized", status: 401 });
    }
    await revokeApiKey(t.ctx(), "exemplu", k.keyId);
    await expect(verifyApiKey(t.ctx(), k.key)).rejects.toMatchObject({ code: "unauthorized", status: 401 });
    await expect(revokeApiKey(t.ctx(), "exemplu", k.keyId)).rejects.toMatchObject({ code: "api_key_not_found", status: 404 });
  });

  it("audits every create and revoke in the tenant's chain, without the secret", async () => {
    const { tenant } = await getOrganisation(t.ctx(), "exemplu");
    const { rows } = await t.database.executeSql("select action, entity_id, details from audit_events where tenant_id = $1 and entity = 'api_key' order by seq", [tenant.tenantId]);
    expect(rows.map((r) => r.action)).toEqual(["apikey.created", "apikey.created", "apikey.revoked"]);
    expect(await verifyAudit(t.database.db, tenant.tenantId)).toMatchObject({ ok: true });
  });

  describe("the key cache", () => {
    const until = (what: () => Promise<boolean> | boolean, timeout = 5000) => vi.waitUntil(what, { timeout, interval: 20 });
    const revokeBehindItsBack = (keyId: string) => t.database.executeSql("update api_keys set revoked_at = now() where key_id = $1", [keyId]);
    const accepted = (key: string) => verifyApiKey(t.ctx(), key).then(() => true, () => false);

    /** A key verified once while the cache listens, and so served from it. */
    async function cachedKey() {
      const k = await createApiKey(t.ctx(), "exemplu");
      await verifyApiKey(t.ctx(), k.key);
      await until(() => keyCacheOf(t.database.db).trusted);
      await verifyApiKey(t.ctx(), k.key);
      return k;
    }

    it("serves a key it read, until a revocation is announced on the channel", async () => {
      const k = await cachedKey();
      await revokeBehindItsBack(k.keyId);
      // Without the announcement the cache does not know (for at most a minute); with it, it forgets.
      expect(await accepted(k.key)).toBe(true);
      await t.database.executeSql("select pg_notify('registru_api_keys', $1)", [k.keyId]);
      await until(async () => !(await accepted(k.key)));
    });

    it("refuses a key at once in the process that revoked it", async () => {
      const k = await cachedKey();
      await revokeApiKey(t.ctx(), "exemplu", k.keyId);
      expect(await accepted(k.key)).toBe(false);
    });

    it.runIf(onPostgres)("refuses a key another process revoked, once that commits", async () => {
      const k = await cachedKey();
      const other = await openDatabase({ url: t.url!, poolSize: 1 });
      try {
        await revokeApiKey({ db: other.db, clock: t.ctx().clock, log: silentLog }, "exemplu", k.keyId);
      } finally {
        await other.close();
      }
      await until(async () => !(await accepted(k.key)), 2000);
    });

    it.runIf(onPostgres)("serves nothing from the cache while its LISTEN connection is down, and listens again", async () => {
      const k = await cachedKey();
      await t.database.executeSql("select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'listen %'");
      await until(() => !keyCacheOf(t.database.db).trusted);
      await revokeBehindItsBack(k.keyId);
      expect(await accepted(k.key)).toBe(false);
      await until(() => keyCacheOf(t.database.db).trusted);
      const again = await cachedKey();
      expect(await accepted(again.key)).toBe(true);
    });
  });
});
