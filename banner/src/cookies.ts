/** The paths a cookie set from this page can have: `/` and each prefix of the page's path (`/shop`, `/shop/cart`). */
function pathsOfPage(): string[] {
  const paths = ["/"];
  const parts = location.pathname.split("/");
  for (let i = 1; i < parts.length; i++) if (parts[i]) paths.push(parts.slice(0, i + 1).join("/"));
  return paths;
}

/**
 * Deletes the cookies whose names match (a trailing * is a prefix), on this host and on each
 * parent domain, at `/` and at each prefix of the page's path: a cookie can only be deleted with
 * the domain and path it was set for, and one set without a path has its page's directory.
 */
export function clearCookies(patterns: string[]): void {
  if (patterns.length === 0) return;
  const matches = (name: string) => patterns.some((p) => (p.charAt(p.length - 1) === "*" ? name.indexOf(p.slice(0, -1)) === 0 : name === p));
  const names = document.cookie
    .split(";")
    .map((pair) => pair.split("=")[0]!.trim())
    .filter((name, i, all) => name && matches(name) && all.indexOf(name) === i);
  if (names.length === 0) return;
  const host = location.hostname;
  const domains = [""];
  // An IP address has no parent domains.
  if (!/^[\d.]+$/.test(host) && host.indexOf(":") < 0) {
    const labels = host.split(".");
    for (let i = 0; i < labels.length - 1; i++) domains.push(`; domain=.${labels.slice(i).join(".")}`);
  }
  const paths = pathsOfPage();
  for (const name of names) {
    for (const domain of domains) for (const path of paths) document.cookie = `${name}=; path=${path}; max-age=0; expires=Thu, 01 Jan 1970 00:00:00 GMT${domain}`;
  }
}
