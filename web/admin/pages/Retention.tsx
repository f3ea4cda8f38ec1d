import { useEffect, useState, type FormEvent } from "react";
import { api, orgUrl } from "../api.ts";
import { formatDateTime, useI18n } from "../i18n.tsx";
import { Badge, ErrorMessage, Field, Loading, Section, Table, TextArea, useAction, useLoad } from "../ui.tsx";

interface Counts {
  expired: number;
  held: number;
  deleted: number;
  anonymised: number;
}

interface TableEvidence {
  system: string;
  table: string;
  action: string;
  periods: Array<{ label: string; cutoff: string }>;
  counts: Counts;
  done?: boolean;
}

interface Plan {
  today: string;
  holds: number;
  tables: TableEvidence[];
  notEnforceable: Array<{ system: string; table: string; reason: string }>;
}

interface Run {
  id: string;
  status: string;
  trigger: string;
  requestedBy: string;
  startedAt: string | null;
  finishedAt: string | null;
  batches: number;
  tables: TableEvidence[];
  error: { code: string; message: string } | null;
}

interface Hold {
  id: string;
  status: string;
  subject?: Record<string, string[]>;
  record?: { system: string; table: string; key: string | number };
  reason: string;
  until?: string;
  keep?: string;
  ends?: string;
  lastDay: string | null;
}

function EvidenceTable({ tables, caption }: { tables: TableEvidence[]; caption: string }) {
  const { t } = useI18n();
  return (
    <Table
      caption={caption}
      head={[t.table, t.action, t.colRule, t.expiredRows, t.held, t.deleted, t.anonymised]}
      rows={tables.map((x) => [
        `${x.system}.${x.table}${x.done === undefined ? "" : x.done ? " ✓" : ""}`,
        x.action,
        x.periods.map((p) => `${p.label} ≤ ${p.cutoff}`).join("; "),
        x.counts.expired,
        x.counts.held,
        x.counts.deleted,
        x.counts.anonymised,
      ])}
    />
  );
}

function PlanView({ slug }: { slug: string }) {
  const { t } = useI18n();
  const [plan, setPlan] = useState<Plan>();
  const { busy, error, run } = useAction();
  return (
    <>
      <button type="button" disabled={busy} onClick={() => void run(async () => setPlan(await api.get<Plan>(orgUrl(slug, "/retention/plan"))))}>
        {t.showPlan}
      </button>
      <ErrorMessage error={error} />
      {plan && (
        <>
          <p>
            {plan.today} — {t.holds}: {plan.holds}
          </p>
          <EvidenceTable tables={plan.tables} caption={t.plan} />
          {plan.notEnforceable.length > 0 && (
            <ul>
              {plan.notEnforceable.map((n) => (
                <li key={`${n.system}.${n.table}`}>
                  {n.system}.{n.table}: {n.reason}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}

function RunList({ slug }: { slug: string }) {
  const { t, lang } = useI18n();
  const runs = useLoad<{ runs: Run[] }>(orgUrl(slug, "/retention/runs"));
  const [open, setOpen] = useState<string>();
  const { busy, error, done, run } = useAction();
  const running = runs.data?.runs.some((r) => r.status === "queued" || r.status === "running");
  // A run in progress is polled so its progress moves on the page.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void runs.reload(), 2000);
    return () => clearInterval(timer);
  }, [running, runs.reload]);
  const start = () =>
    void run(async () => {
      await api.post(orgUrl(slug, "/retention/runs"));
      await runs.reload();
    });
  return (
    <>
      <button type="button" disabled={busy} onClick={start}>
        {t.startRun}
      </button>
      {done && <p role="status">{t.runStarted}</p>}
      <ErrorMessage error={error} />
      <Loading state={runs}>
        {(d) => (
          <>
            <Table
              caption={t.runs}
              head={[t.colId, t.colStatus, t.colWho, t.colStarted, t.colFinished, t.colProgress, t.evidence]}
              rows={d.runs.map((r) => {
                const doneTables = r.tables.filter((x) => x.done).length;
                return [
                  r.id,
                  r.error ? <Badge tone="bad">{`${r.status}: ${r.error.code}`}</Badge> : r.status,
                  r.requestedBy,
                  formatDateTime(lang, r.startedAt),
                  formatDateTime(lang, r.finishedAt),
                  <progress max={Math.max(1, r.tables.length)} value={doneTables} aria-label={`${r.id}: ${doneTables} / ${r.tables.length}`} />,
                  <button type="button" aria-expanded={open === r.id} onClick={() => setOpen(open === r.id ? undefined : r.id)}>
                    {t.evidence} {r.id}
                  </button>,
                ];
              })}
            />
            {open && d.runs.find((r) => r.id === open) && <EvidenceTable tables={d.runs.find((r) => r.id === open)!.tables} caption={`${t.evidence} ${open}`} />}
          </>
        )}
      </Loading>
    </>
  );
}

function HoldRow({ slug, hold, onChange }: { slug: string; hold: Hold; onChange(): void }) {
  const { t } = useI18n();
  const [ends, setEnds] = useState("");
  const { busy, error, run } = useAction();
  const url = orgUrl(slug, `/legal-holds/${hold.id}`);
  if (hold.status !== "active") return null;
  return (
    <form
      className="ra-inline"
      aria-label={hold.id}
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          await api.patch(url, { ends });
          onChange();
        });
      }}
    >
      <ErrorMessage error={error} />
      {!hold.ends && hold.keep && (
        <>
          <Field label={`${t.endHold} (${hold.id})`} type="date" value={ends} onChange={(e) => setEnds(e.target.value)} required />
          <button type="submit" disabled={busy}>
            {t.end}
          </button>
        </>
      )}
      <button
        type="button"
        disabled={busy}
        onClick={() =>
          void run(async () => {
            await api.delete(url);
            onChange();
          })
        }
      >
        {t.release} {hold.id}
      </button>
    </form>
  );
}

function Holds({ slug }: { slug: string }) {
  const { t } = useI18n();
  const holds = useLoad<{ holds: Hold[] }>(orgUrl(slug, "/legal-holds"));
  const [email, setEmail] = useState("");
  const [reason, setReason] = useState("");
  const [until, setUntil] = useState("");
  const [keep, setKeep] = useState("");
  const { busy, error, run } = useAction();
  const create = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await api.post(orgUrl(slug, "/legal-holds"), { subject: { email: [email.trim()] }, reason, ...(until && { until }), ...(keep.trim() && { keep: keep.trim() }) });
      setEmail("");
      setReason("");
      await holds.reload();
    });
  };
  const who = (h: Hold) => (h.record ? `${h.record.system}.${h.record.table}:${h.record.key}` : Object.entries(h.subject ?? {}).map(([k, v]) => `${k}: ${v.join(", ")}`).join("; "));
  return (
    <>
      <Loading state={holds}>
        {(d) => (
          <Table
            caption={t.holds}
            head={[t.colId, t.colSubject, t.colReason, t.colStatus, t.colLastDay, t.actions]}
            rows={d.holds.map((h) => [h.id, who(h), h.reason, h.status, h.lastDay ?? "—", <HoldRow slug={slug} hold={h} onChange={() => void holds.reload()} />])}
          />
        )}
      </Loading>
      <form className="ra-action" onSubmit={create} aria-label={t.newHold}>
        <h3>{t.newHold}</h3>
        <ErrorMessage error={error} />
        <Field label={t.holdEmail} type="email" value={email} required onChange={(e) => setEmail(e.target.value)} />
        <TextArea label={t.reason} value={reason} required rows={2} onChange={(e) => setReason(e.target.value)} />
        <Field label={t.holdUntil} type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
        <Field label={t.holdKeep} value={keep} onChange={(e) => setKeep(e.target.value)} />
        <button type="submit" disabled={busy}>
          {t.createHold}
        </button>
      </form>
    </>
  );
}

/** The retention plan (dry run), the runs with progress and evidence, and the legal holds. */
export function RetentionPage({ slug }: { slug: string }) {
  const { t } = useI18n();
  return (
    <>
      <h1>{t.retentionTitle}</h1>
      <Section title={t.plan}>
        <PlanView slug={slug} />
      </Section>
      <Section title={t.runs}>
        <RunList slug={slug} />
      </Section>
      <Section title={t.holds}>
        <Holds slug={slug} />
      </Section>
    </>
  );
}
