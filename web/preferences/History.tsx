import { useId } from "react";
import type { HistoryEntry } from "./api.ts";
import { Heading } from "./Heading.tsx";
import { formatDateTime, TEXT, type Language } from "./i18n.ts";

/** Every decision recorded for the subject, newest first: what, when, how, under which policy version. */
export function History({ history, lang, level }: { history: HistoryEntry[]; lang: Language; level: number }) {
  const t = TEXT[lang];
  const headingId = useId();
  const c = t.historyColumns;
  const rows = [...history].reverse();
  return (
    <section className="rp-history" aria-labelledby={headingId}>
      <Heading level={level} id={headingId}>
        {t.historyHeading}
      </Heading>
      {rows.length === 0 ? (
        <p>{t.historyEmpty}</p>
      ) : (
        // Focusable so keyboard users can scroll the table sideways on a narrow screen.
        <div className="rp-scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{c.date}</th>
                <th scope="col">{c.purpose}</th>
                <th scope="col">{c.decision}</th>
                <th scope="col">{c.method}</th>
                <th scope="col">{c.version}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={`${r.recordedAt}-${r.purpose}-${i}`}>
                  <td>{formatDateTime(r.recordedAt, lang)}</td>
                  <td lang={r.label.lang}>{r.label.text}</td>
                  <td>{t.decision[r.decision]}</td>
                  {/* An expiry record keeps the original method; what happened is that it expired. */}
                  <td>{r.decision === "expired" ? t.methods.expiry : (t.methods[r.method] ?? r.method)}</td>
                  <td>{r.policyVersion}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
