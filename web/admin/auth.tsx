import { useState, type FormEvent, type ReactNode } from "react";
import { api, ApiError, type Session } from "./api.ts";
import { useI18n, type Text } from "./i18n.tsx";
import { LanguageSwitch } from "./LanguageSwitch.tsx";
import { Field } from "./ui.tsx";

type OnSession = (s: Session) => void;

function message(t: Text, e: unknown): string {
  if (!(e instanceof ApiError)) return e instanceof Error ? e.message : String(e);
  switch (e.code) {
    case "invalid_credentials":
      return t.invalidCredentials;
    case "account_locked": {
      const details = e.details as { retryAfter?: number } | undefined;
      return t.accountLocked(Math.max(1, Math.ceil((details?.retryAfter ?? 60) / 60)));
    }
    case "rate_limited":
      return t.rateLimited;
    case "invalid_code":
      return t.invalidCode;
    case "password_rejected": {
      const details = e.details as { reasons?: string[] } | undefined;
      return `${t.passwordRejected} ${(details?.reasons ?? [e.message]).join("; ")}`;
    }
    default:
      return e.message;
  }
}

/** A centred card with one form: the pages before the app. */
function AuthCard({ title, intro, error, children, onSubmit }: { title: string; intro?: ReactNode; error?: string; children: ReactNode; onSubmit(e: FormEvent): void }) {
  const { t } = useI18n();
  return (
    <>
    <header className="ra-auth-head">
      <span className="ra-brand">{t.appName}</span>
      <LanguageSwitch />
    </header>
    <main id="content" className="ra-auth">
      <h1>{title}</h1>
      {intro && <p>{intro}</p>}
      {error && (
        <div className="ra-error" role="alert">
          <strong>{t.errorTitle}:</strong> {error}
        </div>
      )}
      <form onSubmit={onSubmit} noValidate>
        {children}
      </form>
    </main>
    </>
  );
}

function useSubmit(t: Text) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = (work: () => Promise<void>) => async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (err) {
      setError(message(t, err));
    } finally {
      setBusy(false);
    }
  };
  return { error, setError, busy, submit };
}

export function Login({ onSession }: { onSession: OnSession }) {
  const { t } = useI18n();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { error, busy, submit } = useSubmit(t);
  return (
    <AuthCard title={t.loginTitle} error={error} onSubmit={submit(async () => onSession(await api.post<Session>("/api/v1/session", { email, password })))}>
      <Field label={t.email} type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
      <Field label={t.password} type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      <button type="submit" className="ra-primary" disabled={busy}>
        {t.logIn}
      </button>
    </AuthCard>
  );
}

export function SecondFactor({ onSession }: { onSession: OnSession }) {
  const { t } = useI18n();
  const [code, setCode] = useState("");
  const { error, busy, submit } = useSubmit(t);
  return (
    <AuthCard title={t.secondFactorTitle} intro={t.secondFactorIntro} error={error} onSubmit={submit(async () => onSession(await api.post<Session>("/api/v1/session/second-factor", { code: code.trim() })))}>
      <Field label={t.code} name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required value={code} onChange={(e) => setCode(e.target.value)} />
      <button type="submit" className="ra-primary" disabled={busy}>
        {t.confirm}
      </button>
    </AuthCard>
  );
}

export function TotpEnrolment({ onSession }: { onSession: OnSession }) {
  const { t } = useI18n();
  const [enrolment, setEnrolment] = useState<{ secret: string; uri: string }>();
  const [code, setCode] = useState("");
  const { error, busy, submit } = useSubmit(t);
  if (!enrolment) {
    return (
      <AuthCard title={t.enrolTitle} intro={t.enrolIntro} error={error} onSubmit={submit(async () => setEnrolment(await api.post<{ secret: string; uri: string }>("/api/v1/session/totp")))}>
        <button type="submit" className="ra-primary" disabled={busy}>
          {t.enrolStart}
        </button>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t.enrolTitle} intro={t.enrolIntro} error={error} onSubmit={submit(async () => onSession(await api.post<Session>("/api/v1/session/totp/confirm", { code: code.trim() })))}>
      <dl className="ra-secret">
        <dt>{t.secret}</dt>
        <dd>
          <code data-testid="totp-secret">{enrolment.secret}</code>
        </dd>
        <dt>{t.otpUri}</dt>
        <dd>
          <code className="ra-wrap">{enrolment.uri}</code>
        </dd>
      </dl>
      <Field label={t.code} name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} required value={code} onChange={(e) => setCode(e.target.value)} />
      <button type="submit" className="ra-primary" disabled={busy}>
        {t.confirm}
      </button>
    </AuthCard>
  );
}

export function PasswordChange({ onSession }: { onSession: OnSession }) {
  const { t } = useI18n();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [again, setAgain] = useState("");
  const { error, setError, busy, submit } = useSubmit(t);
  const onSubmit = (e: FormEvent) => {
    if (next !== again) {
      e.preventDefault();
      setError(t.passwordsDiffer);
      return;
    }
    void submit(async () => onSession(await api.post<Session>("/api/v1/session/password", { current, next })))(e);
  };
  return (
    <AuthCard title={t.passwordTitle} intro={t.passwordIntro} error={error} onSubmit={onSubmit}>
      <Field label={t.currentPassword} type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />
      <Field label={t.newPassword} type="password" autoComplete="new-password" required value={next} onChange={(e) => setNext(e.target.value)} />
      <Field label={t.repeatPassword} type="password" autoComplete="new-password" required value={again} onChange={(e) => setAgain(e.target.value)} />
      <button type="submit" className="ra-primary" disabled={busy}>
        {t.changePassword}
      </button>
    </AuthCard>
  );
}
