import { buildReferenceGraph, describeManualTask, findSubject, planForSubject, type FindResult, type FoundTable, type RemoteAnswer, type Systems } from "../connectors/index.ts";
import type { Context } from "../context.ts";
import { localDate } from "../law/index.ts";
import type { Manifest } from "../manifest/index.ts";
import { buildPackage, storePackage, type PackageStore } from "../packages/index.ts";
import { articlesFor, type LetterLanguage, type RequestOrganisation, type SubjectRequest } from "../requests/index.ts";
import { planConsent } from "./consent.ts";
import { planErasure } from "./erasure.ts";
import { heldRows } from "./holds.ts";
import type { Execution, StaffTask, SystemPlan } from "./model.ts";
import { planRectification } from "./rectification.ts";
import { changedActivities, identityLine, notificationTask, recipientsToNotify, type Change } from "./recipients.ts";
import { eventColumns, obligationIndex } from "./retention.ts";
import { readFoundRows } from "./rows.ts";
import { activityName, normalisedIdentities, processorOnly, subjectIdentities, tableActivities } from "./scope.ts";
import { executionTexts, inScript } from "./texts.ts";

const FIND_RIGHTS = new Set(["access", "portability", "erasure", "rectification", "restriction"]);

export interface PlanInput {
  ctx: Context;
  org: RequestOrganisation;
  requestId: string;
  request: SubjectRequest;
  systems: Systems;
  packages: PackageStore;
  /** Offered to HTTP systems with each find: where to call back, and the token to bear. */
  callback?: (system: string) => { url: string; token: string };
  /** Find answers HTTP systems already gave by callback. */
  answers?: ReadonlyMap<string, RemoteAnswer>;
}

const byTable = (rows: SystemPlan[]) => rows.flatMap((p) => p.rows);

/**
 * Decides everything the execution will do, before doing any of it: finds the subject's rows
 * (one indexed traversal), and turns them into effects per system, tasks for staff, the Art. 19
 * notices and, for access and portability, the package (written now: it is read-only work).
 */
export async function planExecution(p: PlanInput): Promise<Execution> {
  const { ctx, org, request: r } = p;
  const m = org.manifest;
  const now = ctx.clock.now();
  const today = localDate(now, org.jurisdiction.timeZone);
  const base: Execution = { request: p.requestId, right: r.right, state: "planned", plannedAt: now.toISOString(), systems: [], notifications: [], tasks: [] };
  const found = FIND_RIGHTS.has(r.right) ? await find(p) : undefined;
  // An HTTP system that will answer by callback: nothing is decided before its rows are known.
  const accepted = (found?.remote ?? []).filter((x) => x.status === "accepted");
  if (accepted.length > 0) return { ...base, state: "finding", awaiting: accepted.map((x) => ({ system: x.system, action: "find" as const, at: now.toISOString() })) };
  const tasks: StaffTask[] = (found?.manualTasks ?? []).map((t) => ({ kind: "search_system", target: t.system, text: describeManualTask(t) }));
  for (const remote of found?.remote ?? []) {
    if (remote.status === "failed") tasks.push({ kind: "search_system", target: remote.system, text: remoteFailed(remote.system, "find", remote.reason) });
  }
  const tables = (found?.tables ?? []).filter((t) => t.count > 0);
  const say = executionTexts(r.language);
  switch (r.right) {
    case "access":
    case "portability":
      return { ...base, ...(await planPackage(p, tables)), tasks };
    case "erasure": {
      const systems = await planErasureOf(p, tables, today);
      return withNotices(p, { ...base, systems, tasks }, "erasure");
    }
    case "rectification": {
      const { systems, unmatched } = planRectification(m, tables, r.details.fields ?? {});
      const byHand = unmatched.length > 0 || (!r.details.fields && Boolean(r.details.text));
      if (byHand) tasks.push({ kind: "rectify_by_hand", target: "request", text: [...unmatched.map((f) => `${f} = ${r.details.fields![f]}`), r.details.text ?? ""].filter(Boolean).join("\n") });
      return withNotices(p, { ...base, systems, tasks, ...(byHand && { summary: inScript(r.language, say.byHand) }) }, "rectification");
    }
    case "restriction": {
      const own = tables.filter((t) => !processorOnly(m, t));
      const systems = groupRows(own.map((t) => ({ system: t.system, table: t.table, found: t.count, restricted: t.count })));
      const activities = [...new Set(own.flatMap((t) => tableActivities(m, t.system, t.table).map((a) => a.id)))].sort();
      return withNotices(p, { ...base, systems, tasks, restriction: { identities: normalisedIdentities(m, r.subject) as Record<string, string[]>, activities } }, "restriction");
    }
    case "objection":
    case "withdraw_consent": {
      const c = await planConsent(ctx, org.slug, m, r);
      const names = (ids: string[]) => ids.map((id) => purposeName(m, id, r.language));
      const withdrawn = [...new Set(c.withdraw.flatMap((w) => w.purposes))];
      const assess = r.right === "objection" && (c.toAssess.length > 0 || !(r.details.purposes?.length));
      if (assess) tasks.push({ kind: "review_decision", target: "objection", text: [...c.toAssess, r.details.text ?? ""].filter(Boolean).join("\n") });
      const summary = [withdrawn.length ? say.withdrawn(names(withdrawn)) : r.right === "withdraw_consent" || !assess ? say.nothingToWithdraw : "", assess && c.toAssess.length ? say.objectionReviewed(names(c.toAssess)) : ""].filter(Boolean).join(" ");
      return { ...base, tasks, ...(c.withdraw.length && { consent: c.withdraw }), ...(summary && { summary: inScript(r.language, summary) }) };
    }
    case "automated_decision":
      return { ...base, tasks: [{ kind: "review_decision", target: "automated_decision", text: r.details.text ?? "" }], summary: inScript(r.language, say.reviewDecision) };
    case "complaint":
      return { ...base, tasks: [{ kind: "answer_question", target: "complaint", text: r.details.text ?? "" }] };
  }
}

async function find(p: PlanInput): Promise<FindResult> {
  const { plan, identities } = planForSubject(p.org.manifest, subjectIdentities(p.request.subject));
  return findSubject(p.systems, plan, identities, { requestId: p.requestId, ...(p.callback && { callback: p.callback }), ...(p.answers && { answers: p.answers }) });
}

/** The task when an HTTP system's callback says it could not do its part. */
export const remoteFailed = (system: string, action: string, reason: string | undefined) =>
  `System "${system}" answered that its ${action} failed${reason ? `: ${reason}` : ""}. Do it in that system by hand, then complete the request.`;

function purposeName(m: Manifest, id: string, lang: LetterLanguage): string {
  const a = m.activities.find((x) => x.id === id);
  return a ? activityName(a, lang) : id;
}

function groupRows(rows: SystemPlan["rows"]): SystemPlan[] {
  const out = new Map<string, SystemPlan>();
  for (const row of rows) {
    const plan = out.get(row.system) ?? { system: row.system, effects: [], rows: [] };
    plan.rows.push(row);
    out.set(row.system, plan);
  }
  return [...out.values()];
}

/** Portability covers what the subject provided under consent or a contract (Art. 20(1)(a)); access, every own table. */
async function planPackage(p: PlanInput, tables: FoundTable[]): Promise<Partial<Execution>> {
  const m = p.org.manifest;
  const r = p.request;
  const portable = (t: FoundTable) => tableActivities(m, t.system, t.table).some((a) => a.legal_basis?.some((b) => b === "consent" || b === "contract"));
  const included = tables.filter((t) => !processorOnly(m, t) && (r.right === "access" || portable(t)));
  const systems = groupRows(included.map((t) => ({ system: t.system, table: t.table, found: t.count, exported: t.count })));
  if (included.length === 0) return { systems };
  const zip = await buildPackage({ manifest: m, jurisdiction: p.org.jurisdiction, language: r.language, requestId: p.requestId, receivedAt: r.receivedAt, portability: r.right === "portability", tables: included });
  const stored = await storePackage(p.ctx, p.packages, p.org.slug, p.requestId, zip);
  return { systems, package: { id: p.requestId, url: stored.url, expiresAt: stored.expiresAt, bytes: stored.bytes } };
}

async function planErasureOf(p: PlanInput, tables: FoundTable[], today: string): Promise<SystemPlan[]> {
  const m = p.org.manifest;
  const sql = tables.filter((t) => ["postgres", "mysql", "mariadb", "sqlite"].includes(t.kind));
  const obligation = obligationIndex(m);
  const graph = buildReferenceGraph(m.systems ?? []);
  const columnsOf = (t: FoundTable) => {
    const spec = m.systems?.find((s) => s.id === t.system)?.tables?.[t.table];
    const events = Object.entries(spec?.fields ?? {}).filter(([, c]) => c.startsWith("event.")).map(([c]) => c);
    const referenced = (graph.referencedBy.get(`${t.system}.${t.table}`) ?? []).map((ref) => ref.parent.column);
    return [...Object.keys(spec?.belongs_to ?? {}), ...referenced, ...events, ...eventColumns(obligation(t.system, t.table)).own];
  };
  const rows = await readFoundRows(p.systems, sql, columnsOf);
  const held = await heldRows(p.ctx, p.org.slug, m, p.systems, p.request.subject, today);
  const plans = planErasure({ manifest: m, language: p.request.language, timeZone: p.org.jurisdiction.timeZone, today, tables: sql, rows, held, obligation });
  // HTTP systems erase on their side (the protocol's `erase`), with the request id as idempotency key.
  for (const system of [...new Set(tables.filter((t) => t.kind === "http").map((t) => t.system))]) {
    const mine = tables.filter((t) => t.system === system && !processorOnly(m, t));
    if (mine.length === 0) continue;
    plans.push({
      system,
      effects: [],
      remote: { action: "erase", payload: { identities: normalisedIdentities(m, p.request.subject), tables: Object.fromEntries(mine.map((t) => [t.table, "erase"])) } },
      rows: mine.map((t) => ({ system, table: t.table, found: t.count, erased: t.count })),
    });
  }
  return plans;
}

/** Art. 19: the notices for the activities whose rows the execution changes. */
function withNotices(p: PlanInput, e: Execution, change: Change): Execution {
  const m = p.org.manifest;
  const activities = changedActivities(m, byTable(e.systems));
  const orgLanguage = (m.organisation.languages[0] ?? "en") as LetterLanguage;
  // Named as the subject's letter names them; the notices themselves are in the organisation's language.
  const notifications = recipientsToNotify(m, activities, p.request.language);
  const names = activities.map((a) => activityName(a, orgLanguage));
  const info = { org: m.organisation.name, requestId: p.requestId, change, activities: names, identity: identityLine(p.request.subject), article: articlesFor(p.org.jurisdiction).notification, language: orgLanguage };
  const tasks = notifications.filter((n) => n.via === "task").map((n) => notificationTask(n, info));
  return { ...e, notifications, tasks: [...e.tasks, ...tasks] };
}
