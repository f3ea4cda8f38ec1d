import { useEffect, useMemo, useState } from "react";
import { createApi, type Config, type Receipt } from "./api.ts";
import { CodeStep } from "./CodeStep.tsx";
import { htmlLang, LANGUAGE_NAMES, TEXT, type Language } from "./i18n.ts";
import { RequestForm } from "./RequestForm.tsx";
import { StatusView } from "./StatusView.tsx";

type Step = { kind: "form" } | { kind: "code"; id: string; token: string; mailed: boolean } | { kind: "status"; id: string; token: string };

/** The request's link: id and token in the address, so the subject can come back to it (the page sends no Referer). */
function remember(lang: Language, step?: { id: string; token: string }) {
  const url = new URL(location.href);
  url.search = "";
  url.searchParams.set("lang", lang);
  if (step) {
    url.searchParams.set("request", step.id);
    url.searchParams.set("token", step.token);
  }
  history.replaceState(null, "", url);
}

export function App(props: { slug: string; lang: Language; request?: { id: string; token: string } }) {
  const { lang } = props;
  const t = TEXT[lang];
  const api = useMemo(() => createApi(props.slug), [props.slug]);
  const [config, setConfig] = useState<Config>();
  const [failed, setFailed] = useState(false);
  const [step, setStep] = useState<Step>(props.request ? { kind: "status", ...props.request } : { kind: "form" });

  useEffect(() => {
    document.documentElement.lang = htmlLang(lang);
    api.config(lang).then(setConfig, () => setFailed(true));
  }, [api, lang]);

  const submitted = (r: Receipt) => {
    const next = { id: r.id, token: r.token! };
    remember(lang, next);
    setStep(r.state === "verifying" || r.state === "received" ? { kind: "code", ...next, mailed: r.mailed !== false } : { kind: "status", ...next });
  };

  return (
    <div className="registru-privacy-centre">
      <nav className="pc-languages" aria-label={t.language}>
        <ul>
          {(config?.languages.includes("sr") ? [...config.languages, "sr-Cyrl" as const] : (config?.languages ?? [])).map((l) => (
            <li key={l}>
              <a href={`?lang=${encodeURIComponent(l)}`} lang={htmlLang(l)} aria-current={l === lang ? "page" : undefined}>
                {LANGUAGE_NAMES[l]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h1>{t.title}</h1>
      {failed && (
        <p className="pc-error" role="alert">
          {t.failed}
        </p>
      )}
      {config && step.kind === "form" && (
        <>
          <p>{t.intro(config.organisation)}</p>
          <RequestForm api={api} config={config} lang={lang} t={t} onSubmitted={submitted} />
        </>
      )}
      {step.kind === "code" && <CodeStep api={api} t={t} id={step.id} token={step.token} mailed={step.mailed} onVerified={() => setStep({ kind: "status", id: step.id, token: step.token })} />}
      {step.kind === "status" && (
        <StatusView
          api={api}
          t={t}
          lang={lang}
          id={step.id}
          token={step.token}
          onAnother={() => {
            remember(lang);
            setStep({ kind: "form" });
          }}
        />
      )}
    </div>
  );
}
