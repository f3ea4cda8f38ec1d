import { useState, type FormEvent } from "react";
import { orgUrl } from "../api.ts";
import { formatDateTime, useI18n } from "../i18n.tsx";
import { Badge, Field, Loading, Section, Table, useLoad } from "../ui.tsx";

interface Counts {
  given: number;
  refused: number;
  withdrawn: number;
  expired: number;
}

interface Statistics {
  policyVersion: number | null;
  subjects: number;
  purposes: Array<{ purpose: string; name: string; inForce: boolean; current: Counts; records: Counts }>;
}

interface State {
  consentId: string;
  purposes: Array<{ purpose: string; decision: string; policyVersion: number; recordedAt: string; validUntil: string | null; reconsentRequired: boolean }>;
}

interface History {
  records: Array<{ seq: number; purpose: string; decision: string; method: string; policyVersion: number; language: string; recordedAt: string; collectedBy: string | null }>;
}

function Subject({ slug, consentId }: { slug: string; consentId: string }) {
  const { t, lang } = useI18n();
  const base = orgUrl(slug, `/consents/${encodeURIComponent(consentId)}`);
  const state = useLoad<State>(base);
  const history = useLoad<History>(`${base}/history`);
  return (
    <>
      <Section title={t.currentState} level={3}>
        <Loading state={state}>
          {(s) => (
            <Table
              caption={t.currentState}
              head={[t.colPurpose, t.colDecision, t.colVersion, t.colWhen]}
              rows={s.purposes.map((p) => [
                p.purpose,
                <>
                  <Badge tone={p.decision === "given" ? "ok" : "info"}>{t[p.decision as "given"] ?? p.decision}</Badge>
                  {p.reconsentRequired && <> {t.reconsent}</>}
                </>,
                `v${p.policyVersion}`,
                formatDateTime(lang, p.recordedAt),
              ])}
            />
          )}
        </Loading>
      </Section>
      <Section title={t.history} level={3}>
        <Loading state={history}>
          {(h) => (
            <Table
              caption={t.history}
              head={[t.colWhen, t.colPurpose, t.colDecision, t.colMethod, t.colVersion]}
              rows={h.records.map((r) => [formatDateTime(lang, r.recordedAt), r.purpose, t[r.decision as "given"] ?? r.decision, r.collectedBy ? `${r.method} (${r.collectedBy})` : r.method, `v${r.policyVersion}`])}
            />
          )}
        </Loading>
      </Section>
    </>
  );
}

/** A subject's consent by consent id (state and history), and counts per purpose. */
export function ConsentPage({ slug }: { slug: string }) {
  const { t, lang } = useI18n();
  const [query, setQuery] = useState("");
  const [consentId, setConsentId] = useState<string>();
  const stats = useLoad<Statistics>(orgUrl(slug, `/consent-statistics?lang=${lang}`));
  const search = (e: FormEvent) => {
    e.preventDefault();
    if (query.trim()) setConsentId(query.trim());
  };
  const counts = (c: Counts) => `${c.given} / ${c.refused} / ${c.withdrawn} / ${c.expired}`;
  return (
    <>
      <h1>{t.consentTitle}</h1>
      <div className="ra-grid">
        <Section title={t.consentSearch}>
          <form className="ra-toolbar" onSubmit={search} role="search">
            <Field label={t.consentId} value={query} onChange={(e) => setQuery(e.target.value)} />
            <button type="submit">{t.search}</button>
          </form>
          {consentId && <Subject key={consentId} slug={slug} consentId={consentId} />}
        </Section>
        <Section title={t.statistics}>
          <Loading state={stats}>
            {(s) => (
              <>
                <p>{t.subjects(s.subjects)}</p>
                <Table
                  caption={t.statistics}
                  head={[t.colPurpose, `${t.currentCounts}: ${t.given} / ${t.refused} / ${t.withdrawn} / ${t.expired}`, `${t.recordCounts}: ${t.given} / ${t.refused} / ${t.withdrawn} / ${t.expired}`]}
                  rows={s.purposes.map((p) => [
                    <>
                      {p.name} <code>{p.purpose}</code> {!p.inForce && t.notInForce}
                    </>,
                    counts(p.current),
                    counts(p.records),
                  ])}
                />
              </>
            )}
          </Loading>
        </Section>
      </div>
    </>
  );
}
