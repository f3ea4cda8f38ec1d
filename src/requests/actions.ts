import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import { decisionLetter, extensionLetter } from "./letters/index.ts";
import { articlesFor } from "./letters/index.ts";
import { requestDeadline } from "./deadlines.ts";
import type { RefusalInput } from "./input.ts";
import { assertAllowed } from "./lifecycle.ts";
import { sendLetter } from "./mailing.ts";
import type { SubjectRequest } from "./model.ts";
import { letterContext, requestOrganisation } from "./organisation.ts";
import { commitStep, readRequest, type StoredRequest } from "./store.ts";
import type { StepOptions } from "./verify.ts";

const dueIso = (r: SubjectRequest) => requestDeadline(r).due.toISOString();

/**
 * Stops the clock, for a stated reason (waiting for the subject's answer, for a fee). The
 * deadline moves by exactly the time until `resume`; nothing else ever pauses it.
 */
export async function pauseRequest(ctx: Context, slug: string, id: string, reason: string, opts: StepOptions): Promise<StoredRequest> {
  const read = await readRequest(ctx, slug, id);
  const r = read.data;
  assertAllowed(r.state, "pause");
  const next: SubjectRequest = { ...r, state: "awaiting", pauses: [...r.pauses, { from: ctx.clock.now().toISOString(), reason, by: opts.actor }] };
  return commitStep(ctx, slug, read, next, [{ kind: "paused", data: { reason, dueBefore: dueIso(r) } }], opts.actor);
}

export async function resumeRequest(ctx: Context, slug: string, id: string, reason: string, opts: StepOptions): Promise<StoredRequest> {
  const read = await readRequest(ctx, slug, id);
  const r = read.data;
  assertAllowed(r.state, "resume");
  const now = ctx.clock.now();
  const open = r.pauses.at(-1)!;
  const closed = { ...open, to: now.toISOString(), resumeReason: reason, resumedBy: opts.actor };
  const next: SubjectRequest = { ...r, state: "in_progress", pauses: [...r.pauses.slice(0, -1), closed] };
  const pausedMs = now.getTime() - new Date(open.from).getTime();
  return commitStep(ctx, slug, read, next, [{ kind: "resumed", data: { reason, pausedMs, due: dueIso(next) } }], opts.actor);
}

/**
 * GDPR Art. 12(3) / ZZPL čl. 21: two further months (60 days) for a complex or numerous request,
 * once, with reasons, decided and told to the subject while the first period still runs.
 */
export async function extendRequest(ctx: Context, slug: string, id: string, reason: string, opts: StepOptions): Promise<StoredRequest> {
  const read = await readRequest(ctx, slug, id);
  const r = read.data;
  assertAllowed(r.state, "extend");
  if (r.extension) throw new RegistruError("already_extended", "the deadline of this request was already extended", 409);
  const now = ctx.clock.now();
  const d = requestDeadline(r);
  if ((d.pausedSince ?? now).getTime() > d.firstPeriodDue.getTime()) {
    throw new RegistruError("extension_too_late", `the first period ended on ${d.firstPeriodDue.toISOString()}: an extension must be told to the subject within it (${d.article})`, 409);
  }
  const org = await requestOrganisation(ctx, slug);
  const next: SubjectRequest = { ...r, extension: { at: now.toISOString(), reason, by: opts.actor } };
  const letter = await sendLetter(ctx, opts.mailer, { entryId: read.entryId, letter: extensionLetter(letterContext(org, read.entryId, next)), to: r.subject.email, recipient: "subject" , outbox: { slug, revision: read.revision } });
  return commitStep(ctx, slug, read, next, [{ kind: "extended", data: { reason, dueBefore: d.due.toISOString(), due: dueIso(next) } }, letter], opts.actor);
}

/**
 * GDPR Art. 12(5): refuse, or charge a reasonable fee for, a manifestly unfounded or excessive
 * request, with reasons and the way to complain; only where the policy reserves it
 * (`rights.refusal_or_fee`). A fee pauses the request until it is paid (`resume`).
 */
export async function refuseRequest(ctx: Context, slug: string, id: string, input: RefusalInput, opts: StepOptions): Promise<StoredRequest> {
  const org = await requestOrganisation(ctx, slug);
  if (org.manifest.rights?.refusal_or_fee !== true) {
    throw new RegistruError("refusal_not_reserved", "the policy in force does not reserve refusing or charging for manifestly unfounded or excessive requests (rights.refusal_or_fee)", 409);
  }
  const read = await readRequest(ctx, slug, id);
  const r = read.data;
  const fee = input.decision === "fee";
  assertAllowed(r.state, fee ? "charge_fee" : "refuse");
  if (fee && !input.fee) throw new RegistruError("fee_required", "give the fee's amount and currency", 400);
  const now = ctx.clock.now().toISOString();
  const decision = { kind: fee ? "fee" : "refused", ground: input.ground, reasons: input.reasons, ...(fee && { fee: input.fee }), article: articlesFor(org.jurisdiction).refusal, at: now, by: opts.actor } as const;
  const next: SubjectRequest = fee
    ? { ...r, decision, state: "awaiting", pauses: [...r.pauses, { from: now, reason: `fee of ${input.fee!.amount} ${input.fee!.currency} requested`, by: opts.actor }] }
    : { ...r, decision, state: "refused", completedAt: now };
  const letter = await sendLetter(ctx, opts.mailer, { entryId: read.entryId, letter: decisionLetter(letterContext(org, read.entryId, next)), to: r.subject.email, recipient: "subject" , outbox: { slug, revision: read.revision } });
  const event = fee ? { kind: "fee_requested", data: { ground: input.ground, reasons: input.reasons, fee: input.fee } } : { kind: "refused", data: { ground: input.ground, reasons: input.reasons } };
  return commitStep(ctx, slug, read, next, [event, letter], opts.actor);
}
