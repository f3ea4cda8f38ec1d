/**
 * A consent purpose is a consent-based activity id, `cookie:<category>` for a cookie category the
 * banner asks about, or `cookie:<category>:<service>` for one service (provider) in it.
 */
export const COOKIE_PURPOSE_PREFIX = "cookie:";

export const cookiePurpose = (category: string, service?: string) => `${COOKIE_PURPOSE_PREFIX}${category}${service === undefined ? "" : `:${service}`}`;

/** The category and, for a service's purpose, the service of a `cookie:` purpose. */
export function parseCookiePurpose(purpose: string): { category: string; service?: string } | undefined {
  if (!purpose.startsWith(COOKIE_PURPOSE_PREFIX)) return undefined;
  const [category, service, ...rest] = purpose.slice(COOKIE_PURPOSE_PREFIX.length).split(":");
  if (rest.length > 0) return undefined;
  return service === undefined ? { category: category! } : { category: category!, service };
}

/** "Google Ireland Ltd." → google-ireland-ltd: lower-case ASCII letters and digits, in words joined by hyphens. */
export function serviceSlug(provider: string): string {
  const ascii = provider.replace(/[đĐ]/g, "dj").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  return ascii.replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "service";
}

/**
 * The ids of a cookie category's services, one per provider in the order given (the manifest's):
 * the provider's slug, numbered from -2 when two providers slug alike. The banner shows them and
 * the ledger checks a service's purpose against them.
 */
export function serviceIds(providers: string[]): string[] {
  const used = new Set<string>();
  return providers.map((provider) => {
    const slug = serviceSlug(provider);
    let id = slug;
    for (let n = 2; used.has(id); n++) id = `${slug}-${n}`;
    used.add(id);
    return id;
  });
}
