/** Outgoing e-mail (SMTP via nodemailer). */
export { createSmtpMailer, mailerFromConfig, requireMailer } from "./mailer.ts";
export type { MailAttachment, Mailer, MailMessage, SentMail } from "./mailer.ts";
