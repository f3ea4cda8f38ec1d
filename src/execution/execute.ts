import { applyEffects, callHttpSystem, openSystems, type Environment, type Systems } from "../connectors/index.ts";
import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import type { Mailer } from "../mail/index.ts";
import type { PackageStore } from "../packages/index.ts";
import { getEntry } from "../registers/index.ts";
import { articlesFor, completeRequest, controllerFor, requestOrganisation, requestRegister, type LetterLanguage, type RequestOrganisation, type SubjectRequest } from "../requests/index.ts";
import { anonymisationKey } from "../retention/index.ts";
import { applyConsent } from "./consent.ts";
import type { StaffTask, SystemPlan } from "./model.ts";
import { planExecution } from "./plan.ts";
import { changedActivities, identityLine, sendNotice, type Change } from "./recipients.ts";
import { markRestricted } from "./restrictions.ts";
import { activityName } from "./scope.ts";
import { EXECUTOR, findExecution, markNotified, markSystemDone, noteStep, persistPlan, saveExecution, type StoredExecution } from "./store.ts";

export interface ExecutionDeps {
  /** The answer letter and the Art. 19 notices go through it. */
  mailer?: Mailer;
  packages: PackageStore;
  /** Where `${NAME}` in the systems' urls is looked up; the process environment by default. */
  env?: Environment;
  /** After each system is applied and recorded. A test holds the worker here to kill it mid-request. */
  afterSystem?: (p: { slug: string; request: string; system: string; done: number }) => Promise<void>;
}

export type ExecutionResult = "completed" | "waiting_for_staff" | "not_in_progress";

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
    let exec = (await findExecution(ctx, slug, id)) ?? (await persistPlan(ctx, slug, await planExecution({ ctx, org, requestId: id, request: r, systems, packages: deps.packages })));
    if (exec.data.state === "completed") return "not_in_progress";
    exec = await applySystems(ctx, deps, org, systems, slug, exec);
    if (exec.data.restriction) await markRestricted(ctx, slug, { request: id, identities: exec.data.restriction.identities, activities: exec.data.restriction.activities, since: exec.data.plannedAt }, EXECUTOR);
    if (exec.data.consent) await applyConsent(ctx, slug, id, exec.data.consent);
    if (exec.data.state === "planned") exec = await saveExecution(ctx, slug, exec, { ...exec.data, state: "applied" });
    exec = await notifyRecipients(ctx, deps, org, slug, exec, r);
    if (exec.data.tasks.some((t) => BLOCKING.has(t.kind))) {
      if (exec.data.state !== "waiting_for_staff") {
        const tasks = exec.data.tasks.filter((t) => BLOCKING.has(t.kind)).map((t) => t.kind);
        await noteStep(ctx, slug, exec, { ...exec.data, state: "waiting_for_staff" }, { kind: "execution_waiting_for_staff", data: { tasks } });
      }
      return "waiting_for_staff";
    }
    await completeRequest(ctx, slug, id, {}, { actor: EXECUTOR, mailer: deps.mailer });
    await saveExecution(ctx, slug, exec, { ...exec.data, state: "completed" });
    return "completed";
  } finally {
    await systems.close();
  }
}

/** Each system not yet marked done: its effects in one transaction of its own, then the mark. */
async function applySystems(ctx: Context, deps: ExecutionDeps, org: RequestOrganisation, systems: Systems, slug: string, exec: StoredExecution): Promise<StoredExecution> {
  let secret: Buffer | undefined;
  for (let i = 0; i < exec.data.systems.length; i++) {
    const s = exec.data.systems[i]!;
    if (s.done) continue;
    if (s.effects.some((e) => e.kind === "anonymise")) secret ??= await anonymisationKey(ctx.db, org.tenantId);
    const applied = await applySystem(ctx, systems, exec.data.request, s, secret);
    exec = await markSystemDone(ctx, slug, exec, i, applied);
    await deps.afterSystem?.({ slug, request: exec.data.request, system: s.system, done: exec.data.systems.filter((x) => x.done).length });
  }
  return exec;
}

async function applySystem(ctx: Context, systems: Systems, requestId: string, s: SystemPlan, secret: Buffer | undefined) {
  if (s.remote) {
    const outcome = await callHttpSystem(systems.http(s.system), s.remote.action, s.remote.payload, { clock: ctx.clock, requestId });
    const affected = outcome.status === "done" ? (outcome.result as { tables?: Record<string, { affected?: number }> }).tables ?? {} : {};
    // What the system says it did replaces what Registru found, when it says it.
    const rows = s.rows.map((row) => (typeof affected[row.table]?.affected === "number" ? { ...row, erased: affected[row.table]!.affected! } : row));
    return { matched: rows.map((row) => row.erased ?? row.rectified ?? 0), rows };
  }
  if (s.effects.length === 0) return { matched: [] };
  const outcomes = await applyEffects(systems, s.system, s.effects, secret ? { secret } : {});
  return { matched: outcomes.map((o) => o.rows) };
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
