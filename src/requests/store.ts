import type { Context } from "../context.ts";
import { createEntry, entryEvents, getEntry, listEntries, recordEvent, updateEntry, type RegisterEvent, type StoredEntry } from "../registers/index.ts";
import { requestRegister, type SubjectRequest } from "./model.ts";

export type StoredRequest = StoredEntry<SubjectRequest>;

/** One step of a request's timeline; the state and revision it produced are added on commit. */
export interface StepEvent {
  kind: string;
  data: Record<string, unknown>;
}

export const readRequest = (ctx: Context, slug: string, id: string): Promise<StoredRequest> => getEntry(ctx, slug, requestRegister, id);
export const readRequests = (ctx: Context, slug: string): Promise<StoredRequest[]> => listEntries(ctx, slug, requestRegister);
export const readTimeline = (ctx: Context, slug: string, id: string): Promise<RegisterEvent[]> => entryEvents(ctx, slug, requestRegister, id);

/** A new request and its first events, in one transaction. */
export async function insertRequest(ctx: Context, slug: string, request: SubjectRequest, events: StepEvent[], actor: string): Promise<StoredRequest> {
  return ctx.db.transaction(async (tx) => {
    const inTx = { ...ctx, db: tx };
    const created = await createEntry(inTx, slug, requestRegister, request, actor);
    for (const e of events) await recordEvent(inTx, slug, requestRegister, created.entryId, { actor, kind: e.kind, data: { ...e.data, state: created.status, revision: created.revision } });
    return created;
  });
}

/**
 * The request's next version and the events that explain it, in one transaction. The revision
 * is the one read before deciding, so two concurrent steps cannot both succeed (409).
 */
export async function commitStep(ctx: Context, slug: string, read: StoredRequest, next: SubjectRequest, events: StepEvent[], actor: string): Promise<StoredRequest> {
  const updated = await ctx.db.transaction(async (tx) => {
    const inTx = { ...ctx, db: tx };
    const row = await updateEntry(inTx, slug, requestRegister, read.entryId, read.revision, next, actor);
    for (const e of events) await recordEvent(inTx, slug, requestRegister, read.entryId, { actor, kind: e.kind, data: { ...e.data, state: row.status, revision: row.revision } });
    return row;
  });
  // Ids, states and step names only: reasons and letters may quote the subject.
  ctx.log.info({ tenant: slug, request: read.entryId, steps: events.map((e) => e.kind), from: read.status, state: updated.status }, "request step");
  return updated;
}

/** An event that changes nothing in the request (a code that could not be sent). */
export async function noteEvent(ctx: Context, slug: string, id: string, event: StepEvent, actor: string): Promise<void> {
  await recordEvent(ctx, slug, requestRegister, id, { actor, kind: event.kind, data: event.data });
}
