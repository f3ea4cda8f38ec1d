import { breachSummaryJson, listBreaches } from "../breaches/index.ts";
import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import { addDays } from "../law/plain-date.ts";
import { lintManifest, type Finding } from "../lint/index.ts";
import { parseManifest } from "../manifest/index.ts";
import { findLintFindings, getOrganisation } from "../organisations/index.ts";
import { listRequests } from "../requests/index.ts";
import { listRuns } from "../retention/index.ts";
import { securityRegister } from "../security/index.ts";
import { listVendorAlerts } from "../vendors/index.ts";
import type { BreachClockItem, Dashboard, DashboardOrganisation, DueRequest, LintItem, OrganisationStatus, RetentionRunItem, SecurityReviewItem, VendorAlertItem } from "./types.ts";

/** A measure whose review falls due within this many days is listed before it is overdue. */
export const REVIEW_SOON_DAYS = 30;
/** The newest retention runs shown per organisation. */
export const RUNS_PER_ORGANISATION = 3;

const SEVERITY_ORDER: Record<string, number> = { error: 0, high: 0, warning: 1, medium: 1, info: 2, low: 2 };

/** An organisation without a policy in force has no registers yet: its lists are empty, not an error. */
async function orNone<T>(work: () => Promise<T[]>): Promise<T[]> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof RegistruError && e.code === "policy_not_found") return [];
    throw e;
  }
}

async function dueRequests(ctx: Context, org: DashboardOrganisation): Promise<DueRequest[]> {
  const open = (await listRequests(ctx, org.slug)).filter((r) => r.deadline !== null);
  return open.map((r) => ({
    organisation: org.slug,
    id: r.id,
    right: r.right,
    state: r.state,
    due: r.deadline!.due,
    overdue: r.deadline!.timeLeft.overdue,
    paused: r.deadline!.timeLeft.paused,
    msLeft: r.deadline!.timeLeft.msLeft,
  }));
}

async function runningBreachClocks(ctx: Context, org: DashboardOrganisation): Promise<BreachClockItem[]> {
  const clocks = (await listBreaches(ctx, org.slug)).map((e) => breachSummaryJson(e, ctx.clock));
  return clocks
    .filter((b) => b.status !== "closed" && (b.clock.authority.state === "open" || b.clock.authority.state === "overdue"))
    .map((b) => ({
      organisation: org.slug,
      id: b.id,
      title: b.title,
      status: b.status,
      due: b.clock.authority.due,
      state: b.clock.authority.state,
      msLeft: b.clock.authority.msLeft,
      required: b.clock.authority.required,
    }));
}

async function vendorAlertsOf(ctx: Context, org: DashboardOrganisation): Promise<VendorAlertItem[]> {
  const { alerts } = await listVendorAlerts(ctx, org.slug);
  return alerts.map((a) => ({
    organisation: org.slug,
    kind: a.kind,
    severity: a.severity,
    ...(a.processor && { processor: a.processor }),
    message: a.message,
    ...(a.dueOn && { dueOn: a.dueOn }),
  }));
}

async function lastRuns(ctx: Context, org: DashboardOrganisation): Promise<RetentionRunItem[]> {
  const runs = (await listRuns(ctx, org.slug)).slice(0, RUNS_PER_ORGANISATION);
  return runs.map((r) => ({
    organisation: org.slug,
    id: r.entryId,
    status: r.data.status,
    trigger: r.data.trigger,
    startedAt: r.data.started_at,
    finishedAt: r.data.finished_at,
    tablesDone: r.data.tables.filter((t) => t.done).length,
    tables: r.data.tables.length,
    error: r.data.error,
  }));
}

/** The findings of the policy in force: the nightly lint's when it has seen this version, else linted now. */
async function lintOf(ctx: Context, org: DashboardOrganisation): Promise<{ version: number | null; items: LintItem[]; errors: number; warnings: number }> {
  const { version } = await getOrganisation(ctx, org.slug);
  if (!version) return { version: null, items: [], errors: 0, warnings: 0 };
  const stored = await findLintFindings(ctx.db, org.tenantId, version.version);
  let findings: Finding[];
  if (stored) findings = stored.findings as Finding[];
  else {
    try {
      findings = lintManifest(parseManifest(version.source, version.sourceFile), ctx.clock).findings;
    } catch {
      // Stored under an older schema: the counts recorded when it was applied still tell.
      return { version: version.version, items: [], errors: version.lintErrors, warnings: version.lintWarnings };
    }
  }
  const items = findings
    .filter((f) => f.severity !== "info")
    .map((f) => ({ organisation: org.slug, policyVersion: version.version, rule: f.rule, severity: f.severity, article: f.article, message: f.message, path: f.path, line: f.line }));
  return { version: version.version, items, errors: findings.filter((f) => f.severity === "error").length, warnings: findings.filter((f) => f.severity === "warning").length };
}

async function reviewsDue(ctx: Context, org: DashboardOrganisation): Promise<SecurityReviewItem[]> {
  const r = await securityRegister(ctx, org.slug);
  const alerts = r.alerts.map((a) => ({ organisation: org.slug, measure: a.measure, kind: a.kind, message: a.message, ...(a.dueOn && { dueOn: a.dueOn }) }));
  const horizon = addDays(r.today, REVIEW_SOON_DAYS);
  const soon = r.measures
    .filter((m) => m.state === "up_to_date" && m.nextReview !== undefined && m.nextReview <= horizon)
    .map((m) => ({ organisation: org.slug, measure: m.id, kind: "review_due_soon", message: `the review of ${m.id} falls due on ${m.nextReview}`, dueOn: m.nextReview! }));
  return [...alerts, ...soon];
}

const byDueOn = (a: { dueOn?: string }, b: { dueOn?: string }) => (a.dueOn ?? "9999").localeCompare(b.dueOn ?? "9999");

/**
 * What is due across the organisations a user works for: requests by deadline (overdue first),
 * breach clocks still running, vendor alerts, the last retention runs, the lint findings of each
 * policy in force and security reviews due. Each list is sorted most urgent first.
 */
export async function buildDashboard(ctx: Context, organisations: readonly DashboardOrganisation[]): Promise<Dashboard> {
  const parts = [];
  // One organisation after another: a DPO firm's dozens of clients must not take every pooled connection at once.
  for (const org of organisations) {
    const [requests, breaches, vendorAlerts, retentionRuns, lint, securityReviews] = await Promise.all([
      dueRequests(ctx, org),
      runningBreachClocks(ctx, org),
      orNone(() => vendorAlertsOf(ctx, org)),
      lastRuns(ctx, org),
      lintOf(ctx, org),
      orNone(() => reviewsDue(ctx, org)),
    ]);
    const status: OrganisationStatus = {
      slug: org.slug,
      name: org.name,
      policyVersion: lint.version,
      lintErrors: lint.errors,
      lintWarnings: lint.warnings,
      openRequests: requests.length,
      overdueRequests: requests.filter((r) => r.overdue).length,
      openBreaches: breaches.length,
    };
    parts.push({ status, requests, breaches, vendorAlerts, retentionRuns, lint: lint.items, securityReviews });
  }
  return {
    now: ctx.clock.now().toISOString(),
    organisations: parts.map((p) => p.status),
    requests: parts.flatMap((p) => p.requests).sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.msLeft - b.msLeft),
    breaches: parts.flatMap((p) => p.breaches).sort((a, b) => a.msLeft - b.msLeft),
    vendorAlerts: parts.flatMap((p) => p.vendorAlerts).sort((a, b) => (SEVERITY_ORDER[a.severity] ?? 3) - (SEVERITY_ORDER[b.severity] ?? 3) || byDueOn(a, b)),
    retentionRuns: parts.flatMap((p) => p.retentionRuns).sort((a, b) => (b.startedAt ?? "").localeCompare(a.startedAt ?? "")),
    lint: parts.flatMap((p) => p.lint).sort((a, b) => (SEVERITY_ORDER[a.severity] ?? 3) - (SEVERITY_ORDER[b.severity] ?? 3)),
    securityReviews: parts.flatMap((p) => p.securityReviews).sort(byDueOn),
  };
}
