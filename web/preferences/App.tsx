import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { ApiError, createApi, type PreferenceState, type Purpose, type Subject } from "./api.ts";
import { banner, waitForBanner } from "./banner.ts";
import { Heading } from "./Heading.tsx";
import { History } from "./History.tsx";
import { htmlLang, TEXT, type Language, type UiText } from "./i18n.ts";
import { PurposeItem } from "./PurposeItem.tsx";

export interface AppProps {
  server: string;
  slug: string;
  lang: Language;
  /** The level of the widget's title: 1 on Registru's own page, 2 (by default) inside another site. */
  headingLevel: number;
  /** A signed link's token (the page's `?token=`, or `data-token` on an account page). */
  token?: string;
  /** On Registru's own page there is no cookie banner to take the consent id from. */
  standalone: boolean;
}

type Problem = "invalidLink" | "noLink" | "noChoicesYet" | "loadFailed" | "rateLimited";
type Message = { kind: "saved" | "nothingChanged" | "stale"; error?: never } | { kind: "saveFailed" | "rateLimited"; error: true };

/** A purpose counts as ticked when it is given and still covers the policy in force. */
const ticked = (p: Purpose) => p.decision === "given" && !p.reconsentRequired;
const initialTicks = (s: PreferenceState) => Object.fromEntries(s.purposes.map((p) => [p.purpose, ticked(p)]));

async function findSubject(props: AppProps): Promise<Subject | Problem> {
  if (props.token) return { token: props.token };
  if (props.standalone) return "noLink";
  const found = await waitForBanner();
  const consentId = found?.consentId();
  return consentId ? { consentId } : "noChoicesYet";
}

function problemOf(e: unknown): Problem {
  if (!(e instanceof ApiError)) return "loadFailed";
  if (e.code === "invalid_token") return "invalidLink";
  if (e.code === "consent_not_found") return "noChoicesYet";
  if (e.status === 429) return "rateLimited";
  return "loadFailed";
}

export function App(props: AppProps) {
  const { lang, headingLevel } = props;
  const t: UiText = TEXT[lang];
  const api = useRef(createApi(props.server, props.slug)).current;
  const [subject, setSubject] = useState<Subject>();
  const [state, setState] = useState<PreferenceState>();
  const [problem, setProblem] = useState<Problem>();
  const [ticks, setTicks] = useState<Record<string, boolean>>({});
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<Message>();
  const titleId = useId();

  const historyLength = useRef(-1);
  const show = useCallback((s: PreferenceState) => {
    historyLength.current = s.history.length;
    setState(s);
    setTicks(initialTicks(s));
  }, []);

  const load = useCallback(
    async (who: Subject) => {
      try {
        show(await api.state(who, lang));
        setProblem(undefined);
      } catch (e) {
        setProblem(problemOf(e));
      }
    },
    [api, lang, show],
  );

  useEffect(() => {
    let live = true;
    void (async () => {
      const found = await findSubject(props);
      if (!live) return;
      if (typeof found === "string") setProblem(found);
      else {
        setSubject(found);
        void load(found);
      }
      // A decision taken in the banner (accept, reject, its own settings) shows here: the banner
      // sends it to Registru in the background, so look until the history has it.
      const b = props.token ? undefined : banner();
      b?.on("change", (detail) => {
        if (detail?.method === "apply") return;
        const consentId = b.consentId();
        if (!live || !consentId) return;
        setSubject({ consentId });
        void refreshAfterBanner({ consentId });
      });
    })();
    return () => {
      live = false;
    };
    // Once per mount: the props of a mounted widget do not change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function refreshAfterBanner(who: Subject) {
    const before = historyLength.current;
    for (let attempt = 0; attempt < 8; attempt++) {
      await new Promise((r) => setTimeout(r, 250 * (attempt + 1)));
      try {
        const s = await api.state(who, lang);
        if (s.history.length !== before || attempt === 7) {
          show(s);
          setProblem(undefined);
          return;
        }
      } catch (e) {
        if (attempt === 7) setProblem(problemOf(e));
      }
    }
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!state || !subject || saving) return;
    const changed = Object.fromEntries(state.purposes.filter((p) => ticks[p.purpose] !== ticked(p)).map((p) => [p.purpose, ticks[p.purpose] ?? false]));
    if (Object.keys(changed).length === 0) return setMessage({ kind: "nothingChanged" });
    setSaving(true);
    setMessage(undefined);
    try {
      const result = await api.save(subject, lang, state.policyVersion, changed);
      show(result);
      setMessage({ kind: "saved" });
      // The banner clears the cookies of withdrawn categories and tells Google Consent Mode.
      const cookies = result.purposes.filter((p) => p.kind === "cookie").map((p) => [p.purpose.replace(/^cookie:/, ""), ticked(p)]);
      if (cookies.length > 0) banner()?.apply(Object.fromEntries(cookies));
    } catch (e) {
      if (e instanceof ApiError && e.code === "stale_policy_version") {
        await load(subject);
        setMessage({ kind: "stale" });
      } else {
        setMessage({ kind: e instanceof ApiError && e.status === 429 ? "rateLimited" : "saveFailed", error: true });
      }
    } finally {
      setSaving(false);
    }
  }

  const openBanner = banner();
  const activities = state?.purposes.filter((p) => p.kind === "activity") ?? [];
  const cookies = state?.purposes.filter((p) => p.kind === "cookie") ?? [];

  return (
    <section className="registru-preferences" lang={htmlLang(lang)} aria-labelledby={titleId}>
      <Heading level={headingLevel} id={titleId}>
        {t.title}
      </Heading>
      {problem && (
        <div className="rp-problem" role="alert">
          <p>{t[problem]}</p>
          {problem === "noChoicesYet" && openBanner && (
            <button type="button" className="rp-button rp-secondary" onClick={() => openBanner.open()}>
              {t.openBanner}
            </button>
          )}
        </div>
      )}
      {!problem && !state && (
        <p className="rp-loading" role="status">
          {t.loading}
        </p>
      )}
      {!problem && state && (
        <>
          <p className="rp-intro">{t.intro(state.organisation.name)}</p>
          <form onSubmit={save} noValidate>
            {state.purposes.length === 0 && <p>{t.nothingToDecide}</p>}
            {[
              { heading: t.activitiesHeading, items: activities },
              { heading: t.cookiesHeading, items: cookies },
            ]
              .filter((group) => group.items.length > 0)
              .map((group) => (
                <PurposeGroup key={group.heading} heading={group.heading} level={headingLevel + 1}>
                  {group.items.map((p) => (
                    <PurposeItem key={p.purpose} purpose={p} lang={lang} checked={ticks[p.purpose] ?? false} onChange={(on) => setTicks({ ...ticks, [p.purpose]: on })} />
                  ))}
                </PurposeGroup>
              ))}
            {state.purposes.length > 0 && (
              <div className="rp-actions">
                <button type="submit" className="rp-button" aria-disabled={saving}>
                  {saving ? t.saving : t.save}
                </button>
                <p className="rp-message" role="status">
                  {message && !message.error ? t[message.kind] : ""}
                </p>
                <p className="rp-message rp-error" role="alert">
                  {message?.error ? t[message.kind] : ""}
                </p>
              </div>
            )}
          </form>
          <History history={state.history} lang={lang} level={headingLevel + 1} />
          <p className="rp-footer">
            {t.policyVersion(state.policyVersion)} · <a href={state.noticeUrl}>{t.notice}</a>
          </p>
        </>
      )}
    </section>
  );
}

function PurposeGroup(props: { heading: string; level: number; children: ReactNode }) {
  const id = useId();
  return (
    <section className="rp-group" aria-labelledby={id}>
      <Heading level={props.level} id={id}>
        {props.heading}
      </Heading>
      <ul className="rp-purposes">{props.children}</ul>
    </section>
  );
}
