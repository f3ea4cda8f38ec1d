import { useState, type FormEvent } from "react";
import { api, orgUrl, type BreachDetail as Detail, type BreachSummary } from "../api.ts";
import { formatDateTime, useI18n } from "../i18n.tsx";
import { Link, orgPath } from "../router.tsx";
import { Badge, Countdown, ErrorMessage, Field, Loading, Section, Select, Table, TextArea, useAction, useLoad } from "../ui.tsx";
import { ExportLinks } from "./exports.tsx";

const PHASES = ["initial", "follow_up", "final"];
const AUTHORITY_CHANNELS = ["online_form", "email", "post", "in_person", "other"];
const SUBJECT_CHANNELS = ["email", "sms", "letter", "phone", "in_app", "public_communication", "other"];
const LETTER_LANGUAGES = ["ro", "sr", "sr-Cyrl", "en"];

function ClockCell({ b }: { b: BreachSummary }) {
  const { t, lang } = useI18n();
  const a = b.clock.authority;
  if (a.notifiedAt) return <span>{t.notified(formatDateTime(lang, a.notifiedAt))}</span>;
  if (a.required === false) return <span>{t.notRequired}</span>;
  return <Countdown due={a.due} serverNow={b.clock.now} label={`${t.clockLive}: ${b.id}`} />;
}

/** The register with the live 72-hour clock of each open breach, nearest deadline first. */
export function BreachRegister({ slug }: { slug: string }) {
  const { t, lang } = useI18n();
  const list = useLoad<{ breaches: BreachSummary[] }>(orgUrl(slug, "/breaches"));
  return (
    <>
      <h1>{t.breachRegister}</h1>
      <ExportLinks base={orgUrl(slug, "/breaches")} dotted />
      <Loading state={list}>
        {(d) => (
          <Table
            caption={t.breachRegister}
            head={[t.colId, t.colTitle, t.colStatus, t.colRisk, t.awareAt, t.colDue, t.colTimeLeft]}
            rows={d.breaches.map((b) => [
              <Link to={orgPath(slug, "breaches", b.id)}>{b.id}</Link>,
              b.title,
              b.status,
              b.riskLevel ? <Badge tone={b.riskLevel === "high" ? "bad" : b.riskLevel === "risk" ? "warn" : "info"}>{b.riskLevel}</Badge> : "—",
              formatDateTime(lang, b.awareAt),
              formatDateTime(lang, b.clock.authority.due),
              <ClockCell b={b} />,
            ])}
          />
        )}
      </Loading>
    </>
  );
}

function NotificationForm({ slug, id, onDone }: { slug: string; id: string; onDone(): void }) {
  const { t } = useI18n();
  const [to, setTo] = useState<"authority" | "subjects">("authority");
  const [phase, setPhase] = useState("initial");
  const [channel, setChannel] = useState("online_form");
  const [reference, setReference] = useState("");
  const [count, setCount] = useState("");
  const [delay, setDelay] = useState("");
  const { busy, error, done, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body =
      to === "authority"
        ? { to, phase, channel, ...(reference.trim() && { reference: reference.trim() }), ...(delay.trim() && { delay_reason: delay.trim() }) }
        : { to, channel, count: Number(count) };
    void run(async () => {
      await api.post(orgUrl(slug, `/breaches/${id}/notifications`), body);
      onDone();
    });
  };
  return (
    <form className="ra-action" onSubmit={submit} aria-label={t.notify}>
      <ErrorMessage error={error} />
      {done && <p role="status">{t.actionDone}</p>}
      <Select
        label={t.recipient}
        value={to}
        onChange={(e) => {
          const next = e.target.value as "authority" | "subjects";
          setTo(next);
          setChannel(next === "authority" ? "online_form" : "email");
        }}
      >
        <option value="authority">{t.notifyAuthority}</option>
        <option value="subjects">{t.notifySubjects}</option>
      </Select>
      {to === "authority" && (
        <Select label={t.phase} value={phase} onChange={(e) => setPhase(e.target.value)}>
          {PHASES.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </Select>
      )}
      <Select label={t.channel} value={channel} onChange={(e) => setChannel(e.target.value)}>
        {(to === "authority" ? AUTHORITY_CHANNELS : SUBJECT_CHANNELS).map((c) => (
          <option key={c}>{c}</option>
        ))}
      </Select>
      {to === "authority" ? (
        <>
          <Field label={t.reference} value={reference} onChange={(e) => setReference(e.target.value)} />
          <TextArea label={t.delayReason} value={delay} rows={2} onChange={(e) => setDelay(e.target.value)} />
        </>
      ) : (
        <Field label={t.count} type="number" min="0" value={count} onChange={(e) => setCount(e.target.value)} />
      )}
      <button type="submit" disabled={busy}>
        {t.notify}
      </button>
    </form>
  );
}

/** One breach: the ticking authority clock, the processor's window, the assessment, notifications, documents, timeline. */
export function BreachDetail({ slug, id }: { slug: string; id: string }) {
  const { t, lang } = useI18n();
  const state = useLoad<Detail>(orgUrl(slug, `/breaches/${id}`));
  return (
    <>
      <h1>{t.breachTitle(id)}</h1>
      <Loading state={state}>
        {(b) => (
          <div className="ra-grid">
            <Section title={t.authorityClock}>
              <p className="ra-lead">{b.title}</p>
              <p className="ra-big">
                <ClockCell b={b} />
              </p>
              <dl className="ra-facts">
                <dt>{t.colStatus}</dt>
                <dd>{b.status}</dd>
                <dt>{t.awareAt}</dt>
                <dd>{formatDateTime(lang, b.awareAt)}</dd>
                <dt>{t.colDue}</dt>
                <dd>
                  {formatDateTime(lang, b.clock.authority.due)} ({b.clock.authority.article})
                </dd>
                {b.clock.processor && (
                  <>
                    <dt>{t.processorWindow}</dt>
                    <dd>
                      {b.clock.processor.processor}: {b.clock.processor.windowHours ?? "—"} h, {b.clock.processor.state}
                    </dd>
                  </>
                )}
              </dl>
            </Section>
            <Section title={t.assessment}>
              <dl className="ra-facts">
                <dt>{t.colRisk}</dt>
                <dd>{b.assessment.risk ? `${b.assessment.risk.level} (${b.assessment.risk.likelihood} × ${b.assessment.risk.severity})` : "—"}</dd>
                {b.assessment.required && (
                  <>
                    <dt>{t.notifyAuthority}</dt>
                    <dd>{b.assessment.required.authority ? t.yes : t.no}</dd>
                    <dt>{t.notifySubjects}</dt>
                    <dd>{b.assessment.required.subjects ? t.yes : t.no}</dd>
                  </>
                )}
              </dl>
            </Section>
            <Section title={t.notify}>
              <NotificationForm slug={slug} id={id} onDone={() => void state.reload()} />
            </Section>
            <Section title={t.documents}>
              <ul>
                <li>
                  <a href={orgUrl(slug, `/breaches/${id}/documents/authority.pdf`)}>{t.authorityPdf}</a>
                </li>
                {LETTER_LANGUAGES.map((l) => (
                  <li key={l}>
                    <a href={orgUrl(slug, `/breaches/${id}/letters/${l}?format=pdf`)}>{t.letterTo(l)}</a>
                  </li>
                ))}
              </ul>
            </Section>
            <Section title={t.timeline}>
              <Table caption={t.timeline} head={[t.colWhen, t.colWho, t.colWhat]} rows={b.timeline.map((e) => [formatDateTime(lang, e.at), e.actor, e.kind])} />
            </Section>
          </div>
        )}
      </Loading>
    </>
  );
}
