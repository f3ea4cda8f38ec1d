import { createHash } from "node:crypto";
import type { Context } from "../context.ts";
import { requireMailer, type Mailer } from "../mail/index.ts";
import { claimLetter, markLetterSent, renderLetterPdf, renderLetterText, type Letter } from "./letters/index.ts";
import type { StepEvent } from "./store.ts";

const sha256 = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");

export interface LetterToSend {
  entryId: string;
  letter: Letter;
  to: string;
  recipient: "subject" | "controller";
  /**
   * Makes the send idempotent across crashes: the letter goes through the outbox under a key of
   * the request, the step (the revision it read) and the recipient, with a Message-ID derived
   * from it. A step run again finds the letter sent and does not send it twice.
   */
  outbox: { slug: string; revision: number };
  /** Runs once the letter is recorded as sent, before the step is committed (a test kills the step there). */
  afterSent?: () => Promise<void>;
}

/**
 * Sends a letter as plain text with its PDF attached, and returns the timeline event that proves
 * it: the letter as sent (so the PDF can be made again), the hashes of both forms and the
 * message id. Throws (503) when no mail server takes it: nothing is recorded as sent then.
 *
 * Through the outbox, the one window left is between the mail server's acceptance and the write
 * that records it: a crash exactly there sends the letter again on resume (at least once), with
 * the same Message-ID, so the second copy is recognisably the same message.
 */
export async function sendLetter(ctx: Context, mailer: Mailer | undefined, p: LetterToSend): Promise<StepEvent> {
  const m = requireMailer(mailer);
  const claimed = await claimLetter(ctx, { slug: p.outbox.slug, request: p.entryId, revision: p.outbox.revision, recipient: p.recipient, to: p.to, letter: p.letter, from: m.from });
  const o = claimed.data;
  if (o.state === "sent") {
    ctx.log.info({ request: p.entryId, letter: o.letter.kind, outbox: claimed.entryId }, "letter already sent: not sent again");
    return letterSent(o.recipient, { messageId: o.messageId, textSha256: o.textSha256!, pdfSha256: o.pdfSha256!, letter: o.letter }, claimed.entryId);
  }
  // The letter and address of the first run: a copy sent again is the same letter.
  const sent = await deliver(ctx, m, o.letter, o.to, p.entryId, o.messageId);
  await markLetterSent(ctx, p.outbox.slug, claimed, { textSha256: sent.textSha256, pdfSha256: sent.pdfSha256 });
  await p.afterSent?.();
  return letterSent(o.recipient, sent, claimed.entryId);
}

interface Delivered {
  messageId: string;
  textSha256: string;
  pdfSha256: string;
  letter: Letter;
}

async function deliver(ctx: Context, mailer: Mailer, letter: Letter, to: string, entryId: string, messageId?: string): Promise<Delivered> {
  const text = renderLetterText(letter);
  const pdf = await renderLetterPdf(letter);
  const sent = await mailer.send({
    to,
    subject: letter.subject,
    text,
    kind: `letter:${letter.kind}`,
    date: ctx.clock.now(),
    ...(messageId && { messageId }),
    attachments: [{ filename: `${entryId}-${letter.kind}.pdf`, content: pdf, contentType: "application/pdf" }],
  });
  return { messageId: sent.messageId, textSha256: sha256(text), pdfSha256: sha256(pdf), letter };
}

const letterSent = (recipient: LetterToSend["recipient"], d: Delivered, outbox?: string): StepEvent => ({
  kind: "letter_sent",
  data: { recipient, messageId: d.messageId, textSha256: d.textSha256, pdfSha256: d.pdfSha256, letter: d.letter, ...(outbox && { outbox }) },
});
