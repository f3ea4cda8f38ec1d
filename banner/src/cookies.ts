/**
 * Deletes the cookies whose names match (a trailing * is a prefix), on this host and on each
 * parent domain, path /: a cookie can only be deleted with the domain it was set for.
 */
export function clearCookies(patterns: string[]): void {
  if (patterns.length === 0) return;
  const matches = (name: string) => patterns.some((p) => (p.charAt(p.length - 1) === "*" ? name.indexOf(p.slice(0, -1)) === 0 : name === p));
  const names = document.cookie
    .split(";")
    .map((pair) => pair.split("=")[0]!.trim())
    .filter((name) => name && matches(name));
  if (names.length === 0) return;
  const host = location.hostname;
  const domains = [""];
  // An IP address has no parent domains.
  if (!/^[\d.]+$/.test(host) && host.indexOf(":") < 0) {
    const labels = host.split(".");
    for (let i = 0; i < labels.length - 1; i++) domains.push(`; domain=.${labels.slice(i).join(".")}`);
  }
  for (const name of names) for (const domain of domains) document.cookie = `${name}=; path=/; max-age=0; expires=Thu, 01 Jan 1970 00:00:00 GMT${domain}`;
}
