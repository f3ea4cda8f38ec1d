import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAudit } from "../../src/audit/index.ts";
import { getOrganisation } from "../../src/organisations/index.ts";
import {
  completeRequest,
  extendRequest,
  getRequest,
  listRequests,
  pauseRequest,
  recordOutcome,
  refuseRequest,
  requestDeadline,
  resumeRequest,
  submitRequest,
  verifyRequest,
  type RequestInput,
} from "../../src/requests/index.ts";
import { backend } from "../helpers/database.ts";
import { DAY, MINUTE, openWorld, type World } from "./fixtures.ts";

describe(`request lifecycle on ${backend}`, () => {
  let w: World;
  const staff = () => ({ actor: "dpo", mailer: w.mailer });

  /** A request from the privacy centre, confirmed with the code the subject received. */
  async function verified(slug: string, input: RequestInput) {
    const { request } = await submitRequest(w.ctx(), slug, input, { actor: "subject", public: true, mailer: w.mailer });
    await verifyRequest(w.ctx(), slug, request.entryId, w.latestCode(input.subject.email), { actor: "subject", mailer: w.mailer });
    return request.entryId;
  }
  const dueOf = async (slug: string, id: string) => (await getRequest(w.ctx(), slug, id)).deadline!.due;

  beforeAll(async () => {
    w = await openWorld(["eldrive", "sentosa", "impro-media"]);
  });
  afterAll(() => w.close());

  it("pause and resume are explicit events with reasons, and move the deadline by exactly the paused time", async () => {
    w.clock.set("2026-11-23T10:00:00Z");
    const id = await verified("eldrive", { right: "access", subject: { email: "pause@example.com" } });
    const before = await dueOf("eldrive", id);
    w.clock.advance(2 * DAY);
    await pauseRequest(w.ctx(), "eldrive", id, "asked the subject which account they mean", staff());
    const paused = await getRequest(w.ctx(), "eldrive", id);
    expect(paused).toMatchObject({ state: "awaiting", deadline: { timeLeft: { paused: true } } });
    const pausedMs = 3 * DAY + 7 * MINUTE + 13_000;
    w.clock.advance(pausedMs);
    await resumeRequest(w.ctx(), "eldrive", id, "the subject answered", staff());
    const after = await getRequest(w.ctx(), "eldrive", id);
    expect(Date.parse(after.deadline!.due) - Date.parse(before)).toBe(pausedMs);
    expect(after.timeline.slice(-2)).toMatchObject([
      { kind: "paused", actor: "dpo", data: { reason: "asked the subject which account they mean", state: "awaiting" } },
      { kind: "resumed", actor: "dpo", data: { reason: "the subject answered", pausedMs, state: "in_progress" } },
    ]);
  });

  it("lists the queue by time left, overdue first", async () => {
    w.clock.set("2027-03-01T10:00:00Z");
    const staffEntry = (email: string, receivedAt: string) =>
      submitRequest(w.ctx(), "sentosa", { right: "access", channel: "email", enteredBy: "dpo", receivedAt, subject: { email } }, { actor: "dpo", public: false, mailer: w.mailer });
    const fresh = (await staffEntry("fresh@example.com", "2027-03-01T08:00:00Z")).request.entryId;
    const overdue = (await staffEntry("overdue@example.com", "2027-02-20T08:00:00Z")).request.entryId;
    const queue = (await listRequests(w.ctx(), "sentosa")).map((s) => [s.id, s.deadline?.timeLeft.overdue ?? null]);
    // Sentosa promises 5 days (S1-07): the older one is overdue although it was entered second.
    expect(queue).toEqual([
      [overdue, true],
      [fresh, false],
    ]);
  });

  it("refuses illegal transitions with 409 invalid_transition and changes nothing", async () => {
    const { request } = await submitRequest(w.ctx(), "eldrive", { right: "erasure", subject: { email: "early@example.com" } }, { actor: "subject", public: true, mailer: w.mailer });
    const id = request.entryId;
    await expect(completeRequest(w.ctx(), "eldrive", id, {}, staff())).rejects.toMatchObject({ code: "invalid_transition", status: 409, details: { state: "verifying", action: "complete" } });
    await expect(pauseRequest(w.ctx(), "eldrive", id, "too early", staff())).rejects.toMatchObject({ code: "invalid_transition" });
    await expect(resumeRequest(w.ctx(), "eldrive", id, "not paused", staff())).rejects.toMatchObject({ code: "invalid_transition" });
    await expect(recordOutcome(w.ctx(), "eldrive", id, { rows: [] }, staff())).rejects.toMatchObject({ code: "invalid_transition" });
    const detail = await getRequest(w.ctx(), "eldrive", id);
    expect(detail.state).toBe("verifying");
    expect(detail.revision).toBe(request.revision);
  });

  it("S0-17 a phoned-in request is typed in by staff: who entered it is recorded and the deadline runs from the call", async () => {
    w.clock.set("2026-11-26T09:00:00Z");
    const input: RequestInput = { right: "erasure", channel: "phone", receivedAt: "2026-11-24T14:30:00+02:00", subject: { email: "apel@example.com", phone: "0721 234 567", name: "Ion Pop" } };
    await expect(submitRequest(w.ctx(), "impro-media", input, { actor: "apikey:k1", public: false, mailer: w.mailer })).rejects.toMatchObject({ code: "entered_by_required", status: 400 });
    const { request } = await submitRequest(w.ctx(), "impro-media", { ...input, enteredBy: "Elena Dragomir (recepție)" }, { actor: "apikey:k1", public: false, mailer: w.mailer });
    expect(request.data).toMatchObject({ channel: "phone", enteredBy: "Elena Dragomir (recepție)", receivedAt: "2026-11-24T12:30:00.000Z", promise: "P1M", subject: { phone: "+40721234567" } });
    expect(requestDeadline(request.data).legal.dueDate).toBe("2026-12-24");
    const timeline = (await getRequest(w.ctx(), "impro-media", request.entryId)).timeline;
    expect(timeline[1]).toMatchObject({ kind: "received", actor: "apikey:k1", data: { channel: "phone", enteredBy: "Elena Dragomir (recepție)" } });
    await expect(submitRequest(w.ctx(), "impro-media", { ...input, enteredBy: "x", receivedAt: "2026-11-27T09:00:00Z" }, { actor: "k", public: false, mailer: w.mailer })).rejects.toMatchObject({ code: "invalid_received_at" });
  });

  it("S0-17 extends by two further months within the first period, with a letter giving the reasons; not twice", async () => {
    w.clock.set("2026-11-23T10:00:00Z");
    const id = await verified("impro-media", { right: "access", language: "ro", subject: { email: "extins@example.com" } });
    w.clock.advance(20 * DAY);
    const extended = await extendRequest(w.ctx(), "impro-media", id, "cererea privește arhive din trei sisteme", staff());
    expect(requestDeadline(extended.data).legal.dueDate).toBe("2027-02-23");
    expect((await getRequest(w.ctx(), "impro-media", id)).deadline).toMatchObject({ extended: true, due: "2027-02-23T21:59:59.999Z" });
    const letter = w.smtp.to("extins@example.com").at(-1)!;
    expect(letter.subject).toContain("prelungirea termenului");
    expect(letter.text).toContain("prelungim termenul cu încă două luni");
    expect(letter.text).toContain("23 februarie 2027");
    expect(letter.text).toContain("cererea privește arhive din trei sisteme");
    expect(letter.attachments[0]).toMatchObject({ filename: `${id}-extension.pdf`, contentType: expect.stringContaining("application/pdf") });
    await expect(extendRequest(w.ctx(), "impro-media", id, "again", staff())).rejects.toMatchObject({ code: "already_extended", status: 409 });
  });

  it("refuses an extension after the first period has ended (409 extension_too_late) and sends nothing", async () => {
    w.clock.set("2026-11-23T10:00:00Z");
    const id = await verified("eldrive", { right: "access", subject: { email: "late@example.com" } });
    w.clock.set("2026-12-24T08:00:00Z");
    const sent = w.smtp.messages.length;
    await expect(extendRequest(w.ctx(), "eldrive", id, "too late now", staff())).rejects.toMatchObject({ code: "extension_too_late", status: 409 });
    expect(w.smtp.messages.length).toBe(sent);
    expect((await getRequest(w.ctx(), "eldrive", id)).request.extension).toBeUndefined();
  });

  it("S1-07 with a 5-day promise the first period is the promise: an extension must come within it", async () => {
    w.clock.set("2026-11-23T10:00:00Z");
    const late = await verified("sentosa", { right: "complaint", subject: { email: "plangere@example.com" }, details: { text: "mesaj" } });
    // 28 November is a Saturday, 30 November and 1 December are public holidays.
    expect((await getRequest(w.ctx(), "sentosa", late)).deadline).toMatchObject({ winner: "promise", promise: "P5D", due: "2026-12-02T21:59:59.999Z" });
    const inTime = await verified("sentosa", { right: "access", subject: { email: "acces.sentosa@example.com" } });
    w.clock.set("2026-12-02T15:00:00Z");
    await expect(extendRequest(w.ctx(), "sentosa", inTime, "dosar medical în arhiva de hârtie", staff())).resolves.toMatchObject({ status: "in_progress" });
    expect((await getRequest(w.ctx(), "sentosa", inTime)).deadline).toMatchObject({ winner: "law", extended: true, due: "2027-02-23T21:59:59.999Z" });
    w.clock.set("2026-12-03T08:00:00Z");
    await expect(extendRequest(w.ctx(), "sentosa", late, "too late for the promise", staff())).rejects.toMatchObject({ code: "extension_too_late" });
  });

  it("Art. 12(5) refusal where the policy reserves it (Eldrive, S4-17): refused, with reasons and the authority in the letter", async () => {
    const id = await verified("eldrive", { right: "access", language: "en", subject: { email: "again.and.again@example.com" } });
    const refused = await refuseRequest(w.ctx(), "eldrive", id, { decision: "refuse", ground: "excessive", reasons: "the twelfth identical request this month" }, staff());
    expect(refused.data).toMatchObject({ state: "refused", decision: { kind: "refused", ground: "excessive", article: "GDPR Art. 12(5)", by: "dpo" } });
    const letter = w.smtp.to("again.and.again@example.com").at(-1)!;
    expect(letter.text).toContain("because it is excessive (GDPR Art. 12(5))");
    expect(letter.text).toContain("the twelfth identical request this month");
    expect(letter.text).toContain("lodge a complaint with the supervisory authority (GDPR Art. 77): National Supervisory Authority for Personal Data Processing (ANSPDCP)");
    expect((await getRequest(w.ctx(), "eldrive", id)).deadline).toBeNull();
  });

  it("Art. 12(5) is refused (409 refusal_not_reserved) where the policy does not reserve it (Sentosa)", async () => {
    const id = await verified("sentosa", { right: "access", subject: { email: "sentosa.refuse@example.com" } });
    await expect(refuseRequest(w.ctx(), "sentosa", id, { decision: "refuse", ground: "manifestly_unfounded", reasons: "no" }, staff())).rejects.toMatchObject({ code: "refusal_not_reserved", status: 409 });
    expect((await getRequest(w.ctx(), "sentosa", id)).state).toBe("in_progress");
  });

  it("a reasonable fee pauses the request with a letter; paying it resumes", async () => {
    const id = await verified("eldrive", { right: "access", language: "ro", subject: { email: "taxa@example.com" } });
    const asked = await refuseRequest(w.ctx(), "eldrive", id, { decision: "fee", ground: "excessive", reasons: "copii suplimentare pe hârtie", fee: { amount: 50, currency: "RON" } }, staff());
    expect(asked.data.state).toBe("awaiting");
    expect(w.smtp.to("taxa@example.com").at(-1)!.text).toMatch(/taxe rezonabile de 50,00\sRON/);
    w.clock.advance(DAY);
    const resumed = await resumeRequest(w.ctx(), "eldrive", id, "taxa a fost plătită", staff());
    expect(resumed.data.state).toBe("in_progress");
    expect(resumed.data.pauses.at(-1)).toMatchObject({ reason: "fee of 50 RON requested", resumeReason: "taxa a fost plătită" });
  });

  it("S4-15 completes an erasure with the executor's outcome: erased, anonymised and kept with the legal reason, in the letter", async () => {
    const id = await verified("eldrive", { right: "erasure", language: "ro", subject: { email: "sterge@example.com" } });
    await recordOutcome(w.ctx(), "eldrive", id, { rows: [{ system: "app_db", table: "customers", found: 1, anonymised: 1 }] }, { actor: "executor" });
    await recordOutcome(w.ctx(), "eldrive", id, { rows: [{ system: "app_db", table: "customers", found: 1, anonymised: 1 }] }, { actor: "executor" });
    const done = await completeRequest(
      w.ctx(),
      "eldrive",
      id,
      { rows: [{ system: "app_db", table: "invoices", found: 4, kept: [{ count: 4, reason: "legal_obligation", basis: "Legea contabilității nr. 82/1991" }] }, { system: "app_db", table: "charging_sessions", found: 12, erased: 12 }] },
      staff(),
    );
    expect(done.data.state).toBe("done");
    expect(done.data.outcome!.rows).toHaveLength(3);
    const letter = w.smtp.to("sterge@example.com").at(-1)!;
    expect(letter.subject).toBe(`EMOBILITY CHARGING S.R.L.: răspuns la cererea nr. ${id.slice("request-".length)}`);
    expect(letter.text).toContain("dreptul la ștergerea datelor („dreptul de a fi uitat”) (GDPR Art. 17)");
    expect(letter.text).toContain("app_db.charging_sessions | 12 | șterse: 12 | 0");
    expect(letter.text).toContain("app_db.customers | 1 | anonimizate: 1 | 0");
    expect(letter.text).toContain("Păstrăm înregistrările din app_db.invoices (4) deoarece o obligație legală ne impune să le păstrăm: Legea contabilității nr. 82/1991.");
    expect(letter.text).toContain("B-dul G-ral. Gheorghe Magheru 28-30");
    const detail = await getRequest(w.ctx(), "eldrive", id);
    expect(detail.timeline.slice(-4).map((e) => e.kind)).toEqual(["outcome_recorded", "outcome_recorded", "completed", "letter_sent"]);
    expect(detail.timeline.at(-1)!.data).toMatchObject({ recipient: "subject", pdfSha256: expect.stringMatching(/^[0-9a-f]{64}$/), letter: { kind: "response", language: "ro" } });
    const { tenant } = await getOrganisation(w.ctx(), "eldrive");
    expect(await verifyAudit(w.t.database.db, tenant.tenantId)).toMatchObject({ ok: true });
  });
});
