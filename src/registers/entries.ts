import { and, asc, eq, max, sql } from "drizzle-orm";
import type { z } from "zod";
import { appendAudit } from "../audit/index.ts";
import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import { getOrganisation } from "../organisations/index.ts";
import type { Db } from "../store/index.ts";
import { tables } from "../store/index.ts";

const { registerEntries, registerEvents } = tables;

/** One register (breaches, impact assessments, ...): its name and the shape of its entries. */
export interface RegisterKind<T> {
  name: string;
  schema: z.ZodType<T>;
  /** The status and the next date that matters, derived from the entry so they never disagree with it. */
  index(entry: T): { status: string; dueAt: Date | null };
}

export interface StoredEntry<T> {
  entryId: string;
  status: string;
  dueAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  revision: number;
  data: T;
}

export interface RegisterEvent {
  seq: number;
  at: Date;
  actor: string;
  kind: string;
  data: unknown;
}

function validate<T>(kind: RegisterKind<T>, value: unknown): T {
  const r = kind.schema.safeParse(value);
  if (r.success) return r.data;
  // Paths and messages only: entries describe incidents and may quote personal data.
  const issues = r.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
  throw new RegistruError(`invalid_${kind.name}`, `invalid ${kind.name}: ${issues.map((i) => i.path || "(root)").join(", ")}`, 400, issues);
}

const toEntry = <T>(row: typeof registerEntries.$inferSelect): StoredEntry<T> => ({
  entryId: row.entryId,
  status: row.status,
  dueAt: row.dueAt,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  revision: row.revision,
  data: row.data as T,
});

async function tenantOf(ctx: Context, db: Db, slug: string) {
  return (await getOrganisation({ ...ctx, db }, slug)).tenant;
}

/** A new entry with the next id of its register and year, e.g. `breach-2026-003`, audited in the same transaction. */
export async function createEntry<T>(ctx: Context, slug: string, kind: RegisterKind<T>, value: unknown, actor: string): Promise<StoredEntry<T>> {
  const data = validate(kind, value);
  return ctx.db.transaction(async (tx) => {
    const tenant = await tenantOf(ctx, tx, slug);
    const now = ctx.clock.now();
    const prefix = `${kind.name}-${now.getUTCFullYear()}-`;
    // The audit append locks the tenant row; take it first so two creations cannot pick the same number.
    await tx.execute(sql`select 1 from tenants where tenant_id = ${tenant.tenantId} for update`);
    const [last] = await tx
      .select({ n: max(registerEntries.entryId) })
      .from(registerEntries)
      .where(and(eq(registerEntries.tenantId, tenant.tenantId), eq(registerEntries.register, kind.name), sql`${registerEntries.entryId} like ${`${prefix}%`}`));
    const next = last?.n ? Number(last.n.slice(prefix.length)) + 1 : 1;
    const entryId = `${prefix}${String(next).padStart(3, "0")}`;
    const [row] = await tx
      .insert(registerEntries)
      .values({ tenantId: tenant.tenantId, register: kind.name, entryId, data, ...kind.index(data), createdAt: now, updatedAt: now })
      .returning();
    await appendEventIn(tx, tenant.tenantId, kind.name, entryId, { at: now, actor, kind: "created", data: {} });
    await appendAudit(tx, tenant.tenantId, { at: now, actor, action: `${kind.name}.created`, entity: kind.name, entityId: entryId, details: {} });
    return toEntry<T>(row!);
  });
}

/**
 * Inside the caller's transaction, an entry under an id the caller derives (an idempotency key):
 * true if it was made now, false if one with that id was there already. The tenant row is locked
 * first, as the audit append that follows will lock it.
 */
export async function insertEntryIfAbsent<T>(tx: Db, tenantId: string, kind: RegisterKind<T>, entryId: string, data: T, now: Date): Promise<boolean> {
  await tx.execute(sql`select 1 from tenants where tenant_id = ${tenantId} for update`);
  const inserted = await tx
    .insert(registerEntries)
    .values({ tenantId, register: kind.name, entryId, data, ...kind.index(data), createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning({ entryId: registerEntries.entryId });
  return inserted.length > 0;
}

/** Replaces an entry's document. `revision` is the one the caller read: a concurrent edit gets 409 instead of being lost. */
export async function updateEntry<T>(ctx: Context, slug: string, kind: RegisterKind<T>, entryId: string, revision: number, value: unknown, actor: string): Promise<StoredEntry<T>> {
  const data = validate(kind, value);
  return ctx.db.transaction(async (tx) => {
    const tenant = await tenantOf(ctx, tx, slug);
    const now = ctx.clock.now();
    const [row] = await tx
      .update(registerEntries)
      .set({ data, ...kind.index(data), updatedAt: now, revision: revision + 1 })
      .where(and(eq(registerEntries.tenantId, tenant.tenantId), eq(registerEntries.register, kind.name), eq(registerEntries.entryId, entryId), eq(registerEntries.revision, revision)))
      .returning();
    if (!row) {
      const exists = await findRow(tx, tenant.tenantId, kind.name, entryId);
      if (!exists) throw new RegistruError(`${kind.name}_not_found`, `no ${kind.name} ${entryId}`, 404);
      throw new RegistruError("revision_conflict", `${entryId} was changed by someone else (now revision ${exists.revision}); reload and try again`, 409);
    }
    await appendEventIn(tx, tenant.tenantId, kind.name, entryId, { at: now, actor, kind: "updated", data: { revision: row.revision } });
    await appendAudit(tx, tenant.tenantId, { at: now, actor, action: `${kind.name}.updated`, entity: kind.name, entityId: entryId, details: { revision: row.revision } });
    return toEntry<T>(row);
  });
}

async function findRow(db: Db, tenantId: string, register: string, entryId: string) {
  const [row] = await db
    .select()
    .from(registerEntries)
    .where(and(eq(registerEntries.tenantId, tenantId), eq(registerEntries.register, register), eq(registerEntries.entryId, entryId)));
  return row;
}

export async function getEntry<T>(ctx: Context, slug: string, kind: RegisterKind<T>, entryId: string): Promise<StoredEntry<T>> {
  const tenant = await tenantOf(ctx, ctx.db, slug);
  const row = await findRow(ctx.db, tenant.tenantId, kind.name, entryId);
  if (!row) throw new RegistruError(`${kind.name}_not_found`, `no ${kind.name} ${entryId}`, 404);
  return toEntry<T>(row);
}

/** A register's entries, the soonest due first (entries with nothing due last). */
export async function listEntries<T>(ctx: Context, slug: string, kind: RegisterKind<T>): Promise<StoredEntry<T>[]> {
  const tenant = await tenantOf(ctx, ctx.db, slug);
  const rows = await ctx.db
    .select()
    .from(registerEntries)
    .where(and(eq(registerEntries.tenantId, tenant.tenantId), eq(registerEntries.register, kind.name)))
    .orderBy(sql`${registerEntries.dueAt} asc nulls last`, asc(registerEntries.entryId));
  return rows.map((r) => toEntry<T>(r));
}

async function appendEventIn(tx: Db, tenantId: string, register: string, entryId: string, event: Omit<RegisterEvent, "seq">): Promise<RegisterEvent> {
  const [last] = await tx
    .select({ seq: max(registerEvents.seq) })
    .from(registerEvents)
    .where(and(eq(registerEvents.tenantId, tenantId), eq(registerEvents.register, register), eq(registerEvents.entryId, entryId)));
  const seq = (last?.seq ?? 0) + 1;
  await tx.insert(registerEvents).values({ tenantId, register, entryId, seq, ...event, data: event.data ?? {} });
  return { seq, ...event };
}

/** Something that happened to an entry (a notification sent, a decision taken), audited. */
export async function recordEvent<T>(ctx: Context, slug: string, kind: RegisterKind<T>, entryId: string, event: { actor: string; kind: string; data: unknown }): Promise<RegisterEvent> {
  return ctx.db.transaction(async (tx) => {
    const tenant = await tenantOf(ctx, tx, slug);
    if (!(await findRow(tx, tenant.tenantId, kind.name, entryId))) throw new RegistruError(`${kind.name}_not_found`, `no ${kind.name} ${entryId}`, 404);
    const at = ctx.clock.now();
    await appendAudit(tx, tenant.tenantId, { at, actor: event.actor, action: `${kind.name}.${event.kind}`, entity: kind.name, entityId: entryId, details: {} });
    return appendEventIn(tx, tenant.tenantId, kind.name, entryId, { at, ...event });
  });
}

export async function entryEvents<T>(ctx: Context, slug: string, kind: RegisterKind<T>, entryId: string): Promise<RegisterEvent[]> {
  const tenant = await tenantOf(ctx, ctx.db, slug);
  const rows = await ctx.db
    .select()
    .from(registerEvents)
    .where(and(eq(registerEvents.tenantId, tenant.tenantId), eq(registerEvents.register, kind.name), eq(registerEvents.entryId, entryId)))
    .orderBy(asc(registerEvents.seq));
  return rows.map(({ seq, at, actor, kind: k, data }) => ({ seq, at, actor, kind: k, data }));
}
