import { useEffect, useRef, useState, type FormEvent } from "react";
import { ApiError, type Api, type Receipt } from "./api.ts";
import { Field } from "./Field.tsx";
import type { UiText } from "./i18n.ts";

interface Props {
  api: Api;
  t: UiText;
  id: string;
  token: string;
  /** The code could not be e-mailed at intake: say so, and offer a new one. */
  mailed: boolean;
  onVerified(r: Receipt): void;
}

/** The e-mailed 6-digit code: wrong codes say how many tries are left; five lock the request. */
export function CodeStep({ api, t, id, token, mailed, onVerified }: Props) {
  const [code, setCode] = useState("");
  const [error, setError] = useState<string>();
  const [note, setNote] = useState<string | undefined>(mailed ? undefined : t.mailFailed);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  async function verify(ev: FormEvent) {
    ev.preventDefault();
    if (busy) return;
    if (!/^\d{6}$/.test(code.trim())) return setError(t.codeHint);
    setBusy(true);
    try {
      onVerified(await api.verify(id, token, code.trim()));
    } catch (e) {
      const err = e instanceof ApiError ? e : undefined;
      if (err?.code === "wrong_code") setError(t.wrongCode(Number((err.details as { attemptsLeft?: number } | undefined)?.attemptsLeft ?? 0)));
      else if (err?.code === "code_expired") setError(t.expired);
      else if (err?.code === "verification_locked") setError(t.locked);
      else if (err?.status === 429) setError(t.rateLimited);
      else setError(t.failed);
    } finally {
      setBusy(false);
    }
  }

  async function resend() {
    setError(undefined);
    try {
      await api.resend(id, token);
      setNote(t.resent);
    } catch (e) {
      setNote(e instanceof ApiError && (e.code === "code_rate_limited" || e.status === 429) ? t.tooSoon : t.failed);
    }
  }

  return (
    <section aria-labelledby="pc-code-title">
      <h2 id="pc-code-title" ref={heading} tabIndex={-1}>
        {t.codeTitle}
      </h2>
      <p>{t.codeIntro}</p>
      <form className="pc-form" noValidate onSubmit={verify}>
        <Field label={t.code} hint={t.codeHint} error={error} inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code} onChange={(e) => setCode(e.target.value)} />
        <div className="pc-actions">
          <button type="submit" className="pc-button" aria-disabled={busy || undefined}>
            {busy ? t.verifying : t.verify}
          </button>
          <button type="button" className="pc-button pc-secondary" onClick={() => void resend()}>
            {t.resend}
          </button>
        </div>
        <p className="pc-note" role="status">
          {note ?? ""}
        </p>
      </form>
    </section>
  );
}
