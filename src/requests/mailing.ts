import { createHash } from "node:crypto";
import type { Context } from "../context.ts";
import { requireMailer, type Mailer } from "../mail/index.ts";
import { renderLetterPdf, renderLetterText, type Letter } from "./letters/index.ts";
import type { StepEvent } from "./store.ts";

const sha256 = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");

/**
 * Sends a letter as plain text with its PDF attached, and returns the timeline event that proves
 * it: the letter as sent (so the PDF can be made again), the hashes of both forms and the
 * mail server's message id. Throws (503) when no mail server takes it: nothing is recorded then.
 */
export async function sendLetter(ctx: Context, mailer: Mailer | undefined, p: { entryId: string; letter: Letter; to: string; recipient: "subject" | "controller" }): Promise<StepEvent> {
  const text = renderLetterText(p.letter);
  const pdf = await renderLetterPdf(p.letter);
  const sent = await requireMailer(mailer).send({
    to: p.to,
    subject: p.letter.subject,
    text,
    kind: `letter:${p.letter.kind}`,
    date: ctx.clock.now(),
    attachments: [{ filename: `${p.entryId}-${p.letter.kind}.pdf`, content: pdf, contentType: "application/pdf" }],
  });
  return { kind: "letter_sent", data: { recipient: p.recipient, messageId: sent.messageId, textSha256: sha256(text), pdfSha256: sha256(pdf), letter: p.letter } };
}
