import type { Context } from "../context.ts";
import { isRegistruError, RegistruError } from "../errors.ts";
import type { Mailer } from "../mail/index.ts";
import { promisedDeadline } from "./deadlines.ts";
import { controllerFor, forwardToController } from "./forward.ts";
import { normalisePhone } from "./identity.ts";
import type { RequestInput } from "./input.ts";
import { STAFF_CHANNELS, type LetterLanguage, type SubjectRequest } from "./model.ts";
import { requestOrganisation, type RequestOrganisation } from "./organisation.ts";
import { insertRequest, noteEvent, readRequest, type StoredRequest } from "./store.ts";
import { newVerification } from "./verification.ts";
import { sendVerificationCode } from "./verify.ts";

export interface SubmitOptions {
  /** Who recorded it: "subject" for the privacy centre, the API key or the CLI user for staff. */
  actor: string;
  /** The privacy-centre form: channel web_form, received now, no staff fields. */
  public: boolean;
  mailer?: Mailer;
}

export interface Submitted {
  request: StoredRequest;
  /** False when the code (or the forwarding) could not be e-mailed; the request is kept and can be retried. */
  mailed: boolean;
}

// A letter entered a little late is normal; a date in the future is a typing error.
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Records a request and starts it: a request about processing done for a client controller is
 * forwarded at once (S0-01, S4-09); any other gets a verification code by e-mail.
 */
export async function submitRequest(ctx: Context, slug: string, input: RequestInput, opts: SubmitOptions): Promise<Submitted> {
  const org = await requestOrganisation(ctx, slug);
  const request = buildRequest(org, input, opts, ctx.clock.now());
  const target = controllerFor(org.manifest, request.concerns);
  const received = await insertRequest(ctx, slug, request, [{ kind: "received", data: receivedEvent(request) }], opts.actor);
  ctx.log.info({ tenant: slug, request: received.entryId, right: request.right, channel: request.channel }, "request received");
  try {
    const started = target
      ? await forwardToController(ctx, org, received, target, opts)
      : await sendVerificationCode(ctx, slug, received.entryId, opts);
    return { request: started, mailed: true };
  } catch (e) {
    if (!isRegistruError(e) || !["mail_failed", "mail_not_configured"].includes(e.code)) throw e;
    await noteEvent(ctx, slug, received.entryId, { kind: target ? "forward_not_sent" : "code_not_sent", data: { reason: e.code } }, opts.actor);
    return { request: await readRequest(ctx, slug, received.entryId), mailed: false };
  }
}

const receivedEvent = (r: SubjectRequest) => ({
  right: r.right,
  channel: r.channel,
  receivedAt: r.receivedAt,
  ...(r.enteredBy && { enteredBy: r.enteredBy }),
  ...(r.representative && { representative: true }),
});

function buildRequest(org: RequestOrganisation, input: RequestInput, opts: SubmitOptions, now: Date): SubjectRequest {
  const m = org.manifest;
  const channel = opts.public ? "web_form" : (input.channel ?? "api");
  if (STAFF_CHANNELS.includes(channel) && !input.enteredBy) {
    throw new RegistruError("entered_by_required", `a request that came by ${channel} is typed in by staff: say who (enteredBy)`, 400);
  }
  const receivedAt = opts.public || !input.receivedAt ? now : new Date(input.receivedAt);
  if (receivedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw new RegistruError("invalid_received_at", "receivedAt is in the future", 400);
  if (input.representative && m.rights?.representatives === false) {
    throw new RegistruError("representatives_not_accepted", "the policy in force does not accept requests through representatives", 400);
  }
  assertDetails(input);
  const promise = m.rights?.deadlines?.[input.right];
  // A promise Registru cannot count fails here, before anything is stored.
  if (promise !== undefined) promisedDeadline(receivedAt, m.organisation.jurisdiction, promise);
  const { phone, ...identity } = input.subject;
  return {
    right: input.right,
    state: "received",
    language: input.language ?? ((m.organisation.languages[0] ?? "en") as LetterLanguage),
    channel,
    ...(input.enteredBy && !opts.public && { enteredBy: input.enteredBy }),
    receivedAt: receivedAt.toISOString(),
    jurisdiction: m.organisation.jurisdiction,
    ...(promise !== undefined && { promise }),
    subject: { ...identity, ...(phone && { phone: e164(phone, m.organisation.country) }) },
    details: input.details ?? {},
    ...(input.representative && { representative: input.representative }),
    ...(input.concerns && { concerns: input.concerns }),
    verification: newVerification(),
    pauses: [],
  };
}

function e164(phone: string, country: string): string {
  const normalised = normalisePhone(phone, country);
  if (!normalised) throw new RegistruError("invalid_phone", "subject.phone is not a valid phone number", 400, [{ path: "subject.phone", message: "not a valid phone number" }]);
  return normalised;
}

function assertDetails(input: RequestInput): void {
  const d = input.details;
  if (input.right === "rectification" && !d?.text && !Object.keys(d?.fields ?? {}).length) {
    throw new RegistruError("details_required", "a rectification says what is wrong: details.fields or details.text", 400);
  }
  if (input.right === "objection" && !d?.text && !d?.purposes?.length) {
    throw new RegistruError("details_required", "an objection names the purposes objected to: details.purposes or details.text", 400);
  }
}
