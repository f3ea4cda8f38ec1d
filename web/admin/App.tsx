import { useEffect, useState } from "react";
import { api, ApiError, setCsrfToken, type Session } from "./api.ts";
import { Login, PasswordChange, SecondFactor, TotpEnrolment } from "./auth.tsx";
import { I18n, TEXTS, useI18n, type Language } from "./i18n.tsx";
import { Router } from "./router.tsx";
import { Shell } from "./Shell.tsx";
import { ErrorMessage } from "./ui.tsx";

function Gate() {
  const { t } = useI18n();
  const [session, setSession] = useState<Session | null>();
  const [error, setError] = useState<unknown>();

  const accept = (s: Session | null) => {
    setCsrfToken(s?.csrfToken);
    setSession(s);
  };

  useEffect(() => {
    api
      .get<Session>("/api/v1/session")
      .then(accept)
      .catch((e: unknown) => (e instanceof ApiError && e.status === 401 ? accept(null) : setError(e)));
    const expired = () => accept(null);
    addEventListener("registru:unauthorized", expired);
    return () => removeEventListener("registru:unauthorized", expired);
  }, []);

  const logout = async () => {
    await api.delete("/api/v1/session").catch(() => undefined);
    accept(null);
  };

  if (error) return <ErrorMessage error={error} />;
  if (session === undefined) return <p role="status">{t.loading}</p>;
  if (session === null) return <Login onSession={accept} />;
  switch (session.issues[0]) {
    case "second_factor_required":
      return <SecondFactor onSession={accept} />;
    case "totp_enrolment_required":
      return <TotpEnrolment onSession={accept} />;
    case "password_change_required":
      return <PasswordChange onSession={accept} />;
    default:
      return <Shell session={session} onLogout={logout} />;
  }
}

export function App({ initialLang }: { initialLang: Language }) {
  const [lang, setLangState] = useState<Language>(initialLang);
  const setLang = (l: Language) => {
    setLangState(l);
    try {
      localStorage.setItem("registru-admin-lang", l);
    } catch {
      // Storage may be off; the choice then lasts this page only.
    }
  };
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  return (
    <I18n.Provider value={{ lang, t: TEXTS[lang], setLang }}>
      <Router>
        <div className="registru-admin">
          <Gate />
        </div>
      </Router>
    </I18n.Provider>
  );
}
