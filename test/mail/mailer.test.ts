import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.ts";
import { createSmtpMailer, mailerFromConfig, requireMailer } from "../../src/mail/index.ts";
import { startSmtp, type TestSmtp } from "../helpers/smtp.ts";

describe("SMTP mailer", () => {
  let smtp: TestSmtp;
  const logLines: string[] = [];
  const log = createLogger("info", new Writable({ write: (chunk, _enc, done) => (logLines.push(String(chunk)), done()) }));

  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(() => smtp.close());

  it("delivers text with diacritics and a PDF attachment through a real SMTP server", async () => {
    const mailer = createSmtpMailer({ url: smtp.url, from: "Registru <privacy@exemplu.ro>", log });
    const sent = await mailer.send({
      to: "ana.popescu@example.com",
      subject: "Răspuns la cererea dumneavoastră — șterse",
      text: "Bună ziua,\nAm șters datele. Ђорђе",
      kind: "letter:response",
      date: new Date("2026-11-23T10:00:00Z"),
      attachments: [{ filename: "letter.pdf", content: Buffer.from("%PDF-1.7 test"), contentType: "application/pdf" }],
    });
    mailer.close();
    const [mail] = smtp.to("ana.popescu@example.com");
    expect(mail).toMatchObject({ subject: "Răspuns la cererea dumneavoastră — șterse", text: "Bună ziua,\nAm șters datele. Ђорђе", from: "privacy@exemplu.ro" });
    expect(mail!.headers["message-id"]).toBe(sent.messageId);
    expect(mail!.headers.date).toContain("23 Nov 2026 10:00:00");
    expect(mail!.attachments).toEqual([expect.objectContaining({ filename: "letter.pdf", contentType: "application/pdf; name=letter.pdf", content: Buffer.from("%PDF-1.7 test") })]);
  });

  it("reports a refused message as 503 mail_failed, logging neither the address nor the server's reply", async () => {
    const mailer = createSmtpMailer({ url: smtp.url, from: "privacy@exemplu.ro", log });
    smtp.refuse(true);
    try {
      await expect(mailer.send({ to: "refused.person@example.com", subject: "x", text: "x", kind: "verification_code" })).rejects.toMatchObject({ code: "mail_failed", status: 503 });
    } finally {
      smtp.refuse(false);
      mailer.close();
    }
    const logs = logLines.join("");
    expect(logs).toContain('"mail":"verification_code"');
    expect(logs).toContain('"responseCode":550');
    expect(logs).not.toContain("refused.person");
    expect(logs).not.toContain("ana.popescu");
  });

  it("is absent without SMTP_URL, needs MAIL_FROM with it, and says so when required", () => {
    expect(mailerFromConfig({}, log)).toBeUndefined();
    expect(() => mailerFromConfig({ SMTP_URL: smtp.url }, log)).toThrow(expect.objectContaining({ code: "invalid_config" }));
    expect(() => requireMailer(undefined)).toThrow(expect.objectContaining({ code: "mail_not_configured", status: 503 }));
  });
});
