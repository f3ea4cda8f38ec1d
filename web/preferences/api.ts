import type { Language } from "./i18n.ts";

/** The shapes of `GET /o/:slug/preferences/state` and `POST /o/:slug/preferences/decisions` (see /openapi.json). */
export type Decision = "given" | "refused" | "withdrawn" | "expired";

export interface ShownText {
  text: string;
  /** Set when the organisation has not written this text in the page's language. */
  lang?: string;
}

export interface Purpose {
  purpose: string;
  kind: "activity" | "cookie";
  label: ShownText;
  description: ShownText;
  cookies: { name: string; provider: string }[];
  decision: Decision | null;
  decidedAt: string | null;
  policyVersion: number | null;
  reconsentRequired: boolean;
}

export interface HistoryEntry {
  purpose: string;
  label: ShownText;
  decision: Decision;
  method: string;
  recordedAt: string;
  policyVersion: number;
}

export interface PreferenceState {
  organisation: { slug: string; name: string };
  language: Language;
  policyVersion: number;
  noticeUrl: string;
  purposes: Purpose[];
  history: HistoryEntry[];
}

export interface SaveResult extends PreferenceState {
  given: string[];
  withdrawn: string[];
}

/** The signed link's token, or the cookie banner's pseudonymous id. */
export type Subject = { token: string } | { consentId: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

export interface Api {
  state(subject: Subject, lang: Language): Promise<PreferenceState>;
  save(subject: Subject, lang: Language, policyVersion: number, choices: Record<string, boolean>): Promise<SaveResult>;
}

async function answer<T>(res: Response): Promise<T> {
  if (res.ok) return (await res.json()) as T;
  let code = "unknown";
  try {
    code = ((await res.json()) as { error?: { code?: string } }).error?.code ?? code;
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  throw new ApiError(res.status, code);
}

export function createApi(server: string, slug: string): Api {
  const base = `${server.replace(/\/+$/, "")}/o/${encodeURIComponent(slug)}/preferences`;
  return {
    async state(subject, lang) {
      const query = new URLSearchParams({ lang, ...subject });
      return answer(await fetch(`${base}/state?${query}`, { headers: { accept: "application/json" }, credentials: "omit" }));
    },
    async save(subject, lang, policyVersion, choices) {
      const res = await fetch(`${base}/decisions`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        credentials: "omit",
        body: JSON.stringify({ ...subject, language: lang, policyVersion, choices }),
      });
      return answer(res);
    },
  };
}
