import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../src/apikeys/index.ts";
import { AUDIT_EXPORT_MAX_ROWS, appendAudit, auditBound, auditEntries, auditPeriod, auditTable, chainAudit, GENESIS_HASH, searchAudit, verifyAudit } from "../../src/audit/index.ts";
import { jobs } from "../../src/cli/commands/start.ts";
import { fixedClock } from "../../src/clock.ts";
import { applyManifest, getOrganisation } from "../../src/organisations/index.ts";
import { tables } from "../../src/store/index.ts";
import { backend, openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { loadExample } from "../helpers/manifests.ts";

const T0 = "2025-10-01T08:00:00Z";
const LATER = "2026-11-10T08:00:00Z"; // 13 months and more after T0

describe(`the audit trail: search, keep, verify on ${backend}`, () => {
  let t: TestDatabase;
  let tenantId: string;
  const append = (at: string, actor: string, action: string, entity: string, entityId: string, details: Record<string, unknown> = {}) =>
    t.database.db.transaction((tx) => appendAudit(tx, tenantId, { at: new Date(at), actor, action, entity, entityId, details }));

  beforeAll(async () => {
    t = await openTestDatabase();
    await applyManifest(t.ctx(fixedClock(T0)), loadExample("eldrive"), { slug: "eldrive", appliedBy: "dpo@firm" }); // seq 1
    tenantId = (await getOrganisation(t.ctx(), "eldrive")).tenant.tenantId;
    await append("2025-10-02T09:00:00Z", "staff:ana@firm.ro", "personal_data.viewed", "request", "REQ-1", { method: "GET", route: "/x", status: 200, result: "success", durationMs: 3 }); // 2
    await append("2025-10-03T09:00:00Z", "staff:ana@firm.ro", "breach.created", "breach", "BR-1"); // 3
    await append("2025-10-04T09:00:00Z", "apikey:k1", "breach.updated", "breach", "BR-1", { revision: 2 }); // 4
    await append("2025-10-05T09:00:00Z", "staff:bob@firm.ro", "personal_data.viewed", "request", "REQ-2", { method: "GET", route: "/y", status: 404, result: "failure", durationMs: 1 }); // 5
    await append("2025-10-31T23:59:59Z", "subject", "request.submitted", "request", "REQ_3"); // 6
    await append("2025-11-01T00:00:00Z", "subject", "request.submitted", "request", "REQ%4"); // 7
  });
  afterAll(() => t.drop());

  it("S1-07 lists the trail newest first, in keyset pages by seq", async () => {
    const first = await searchAudit(t.database.db, tenantId, {}, { limit: 3 });
    expect(first.entries.map((e) => e.seq)).toEqual([7, 6, 5]);
    expect(first.next).toBe(5);
    const second = await searchAudit(t.database.db, tenantId, {}, { limit: 3, cursor: first.next! });
    expect(second.entries.map((e) => e.seq)).toEqual([4, 3, 2]);
    const last = await searchAudit(t.database.db, tenantId, {}, { limit: 3, cursor: second.next! });
    expect(last).toMatchObject({ entries: [{ seq: 1, action: "policy.applied" }], next: null });
    const asc = await searchAudit(t.database.db, tenantId, {}, { order: "asc", limit: 4, cursor: 2 });
    expect(asc.entries.map((e) => e.seq)).toEqual([3, 4, 5, 6]);
    expect(asc.next).toBe(6);
  });

  it("filters by actor, action, entity and entity id, exactly or by a prefix ending in *", async () => {
    const seqs = async (filter: Parameters<typeof searchAudit>[2]) => (await searchAudit(t.database.db, tenantId, filter, { order: "asc" })).entries.map((e) => e.seq);
    expect(await seqs({ actor: "staff:ana@firm.ro" })).toEqual([2, 3]);
    expect(await seqs({ actor: "staff:*" })).toEqual([2, 3, 5]);
    expect(await seqs({ action: "personal_data.viewed" })).toEqual([2, 5]);
    expect(await seqs({ action: "breach.*" })).toEqual([3, 4]);
    expect(await seqs({ entity: "breach", entityId: "BR-1", actor: "apikey:k1" })).toEqual([4]);
    // LIKE's own wildcards in a value are literal, not patterns.
    expect(await seqs({ entityId: "REQ_3" })).toEqual([6]);
    expect(await seqs({ actor: "staff%" })).toEqual([]);
    expect(await seqs({ action: "personal_data_viewed" })).toEqual([]);
    expect(await seqs({ action: "breach.*", actor: "nobody" })).toEqual([]);
  });

  it("filters by period: from inclusive, to exclusive, a date as `to` includes that whole day", async () => {
    const seqs = async (from?: string, to?: string) => (await searchAudit(t.database.db, tenantId, auditPeriod(from, to), { order: "asc" })).entries.map((e) => e.seq);
    expect(await seqs("2025-10-03", "2025-10-04")).toEqual([3, 4]);
    expect(await seqs("2025-10-03T09:00:00Z", "2025-10-04T09:00:00Z")).toEqual([3]);
    expect(await seqs("2025-10-31", "2025-10-31")).toEqual([6]);
    expect(await seqs("2025-11-01")).toEqual([7]);
    expect(await seqs(undefined, "2025-10-01T08:00:00.001+00:00")).toEqual([1]);
    expect(await seqs("2025-10-04T11:00:00+02:00", "2025-10-05")).toEqual([4, 5]);
  });

  it("refuses a period that is no date, has no offset, or ends before it starts", () => {
    for (const bad of ["yesterday", "2025-02-30", "2025-10-03T09:00:00", "2025-13-01", "1 Oct 2025", ""]) {
      expect(() => auditBound(bad, "from"), bad).toThrow(expect.objectContaining({ code: "invalid_period", status: 400 }));
    }
    expect(() => auditPeriod("2025-10-05", "2025-10-04")).toThrow(expect.objectContaining({ code: "invalid_period" }));
    expect(auditBound("2025-10-31", "to").toISOString()).toBe("2025-11-01T00:00:00.000Z");
  });

  it("reads every matching entry in batches, oldest first", async () => {
    const all: number[] = [];
    for await (const e of auditEntries(t.database.db, tenantId, {}, 2)) all.push(e.seq);
    expect(all).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("S4-20 keeps at least a year: after 13 months and every scheduled job of the worker, the first entry is still listed and the chain verifies", async () => {
    const later = t.ctx(fixedClock(LATER));
    await createApiKey(later, "eldrive", { name: "later" }); // seq 8, 13 months on
    for (const job of jobs.filter((j) => j.schedule)) await job.handle(later, {});
    const old = await searchAudit(t.database.db, tenantId, auditPeriod("2025-10-01", "2025-10-01"), {});
    expect(old.entries).toEqual([expect.objectContaining({ seq: 1, action: "policy.applied", at: new Date(T0) })]);
    const all = await searchAudit(t.database.db, tenantId, {}, { order: "asc" });
    expect(all.entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(all.entries.at(-1)).toMatchObject({ action: "apikey.created", at: new Date(LATER) });
    expect(await verifyAudit(t.database.db, tenantId)).toEqual({ ok: true, count: 8 });
  });

  it("S4-20 no code deletes or rewrites audit entries: the only writes to audit_events are appends", () => {
    const src = fileURLToPath(new URL("../../src", import.meta.url));
    const files = (function walk(dir: string): string[] {
      return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : /\.(ts|sql)$/.test(n) ? [join(dir, n)] : []));
    })(src);
    const offending = files.filter((f) => {
      const text = readFileSync(f, "utf8");
      return /\b(delete|update)\s*\(\s*(tables\.)?auditEvents\b|\b(delete\s+from|update|truncate(\s+table)?)\s+"?audit_events\b/i.test(text);
    });
    expect(files.length).toBeGreaterThan(100);
    expect(offending).toEqual([]);
  });
});

describe(`S1-07 audit verify finds an edited, inserted or removed entry on ${backend}`, () => {
  let t: TestDatabase;
  let tenantId: string;

  beforeAll(async () => {
    t = await openTestDatabase();
    tenantId = (await applyManifest(t.ctx(fixedClock(T0)), loadExample("eldrive"), { slug: "eldrive", appliedBy: "dpo@firm" })).tenantId;
    for (const name of ["a", "b", "c"]) await createApiKey(t.ctx(fixedClock(T0)), "eldrive", { name, actor: "staff:ana@firm.ro" });
  });
  afterAll(() => t.drop());

  /** Applies an edit, checks what verify says, then restores the row exactly. */
  async function tampered(edit: string, expected: unknown) {
    const [row] = (await t.database.executeSql("select * from audit_events where tenant_id = $1 and seq = 3", [tenantId])).rows;
    expect(await verifyAudit(t.database.db, tenantId)).toEqual({ ok: true, count: 4 });
    await t.database.db.execute(sql.raw(`update audit_events set ${edit} where tenant_id = '${tenantId}' and seq = 3`));
    expect(await verifyAudit(t.database.db, tenantId), edit).toEqual(expected);
    await t.database.db.execute(
      sql`update audit_events set at = ${row!.at}, actor = ${row!.actor}, action = ${row!.action}, entity = ${row!.entity}, entity_id = ${row!.entity_id}, details = ${JSON.stringify(row!.details)}::jsonb, hash = ${row!.hash}, prev_hash = ${row!.prev_hash} where tenant_id = ${tenantId} and seq = 3`,
    );
    expect(await verifyAudit(t.database.db, tenantId)).toEqual({ ok: true, count: 4 });
  }

  it.each([
    ["details", `details = '{"name":"someone else"}'::jsonb`],
    ["details (a key added)", `details = details || '{"note":"x"}'::jsonb`],
    ["actor", `actor = 'staff:mallory@firm.ro'`],
    ["action", `action = 'apikey.revoked'`],
    ["entity", `entity = 'webhook'`],
    ["entity id", `entity_id = 'other'`],
    ["time", `at = at - interval '1 day'`],
    ["hash (rehashed by hand without the chain)", `hash = repeat('a', 64)`],
  ])("an edit of the %s", async (_what, edit) => {
    await tampered(edit, { ok: false, brokenAt: 3 });
  });

  it("a row removed from the middle, and one removed from the end", async () => {
    const [row] = (await t.database.executeSql("select * from audit_events where tenant_id = $1 and seq = 2", [tenantId])).rows;
    await t.database.db.execute(sql`delete from audit_events where tenant_id = ${tenantId} and seq = 2`);
    expect(await verifyAudit(t.database.db, tenantId)).toEqual({ ok: false, brokenAt: 2 });
    await t.database.db.execute(
      sql`insert into audit_events (tenant_id, seq, at, actor, action, entity, entity_id, details, prev_hash, hash) values (${tenantId}, 2, ${row!.at}, ${row!.actor}, ${row!.action}, ${row!.entity}, ${row!.entity_id}, ${JSON.stringify(row!.details)}::jsonb, ${row!.prev_hash}, ${row!.hash})`,
    );
    expect(await verifyAudit(t.database.db, tenantId)).toEqual({ ok: true, count: 4 });
  });

  it("an entry inserted after the head without moving it", async () => {
    await t.database.db.execute(
      sql`insert into audit_events (tenant_id, seq, at, actor, action, entity, entity_id, details, prev_hash, hash) values (${tenantId}, 5, now(), 'staff:mallory', 'apikey.created', 'api_key', 'x', '{}'::jsonb, ${"0".repeat(64)}, ${"0".repeat(64)})`,
    );
    expect(await verifyAudit(t.database.db, tenantId)).toEqual({ ok: false, brokenAt: 5 });
    await t.database.db.execute(sql`delete from audit_events where tenant_id = ${tenantId} and seq = 5`);
  });
});

describe(`a long trail: verified in batches, exported within each format's bound on ${backend}`, () => {
  let t: TestDatabase;
  let tenantId: string;
  const n = AUDIT_EXPORT_MAX_ROWS.pdf + 1;

  beforeAll(async () => {
    t = await openTestDatabase();
    tenantId = (await applyManifest(t.ctx(fixedClock(T0)), loadExample("eldrive"), { slug: "eldrive", appliedBy: "dpo@firm" })).tenantId;
    // The consent ledger's way of appending many entries at once: link them onto the locked head.
    await t.database.db.transaction(async (tx) => {
      const [head] = await tx.select({ seq: tables.tenants.auditSeq, hash: tables.tenants.auditHash }).from(tables.tenants).where(sql`tenant_id = ${tenantId}`).for("update");
      const at = new Date(T0);
      const entries = Array.from({ length: n - 1 }, (_, i) => ({ at: new Date(at.getTime() + (i + 1) * 1000), actor: "subject", action: "consent.given", entity: "consent", entityId: `c${i}`, details: { i } }));
      const chain = { seq: head!.seq, hash: head!.hash ?? GENESIS_HASH };
      const rows = chainAudit(chain, tenantId, entries);
      for (let i = 0; i < rows.length; i += 1000) await tx.insert(tables.auditEvents).values(rows.slice(i, i + 1000));
      await tx.update(tables.tenants).set({ auditSeq: chain.seq, auditHash: chain.hash }).where(sql`tenant_id = ${tenantId}`);
    });
  });
  afterAll(() => t.drop());

  it("verifies a trail longer than one batch, and finds an edit past the first batch", async () => {
    expect(await verifyAudit(t.database.db, tenantId)).toEqual({ ok: true, count: n });
    await t.database.executeSql("update audit_events set details = '{\"i\":-1}'::jsonb where tenant_id = $1 and seq = $2", [tenantId, n]);
    expect(await verifyAudit(t.database.db, tenantId)).toEqual({ ok: false, brokenAt: n });
  });

  it(`refuses a PDF of more than ${AUDIT_EXPORT_MAX_ROWS.pdf} entries with export_too_large, and exports the same period as CSV`, async () => {
    const opts = { lang: "en" as const, now: new Date(LATER) };
    await expect(auditTable(t.database.db, { tenantId, name: "Eldrive" }, {}, { ...opts, format: "pdf" })).rejects.toMatchObject({ code: "export_too_large", status: 422, details: { entries: n, max: AUDIT_EXPORT_MAX_ROWS.pdf } });
    const csv = await auditTable(t.database.db, { tenantId, name: "Eldrive" }, {}, { ...opts, format: "csv" });
    expect(csv.rows).toHaveLength(n);
    expect(csv.rows.map((r) => Number(r[0]))).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    const pdf = await auditTable(t.database.db, { tenantId, name: "Eldrive" }, auditPeriod(undefined, "2025-10-01T09:00:00Z"), { ...opts, format: "pdf" });
    expect(pdf.rows.length).toBeLessThanOrEqual(AUDIT_EXPORT_MAX_ROWS.pdf);
  });
});
