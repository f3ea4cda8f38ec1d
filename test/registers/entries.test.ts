import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { verifyAudit } from "../../src/audit/index.ts";
import { fixedClock } from "../../src/clock.ts";
import { applyManifest, getOrganisation } from "../../src/organisations/index.ts";
import { createEntry, entryEvents, getEntry, listEntries, recordEvent, updateEntry, type RegisterKind } from "../../src/registers/index.ts";
import { backend, openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { cleanManifest, loadObject } from "../helpers/manifests.ts";

const task: RegisterKind<{ title: string; due?: string; done?: boolean }> = {
  name: "task",
  schema: z.strictObject({ title: z.string().min(1), due: z.iso.datetime().optional(), done: z.boolean().optional() }),
  index: (t) => ({ status: t.done ? "done" : "open", dueAt: t.due ? new Date(t.due) : null }),
};

describe(`register entries on ${backend}`, () => {
  let t: TestDatabase;
  const ctx = () => t.ctx(fixedClock("2026-11-23T10:00:00Z"));

  beforeAll(async () => {
    t = await openTestDatabase();
    await applyManifest(t.ctx(), loadObject(cleanManifest()), { slug: "shop", appliedBy: "test" });
    await applyManifest(t.ctx(), loadObject(cleanManifest()), { slug: "other", appliedBy: "test" });
  });
  afterAll(() => t.drop());

  it("numbers entries per register, organisation and year, and lists the soonest due first", async () => {
    const a = await createEntry(ctx(), "shop", task, { title: "later", due: "2026-12-10T00:00:00Z" }, "dpo");
    const b = await createEntry(ctx(), "shop", task, { title: "sooner", due: "2026-11-25T00:00:00Z" }, "dpo");
    const c = await createEntry(ctx(), "shop", task, { title: "no date" }, "dpo");
    const other = await createEntry(ctx(), "other", task, { title: "elsewhere" }, "dpo");
    expect([a.entryId, b.entryId, c.entryId, other.entryId]).toEqual(["task-2026-001", "task-2026-002", "task-2026-003", "task-2026-001"]);
    expect((await listEntries(ctx(), "shop", task)).map((e) => e.data.title)).toEqual(["sooner", "later", "no date"]);
  });

  it("refuses an invalid entry with the path and writes nothing", async () => {
    await expect(createEntry(ctx(), "shop", task, { title: "" }, "dpo")).rejects.toMatchObject({ code: "invalid_task", status: 400 });
    expect(await listEntries(ctx(), "shop", task)).toHaveLength(3);
  });

  it("updates with the revision read and refuses a stale one with 409", async () => {
    const e = await updateEntry(ctx(), "shop", task, "task-2026-001", 1, { title: "later", done: true }, "dpo");
    expect(e).toMatchObject({ status: "done", revision: 2, dueAt: null });
    await expect(updateEntry(ctx(), "shop", task, "task-2026-001", 1, { title: "lost" }, "agent")).rejects.toMatchObject({ code: "revision_conflict", status: 409 });
    await expect(updateEntry(ctx(), "shop", task, "task-2026-999", 1, { title: "x" }, "agent")).rejects.toMatchObject({ code: "task_not_found", status: 404 });
    expect((await getEntry(ctx(), "shop", task, "task-2026-001")).data.title).toBe("later");
  });

  it("keeps a timeline of events and audits every change", async () => {
    await recordEvent(ctx(), "shop", task, "task-2026-002", { actor: "dpo", kind: "reminded", data: { channel: "email" } });
    expect((await entryEvents(ctx(), "shop", task, "task-2026-002")).map((e) => [e.seq, e.kind])).toEqual([
      [1, "created"],
      [2, "reminded"],
    ]);
    expect((await entryEvents(ctx(), "shop", task, "task-2026-001")).map((e) => e.kind)).toEqual(["created", "updated"]);
    const { tenant } = await getOrganisation(ctx(), "shop");
    expect(await verifyAudit(t.database.db, tenant.tenantId)).toMatchObject({ ok: true });
  });
});
