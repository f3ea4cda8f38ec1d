import { signingKey } from "../consent/index.ts";
import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import { requireMailer, type Mailer } from "../mail/index.ts";
import { codeMessage, decisionLetter } from "./letters/index.ts";
import { assertAllowed } from "./lifecycle.ts";
import { sendLetter } from "./mailing.ts";
import type { SubjectRequest } from "./model.ts";
import { letterContext, requestOrganisation } from "./organisation.ts";
import { commitStep, readRequest, type StoredRequest } from "./store.ts";
import { checkCode, CODE_TTL_MS, generateCode, resetVerification as resetState, withNewCode } from "./verification.ts";

export interface StepOptions {
  actor: string;
  mailer?: Mailer;
}

/** Identity is proven by the code; a representative's authority by staff accepting the proof (S4-16). */
const nextAfterIdentity = (r: SubjectRequest): SubjectRequest["state"] =>
  r.verification.verifiedAt && (!r.representative || r.representative.decision?.accepted) ? "in_progress" : "verifying";

/** E-mails a new 6-digit code (the only place it exists) and stores its keyed hash. */
export async function sendVerificationCode(ctx: Context, slug: string, id: string, opts: StepOptions): Promise<StoredRequest> {
  const read = await readRequest(ctx, slug, id);
  const r = read.data;
  assertAllowed(r.state, "send_code");
  if (r.verification.verifiedAt) throw new RegistruError("already_verified", "the e-mail address of this request is already confirmed", 409);
  const org = await requestOrganisation(ctx, slug);
  const now = ctx.clock.now();
  const code = generateCode();
  const verification = withNewCode(r.verification, await signingKey(ctx.db, org.tenantId), read.entryId, code, now);
  const message = codeMessage(letterContext(org, read.entryId, r), code, CODE_TTL_MS / 60_000);
  const sent = await requireMailer(opts.mailer).send({ to: r.subject.email, subject: message.subject, text: message.text, kind: "verification_code", date: now });
  const event = { kind: "code_sent", data: { messageId: sent.messageId, expiresAt: verification.expiresAt } };
  return commitStep(ctx, slug, read, { ...r, state: "verifying", verification }, [event], opts.actor);
}

/**
 * Checks a code. A wrong code is counted (and the fifth locks the request) before the answer is
 * given, so parallel guesses meet a revision conflict instead of extra attempts.
 */
export async function verifyRequest(ctx: Context, slug: string, id: string, code: string, opts: StepOptions): Promise<StoredRequest> {
  const read = await readRequest(ctx, slug, id);
  const r = read.data;
  assertAllowed(r.state, "verify");
  if (r.verification.verifiedAt) throw new RegistruError("already_verified", "the e-mail address of this request is already confirmed", 409);
  const org = await requestOrganisation(ctx, slug);
  const now = ctx.clock.now();
  const check = checkCode(r.verification, await signingKey(ctx.db, org.tenantId), read.entryId, code, now);
  if (!check.ok) {
    if (check.verification !== r.verification) {
      const { attempts, lockedAt } = check.verification;
      await commitStep(ctx, slug, read, { ...r, verification: check.verification }, [{ kind: lockedAt ? "verification_locked" : "code_rejected", data: { attempts } }], opts.actor);
    }
    throw check.error;
  }
  const next = { ...r, verification: check.verification };
  const verified = await commitStep(ctx, slug, read, { ...next, state: nextAfterIdentity(next) }, [{ kind: "verified", data: { verifiedAt: now.toISOString() } }], opts.actor);
  ctx.log.info({ tenant: slug, request: read.entryId, state: verified.status }, "request verified");
  return verified;
}

/** Staff unlock a request after too many wrong codes; a fresh code is sent at once. */
export async function resetVerification(ctx: Context, slug: string, id: string, opts: StepOptions): Promise<StoredRequest> {
  const read = await readRequest(ctx, slug, id);
  const r = read.data;
  assertAllowed(r.state, "reset_verification");
  const { attempts, lockedAt } = r.verification;
  await commitStep(ctx, slug, read, { ...r, verification: resetState(r.verification) }, [{ kind: "verification_reset", data: { attempts, wasLocked: Boolean(lockedAt) } }], opts.actor);
  return sendVerificationCode(ctx, slug, id, opts);
}

/** S4-16: staff accept the representative's proof (the request may then go on) or reject it (refused, with a letter). */
export async function decideRepresentative(ctx: Context, slug: string, id: string, decision: { accept: boolean; note?: string }, opts: StepOptions): Promise<StoredRequest> {
  const read = await readRequest(ctx, slug, id);
  const r = read.data;
  assertAllowed(r.state, "decide_representative");
  if (!r.representative) throw new RegistruError("no_representative", "this request was made by the subject, not by a representative", 409);
  if (r.representative.decision) throw new RegistruError("representative_decided", "the representative's proof was already decided on", 409);
  const now = ctx.clock.now().toISOString();
  const representative = { ...r.representative, decision: { accepted: decision.accept, at: now, by: opts.actor, ...(decision.note && { note: decision.note }) } };
  if (decision.accept) {
    const next = { ...r, representative };
    return commitStep(ctx, slug, read, { ...next, state: nextAfterIdentity(next) }, [{ kind: "representative_accepted", data: { proofSha256: r.representative.proof.sha256 } }], opts.actor);
  }
  if (!decision.note) throw new RegistruError("reason_required", "say why the proof is not accepted: the subject is told", 400);
  const org = await requestOrganisation(ctx, slug);
  const next: SubjectRequest = {
    ...r,
    representative,
    state: "refused",
    decision: { kind: "representative_rejected", reasons: decision.note, article: org.jurisdiction.regime === "GDPR" ? "GDPR Art. 12(2), 12(6)" : "ZZPL čl. 21", at: now, by: opts.actor },
    completedAt: now,
  };
  const letter = await sendLetter(ctx, opts.mailer, { entryId: read.entryId, letter: decisionLetter(letterContext(org, read.entryId, next)), to: r.subject.email, recipient: "subject" , outbox: { slug, revision: read.revision } });
  return commitStep(ctx, slug, read, next, [{ kind: "representative_rejected", data: { reasons: decision.note } }, letter], opts.actor);
}
