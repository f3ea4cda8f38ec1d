import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  decideRepresentative,
  getRequest,
  MAX_ATTEMPTS,
  resetVerification,
  sendVerificationCode,
  submitRequest,
  verifyRequest,
  type RequestInput,
} from "../../src/requests/index.ts";
import { backend } from "../helpers/database.ts";
import { MINUTE, openWorld, type World } from "./fixtures.ts";

const subjectOpts = (w: World) => ({ actor: "subject", mailer: w.mailer });
const access = (email: string, extra: Partial<RequestInput> = {}): RequestInput => ({ right: "access", language: "ro", subject: { email }, ...extra });
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

describe(`identity verification by e-mail on ${backend}`, () => {
  let w: World;
  beforeAll(async () => {
    w = await openWorld(["eldrive"]);
  });
  afterAll(() => w.close());

  it("e-mails a 6-digit code through SMTP, keeps only its keyed hash, and moves to in_progress on the right code with the time as an event", async () => {
    const email = "ana.popescu@example.com";
    const { request, mailed } = await submitRequest(w.ctx(), "eldrive", access(email), { ...subjectOpts(w), public: true });
    expect(mailed).toBe(true);
    expect(request.data.state).toBe("verifying");
    const [mail] = w.smtp.to(email);
    expect(mail!.subject).toBe("EMOBILITY CHARGING S.R.L.: confirmați cererea");
    expect(mail!.text).toContain("dreptul de acces");
    const code = w.latestCode(email);
    expect(code).toMatch(/^\d{6}$/);
    const stored = (await w.t.database.executeSql("select data::text as d from register_entries where entry_id = $1", [request.entryId])).rows[0]!.d as string;
    expect(stored).not.toContain(code);
    expect(stored).toMatch(/"codeHash": ?"[0-9a-f]{64}"/);

    w.clock.advance(5 * MINUTE);
    const verified = await verifyRequest(w.ctx(), "eldrive", request.entryId, code, subjectOpts(w));
    expect(verified.data.state).toBe("in_progress");
    expect(verified.data.verification).toMatchObject({ verifiedAt: w.clock.now().toISOString() });
    expect(verified.data.verification.codeHash).toBeUndefined();
    const detail = await getRequest(w.ctx(), "eldrive", request.entryId);
    expect(detail.timeline.map((e) => e.kind)).toEqual(["created", "received", "code_sent", "verified"]);
    expect(detail.timeline.at(-1)).toMatchObject({ kind: "verified", at: w.clock.now(), data: { state: "in_progress" } });
  });

  it(`locks after ${MAX_ATTEMPTS} wrong codes (423 verification_locked) until staff reset, which sends a new code`, async () => {
    const email = "brute.force@example.com";
    const { request } = await submitRequest(w.ctx(), "eldrive", access(email), { ...subjectOpts(w), public: true });
    const code = w.latestCode(email);
    for (let i = 1; i < MAX_ATTEMPTS; i++) {
      await expect(verifyRequest(w.ctx(), "eldrive", request.entryId, wrong(code), subjectOpts(w))).rejects.toMatchObject({ code: "wrong_code", status: 400, details: { attemptsLeft: MAX_ATTEMPTS - i } });
    }
    await expect(verifyRequest(w.ctx(), "eldrive", request.entryId, wrong(code), subjectOpts(w))).rejects.toMatchObject({ code: "verification_locked", status: 423 });
    // Locked: even the right code and a new code are refused.
    await expect(verifyRequest(w.ctx(), "eldrive", request.entryId, code, subjectOpts(w))).rejects.toMatchObject({ code: "verification_locked" });
    w.clock.advance(2 * MINUTE);
    await expect(sendVerificationCode(w.ctx(), "eldrive", request.entryId, subjectOpts(w))).rejects.toMatchObject({ code: "verification_locked" });

    await resetVerification(w.ctx(), "eldrive", request.entryId, { actor: "dpo", mailer: w.mailer });
    const fresh = w.latestCode(email);
    expect(w.smtp.to(email)).toHaveLength(2);
    const ok = await verifyRequest(w.ctx(), "eldrive", request.entryId, fresh, subjectOpts(w));
    expect(ok.data.state).toBe("in_progress");
    const kinds = (await getRequest(w.ctx(), "eldrive", request.entryId)).timeline.map((e) => e.kind);
    expect(kinds).toEqual(["created", "received", "code_sent", "code_rejected", "code_rejected", "code_rejected", "code_rejected", "verification_locked", "verification_reset", "code_sent", "verified"]);
  });

  it("refuses a code older than 30 minutes (410 code_expired, no attempt used) and a new code works; new codes are rate-limited", async () => {
    const email = "slow.reader@example.com";
    const { request } = await submitRequest(w.ctx(), "eldrive", access(email), { ...subjectOpts(w), public: true });
    const old = w.latestCode(email);
    await expect(sendVerificationCode(w.ctx(), "eldrive", request.entryId, subjectOpts(w))).rejects.toMatchObject({ code: "code_rate_limited", status: 429 });
    w.clock.advance(30 * MINUTE + 1);
    await expect(verifyRequest(w.ctx(), "eldrive", request.entryId, old, subjectOpts(w))).rejects.toMatchObject({ code: "code_expired", status: 410 });
    expect((await getRequest(w.ctx(), "eldrive", request.entryId)).request.verification.attempts).toBe(0);
    await sendVerificationCode(w.ctx(), "eldrive", request.entryId, subjectOpts(w));
    const fresh = w.latestCode(email);
    await expect(verifyRequest(w.ctx(), "eldrive", request.entryId, fresh, subjectOpts(w))).resolves.toMatchObject({ status: "in_progress" });
    await expect(verifyRequest(w.ctx(), "eldrive", request.entryId, fresh, subjectOpts(w))).rejects.toMatchObject({ code: "invalid_transition", status: 409 });
  });

  it("S4-16 a representative's request waits in verifying until staff accept the proof, an explicit event", async () => {
    const email = "parinte@example.com";
    const proof = { reference: "Împuternicire notarială nr. 123/2026", sha256: "a".repeat(64) };
    const { request } = await submitRequest(w.ctx(), "eldrive", access(email, { representative: { name: "Maria Ionescu", relationship: "mamă", proof } }), { ...subjectOpts(w), public: true });
    const verified = await verifyRequest(w.ctx(), "eldrive", request.entryId, w.latestCode(email), subjectOpts(w));
    expect(verified.data.state).toBe("verifying");
    const accepted = await decideRepresentative(w.ctx(), "eldrive", request.entryId, { accept: true, note: "original seen" }, { actor: "dpo", mailer: w.mailer });
    expect(accepted.data.state).toBe("in_progress");
    expect(accepted.data.representative?.decision).toMatchObject({ accepted: true, by: "dpo" });
    const timeline = (await getRequest(w.ctx(), "eldrive", request.entryId)).timeline;
    expect(timeline.at(-1)).toMatchObject({ kind: "representative_accepted", actor: "dpo", data: { proofSha256: proof.sha256, state: "in_progress" } });
  });

  it("S4-16 a rejected proof refuses the request and the subject gets a letter that says why", async () => {
    const email = "alt.parinte@example.com";
    const proof = { reference: "scan", sha256: "b".repeat(64) };
    const { request } = await submitRequest(w.ctx(), "eldrive", access(email, { language: "en", representative: { name: "John Doe", relationship: "friend", proof } }), { ...subjectOpts(w), public: true });
    await expect(decideRepresentative(w.ctx(), "eldrive", request.entryId, { accept: false }, { actor: "dpo", mailer: w.mailer })).rejects.toMatchObject({ code: "reason_required" });
    const refused = await decideRepresentative(w.ctx(), "eldrive", request.entryId, { accept: false, note: "the scan is not signed" }, { actor: "dpo", mailer: w.mailer });
    expect(refused.data.state).toBe("refused");
    const letter = w.smtp.to(email).at(-1)!;
    expect(letter.text).toContain("does not prove that this person may act for you");
    expect(letter.text).toContain("the scan is not signed");
    expect(letter.text).toContain("GDPR Art. 77");
  });

  it("keeps the request when the mail server is down, records why, and a new code can be asked later", async () => {
    const email = "later@example.com";
    w.smtp.refuse(true);
    const { request, mailed } = await submitRequest(w.ctx(), "eldrive", access(email), { ...subjectOpts(w), public: true }).finally(() => w.smtp.refuse(false));
    expect(mailed).toBe(false);
    expect(request.data.state).toBe("received");
    expect((await getRequest(w.ctx(), "eldrive", request.entryId)).timeline.at(-1)).toMatchObject({ kind: "code_not_sent", data: { reason: "mail_failed" } });
    const sent = await sendVerificationCode(w.ctx(), "eldrive", request.entryId, subjectOpts(w));
    expect(sent.data.state).toBe("verifying");
    expect(w.latestCode(email)).toMatch(/^\d{6}$/);
  });
});
