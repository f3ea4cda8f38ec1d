import type { Language, Right, State } from "./i18n.ts";

/** The shapes of the privacy centre's endpoints (see /openapi.json). */
export interface Config {
  organisation: string;
  language: Language;
  languages: Language[];
  rights: Right[];
  representatives: boolean;
  purposes: Array<{ id: string; name: string; consent: boolean; processor: boolean }>;
}

export interface Deadline {
  due: string;
}

export interface Receipt {
  id: string;
  state: State;
  mailed?: boolean;
  token?: string;
  deadline: Deadline | null;
}

export interface Status extends Receipt {
  right: Right;
  receivedAt: string;
  completedAt?: string;
}

export interface RequestBody {
  right: Right;
  language: Language;
  subject: { email: string; name?: string; phone?: string; customerId?: string };
  details?: { text?: string; fields?: Record<string, string>; purposes?: string[] };
  representative?: { name: string; relationship: string; proof: { reference: string; sha256: string } };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly details: unknown,
  ) {
    super(code);
  }
}

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { ...init, headers: { accept: "application/json", ...(init?.body ? { "content-type": "application/json" } : {}) } });
  const body = (await res.json().catch(() => ({}))) as { error?: { code?: string; details?: unknown } };
  if (!res.ok) throw new ApiError(res.status, body.error?.code ?? "failed", body.error?.details);
  return body as T;
}

export function createApi(slug: string) {
  const base = `/o/${encodeURIComponent(slug)}`;
  const post = <T>(path: string, body: unknown) => call<T>(`${base}${path}`, { method: "POST", body: JSON.stringify(body) });
  return {
    config: (lang: Language) => call<Config>(`${base}/privacy-centre/config?lang=${encodeURIComponent(lang)}`),
    submit: (body: RequestBody) => post<Receipt>("/requests", body),
    verify: (id: string, token: string, code: string) => post<Receipt>(`/requests/${id}/verify`, { token, code }),
    resend: (id: string, token: string) => post<Receipt>(`/requests/${id}/code`, { token }),
    status: (id: string, token: string) => post<Status>(`/requests/${id}/status`, { token }),
  };
}
export type Api = ReturnType<typeof createApi>;

/** The proof document's SHA-256, computed here: the document itself never leaves the device. */
export async function sha256Hex(file: File): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
