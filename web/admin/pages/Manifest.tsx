import { useEffect, useId, useState, type ChangeEvent } from "react";
import { api, ApiError, orgUrl, type Finding, type LintReport } from "../api.ts";
import { useI18n } from "../i18n.tsx";
import { Badge, ErrorMessage, Loading, Section, severityTone, Table, useAction, useLoad } from "../ui.tsx";

interface Source {
  version: number;
  sourceFile: string;
  source: string;
}

interface Problem {
  line: number;
  col: number;
  path: string;
  message: string;
}

interface Applied {
  version: number;
  created: boolean;
  lint: LintReport;
}

function Findings({ findings }: { findings: Finding[] }) {
  const { t } = useI18n();
  return (
    <Table
      caption={t.lintFindings}
      empty={t.lintClean}
      head={[t.colWhere, t.colSeverity, t.colRule, t.colMessage, t.colArticle]}
      rows={findings.map((f) => [
        `${f.line}:${f.col}`,
        <Badge tone={severityTone(f.severity)}>{f.severity}</Badge>,
        <code>{f.rule}</code>,
        <>
          {f.message}
          {f.hint && <span className="ra-small ra-block">{f.hint}</span>}
        </>,
        f.article,
      ])}
    />
  );
}

function Editor({ slug, initial }: { slug: string; initial: Source }) {
  const { t } = useI18n();
  const editorId = useId();
  const [source, setSource] = useState(initial.source);
  const [report, setReport] = useState<LintReport>();
  const [problems, setProblems] = useState<Problem[]>();
  const [message, setMessage] = useState<string>();
  const check = useAction();
  const apply = useAction();

  const lint = async (text: string) => {
    setProblems(undefined);
    try {
      setReport(await api.yaml<LintReport>("POST", "/api/v1/lint", text));
    } catch (e) {
      if (e instanceof ApiError && e.code === "manifest_invalid") {
        setReport(undefined);
        setProblems((e.details as { problems?: Problem[] } | undefined)?.problems ?? []);
        return;
      }
      throw e;
    }
  };
  useEffect(() => {
    void check.run(() => lint(initial.source));
    // Only the manifest in force is checked on arrival; later checks are asked for.
  }, [initial.source]);

  const load = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    const text = await file.text();
    setSource(text);
    setMessage(undefined);
    await check.run(() => lint(text));
  };

  const onApply = () =>
    void apply.run(async () => {
      setMessage(undefined);
      try {
        const r = await api.yaml<Applied>("PUT", orgUrl(slug, "/manifest"), source);
        setReport(r.lint);
        setMessage(r.created ? t.applied(r.version) : t.unchanged(r.version));
      } catch (e) {
        if (e instanceof ApiError && e.code === "manifest_has_errors") setReport(e.details as LintReport);
        if (e instanceof ApiError && e.code === "manifest_invalid") setProblems((e.details as { problems?: Problem[] } | undefined)?.problems ?? []);
        throw e;
      }
    });

  const fileId = `${editorId}-file`;
  return (
    <div className="ra-manifest">
      <div>
        <div className="ra-field">
          <label htmlFor={fileId}>{t.manifestFile}</label>
          <input id={fileId} type="file" accept=".yaml,.yml,application/yaml,text/yaml" onChange={(e) => void load(e)} />
        </div>
        <div className="ra-field">
          <label htmlFor={editorId}>{t.manifestSource}</label>
          <textarea id={editorId} className="ra-code" spellCheck={false} rows={26} value={source} onChange={(e) => setSource(e.target.value)} />
        </div>
        <div className="ra-toolbar">
          <button type="button" disabled={check.busy} onClick={() => void check.run(() => lint(source))}>
            {t.check}
          </button>
          <button type="button" className="ra-primary" disabled={apply.busy || (report?.errors ?? 0) > 0 || problems !== undefined} onClick={onApply}>
            {t.apply}
          </button>
        </div>
      </div>
      <div>
        <div role="status" aria-live="polite">
          {message && <p className="ra-ok">{message}</p>}
          {report && <p className="ra-lead">{t.lintCounts(report.errors, report.warnings)}</p>}
        </div>
        <ErrorMessage error={check.error ?? apply.error} />
        {problems && (
          <>
            <p>{t.invalidManifest}</p>
            <ul>
              {problems.map((p, i) => (
                <li key={i}>
                  {p.line}:{p.col} <code>{p.path}</code> {p.message}
                </li>
              ))}
            </ul>
          </>
        )}
        {report && <Findings findings={report.findings} />}
      </div>
    </div>
  );
}

/** Edit or upload the manifest with lint inline, and apply it as a new policy version. */
export function ManifestPage({ slug }: { slug: string }) {
  const { t } = useI18n();
  const state = useLoad<Source>(orgUrl(slug, "/manifest"));
  return (
    <>
      <h1>{t.manifestTitle}</h1>
      <p className="ra-muted">{t.manifestIntro}</p>
      <Section title={`${t.manifestSource} — v${state.data?.version ?? ""}`}>
        <Loading state={state}>{(s) => <Editor key={s.version} slug={slug} initial={s} />}</Loading>
      </Section>
    </>
  );
}
