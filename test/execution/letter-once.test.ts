import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeRequest, type ExecutionDeps } from "../../src/execution/index.ts";
import type { Mailer } from "../../src/mail/index.ts";
import { getEntry } from "../../src/registers/index.ts";
import { getRequest, submitRequest, verifyRequest } from "../../src/requests/index.ts";
import { outboxRegister } from "../../src/requests/letters/outbox.ts";
import { backend } from "../helpers/database.ts";
import { openWorld, type World } from "../requests/fixtures.ts";

const packages = { dir: "/nonexistent/registru-packages", publicUrl: "http://registru.test" };

describe(`the answer letter is sent once when a worker dies around the send (Registru on ${backend})`, () => {
  let w: World;
  beforeAll(async () => {
    w = await openWorld(["eldrive"]);
  });
  afterAll(async () => {
    await w?.close();
  });

  /** A verified request with nothing to find in the organisation's systems: its execution goes straight to the answer. */
  async function verified(email: string): Promise<string> {
    const { request } = await submitRequest(w.ctx(), "eldrive", { right: "withdraw_consent", language: "en", subject: { email } }, { actor: "subject", public: true, mailer: w.mailer });
    await verifyRequest(w.ctx(), "eldrive", request.entryId, w.latestCode(email), { actor: "subject", mailer: w.mailer });
    return request.entryId;
  }
  const answers = (email: string, id: string) => w.smtp.to(email).filter((m) => m.subject.includes(`answer to your request no. ${id.replace("request-", "")}`));

  it("killed after the letter is sent and recorded, before the request is done: the resumed run sends nothing more", async () => {
    const email = "once@example.com";
    const id = await verified(email);
    const killed: ExecutionDeps = {
      mailer: w.mailer,
      packages,
      afterLetterSent: async () => {
        throw new Error("worker killed");
      },
    };
    await expect(executeRequest(w.ctx(), killed, "eldrive", id)).rejects.toThrow("worker killed");
    expect(answers(email, id)).toHaveLength(1);
    expect((await getRequest(w.ctx(), "eldrive", id)).state).toBe("in_progress");

    expect(await executeRequest(w.ctx(), { mailer: w.mailer, packages }, "eldrive", id)).toBe("completed");
    expect(answers(email, id)).toHaveLength(1);
    const detail = await getRequest(w.ctx(), "eldrive", id);
    expect(detail.state).toBe("done");
    const sent = detail.timeline.filter((e) => e.kind === "letter_sent");
    expect(sent).toHaveLength(1);
    const data = sent[0]!.data as { messageId: string; outbox: string; textSha256: string };
    // The deterministic Message-ID, as the mail server received it.
    expect(answers(email, id)[0]!.headers["message-id"]).toBe(data.messageId);
    expect(data.messageId).toMatch(new RegExp(`^<${id}\\.response\\.subject\\.r\\d+\\.[0-9a-f]{20}@registru\\.test>$`));
    const outbox = await getEntry(w.ctx(), "eldrive", outboxRegister, data.outbox);
    expect(outbox.data).toMatchObject({ state: "sent", messageId: data.messageId, textSha256: data.textSha256 });
  });

  it("a mail server that refused the letter: the resumed run sends it once, under the Message-ID chosen the first time", async () => {
    const email = "refused@example.com";
    const id = await verified(email);
    w.smtp.refuse(true);
    try {
      await expect(executeRequest(w.ctx(), { mailer: w.mailer, packages }, "eldrive", id)).rejects.toMatchObject({ code: "mail_failed" });
    } finally {
      w.smtp.refuse(false);
    }
    expect(answers(email, id)).toHaveLength(0);
    expect(await executeRequest(w.ctx(), { mailer: w.mailer, packages }, "eldrive", id)).toBe("completed");
    expect(answers(email, id)).toHaveLength(1);
    const sent = (await getRequest(w.ctx(), "eldrive", id)).timeline.filter((e) => e.kind === "letter_sent");
    expect(answers(email, id)[0]!.headers["message-id"]).toBe((sent[0]!.data as { messageId: string }).messageId);
  });

  it("the one window left: killed after the server accepted the letter but before Registru recorded it, the letter goes again with the same Message-ID (at least once)", async () => {
    const email = "window@example.com";
    const id = await verified(email);
    const dying: Mailer = {
      from: w.mailer.from,
      async send(message) {
        await w.mailer.send(message);
        throw new Error("worker killed");
      },
      close: () => undefined,
    };
    await expect(executeRequest(w.ctx(), { mailer: dying, packages }, "eldrive", id)).rejects.toThrow("worker killed");
    expect(await executeRequest(w.ctx(), { mailer: w.mailer, packages }, "eldrive", id)).toBe("completed");
    const copies = answers(email, id);
    expect(copies).toHaveLength(2);
    expect(copies[1]!.headers["message-id"]).toBe(copies[0]!.headers["message-id"]);
    expect(copies[1]!.text).toBe(copies[0]!.text);
    expect((await getRequest(w.ctx(), "eldrive", id)).timeline.filter((e) => e.kind === "letter_sent")).toHaveLength(1);
  });
});
