import { createContext, useContext, useEffect, useState, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from "react";

/** Where the app lives: every path under it loads the same page shell (src/http/routes/admin-app.ts). */
export const BASE = "/admin";

export type Route =
  | { page: "dashboard" }
  | { page: "requests"; slug: string }
  | { page: "request"; slug: string; id: string }
  | { page: "breaches"; slug: string }
  | { page: "breach"; slug: string; id: string }
  | { page: "consent"; slug: string }
  | { page: "registers"; slug: string; register: string }
  | { page: "notices"; slug: string }
  | { page: "retention"; slug: string }
  | { page: "manifest"; slug: string }
  | { page: "not_found" };

export function parseRoute(pathname: string): Route {
  const rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const parts = rest.split("/").filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { page: "dashboard" };
  if (parts[0] !== "o" || !parts[1]) return { page: "not_found" };
  const slug = parts[1];
  const [section, id] = parts.slice(2);
  switch (section ?? "requests") {
    case "requests":
      return id ? { page: "request", slug, id } : { page: "requests", slug };
    case "breaches":
      return id ? { page: "breach", slug, id } : { page: "breaches", slug };
    case "consent":
      return { page: "consent", slug };
    case "registers":
      return { page: "registers", slug, register: id ?? "activities" };
    case "notices":
      return { page: "notices", slug };
    case "retention":
      return { page: "retention", slug };
    case "manifest":
      return { page: "manifest", slug };
    default:
      return { page: "not_found" };
  }
}

/** `/admin/o/<slug>/<section>/<id>` */
export const orgPath = (slug: string, ...rest: string[]) => [BASE, "o", slug, ...rest].map((p, i) => (i === 0 ? p : encodeURIComponent(p))).join("/");

const RouterContext = createContext<{ path: string; navigate(to: string): void }>({ path: BASE, navigate: () => undefined });

export function Router({ children }: { children: ReactNode }) {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const onPop = () => setPath(location.pathname);
    addEventListener("popstate", onPop);
    return () => removeEventListener("popstate", onPop);
  }, []);
  const navigate = (to: string) => {
    if (to === location.pathname + location.search) return;
    history.pushState(null, "", to);
    setPath(new URL(to, location.href).pathname);
    scrollTo(0, 0);
  };
  return <RouterContext.Provider value={{ path, navigate }}>{children}</RouterContext.Provider>;
}

export const useRouter = () => useContext(RouterContext);

/** A real link (it opens in a new tab, it is read as a link), followed inside the app on a plain click. */
export function Link({ to, children, ...rest }: { to: string; children: ReactNode } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const { path, navigate } = useRouter();
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={onClick} aria-current={path === to ? "page" : undefined} {...rest}>
      {children}
    </a>
  );
}
