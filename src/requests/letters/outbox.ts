import { createHash } from "node:crypto";
import { z } from "zod";
import { appendAudit } from "../../audit/index.ts";
import type { Context } from "../../context.ts";
import { getOrganisation } from "../../organisations/index.ts";
import { getEntry, insertEntryIfAbsent, updateEntry, type RegisterKind, type StoredEntry } from "../../registers/index.ts";
import { letterSchema, type Letter } from "./letter.ts";

const instant = z.iso.datetime({ offset: true });
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * A letter a step sends, written before it is handed to the mail server (`sending`) and marked
 * `sent` once the server accepted it. Its id is the step's key, so the same step run again after
 * a crash finds it instead of sending a second letter.
 */
export const outboxLetter = z.strictObject({
  request: z.string(),
  recipient: z.enum(["subject", "controller"]),
  to: z.email(),
  /** Derived from the organisation, the request and the step: a letter sent again carries the same one. */
  messageId: z.string(),
  letter: letterSchema,
  state: z.enum(["sending", "sent"]),
  sentAt: instant.optional(),
  textSha256: sha256.optional(),
  pdfSha256: sha256.optional(),
});
export type OutboxLetter = z.infer<typeof outboxLetter>;

export const outboxRegister: RegisterKind<OutboxLetter> = {
  name: "letter_outbox",
  schema: outboxLetter,
  index: (e) => ({ status: e.state, dueAt: null }),
};

export interface LetterIntent {
  slug: string;
  request: string;
  /** The request's revision the step read: the step's identity, unchanged when it is run again after a crash. */
  revision: number;
  recipient: OutboxLetter["recipient"];
  to: string;
  letter: Letter;
  /** The sender's address, whose domain ends the Message-ID. */
  from: string;
}

/** `<request-2026-004.response.subject.r7.9f2c…@registru.example>`: readable, and unique across organisations. */
export function letterMessageId(tenantId: string, key: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? "registru.invalid";
  const hash = createHash("sha256").update(`${tenantId}\n${key}`).digest("hex").slice(0, 20);
  return `<${key.replace(/[^A-Za-z0-9-]+/g, ".")}.${hash}@${domain}>`;
}

/**
 * The step's letter in the outbox: written now with state `sending`, or, when the step already
 * wrote it (a run that died before or after the send), the one written then — with the letter
 * and Message-ID of that first run. The primary key (organisation, register, id) makes the
 * insert race-free: of two runs, one inserts and the other reads.
 */
export async function claimLetter(ctx: Context, intent: LetterIntent): Promise<StoredEntry<OutboxLetter>> {
  const { tenant } = await getOrganisation(ctx, intent.slug);
  const key = `${intent.request}/${intent.letter.kind}/${intent.recipient}/r${intent.revision}`;
  const entry = outboxLetter.parse({
    request: intent.request,
    recipient: intent.recipient,
    to: intent.to,
    messageId: letterMessageId(tenant.tenantId, key, intent.from),
    letter: intent.letter,
    state: "sending",
  });
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const inserted = await insertEntryIfAbsent(tx, tenant.tenantId, outboxRegister, key, entry, now);
    if (inserted) {
      await appendAudit(tx, tenant.tenantId, { at: now, actor: "registru:mail", action: "letter_outbox.created", entity: "request", entityId: intent.request, details: { letter: key } });
    }
  });
  return getEntry(ctx, intent.slug, outboxRegister, key);
}

/** The mail server accepted it: from now on the step never sends it again. */
export function markLetterSent(ctx: Context, slug: string, read: StoredEntry<OutboxLetter>, sent: { textSha256: string; pdfSha256: string }): Promise<StoredEntry<OutboxLetter>> {
  return updateEntry(ctx, slug, outboxRegister, read.entryId, read.revision, { ...read.data, state: "sent", sentAt: ctx.clock.now().toISOString(), ...sent }, "registru:mail");
}
