/** The decision, kept in a first-party cookie: random consent id, policy version shown, categories granted, services denied, GPC on or not. */
export interface StoredConsent {
  id: string;
  v: number;
  c: string[];
  /** Services turned off, as `<category>:<service>`; absent when none (cookies from before it read so). */
  s?: string[];
  /** 1 when the decision was made with Global Privacy Control on; absent otherwise. */
  g?: 1;
}

const NAME = "registru_consent";

export function readConsent(): StoredConsent | undefined {
  const pair = document.cookie.split("; ").find((p) => p.indexOf(NAME + "=") === 0);
  if (!pair) return undefined;
  try {
    const value = JSON.parse(decodeURIComponent(pair.slice(NAME.length + 1)));
    if (typeof value.id !== "string" || typeof value.v !== "number" || !Array.isArray(value.c)) return undefined;
    const consent: StoredConsent = { id: value.id, v: value.v, c: value.c.filter((x: unknown) => typeof x === "string") };
    if (Array.isArray(value.s)) consent.s = value.s.filter((x: unknown) => typeof x === "string");
    if (value.g === 1) consent.g = 1;
    return consent;
  } catch {
    return undefined;
  }
}

export function writeConsent(consent: StoredConsent, days: number): void {
  const secure = location.protocol === "https:" ? "; Secure" : "";
  document.cookie = `${NAME}=${encodeURIComponent(JSON.stringify(consent))}; path=/; max-age=${days * 86400}; SameSite=Lax${secure}`;
}

/** crypto.randomUUID needs a secure context; an http page gets the same kind of id from getRandomValues. */
export function newConsentId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => (x + 256).toString(16).slice(1)).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
