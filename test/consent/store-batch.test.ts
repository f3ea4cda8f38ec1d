import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAudit } from "../../src/audit/index.ts";
import { currentConsent, recordConsent, verifyConsentLedger } from "../../src/consent/index.ts";
import { groupCommit } from "../../src/consent/batch.ts";
import { appendWithAudit } from "../../src/consent/service.ts";
import { RegistruError } from "../../src/errors.ts";
import { applyManifest, getOrganisation } from "../../src/organisations/index.ts";
import { openDatabase, type Database } from "../../src/store/index.ts";
import { backend, onPostgres, openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { loadObject } from "../helpers/manifests.ts";
import { given, record, withConsentActivity } from "./fixtures.ts";




/** Holds a batch's transaction open until released, so the appends made meanwhile queue for the next one. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe(`consent group commit on ${backend}`, () => {
  let t: TestDatabase;

  const organisation = async (slug: string) => {
    await applyManifest(t.ctx(), loadObject(withConsentActivity("newsletter")), { slug, appliedBy: "test" });
    return (await getOrganisation(t.ctx(), slug)).tenant.tenantId;
  };
  const rows = async (tenantId: string) =>
    (
      await t.database.executeSql("select seq, consent_id, decision, xmin::text as tx from consent_records where tenant_id = $1 order by seq", [tenantId])
    ).rows as { seq: number | string; consent_id: string; decision: string; tx: string }[];
  const committed = async (consentId: string) =>
    (await t.database.executeSql("select count(*)::int as n from consent_records where consent_id = $1", [consentId])).rows[0]!.n as number;

  beforeAll(async () => {
    t = await openTestDatabase();
  });
  afterAll(() => t.drop());

  it("writes concurrent appends in shared transactions as one unbroken chain, each with its audit entry", async () => {
    const tenantId = await organisation("concurrent");
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => recordConsent(t.ctx(), "concurrent", given(`c-${i}`))));
    results.forEach((r, i) => expect(r).toEqual([expect.objectContaining({ consentId: `c-${i}`, decision: "given" })]));
    expect(results.map((r) => r[0]!.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await verifyConsentLedger(t.ctx(), "concurrent")).toEqual({ ok: true, count: 40 });
    const written = await rows(tenantId);
    expect(new Set(written.map((r) => r.tx)).size).toBeLessThan(40);
    const { rows: audit } = await t.database.executeSql("select count(*)::int as n from audit_events where tenant_id = $1 and action = 'consent.given'", [tenantId]);
    expect(audit[0]!.n).toBe(40);
    expect(await verifyAudit(t.ctx().db, tenantId)).toMatchObject({ ok: true });
  });

  it("answers every caller of a batch only after its one commit", async () => {
    const tenantId = await organisation("grouped");
    const committer = groupCommit(t.database.db);
    const held = gate();
    const first = committer.append(tenantId, async (tx) => {
      await held.opened;
      return appendWithAudit(tx, tenantId, [record("g-first")]);
    });
    const queued = ["g-1", "g-2", "g-3", "g-4", "g-5"].map((id) =>
      committer.append(tenantId, (tx) => appendWithAudit(tx, tenantId, [record(id)])).then(async (r) => ({ r, visible: await committed(id) })),
    );
    held.open();
    await first;
    const answers = await Promise.all(queued);
    expect(answers.map((a) => a.visible)).toEqual([1, 1, 1, 1, 1]);
    const written = await rows(tenantId);
    expect(written.map((r) => r.consent_id)).toEqual(["g-first", "g-1", "g-2", "g-3", "g-4", "g-5"]);
    expect(new Set(written.slice(1).map((r) => r.tx)).size).toBe(1);
    expect(written[0]!.tx).not.toBe(written[1]!.tx);
    expect(await verifyConsentLedger(t.ctx(), "grouped")).toEqual({ ok: true, count: 6 });
  });

  it("keeps the latest decision as the state when one batch holds several for the same subject", async () => {
    const tenantId = await organisation("same-subject");
    const committer = groupCommit(t.database.db);
    const held = gate();
    const first = committer.append(tenantId, async (tx) => {
      await held.opened;
      return appendWithAudit(tx, tenantId, [record("other")]);
    });
    const decisions = ["given", "refused", "given", "withdrawn"].map((d) => committer.append(tenantId, (tx) => appendWithAudit(tx, tenantId, [record("s-1", d)])));
    held.open();
    await Promise.all([first, ...decisions]);
    const [state] = await currentConsent(t.ctx(), "same-subject", "s-1");
    expect(state).toMatchObject({ purpose: "newsletter", decision: "withdrawn" });
    const { rows: seq } = await t.database.executeSql("select seq::int as seq from consent_state where tenant_id = $1 and consent_id = 's-1'", [tenantId]);
    expect(seq[0]!.seq).toBe(5);
  });

  it("fails a record the database refuses alone: the others of its batch commit, and nothing of it is written", async () => {
    const tenantId = await organisation("one-bad");
    const committer = groupCommit(t.database.db);
    const held = gate();
    const first = committer.append(tenantId, async (tx) => {
      await held.opened;
      return appendWithAudit(tx, tenantId, [record("b-first")]);
    });
    const good = ["b-1", "b-2", "b-3"].map((id) => committer.append(tenantId, (tx) => appendWithAudit(tx, tenantId, [record(id)])));
    // Below the input schema (which refuses it), a NUL character reaches the database, and no PostgreSQL text column takes it.
    const bad = committer.append(tenantId, (tx) => appendWithAudit(tx, tenantId, [record("b-\u0000")]));
    const domain = committer.append(tenantId, async (tx) => {
      await appendWithAudit(tx, tenantId, [record("b-half")]);
      throw new RegistruError("test_refusal", "refused after appending", 400);
    });
    const more = committer.append(tenantId, (tx) => appendWithAudit(tx, tenantId, [record("b-4")]));
    held.open();
    await first;
    await expect(bad).rejects.toBeDefined();
    await expect(domain).rejects.toMatchObject({ code: "test_refusal" });
    expect((await Promise.all([...good, more])).map((r) => r[0]!.consentId)).toEqual(["b-1", "b-2", "b-3", "b-4"]);
    expect((await rows(tenantId)).map((r) => r.consent_id)).toEqual(["b-first", "b-1", "b-2", "b-3", "b-4"]);
    expect(await verifyConsentLedger(t.ctx(), "one-bad")).toEqual({ ok: true, count: 5 });
    expect(await verifyAudit(t.ctx().db, tenantId)).toMatchObject({ ok: true });
  });

  it("retries the rest of a batch whose commit the server refused, and acknowledges none of the refused one", async () => {
    const tenantId = await organisation("commit-refused");
    await t.database.executeSql(`
      create function refuse_at_commit() returns trigger language plpgsql as $$
      begin
        if new.consent_id = 'refused-at-commit' then raise exception 'refused at commit'; end if;
        return null;
      end $$;
      create constraint trigger refuse_at_commit after insert on consent_records
        deferrable initially deferred for each row execute function refuse_at_commit();
    `);
    try {
      const committer = groupCommit(t.database.db);
      const held = gate();
      const first = committer.append(tenantId, async (tx) => {
        await held.opened;
        return appendWithAudit(tx, tenantId, [record("r-first")]);
      });
      const good = ["r-1", "r-2"].map((id) => committer.append(tenantId, (tx) => appendWithAudit(tx, tenantId, [record(id)])).then(async () => committed(id)));
      const refused = committer.append(tenantId, (tx) => appendWithAudit(tx, tenantId, [record("refused-at-commit")]));
      held.open();
      await first;
      await expect(refused).rejects.toBeDefined();
      expect(await Promise.all(good)).toEqual([1, 1]);
      expect(await committed("refused-at-commit")).toBe(0);
      expect(await verifyConsentLedger(t.ctx(), "commit-refused")).toEqual({ ok: true, count: 3 });
    } finally {
      await t.database.executeSql("drop trigger refuse_at_commit on consent_records; drop function refuse_at_commit();");
    }
  });

  it("appends inside a caller's transaction there, so they roll back with it", async () => {
    const tenantId = await organisation("caller-tx");
    await expect(
      t.database.db.transaction(async (tx) => {
        await recordConsent({ ...t.ctx(), db: tx }, "caller-tx", given("inside"));
        throw new Error("the caller changes its mind");
      }),
    ).rejects.toThrow("the caller changes its mind");
    expect(await rows(tenantId)).toEqual([]);
    expect(await verifyConsentLedger(t.ctx(), "caller-tx")).toEqual({ ok: true, count: 0 });
  });

  it("keeps one chain when two processes batch appends to the same organisation", async () => {
    const tenantId = await organisation("two-processes");
    // On PostgreSQL the second process has its own connections; PGlite has one process only.
    const second: Database | undefined = onPostgres ? await openDatabase({ url: t.url, poolSize: 4 }) : undefined;
    try {
      const committers = [groupCommit(t.database.db), groupCommit(second?.db ?? t.database.db)];
      await Promise.all(
        Array.from({ length: 60 }, (_, i) => committers[i % 2]!.append(tenantId, (tx) => appendWithAudit(tx, tenantId, [record(`p-${i}`), record(`p-${i}`, "refused")]))),
      );
    } finally {
      await second?.close();
    }
    const written = await rows(tenantId);
    expect(written.map((r) => Number(r.seq))).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(await verifyConsentLedger(t.ctx(), "two-processes")).toEqual({ ok: true, count: 120 });
    expect(await verifyAudit(t.ctx().db, tenantId)).toMatchObject({ ok: true });
  });

  it("writes a long append, more rows than a statement takes parameters of a VALUES list", async () => {
    const tenantId = await organisation("long");
    await t.database.db.transaction((tx) => appendWithAudit(tx, tenantId, Array.from({ length: 4000 }, (_, i) => record(`l-${i}`))));
    expect(await verifyConsentLedger(t.ctx(), "long")).toEqual({ ok: true, count: 4000 });
    const { rows: states } = await t.database.executeSql("select count(*)::int as n from consent_state where tenant_id = $1", [tenantId]);
    expect(states[0]!.n).toBe(4000);
  });

  it("records under the organisation's own policy version when another has more", async () => {
    await organisation("versions-a");
    const changed = withConsentActivity("newsletter");
    changed.document.edition = "2.0";
    await applyManifest(t.ctx(), loadObject(changed), { slug: "versions-a", appliedBy: "test" });
    await organisation("versions-b");
    const [a] = await recordConsent(t.ctx(), "versions-a", given("v-a"));
    const [b] = await recordConsent(t.ctx(), "versions-b", given("v-b"));
    expect([a!.policyVersion, b!.policyVersion]).toEqual([2, 1]);
  });

  describe("verify still detects tampering with batched rows", () => {
    let tenantId: string;
    beforeAll(async () => {
      tenantId = await organisation("tampered");
    });
    const batched = async (n: number) => {
      await t.database.executeSql("delete from consent_records where tenant_id = $1", [tenantId]);
      await t.database.executeSql("update tenants set consent_seq = 0, consent_hash = null where tenant_id = $1", [tenantId]);
      const committer = groupCommit(t.database.db);
      const held = gate();
      const first = committer.append(tenantId, async (tx) => {
        await held.opened;
        return appendWithAudit(tx, tenantId, [record("t-0")]);
      });
      const rest = Array.from({ length: n - 1 }, (_, i) => committer.append(tenantId, (tx) => appendWithAudit(tx, tenantId, [record(`t-${i + 1}`)])));
      held.open();
      await Promise.all([first, ...rest]);
      expect(await verifyConsentLedger(t.ctx(), "tampered")).toEqual({ ok: true, count: n });
    };

    it("an edited row in the middle of a batch", async () => {
      await batched(6);
      await t.database.executeSql("update consent_records set decision = 'refused' where tenant_id = $1 and seq = 4", [tenantId]);
      expect(await verifyConsentLedger(t.ctx(), "tampered")).toEqual({ ok: false, brokenAt: 4 });
    });

    it("a deleted row of a batch", async () => {
      await batched(6);
      await t.database.executeSql("delete from consent_records where tenant_id = $1 and seq = 3", [tenantId]);
      expect(await verifyConsentLedger(t.ctx(), "tampered")).toEqual({ ok: false, brokenAt: 3 });
    });

    it("the last row of the last batch deleted", async () => {
      await batched(6);
      await t.database.executeSql("delete from consent_records where tenant_id = $1 and seq = 6", [tenantId]);
      expect(await verifyConsentLedger(t.ctx(), "tampered")).toEqual({ ok: false, brokenAt: 6 });
    });
  });
});
