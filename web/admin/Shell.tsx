import { useEffect, useRef } from "react";
import type { Grant, Session } from "./api.ts";
import { useI18n } from "./i18n.tsx";
import { LanguageSwitch } from "./LanguageSwitch.tsx";
import { BreachDetail, BreachRegister } from "./pages/Breaches.tsx";
import { ConsentPage } from "./pages/Consent.tsx";
import { Dashboard } from "./pages/Dashboard.tsx";
import { ManifestPage } from "./pages/Manifest.tsx";
import { NoticesPage } from "./pages/Notices.tsx";
import { Registers } from "./pages/Registers.tsx";
import { RequestDetail, RequestQueue } from "./pages/Requests.tsx";
import { RetentionPage } from "./pages/Retention.tsx";
import { BASE, Link, orgPath, parseRoute, useRouter, type Route } from "./router.tsx";

const SECTIONS = ["requests", "breaches", "consent", "registers", "notices", "retention", "manifest"] as const;

function OrganisationSwitch({ grants, slug }: { grants: Grant[]; slug?: string }) {
  const { t } = useI18n();
  const { navigate } = useRouter();
  return (
    <div className="ra-org-switch">
      <label htmlFor="ra-org">{t.chooseOrganisation}</label>
      <select id="ra-org" value={slug ?? ""} onChange={(e) => navigate(e.target.value ? orgPath(e.target.value, "requests") : BASE)}>
        <option value="">{t.allOrganisations}</option>
        {grants.map((g) => (
          <option key={g.slug} value={g.slug}>
            {g.name} ({t.role[g.role] ?? g.role})
          </option>
        ))}
      </select>
    </div>
  );
}

function Page({ route, session }: { route: Route; session: Session }) {
  const { t } = useI18n();
  const grant = "slug" in route ? session.grants.find((g) => g.slug === route.slug) : undefined;
  if ("slug" in route && !grant) return <p role="alert">{t.notFound}</p>;
  switch (route.page) {
    case "dashboard":
      return <Dashboard grants={session.grants} />;
    case "requests":
      return <RequestQueue slug={route.slug} />;
    case "request":
      return <RequestDetail slug={route.slug} id={route.id} />;
    case "breaches":
      return <BreachRegister slug={route.slug} />;
    case "breach":
      return <BreachDetail slug={route.slug} id={route.id} />;
    case "consent":
      return <ConsentPage slug={route.slug} />;
    case "registers":
      return <Registers slug={route.slug} register={route.register} />;
    case "notices":
      return <NoticesPage slug={route.slug} />;
    case "retention":
      return <RetentionPage slug={route.slug} />;
    case "manifest":
      return <ManifestPage slug={route.slug} />;
    default:
      return (
        <>
          <h1>{t.notFound}</h1>
          <Link to={BASE}>{t.dashboard}</Link>
        </>
      );
  }
}

/** The app once logged in: header with the organisation switch, the language and logout; the sections; the page. */
export function Shell({ session, onLogout }: { session: Session; onLogout(): void }) {
  const { t } = useI18n();
  const { path } = useRouter();
  const route = parseRoute(path);
  const slug = "slug" in route ? route.slug : undefined;
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  // After navigating, focus goes to the new page's content so keyboard and screen-reader users start there.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [path]);
  const section = route.page === "request" ? "requests" : route.page === "breach" ? "breaches" : route.page;
  return (
    <>
      <a className="ra-skip" href="#content">
        {t.skip}
      </a>
      <header className="ra-header">
        <Link to={BASE} className="ra-brand">
          {t.appName}
        </Link>
        <OrganisationSwitch grants={session.grants} slug={slug} />
        <LanguageSwitch />
        <span className="ra-user">{t.signedInAs(session.user.name || session.user.email)}</span>
        <button type="button" onClick={onLogout}>
          {t.logOut}
        </button>
      </header>
      <nav className="ra-nav" aria-label={slug ? t.orgNav : t.mainNav}>
        <ul>
          <li>
            <Link to={BASE} className={route.page === "dashboard" ? "ra-active" : undefined}>
              {t.dashboard}
            </Link>
          </li>
          {slug &&
            SECTIONS.map((s) => (
              <li key={s}>
                <Link to={orgPath(slug, s)} className={section === s ? "ra-active" : undefined}>
                  {t[s]}
                </Link>
              </li>
            ))}
        </ul>
      </nav>
      <main id="content" ref={main} tabIndex={-1} className="ra-main">
        {session.grants.length === 0 ? <p>{t.noGrants}</p> : <Page route={route} session={session} />}
      </main>
    </>
  );
}
