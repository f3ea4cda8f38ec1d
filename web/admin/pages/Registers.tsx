import { orgUrl } from "../api.ts";
import { formatDate, useI18n, type Language } from "../i18n.tsx";
import { Link, orgPath } from "../router.tsx";
import { Badge, Loading, Section, severityTone, Table, useLoad } from "../ui.tsx";
import { ExportLinks } from "./exports.tsx";

const REGISTERS = ["activities", "processors", "transfers", "alerts", "dpia", "security"] as const;
type Register = (typeof REGISTERS)[number];

type Localized = string | Record<string, string>;
const pick = (v: Localized | undefined, lang: Language) => (v === undefined ? "—" : typeof v === "string" ? v : (v[lang] ?? v.en ?? Object.values(v)[0] ?? "—"));

interface Ropa {
  policyVersion: number;
  identity: Array<{ term: string; value: string }>;
  security: string[];
  controllerColumns: string[];
  processorColumns: string[];
  controller: string[][];
  processor: string[][];
}

function Activities({ slug }: { slug: string }) {
  const { t, lang } = useI18n();
  const state = useLoad<Ropa>(orgUrl(slug, `/activities?lang=${lang}`));
  return (
    <>
      <ExportLinks base={orgUrl(slug, "/ropa")} dotted lang={lang} />
      <Loading state={state}>
        {(r) => (
          <>
            <dl className="ra-facts">
              {r.identity.map((i) => (
                <div key={i.term}>
                  <dt>{i.term}</dt>
                  <dd>{i.value}</dd>
                </div>
              ))}
            </dl>
            <Section title={t.controllerRecord} level={3}>
              <Table caption={t.controllerRecord} head={r.controllerColumns} rows={r.controller} />
            </Section>
            {r.processor.length > 0 && (
              <Section title={t.processorRecord} level={3}>
                <Table caption={t.processorRecord} head={r.processorColumns} rows={r.processor} />
              </Section>
            )}
          </>
        )}
      </Loading>
    </>
  );
}

interface Processors {
  processors: Array<{ id: string; name: string; country?: string; dpa: { state: string; signed?: string; ends?: string; missingTerms: string[]; breachNoticeHours?: number }; activities: string[]; subProcessors: string[] }>;
}

function ProcessorList({ slug }: { slug: string }) {
  const { t, lang } = useI18n();
  const state = useLoad<Processors>(orgUrl(slug, "/processors"));
  return (
    <>
      <ExportLinks base={orgUrl(slug, "/processors")} />
      <Loading state={state}>
        {(d) => (
          <Table
            caption={t.processors}
            head={[t.colProcessor, t.colCountry, "DPA", t.colDue, t.activities, t.colSubProcessors]}
            rows={d.processors.map((p) => [
              `${p.name} (${p.id})`,
              p.country ?? "—",
              <Badge tone={p.dpa.state === "in_force" ? "ok" : p.dpa.state === "expiring" ? "warn" : "bad"}>{p.dpa.state}</Badge>,
              p.dpa.ends ? formatDate(lang, p.dpa.ends) : "—",
              p.activities.join(", "),
              p.subProcessors.join(", ") || "—",
            ])}
          />
        )}
      </Loading>
    </>
  );
}

interface Transfers {
  transfers: Array<{ source: string; who: string; activity?: string; country: string; mechanism?: string; status: { kind: string; article: string }; lawful: boolean }>;
}

function TransferList({ slug }: { slug: string }) {
  const { t } = useI18n();
  const state = useLoad<Transfers>(orgUrl(slug, "/transfers"));
  return (
    <>
      <ExportLinks base={orgUrl(slug, "/transfers")} />
      <Loading state={state}>
        {(d) => (
          <Table
            caption={t.transfers}
            head={[t.colWho, t.colCountry, t.activity, t.colMechanism, t.colArticle, t.colStatus]}
            rows={d.transfers.map((x) => [
              `${x.who} (${x.source})`,
              x.country,
              x.activity ?? "—",
              x.mechanism ?? "—",
              x.status.article,
              <Badge tone={x.lawful ? "ok" : "bad"}>{x.status.kind}</Badge>,
            ])}
          />
        )}
      </Loading>
    </>
  );
}

interface Alerts {
  alerts: Array<{ kind: string; severity: string; processor?: string; country?: string; article: string; message: string; dueOn?: string; raisedOn?: string }>;
}

function AlertList({ slug }: { slug: string }) {
  const { t, lang } = useI18n();
  const state = useLoad<Alerts>(orgUrl(slug, "/vendor-alerts"));
  return (
    <>
      <ExportLinks base={orgUrl(slug, "/vendor-alerts")} />
      <Loading state={state}>
        {(d) => (
          <Table
            caption={t.alerts}
            head={[t.colSeverity, t.colKind, t.colProcessor, t.colMessage, t.colArticle, t.colDue]}
            rows={d.alerts.map((a) => [
              <Badge tone={severityTone(a.severity)}>{a.severity}</Badge>,
              a.kind,
              a.processor ?? a.country ?? "—",
              a.message,
              a.article,
              a.dueOn ? formatDate(lang, a.dueOn) : "—",
            ])}
          />
        )}
      </Loading>
    </>
  );
}

interface Assessments {
  assessments: Array<{ entryId: string; status: string; assessment: { activity?: string; review_on?: string }; residualRisk: string; priorConsultationRequired: boolean; reviewOverdue: boolean }>;
}

function DpiaList({ slug }: { slug: string }) {
  const { t, lang } = useI18n();
  const state = useLoad<Assessments>(orgUrl(slug, "/dpia"));
  return (
    <>
      <ExportLinks base={orgUrl(slug, "/dpia")} />
      <Loading state={state}>
        {(d) => (
          <Table
            caption={t.dpia}
            head={[t.colId, t.activity, t.colStatus, t.colRisk, t.colDue]}
            rows={d.assessments.map((a) => [
              a.entryId,
              a.assessment.activity ?? "—",
              a.status,
              <Badge tone={a.residualRisk === "high" ? "bad" : a.residualRisk === "medium" ? "warn" : "ok"}>{a.residualRisk}</Badge>,
              a.assessment.review_on ? <span className={a.reviewOverdue ? "ra-overdue" : undefined}>{formatDate(lang, a.assessment.review_on)}</span> : "—",
            ])}
          />
        )}
      </Loading>
    </>
  );
}

interface Security {
  measures: Array<{ id: string; kind: string; measure: Localized; every?: string; lastReview?: { on: string; outcome: string }; nextReview?: string; state: string }>;
}

function SecurityList({ slug }: { slug: string }) {
  const { t, lang } = useI18n();
  const state = useLoad<Security>(orgUrl(slug, "/security-measures"));
  return (
    <>
      <ExportLinks base={orgUrl(slug, "/security-measures")} />
      <Loading state={state}>
        {(d) => (
          <Table
            caption={t.security}
            head={[t.colMeasure, t.colKind, t.colStatus, t.colFinished, t.colDue]}
            rows={d.measures.map((m) => [
              pick(m.measure, lang),
              m.kind,
              <Badge tone={m.state === "overdue" || m.state === "never_reviewed" ? "bad" : "ok"}>{m.state}</Badge>,
              m.lastReview ? `${formatDate(lang, m.lastReview.on)} (${m.lastReview.outcome})` : "—",
              m.nextReview ? formatDate(lang, m.nextReview) : "—",
            ])}
          />
        )}
      </Loading>
    </>
  );
}

/** The DPO's registers of one organisation, each with its export links; breaches have their own page. */
export function Registers({ slug, register }: { slug: string; register: string }) {
  const { t } = useI18n();
  const current = (REGISTERS as readonly string[]).includes(register) ? (register as Register) : "activities";
  const body = { activities: Activities, processors: ProcessorList, transfers: TransferList, alerts: AlertList, dpia: DpiaList, security: SecurityList }[current];
  const Body = body;
  return (
    <>
      <h1>{t.registerTitle}</h1>
      <nav aria-label={t.registerTitle} className="ra-tabs">
        <ul>
          {REGISTERS.map((r) => (
            <li key={r}>
              <Link to={orgPath(slug, "registers", r)} className={r === current ? "ra-active" : undefined}>
                {t[r]}
              </Link>
            </li>
          ))}
          <li>
            <Link to={orgPath(slug, "breaches")}>{t.breaches}</Link>
          </li>
        </ul>
      </nav>
      <Section title={t[current]}>
        <Body slug={slug} />
      </Section>
    </>
  );
}
