import nodemailer from "nodemailer";
import type { Logger } from "pino";
import { RegistruError } from "../errors.ts";

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** What the message is (verification_code, letter:extension, ...): the only thing logged about it. */
  kind: string;
  attachments?: MailAttachment[];
  /** The Date header, from the injected clock. */
  date?: Date;
  /** A Message-ID of the caller's (`<...@...>`), so the same message sent again is recognisable as the same. */
  messageId?: string;
}

export interface SentMail {
  messageId: string;
}

/** Sends one message and resolves once the mail server accepted it. */
export interface Mailer {
  readonly from: string;
  send(message: MailMessage): Promise<SentMail>;
  close(): void;
}

/**
 * E-mail through an SMTP server (`SMTP_URL`, e.g. smtp://user:pass@mail.example.com:587 or
 * smtps://...:465). Sending is synchronous for the caller: the request that asks for a code or a
 * letter learns at once whether the server took it, and nothing is recorded as sent otherwise.
 * Addresses never reach the log, and neither do server replies, which quote them.
 */
export function createSmtpMailer(opts: { url: string; from: string; log: Logger }): Mailer {
  const transport = nodemailer.createTransport(opts.url);
  return {
    from: opts.from,
    async send(message) {
      try {
        const info = await transport.sendMail({
          from: opts.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          date: message.date,
          ...(message.messageId && { messageId: message.messageId }),
          attachments: message.attachments?.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
        });
        opts.log.info({ mail: message.kind, messageId: info.messageId }, "mail sent");
        return { messageId: info.messageId };
      } catch (e) {
        const err = e as { code?: string; responseCode?: number };
        opts.log.warn({ mail: message.kind, code: err.code, responseCode: err.responseCode }, "mail not sent");
        throw new RegistruError("mail_failed", "the mail server did not accept the message; try again later", 503);
      }
    },
    close: () => transport.close(),
  };
}

/** The configured mailer, or undefined when SMTP_URL is not set (then nothing that needs e-mail can be done). */
export function mailerFromConfig(config: { SMTP_URL?: string; MAIL_FROM?: string }, log: Logger): Mailer | undefined {
  if (!config.SMTP_URL) return undefined;
  if (!config.MAIL_FROM) throw new RegistruError("invalid_config", "MAIL_FROM: set the sender address when SMTP_URL is set", 400);
  return createSmtpMailer({ url: config.SMTP_URL, from: config.MAIL_FROM, log });
}

export function requireMailer(mailer: Mailer | undefined): Mailer {
  if (!mailer) throw new RegistruError("mail_not_configured", "e-mail is not configured: set SMTP_URL and MAIL_FROM", 503);
  return mailer;
}
