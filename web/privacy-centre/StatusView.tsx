import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, type Api, type Status } from "./api.ts";
import { formatDate, type Language, type UiText } from "./i18n.ts";

interface Props {
  api: Api;
  t: UiText;
  lang: Language;
  id: string;
  token: string;
  onAnother(): void;
}

/** A request's state and deadline, for whoever holds its link (id and token). */
export function StatusView({ api, t, lang, id, token, onAnother }: Props) {
  const [status, setStatus] = useState<Status>();
  const [problem, setProblem] = useState<string>();
  const heading = useRef<HTMLHeadingElement>(null);

  const load = useCallback(async () => {
    try {
      setStatus(await api.status(id, token));
      setProblem(undefined);
    } catch (e) {
      setProblem(e instanceof ApiError && e.status === 404 ? t.notFound : e instanceof ApiError && e.status === 429 ? t.rateLimited : t.failed);
    }
  }, [api, id, token, t]);

  useEffect(() => {
    void load();
    heading.current?.focus();
  }, [load]);

  return (
    <section aria-labelledby="pc-status-title">
      <h2 id="pc-status-title" ref={heading} tabIndex={-1}>
        {t.statusTitle}
      </h2>
      {problem && (
        <p className="pc-error" role="alert">
          {problem}
        </p>
      )}
      {status && (
        <dl className="pc-status" aria-live="polite">
          <dt>{t.requestNo(status.id.replace(/^request-/, ""))}</dt>
          <dd>{t.rights[status.right].label}</dd>
          <dd data-state={status.state}>{t.state[status.state]}</dd>
          {status.deadline && <dd>{t.due(formatDate(status.deadline.due, lang))}</dd>}
          {status.completedAt && <dd>{t.completed(formatDate(status.completedAt, lang))}</dd>}
        </dl>
      )}
      <p>{t.keepLink}</p>
      <div className="pc-actions">
        <button type="button" className="pc-button" onClick={() => void load()}>
          {t.refresh}
        </button>
        <button type="button" className="pc-button pc-secondary" onClick={onAnother}>
          {t.another}
        </button>
      </div>
    </section>
  );
}
