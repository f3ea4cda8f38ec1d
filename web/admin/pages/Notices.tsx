import { useState, type FormEvent } from "react";
import { api, orgUrl } from "../api.ts";
import { formatDateTime, useI18n } from "../i18n.tsx";
import { Badge, ErrorMessage, Loading, Section, Select, Table, useLoad } from "../ui.tsx";

interface Versions {
  versions: Array<{ version: number; contentHash: string; appliedAt: string; appliedBy: string; lintErrors: number; lintWarnings: number }>;
}

interface Organisation {
  slug: string;
  name: string;
  policy: { version: number } | null;
}

interface Diff {
  from: number;
  to: number;
  changes: Array<{ path: string; kind: string; description: string; impact: string }>;
  summary: { reconsent: boolean; changes: number };
}

interface PolicyLanguages {
  languages: string[];
}

function DiffView({ slug, versions }: { slug: string; versions: number[] }) {
  const { t } = useI18n();
  const [from, setFrom] = useState(String(versions[1] ?? versions[0] ?? 1));
  const [to, setTo] = useState(String(versions[0] ?? 1));
  const [diff, setDiff] = useState<Diff>();
  const [error, setError] = useState<unknown>();
  const compare = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      setDiff(await api.get<Diff>(orgUrl(slug, `/policy-versions/${from}/diff/${to}`)));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      <form className="ra-toolbar" onSubmit={compare}>
        <Select label={t.from} value={from} onChange={(e) => setFrom(e.target.value)}>
          {versions.map((v) => (
            <option key={v}>{v}</option>
          ))}
        </Select>
        <Select label={t.to} value={to} onChange={(e) => setTo(e.target.value)}>
          {versions.map((v) => (
            <option key={v}>{v}</option>
          ))}
        </Select>
        <button type="submit">{t.compare}</button>
      </form>
      <ErrorMessage error={error} />
      {diff && (
        <Table
          caption={t.diff}
          empty={t.noChanges}
          head={[t.colWhere, t.colKind, t.colWhat, t.colImpact]}
          rows={diff.changes.map((c) => [<code>{c.path}</code>, c.kind, c.description, <Badge tone={c.impact === "reconsent" ? "warn" : "info"}>{t.impact[c.impact] ?? c.impact}</Badge>])}
        />
      )}
    </>
  );
}

/** The published notice in each language (in a frame), the policy versions and the diff between two. */
export function NoticesPage({ slug }: { slug: string }) {
  const { t, lang } = useI18n();
  const org = useLoad<Organisation>(orgUrl(slug));
  const languages = useLoad<PolicyLanguages>(`/o/${encodeURIComponent(slug)}/privacy-centre/config`);
  const versions = useLoad<Versions>(orgUrl(slug, "/policy-versions"));
  const [shown, setShown] = useState<string>();
  const published = (languages.data?.languages ?? []).flatMap((l) => (l === "sr" ? ["sr", "sr-Cyrl"] : [l]));
  const current = shown ?? (published.includes(lang) ? lang : published[0]);
  return (
    <>
      <h1>{t.noticesTitle}</h1>
      <Section title={t.preview}>
        <Loading state={languages}>
          {() => (
            <>
              <div className="ra-toolbar">
                <Select label={t.language} value={current} onChange={(e) => setShown(e.target.value)}>
                  {published.map((l) => (
                    <option key={l}>{l}</option>
                  ))}
                </Select>
                {current && (
                  <p>
                    <a href={`/o/${slug}/privacy/${current}.html`} target="_blank" rel="noopener">
                      HTML
                    </a>{" "}
                    · <a href={`/o/${slug}/privacy/${current}.pdf`}>PDF</a> · <a href={`/o/${slug}/privacy/${current}.md`}>Markdown</a>
                  </p>
                )}
              </div>
              {current && <iframe className="ra-preview" title={t.previewFrame(current)} src={`/o/${slug}/privacy/${current}.html`} />}
            </>
          )}
        </Loading>
      </Section>
      <Section title={t.versions}>
        <Loading state={versions}>
          {(v) => (
            <>
              <Table
                caption={t.versions}
                head={[t.colVersion, t.colApplied, t.colAppliedBy, t.colLint]}
                rows={v.versions.map((x) => [
                  x.version === org.data?.policy?.version ? <strong>v{x.version} ✓</strong> : `v${x.version}`,
                  formatDateTime(lang, x.appliedAt),
                  x.appliedBy,
                  `${x.lintErrors} / ${x.lintWarnings}`,
                ])}
              />
              <Section title={t.diff} level={3}>
                <DiffView slug={slug} versions={v.versions.map((x) => x.version)} />
              </Section>
            </>
          )}
        </Loading>
      </Section>
    </>
  );
}
