import type { Dashboard as DashboardData, Grant } from "../api.ts";
import { formatDate, formatDateTime, useI18n } from "../i18n.tsx";
import { Link, orgPath } from "../router.tsx";
import { Badge, Countdown, Loading, Section, severityTone, Table, TimeLeftText, useLoad } from "../ui.tsx";

/** What is due across every organisation the user works for (GET /api/v1/dashboard). */
export function Dashboard({ grants }: { grants: Grant[] }) {
  const { t, lang } = useI18n();
  const state = useLoad<DashboardData>("/api/v1/dashboard");
  const nameOf = (slug: string) => grants.find((g) => g.slug === slug)?.name ?? slug;
  const org = (slug: string) => <Link to={orgPath(slug, "requests")}>{nameOf(slug)}</Link>;
  return (
    <>
      <h1>{t.dashboardTitle}</h1>
      <p className="ra-muted">{t.dashboardIntro}</p>
      <Loading state={state}>
        {(d) => (
          <div className="ra-grid">
            <Section title={t.orgSummary}>
              <Table
                caption={t.orgSummary}
                head={[t.colOrganisation, t.colPolicy, t.colLint, t.colOpenRequests, t.colOverdue, t.colOpenBreaches]}
                rows={d.organisations.map((o) => [
                  org(o.slug),
                  o.policyVersion === null ? t.notPolicy : `v${o.policyVersion}`,
                  `${o.lintErrors} / ${o.lintWarnings}`,
                  o.openRequests,
                  o.overdueRequests > 0 ? <Badge tone="bad">{o.overdueRequests}</Badge> : 0,
                  o.openBreaches > 0 ? <Badge tone="bad">{o.openBreaches}</Badge> : 0,
                ])}
              />
            </Section>
            <Section title={t.openBreachClocks}>
              <Table
                caption={t.openBreachClocks}
                head={[t.colOrganisation, t.colId, t.colTitle, t.colDue, t.colTimeLeft]}
                rows={d.breaches.map((b) => [
                  nameOf(b.organisation),
                  <Link to={orgPath(b.organisation, "breaches", b.id)}>{b.id}</Link>,
                  b.title,
                  formatDateTime(lang, b.due),
                  <Countdown due={b.due} serverNow={d.now} label={`${t.clockLive}: ${b.id}`} />,
                ])}
              />
            </Section>
            <Section title={t.dueRequests}>
              <Table
                caption={t.dueRequests}
                head={[t.colOrganisation, t.colId, t.colRight, t.colState, t.colDue, t.colTimeLeft]}
                rows={d.requests.map((r) => [
                  nameOf(r.organisation),
                  <Link to={orgPath(r.organisation, "requests", r.id)}>{r.id}</Link>,
                  t.rights[r.right] ?? r.right,
                  t.states[r.state] ?? r.state,
                  formatDateTime(lang, r.due),
                  <TimeLeftText msLeft={r.msLeft} overdue={r.overdue} paused={r.paused} />,
                ])}
              />
            </Section>
            <Section title={t.vendorAlerts}>
              <Table
                caption={t.vendorAlerts}
                head={[t.colOrganisation, t.colSeverity, t.colKind, t.colProcessor, t.colMessage, t.colDue]}
                rows={d.vendorAlerts.map((a) => [
                  <Link to={orgPath(a.organisation, "registers", "alerts")}>{nameOf(a.organisation)}</Link>,
                  <Badge tone={severityTone(a.severity)}>{a.severity}</Badge>,
                  a.kind,
                  a.processor ?? "—",
                  a.message,
                  a.dueOn ? formatDate(lang, a.dueOn) : "—",
                ])}
              />
            </Section>
            <Section title={t.retentionRuns}>
              <Table
                caption={t.retentionRuns}
                head={[t.colOrganisation, t.colId, t.colStatus, t.colStarted, t.colFinished, t.colProgress]}
                rows={d.retentionRuns.map((r) => [
                  <Link to={orgPath(r.organisation, "retention")}>{nameOf(r.organisation)}</Link>,
                  r.id,
                  r.error ? <Badge tone="bad">{`${r.status}: ${r.error.code}`}</Badge> : r.status,
                  formatDateTime(lang, r.startedAt),
                  formatDateTime(lang, r.finishedAt),
                  `${r.tablesDone} / ${r.tables}`,
                ])}
              />
            </Section>
            <Section title={t.securityReviews}>
              <Table
                caption={t.securityReviews}
                head={[t.colOrganisation, t.colMeasure, t.colKind, t.colMessage, t.colDue]}
                rows={d.securityReviews.map((s) => [
                  <Link to={orgPath(s.organisation, "registers", "security")}>{nameOf(s.organisation)}</Link>,
                  s.measure,
                  s.kind,
                  s.message,
                  s.dueOn ? formatDate(lang, s.dueOn) : "—",
                ])}
              />
            </Section>
            <Section title={t.lintFindings}>
              <Table
                caption={t.lintFindings}
                head={[t.colOrganisation, t.colSeverity, t.colRule, t.colArticle, t.colMessage, t.colWhere]}
                rows={d.lint.map((f) => [
                  <Link to={orgPath(f.organisation, "manifest")}>{`${nameOf(f.organisation)} v${f.policyVersion}`}</Link>,
                  <Badge tone={severityTone(f.severity)}>{f.severity}</Badge>,
                  <code>{f.rule}</code>,
                  f.article,
                  f.message,
                  `${f.path} (${f.line})`,
                ])}
              />
            </Section>
          </div>
        )}
      </Loading>
    </>
  );
}
