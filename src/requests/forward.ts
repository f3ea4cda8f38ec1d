import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import type { Mailer } from "../mail/index.ts";
import type { Manifest, ProcessingActivity } from "../manifest/index.ts";
import { controllerForwardLetter, forwardedLetter } from "./letters/index.ts";
import { assertAllowed } from "./lifecycle.ts";
import { sendLetter } from "./mailing.ts";
import type { LetterLanguage, SubjectRequest } from "./model.ts";
import { letterContext, localized, requestOrganisation, type RequestOrganisation } from "./organisation.ts";
import { commitStep, readRequest, type StoredRequest } from "./store.ts";

type Client = NonNullable<Manifest["clients"]>[number];

export interface ControllerTarget {
  activity: ProcessingActivity;
  client: Client;
  email: string;
}

/**
 * The client controller a request must go to, when it concerns an activity the organisation does
 * as a processor (S0-01; the DPA clause of S4-09: forward at once, do not answer). Undefined for
 * the organisation's own processing. The client is the one named, or the only one possible.
 */
export function controllerFor(m: Manifest, concerns: SubjectRequest["concerns"]): ControllerTarget | undefined {
  if (!concerns?.activity) return undefined;
  const activity = m.activities.find((a) => a.id === concerns.activity);
  if (!activity) throw new RegistruError("unknown_activity", `no activity "${concerns.activity}" in the policy in force`, 400);
  if (activity.role !== "processor") return undefined;
  const clients = m.clients ?? [];
  const possible = activity.controllers === "each_client" || !activity.controllers ? clients : clients.filter((c) => (activity.controllers as string[]).includes(c.id));
  const client = concerns.client ? possible.find((c) => c.id === concerns.client) : possible.length === 1 ? possible[0] : undefined;
  if (!client) {
    const ids = possible.map((c) => c.id).join(", ") || "none defined under clients";
    const code = concerns.client ? "unknown_client" : "client_required";
    throw new RegistruError(code, `"${activity.id}" is done as a processor for a client controller; name the client (${ids})`, 400);
  }
  const email = client.contact?.email;
  if (!email) throw new RegistruError("controller_contact_missing", `client "${client.id}" has no contact e-mail in the policy: the request cannot be forwarded`, 409);
  return { activity, client, email };
}

/**
 * Sends the request to the client controller, tells the subject who the controller is, and closes
 * the request as `forwarded`. Both messages go before anything is recorded.
 */
export async function forwardToController(ctx: Context, org: RequestOrganisation, read: StoredRequest, target: ControllerTarget, opts: { actor: string; mailer?: Mailer }): Promise<StoredRequest> {
  const r = read.data;
  assertAllowed(r.state, "forward");
  const now = ctx.clock.now();
  const next: SubjectRequest = {
    ...r,
    state: "forwarded",
    concerns: { activity: target.activity.id, client: target.client.id },
    forwardedTo: { client: target.client.id, name: target.client.name, email: target.email, activity: target.activity.id, at: now.toISOString() },
    completedAt: now.toISOString(),
  };
  const c = letterContext(org, read.entryId, next);
  const orgLanguage = (org.manifest.organisation.languages[0] ?? "en") as LetterLanguage;
  const toController = controllerForwardLetter(c, { activity: localized(target.activity.name, orgLanguage) ?? target.activity.id, language: orgLanguage });
  const toSubject = forwardedLetter(c, { activity: localized(target.activity.name, r.language) ?? target.activity.id });
  const controllerMail = await sendLetter(ctx, opts.mailer, { entryId: read.entryId, letter: toController, to: target.email, recipient: "controller" , outbox: { slug: org.slug, revision: read.revision } });
  const subjectMail = await sendLetter(ctx, opts.mailer, { entryId: read.entryId, letter: toSubject, to: r.subject.email, recipient: "subject" , outbox: { slug: org.slug, revision: read.revision } });
  const event = { kind: "forwarded", data: { activity: target.activity.id, client: target.client.id } };
  const done = await commitStep(ctx, org.slug, read, next, [event, controllerMail, subjectMail], opts.actor);
  ctx.log.info({ tenant: org.slug, request: read.entryId, client: target.client.id }, "request forwarded to the controller");
  return done;
}

/** Staff found that a request concerns processing done for a client: forward it. */
export async function forwardRequest(ctx: Context, slug: string, id: string, concerns: { activity: string; client?: string }, opts: { actor: string; mailer?: Mailer }): Promise<StoredRequest> {
  const org = await requestOrganisation(ctx, slug);
  const target = controllerFor(org.manifest, concerns);
  if (!target) throw new RegistruError("not_processor_activity", `"${concerns.activity}" is the organisation's own processing: answer the request, do not forward it`, 409);
  return forwardToController(ctx, org, await readRequest(ctx, slug, id), target, opts);
}
