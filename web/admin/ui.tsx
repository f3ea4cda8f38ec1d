import { useCallback, useEffect, useId, useRef, useState, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { api, ApiError } from "./api.ts";
import { formatSpan, useI18n } from "./i18n.tsx";

export interface Loaded<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
  reload(): Promise<void>;
}

/** GET a URL when it changes (undefined: nothing to load yet); `reload` fetches it again. */
export function useLoad<T>(url: string | undefined): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: url !== undefined });
  const current = useRef(url);
  current.current = url;
  const reload = useCallback(async () => {
    if (!url) return;
    setState((s) => ({ ...s, loading: true }));
    try {
      const data = await api.get<T>(url);
      if (current.current === url) setState({ data, loading: false });
    } catch (error) {
      if (current.current === url) setState({ error, loading: false });
    }
  }, [url]);
  useEffect(() => {
    setState({ loading: url !== undefined });
    void reload();
  }, [reload, url]);
  return { ...state, reload };
}

export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  const message = error instanceof ApiError ? `${error.message} (${error.code})` : error instanceof Error ? error.message : String(error);
  return (
    <div className="ra-error" role="alert">
      <strong>{t.errorTitle}:</strong> {message}
    </div>
  );
}

/** Loading, an error, or the content once there is data. */
export function Loading<T>({ state, children }: { state: Loaded<T>; children: (data: T) => ReactNode }) {
  const { t } = useI18n();
  if (state.error) {
    return (
      <>
        <ErrorMessage error={state.error} />
        <button type="button" onClick={() => void state.reload()}>
          {t.retry}
        </button>
      </>
    );
  }
  if (state.data === undefined) return <p role="status">{t.loading}</p>;
  return <>{children(state.data)}</>;
}

export function Field({ label, hint, ...input }: { label: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className="ra-field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span className="ra-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      <input id={id} aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
    </div>
  );
}

export function TextArea({ label, ...input }: { label: string } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <div className="ra-field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} {...input} />
    </div>
  );
}

export function Select({ label, children, ...input }: { label: string; children: ReactNode } & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <div className="ra-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} {...input}>
        {children}
      </select>
    </div>
  );
}

/** Time left on a deadline, or how long it has been overdue. */
export function TimeLeftText({ msLeft, overdue, paused }: { msLeft: number; overdue?: boolean; paused?: boolean }) {
  const { t } = useI18n();
  const late = overdue ?? msLeft < 0;
  const span = formatSpan(msLeft);
  return <span className={late ? "ra-overdue" : undefined}>{late ? t.overdueBy(span) : paused ? t.pausedLeft(span) : t.left(span)}</span>;
}

/**
 * A deadline counting down each second on the server's clock: the offset between the server's
 * `now` and the browser's is taken once, so a browser with a wrong clock still counts right.
 */
export function Countdown({ due, serverNow, label }: { due: string; serverNow: string; label: string }) {
  const { t } = useI18n();
  const offset = useRef(Date.parse(serverNow) - Date.now());
  const [now, setNow] = useState(() => Date.now() + offset.current);
  useEffect(() => {
    offset.current = Date.parse(serverNow) - Date.now();
    setNow(Date.now() + offset.current);
    const timer = setInterval(() => setNow(Date.now() + offset.current), 1000);
    return () => clearInterval(timer);
  }, [serverNow]);
  const ms = Date.parse(due) - now;
  const span = formatSpan(ms, true);
  return (
    <span role="timer" aria-label={label} className={ms < 0 ? "ra-clock ra-overdue" : "ra-clock"}>
      {ms < 0 ? t.overdueBy(span) : t.left(span)}
    </span>
  );
}

export function Section({ title, children, level = 2, actions }: { title: string; children: ReactNode; level?: 2 | 3; actions?: ReactNode }) {
  const id = useId();
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <section className="ra-section" aria-labelledby={id}>
      <div className="ra-section-head">
        <Heading id={id}>{title}</Heading>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** A table with a caption for screen readers; `empty` when there are no rows. */
export function Table({ caption, head, rows, empty }: { caption: string; head: ReactNode[]; rows: ReactNode[][]; empty?: string }) {
  const { t } = useI18n();
  if (rows.length === 0) return <p className="ra-muted">{empty ?? t.none}</p>;
  return (
    <div className="ra-table-wrap">
      <table>
        <caption className="ra-visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {head.map((h, i) => (
              <th key={i} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {r.map((c, j) => (
                <td key={j}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Badge({ tone, children }: { tone: "bad" | "warn" | "ok" | "info"; children: ReactNode }) {
  return <span className={`ra-badge ra-badge-${tone}`}>{children}</span>;
}

export const severityTone = (s: string): "bad" | "warn" | "info" => (s === "error" || s === "high" ? "bad" : s === "warning" || s === "medium" ? "warn" : "info");

/** Runs an action from a form, showing its error or a short confirmation. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState(false);
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    setDone(false);
    try {
      await work();
      setDone(true);
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, done, run, reset: () => (setError(undefined), setDone(false)) };
}
