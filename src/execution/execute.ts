import { applyEffects, callHttpSystem, openSystems, type Environment, type RemoteAnswer, type Systems } from "../connectors/index.ts";
import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import type { Mailer } from "../mail/index.ts";
import type { PackageStore } from "../packages/index.ts";
import { getEntry } from "../registers/index.ts";
import { articlesFor, completeRequest, controllerFor, requestOrganisation, requestRegister, type LetterLanguage, type RequestOrganisation, type SubjectRequest } from "../requests/index.ts";
import { anonymisationKey } from "../retention/index.ts";
import { applyConsent } from "./consent.ts";
import type { StaffTask, SystemPlan } from "./model.ts";
import { callbackOffer, recordedAnswer } from "./callbacks.ts";
import { planExecution, remoteFailed } from "./plan.ts";
import { changedActivities, identityLine, sendNotice, type Change } from "./recipients.ts";
import { markRestricted } from "./restrictions.ts";
import { activityName } from "./scope.ts";
import { EXECUTOR, findExecution, markNotified, markSystemDone, noteStep, persistFinding, persistPlan, saveExecution, type StoredExecution } from "./store.ts";

export interface ExecutionDeps {
  /** The answer letter and the Art. 19 notices go through it. */
  mailer?: Mailer;
  packages: PackageStore;
  /** Where `${NAME}` in the systems' urls is looked up; the process environment by default. */
  env?: Environment;
  /** After each system is applied and recorded. A test holds the worker here to kill it mid-request. */
  afterSystem?: (p: { slug: string; request: string; system: string; done: number }) => Promise<void>;
  /** After the answer letter is recorded as sent, before the request is recorded done. A test throws here to kill the run. */
  afterLetterSent?: () => Promise<void>;
  /** Registru's public address, where HTTP systems call back (`/o/:slug/connectors/:system/callback`); the packages' address by default. */
  publicUrl?: string;
}

export type ExecutionResult = "completed" | "waiting_for_staff" | "waiting_for_systems" | "not_in_progress";

/** Tasks without which the answer would be incomplete; telling a recipient (Art. 19) is not one of them. */
const BLOCKING: ReadonlySet<StaffTask["kind"]> = new Set(["search_system", "review_decision", "answer_question", "rectify_by_hand"]);

const CHANGES: Partial<Record<SubjectRequest["right"], Change>> = { erasure: "erasure", rectification: "rectification", restriction: "restriction" };

/**
 * Executes one verified request (state `in_progress`) to the end: plans and persists every
 * effect first, applies them system by system recording each, notifies recipients (Art. 19),
 * and completes the request, which sends the answer letter. Run again after a crash it goes on
 * from the persisted plan; a request with work only a person can do waits for staff.
 */
export async function executeRequest(ctx: Context, deps: ExecutionDeps, slug: string, id: string): Promise<ExecutionResult> {
  const read = await getEntry(ctx, slug, requestRegister, id);
  const r = read.data;
  if (r.state !== "in_progress") return "not_in_progress";
  const org = await requestOrganisation(ctx, slug);
  // S0-01, S4-09: forwarded at intake; a processor never acts on a subject's request itself.
  if (controllerFor(org.manifest, r.concerns)) throw new RegistruError("processor_side_request", `${id} concerns processing done for a client controller: it is forwarded, never executed`, 409);
  const systems = openSystems(org.manifest.systems ?? [], { env: deps.env, clock: ctx.clock });
  try {
    const offer = await callbackOffer(ctx, { tenantId: org.tenantId, slug, publicUrl: deps.publicUrl ?? deps.packages.publicUrl, requestId: id });
    let exec = await findExecution(ctx, slug, id);
    if (!exec || exec.data.state === "finding") {
      const planned = await plan(ctx, deps, org, systems, id, r, exec, offer);
      if (planned === "waiting") return "waiting_for_systems";
      exec = planned;
    }
    if (exec.data.state === "completed") return "not_in_progress";
    exec = await applySystems(ctx, deps, org, systems, slug, exec, offer);
    if (exec.data.systems.some((s) => !s.done)) {
      if (exec.data.state !== "waiting_for_systems") {
        const waiting = exec.data.systems.filter((s) => !s.done).map((s) => s.system);
        await noteStep(ctx, slug, exec, { ...exec.data, state: "waiting_for_systems" }, { kind: "execution_waiting_for_systems", data: { systems: waiting } });
      }
      return "waiting_for_systems";
    }
    if (exec.data.restriction) await markRestricted(ctx, slug, { request: id, identities: exec.data.restriction.identities, activities: exec.data.restriction.activities, since: exec.data.plannedAt }, EXECUTOR);
    if (exec.data.consent) await applyConsent(ctx, slug, id, exec.data.consent);
    if (exec.data.state === "planned" || exec.data.state === "waiting_for_systems") exec = await saveExecution(ctx, slug, exec, { ...exec.data, state: "applied" });
    exec = await notifyRecipients(ctx, deps, org, slug, exec, r);
    if (exec.data.tasks.some((t) => BLOCKING.has(t.kind))) {
      if (exec.data.state !== "waiting_for_staff") {
        const tasks = exec.data.tasks.filter((t) => BLOCKING.has(t.kind)).map((t) => t.kind);
        await noteStep(ctx, slug, exec, { ...exec.data, state: "waiting_for_staff" }, { kind: "execution_waiting_for_staff", data: { tasks } });
      }
      return "waiting_for_staff";
    }
    await completeRequest(ctx, slug, id, {}, { actor: EXECUTOR, mailer: deps.mailer, afterLetterSent: deps.afterLetterSent });
    await saveExecution(ctx, slug, exec, { ...exec.data, state: "completed" });
    return "completed";
  } finally {
    await systems.close();
  }
}

type Offer = Awaited<ReturnType<typeof callbackOffer>>;

/**
 * Plans once, or, when HTTP systems answered the find with 202, records that it waits for them
 * (`finding`). Run again, a `finding` execution calls nobody until every awaited answer is
 * recorded, then plans with those answers and replaces it.
 */
async function plan(ctx: Context, deps: ExecutionDeps, org: RequestOrganisation, systems: Systems, id: string, r: SubjectRequest, finding: StoredExecution | undefined, offer: Offer): Promise<StoredExecution | "waiting"> {
  const slug = org.slug;
  const answers = new Map<string, RemoteAnswer>();
  for (const spec of (org.manifest.systems ?? []).filter((s) => s.kind === "http")) {
    const answer = await recordedAnswer(ctx, slug, id, spec.id, "find");
    if (answer) answers.set(spec.id, answer);
  }
  if (finding?.data.awaiting?.some((a) => !answers.has(a.system))) return "waiting";
  const planned = await planExecution({ ctx, org, requestId: id, request: r, systems, packages: deps.packages, callback: (system) => offer(system, "find"), answers });
  if (planned.state === "finding") {
    // A system that answered at once before may answer 202 this time: it is awaited too.
    if (!finding) await persistFinding(ctx, slug, planned);
    else await saveExecution(ctx, slug, finding, { ...finding.data, awaiting: [...(finding.data.awaiting ?? []), ...(planned.awaiting ?? []).filter((a) => !finding.data.awaiting?.some((x) => x.system === a.system))] });
    return "waiting";
  }
  return persistPlan(ctx, slug, planned, finding);
}

/** Each system not yet marked done: its effects in one transaction of its own, then the mark. */
async function applySystems(ctx: Context, deps: ExecutionDeps, org: RequestOrganisation, systems: Systems, slug: string, exec: StoredExecution, offer: Offer): Promise<StoredExecution> {
  let secret: Buffer | undefined;
  for (let i = 0; i < exec.data.systems.length; i++) {
    const s = exec.data.systems[i]!;
    if (s.done) continue;
    let applied: Applied;
    if (s.remote) {
      const answer = await applyRemote(ctx, slug, systems, exec.data.request, s, offer);
      if (answer === "accepted") {
        // The system answers by callback; one that came already (before this mark) is taken next run.
        if (!s.pending) exec = await saveExecution(ctx, slug, exec, { ...exec.data, systems: exec.data.systems.map((x, j) => (j === i ? { ...x, pending: { at: ctx.clock.now().toISOString() } } : x)) });
        continue;
      }
      applied = answer;
    } else {
      if (s.effects.some((e) => e.kind === "anonymise")) secret ??= await anonymisationKey(ctx.db, org.tenantId);
      applied = await applySystem(systems, s, secret);
    }
    exec = await markSystemDone(ctx, slug, exec, i, applied);
    await deps.afterSystem?.({ slug, request: exec.data.request, system: s.system, done: exec.data.systems.filter((x) => x.done).length });
  }
  return exec;
}

type Applied = { matched: number[]; rows?: SystemPlan["rows"]; tasks?: StaffTask[] };

async function applySystem(systems: Systems, s: SystemPlan, secret: Buffer | undefined): Promise<Applied> {
  if (s.effects.length === 0) return { matched: [] };
  const outcomes = await applyEffects(systems, s.system, s.effects, secret ? { secret } : {});
  return { matched: outcomes.map((o) => o.rows) };
}

/**
 * An HTTP system's write (the protocol's `erase` / `rectify`, the request id as idempotency key),
 * offering a callback. Its answer now (200), by a callback already recorded, or "accepted" while
 * the callback has not come. A pending write is not sent again: its callback is awaited.
 */
async function applyRemote(ctx: Context, slug: string, systems: Systems, requestId: string, s: SystemPlan, offer: Offer): Promise<Applied | "accepted"> {
  const remote = s.remote!;
  const recorded = await recordedAnswer(ctx, slug, requestId, s.system, remote.action);
  if (recorded) return remoteOutcome(s, recorded);
  if (s.pending) return "accepted";
  const callback = offer(s.system, remote.action);
  const outcome = await callHttpSystem(systems.http(s.system), remote.action, remote.payload, { clock: ctx.clock, requestId, callbackUrl: callback.url, callbackToken: callback.token });
  if (outcome.status === "done") return remoteOutcome(s, { status: "done", result: outcome.result });
  // A system that calls back at once may have been quicker than this run.
  const early = await recordedAnswer(ctx, slug, requestId, s.system, remote.action);
  return early ? remoteOutcome(s, early) : "accepted";
}

/** What the system says it did replaces what Registru found, when it says it; a failure is a task for staff. */
function remoteOutcome(s: SystemPlan, answer: RemoteAnswer): Applied {
  if (answer.status === "failed") {
    const rows = s.rows.map((row) => ({ system: row.system, table: row.table, found: row.found }));
    return { matched: rows.map(() => 0), rows, tasks: [{ kind: "search_system", target: s.system, text: remoteFailed(s.system, s.remote!.action, answer.reason) }] };
  }
  const affected = (answer.result as { tables?: Record<string, { affected?: unknown }> } | undefined)?.tables ?? {};
  const count = (table: string) => {
    const n = Object.hasOwn(affected, table) ? affected[table]?.affected : undefined;
    return typeof n === "number" && Number.isInteger(n) && n >= 0 ? n : undefined;
  };
  const field = s.remote!.action === "rectify" ? "rectified" : "erased";
  const rows = s.rows.map((row) => (count(row.table) === undefined ? row : { ...row, [field]: count(row.table)! }));
  return { matched: rows.map((row) => row[field] ?? 0), rows };
}

/**
 * Art. 19: e-mails the recipients that have an address (each marked as it goes, so a resumed run
 * does not write twice to those already told); the others are tasks in the plan. One timeline
 * step records it.
 */
async function notifyRecipients(ctx: Context, deps: ExecutionDeps, org: RequestOrganisation, slug: string, exec: StoredExecution, r: SubjectRequest): Promise<StoredExecution> {
  const change = CHANGES[r.right];
  if (!change || exec.data.notifications.length === 0 || exec.data.notifiedAt) return exec;
  const orgLanguage = (org.manifest.organisation.languages[0] ?? "en") as LetterLanguage;
  const activities = changedActivities(org.manifest, exec.data.systems.flatMap((s) => s.rows));
  const info = { org, requestId: exec.data.request, change, activities: activities.map((a) => activityName(a, orgLanguage)), identity: identityLine(r.subject), article: articlesFor(org.jurisdiction).notification, language: orgLanguage };
  for (let i = 0; i < exec.data.notifications.length; i++) {
    const n = exec.data.notifications[i]!;
    if (n.via !== "email" || n.sentAt) continue;
    const messageId = await sendNotice(ctx, deps.mailer, n, info);
    const notifications = exec.data.notifications.map((x, j) => (j === i ? { ...x, sentAt: ctx.clock.now().toISOString(), messageId } : x));
    exec = await saveExecution(ctx, slug, exec, { ...exec.data, notifications });
  }
  const byEmail = exec.data.notifications.filter((n) => n.via === "email").map((n) => n.id);
  const byTask = exec.data.notifications.filter((n) => n.via === "task").map((n) => n.id);
  return markNotified(ctx, slug, exec, { email: byEmail, tasks: byTask });
}
