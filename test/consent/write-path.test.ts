import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../src/apikeys/index.ts";
import { verifyAudit } from "../../src/audit/index.ts";
import { recordConsent, verifyConsentLedger } from "../../src/consent/index.ts";
import { groupCommit } from "../../src/consent/batch.ts";
import { appendWithAudit } from "../../src/consent/service.ts";
import { applyManifest, getOrganisation } from "../../src/organisations/index.ts";
import { openDatabase, tables, withTenantScope, type Database } from "../../src/store/index.ts";
import { createWebhook } from "../../src/webhooks/index.ts";
import { backend, onPostgres, openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { loadObject } from "../helpers/manifests.ts";
import { statementsDuring } from "../helpers/statements.ts";
import { given, record, withConsentActivity } from "./fixtures.ts";

describe(`the consent write path on ${backend}`, () => {
  let t: TestDatabase;
  /** Another Registru process on the same database (PostgreSQL), or the same handle (PGlite has one process). */
  let other: Database | undefined;
  const otherDb = () => other?.db ?? t.database.db;

  const organisation = async (slug: string) => {
    await applyManifest(t.ctx(), loadObject(withConsentActivity("newsletter")), { slug, appliedBy: "test" });
    return (await getOrganisation(t.ctx(), slug)).tenant.tenantId;
  };

  beforeAll(async () => {
    t = await openTestDatabase();
    other = onPostgres ? await openDatabase({ url: t.url, poolSize: 2 }) : undefined;
  });
  afterAll(async () => {
    await other?.close();
    await t.drop();
  });

  it("records under a policy another process applied since this one last saw the organisation's", async () => {
    await organisation("applied-elsewhere");
    const [first] = await recordConsent(t.ctx(), "applied-elsewhere", given("a-1"));
    expect(first!.policyVersion).toBe(1);
    const ctxElsewhere = { ...t.ctx(), db: otherDb() };
    await applyManifest(ctxElsewhere, loadObject(withConsentActivity("offers", withConsentActivity("newsletter"))), { slug: "applied-elsewhere", appliedBy: "test" });
    const [second] = await recordConsent(t.ctx(), "applied-elsewhere", given("a-2"));
    expect(second!.policyVersion).toBe(2);
    // A purpose only the new version has, and the new version named by the client, are accepted.
    const [third] = await recordConsent(t.ctx(), "applied-elsewhere", given("a-3", { purposes: ["offers"], policyVersion: 2 }));
    expect(third).toMatchObject({ purpose: "offers", policyVersion: 2 });
    await expect(recordConsent(t.ctx(), "applied-elsewhere", given("a-4", { policyVersion: 1 }))).rejects.toMatchObject({ code: "stale_policy_version" });
    expect(await verifyConsentLedger(t.ctx(), "applied-elsewhere")).toEqual({ ok: true, count: 3 });
  });

  it("refuses, on a fresh read, a purpose the policy now in force dropped", async () => {
    await applyManifest(t.ctx(), loadObject(withConsentActivity("offers", withConsentActivity("newsletter"))), { slug: "dropped", appliedBy: "test" });
    await recordConsent(t.ctx(), "dropped", given("d-1", { purposes: ["offers"] }));
    await applyManifest({ ...t.ctx(), db: otherDb() }, loadObject(withConsentActivity("newsletter")), { slug: "dropped", appliedBy: "test" });
    await expect(recordConsent(t.ctx(), "dropped", given("d-2", { purposes: ["offers"] }))).rejects.toMatchObject({ code: "unknown_purpose" });
    expect(await verifyConsentLedger(t.ctx(), "dropped")).toEqual({ ok: true, count: 1 });
  });

  it("keeps both chains whole when other writers move the heads between a process's batches", async () => {
    const tenantId = await organisation("moved-heads");
    const mine = groupCommit(t.database.db);
    const theirs = groupCommit(otherDb());
    const append = (c: ReturnType<typeof groupCommit>, id: string) => c.append(tenantId, (tx) => appendWithAudit(tx, tenantId, [record(id)]));
    await append(mine, "m-1");
    await append(theirs, "t-1");
    await append(mine, "m-2"); // chained on the heads `mine` left, which `theirs` moved: written the locking way
    await createApiKey(t.ctx(), "moved-heads"); // an audit entry only
    await append(mine, "m-3");
    const { rows } = await t.database.executeSql("select seq::int as seq, consent_id from consent_records where tenant_id = $1 order by seq", [tenantId]);
    expect(rows).toEqual([
      { seq: 1, consent_id: "m-1" },
      { seq: 2, consent_id: "t-1" },
      { seq: 3, consent_id: "m-2" },
      { seq: 4, consent_id: "m-3" },
    ]);
    expect(await verifyConsentLedger(t.ctx(), "moved-heads")).toEqual({ ok: true, count: 4 });
    expect(await verifyAudit(t.ctx().db, tenantId)).toMatchObject({ ok: true });
  });

  it("runs a batch in a transaction when one of its works queries, even on heads the process knows", async () => {
    const tenantId = await organisation("querying-work");
    const committer = groupCommit(t.database.db);
    await committer.append(tenantId, (tx) => appendWithAudit(tx, tenantId, [record("q-1")]));
    const [rows, consents] = await committer.append(tenantId, async (tx) => {
      const before = await tx.select().from(tables.consentRecords).where(eq(tables.consentRecords.tenantId, tenantId));
      return [await appendWithAudit(tx, tenantId, [record("q-2")]), before.length] as const;
    });
    expect(consents).toBe(1);
    expect(rows).toEqual([expect.objectContaining({ consentId: "q-2", seq: 2 })]);
    expect(await verifyConsentLedger(t.ctx(), "querying-work")).toEqual({ ok: true, count: 2 });
  });

  it("announces a decision to a webhook created after the process last wrote the chain", async () => {
    const tenantId = await organisation("new-webhook");
    await recordConsent(t.ctx(), "new-webhook", given("w-1"));
    const { webhookId } = await createWebhook({ ...t.ctx(), db: otherDb() }, "new-webhook", { url: "https://hooks.example.com/registru" });
    await recordConsent(t.ctx(), "new-webhook", given("w-2"));
    const { rows } = await t.database.executeSql("select payload->'data'->>'consentId' as subject from webhook_deliveries where tenant_id = $1 and webhook_id = $2", [tenantId, webhookId]);
    expect(rows).toEqual([{ subject: "w-2" }]);
  });

  it.runIf(onPostgres)("writes a batch on the heads the process left in one statement, after a first one the locking way", async () => {
    const tenantId = await organisation("one-statement");
    const committer = groupCommit(t.database.db);
    const append = (id: string, before?: Promise<void>) =>
      committer.append(tenantId, async (tx) => {
        await before;
        return appendWithAudit(tx, tenantId, [record(id)]);
      });
    let open!: () => void;
    const held = new Promise<void>((resolve) => (open = resolve));
    const sent = await statementsDuring(async () => {
      const first = append("o-1", held);
      const queued = ["o-2", "o-3", "o-4"].map((id) => append(id));
      open();
      await Promise.all([first, ...queued]);
    });
    expect(sent.filter((s) => !s.startsWith("select set_config"))).toEqual([
      "begin",
      expect.stringMatching(/^select .* for update$/),
      expect.stringMatching(/^with inserted as /),
      "commit",
      expect.stringMatching(/^with held as /),
    ]);
    expect(await verifyConsentLedger(t.ctx(), "one-statement")).toEqual({ ok: true, count: 4 });
  });

  it.runIf(onPostgres)("tries the heads a missed statement found before it takes the lock", async () => {
    const tenantId = await organisation("found-heads");
    const mine = groupCommit(t.database.db);
    const theirs = groupCommit(other!.db);
    const append = (c: ReturnType<typeof groupCommit>, id: string) => c.append(tenantId, (tx) => appendWithAudit(tx, tenantId, [record(id)]));
    await append(mine, "f-1");
    await append(theirs, "f-2");
    const guessedTwice = await statementsDuring(() => append(mine, "f-3"));
    expect(guessedTwice).toEqual([expect.stringMatching(/^with held as /), expect.stringMatching(/^with held as /)]);
    const { rows } = await t.database.executeSql("select consent_id from consent_records where tenant_id = $1 order by seq", [tenantId]);
    expect(rows.map((r) => r.consent_id)).toEqual(["f-1", "f-2", "f-3"]);
    expect(await verifyConsentLedger(t.ctx(), "found-heads")).toEqual({ ok: true, count: 3 });
    expect(await verifyAudit(t.ctx().db, tenantId)).toMatchObject({ ok: true });
  });

  it.runIf(onPostgres)("sends a recorded decision's request one statement, its share of a batch aside, once the policy was seen", async () => {
    await organisation("hot-path");
    await recordConsent(t.ctx(), "hot-path", given("h-0"));
    const sent = await statementsDuring(() => recordConsent(t.ctx(), "hot-path", given("h-1")));
    expect(sent).toEqual([expect.stringMatching(/^with held as /)]);
  });

  it.runIf(onPostgres)("serves the policy last seen for an organisation only to a request its wall lets see it", async () => {
    await organisation("walled-a");
    const b = await organisation("walled-b");
    await recordConsent(t.ctx(), "walled-a", given("x-1"));
    // Walled to B, the organisation A is not there, whatever this process has seen of it.
    await expect(withTenantScope([b], () => recordConsent(t.ctx(), "walled-a", given("x-2")))).rejects.toMatchObject({ code: "organisation_not_found" });
    expect(await verifyConsentLedger(t.ctx(), "walled-a")).toEqual({ ok: true, count: 1 });
  });
});
