import { z } from "zod";
import { findSubject, keyString, planForSubject, type Systems } from "../connectors/index.ts";
import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import { isIsoDuration, isPlainDate, type PlainDate } from "../law/index.ts";
import { vocabulary, type Manifest } from "../manifest/index.ts";
import { createEntry, getEntry, listEntries, updateEntry, type RegisterKind, type StoredEntry } from "../registers/index.ts";
import { expiresOn } from "./cutoff.ts";
import type { HeldKeys } from "./sql.ts";

const plainDate = z.string().refine(isPlainDate, "expected a date as YYYY-MM-DD");
const identities = z
  .strictObject(Object.fromEntries(vocabulary.identityKinds.map((k) => [k, z.array(z.string().trim().min(1).max(320)).min(1).max(20).optional()])) as Record<(typeof vocabulary.identityKinds)[number], z.ZodOptional<z.ZodArray<z.ZodString>>>)
  .refine((i) => Object.values(i).some((v) => v && v.length > 0), "name at least one identity (email, phone, customer_id, ...)");

/**
 * A legal hold (S4-14: data under administrative or court proceedings is kept until five years
 * after they end): a subject (every row found from its identities, across tables) or one record.
 * It lasts until `until`, or `keep` after the proceedings end (`ends`, filled in when known),
 * or until released; a released hold stays in the register as evidence.
 */
export const legalHoldSchema = z
  .strictObject({
    subject: identities.optional(),
    record: z.strictObject({ system: z.string().min(1).max(100), table: z.string().min(1).max(200), key: z.union([z.string().min(1).max(200), z.number().int()]) }).optional(),
    reason: z.string().trim().min(1).max(2000),
    until: plainDate.optional(),
    keep: z.string().refine(isIsoDuration, "expected an ISO 8601 duration such as P5Y").optional(),
    ends: plainDate.optional(),
    released_at: z.iso.datetime({ offset: true }).optional(),
    released_by: z.string().max(200).optional(),
  })
  .refine((h) => Boolean(h.subject) !== Boolean(h.record), { message: "a hold is on a subject or on one record, not both", path: ["subject"] })
  .refine((h) => !(h.until && h.keep), { message: "give either until or keep (after the proceedings end), not both", path: ["until"] })
  .refine((h) => !h.ends || h.keep, { message: "ends is the end of proceedings that keep counts from; give keep too", path: ["ends"] });
export type LegalHold = z.infer<typeof legalHoldSchema>;

/** The last day a hold keeps data, or null while it has no end yet. */
export function holdLastDay(h: LegalHold): PlainDate | null {
  if (h.until) return h.until;
  if (h.keep && h.ends) {
    const end = expiresOn(h.ends, h.keep);
    return new Date(Date.parse(`${end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  }
  return null;
}

export type HoldStatus = "active" | "released" | "ended";

/** `ended` once its last day has passed; the stored status only knows active or released. */
export function holdStatus(h: LegalHold, today: PlainDate): HoldStatus {
  if (h.released_at) return "released";
  const last = holdLastDay(h);
  return last !== null && last < today ? "ended" : "active";
}

export const legalHoldKind: RegisterKind<LegalHold> = {
  name: "legal_hold",
  schema: legalHoldSchema,
  index: (h) => {
    const last = holdLastDay(h);
    return { status: h.released_at ? "released" : "active", dueAt: last ? new Date(`${last}T23:59:59Z`) : null };
  },
};

export const createHold = (ctx: Context, slug: string, input: unknown, actor: string) => createEntry(ctx, slug, legalHoldKind, input, actor);
export const listHolds = (ctx: Context, slug: string) => listEntries(ctx, slug, legalHoldKind);
export const getHold = (ctx: Context, slug: string, id: string) => getEntry(ctx, slug, legalHoldKind, id);

/** The proceedings ended on `ends`: the hold now lasts `keep` from that day. */
export async function setProceedingsEnd(ctx: Context, slug: string, id: string, ends: string, actor: string): Promise<StoredEntry<LegalHold>> {
  const hold = await getHold(ctx, slug, id);
  if (!hold.data.keep) throw new RegistruError("legal_hold_has_no_keep", `${id} lasts until a date or until released, not a period after proceedings`, 409);
  return updateEntry(ctx, slug, legalHoldKind, id, hold.revision, { ...hold.data, ends }, actor);
}

export async function releaseHold(ctx: Context, slug: string, id: string, actor: string): Promise<StoredEntry<LegalHold>> {
  const hold = await getHold(ctx, slug, id);
  if (hold.data.released_at) return hold;
  return updateEntry(ctx, slug, legalHoldKind, id, hold.revision, { ...hold.data, released_at: ctx.clock.now().toISOString(), released_by: actor }, actor);
}

/** Only the SQL systems, with references into other kinds dropped: retention acts on SQL rows only. */
function sqlManifest(manifest: Manifest): Manifest {
  const sql = (manifest.systems ?? []).filter((s) => ["postgres", "mysql", "mariadb", "sqlite"].includes(s.kind));
  const ids = new Set(sql.map((s) => s.id));
  const keepTarget = (target: string) => target.split(".").length < 3 || ids.has(target.split(".")[0]!);
  return {
    ...manifest,
    systems: sql.map((s) => ({
      ...s,
      tables: Object.fromEntries(Object.entries(s.tables ?? {}).map(([name, t]) => [name, { ...t, ...(t.belongs_to && { belongs_to: Object.fromEntries(Object.entries(t.belongs_to).filter(([, target]) => keepTarget(target))) }) }])),
    })),
  };
}

/**
 * The rows active holds keep on `today`, per `system.table`: record holds as they are, subject
 * holds found the way a data-subject request finds a subject (identities, then `belongs_to`).
 */
export async function heldKeys(ctx: Context, slug: string, manifest: Manifest, systems: Systems, today: PlainDate): Promise<{ keys: HeldKeys; holds: number }> {
  const active = (await listHolds(ctx, slug)).filter((h) => holdStatus(h.data, today) === "active");
  const keys = new Map<string, Set<string>>();
  const add = (table: string, key: unknown) => keys.set(table, (keys.get(table) ?? new Set()).add(keyString(key)));
  const subjects = active.filter((h) => h.data.subject);
  for (const h of active) if (h.data.record) add(`${h.data.record.system}.${h.data.record.table}`, h.data.record.key);
  if (subjects.length > 0) {
    // The plan names SQL tables only, so the organisation's own connections serve it.
    const scoped = sqlManifest(manifest);
    for (const h of subjects) {
      const { plan, identities } = planForSubject(scoped, h.data.subject!);
      const found = await findSubject(systems, plan, identities);
      for (const t of found.tables) for (const row of t.rows) add(`${t.system}.${t.table}`, row.primaryKey);
    }
  }
  return { keys, holds: active.length };
}
