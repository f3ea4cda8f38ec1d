/** The admin app's calls to Registru's API (see /openapi.json), with the session cookie and its CSRF token. */

export type StandingIssue = "second_factor_required" | "totp_enrolment_required" | "password_change_required";
export type Role = "admin" | "dpo" | "agent" | "auditor";

export interface Grant {
  slug: string;
  name: string;
  role: Role;
}

export interface Session {
  user: { userId: string; email: string; name: string };
  csrfToken: string;
  issues: StandingIssue[];
  grants: Grant[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
  }
}

let csrfToken: string | undefined;
export const setCsrfToken = (token: string | undefined) => {
  csrfToken = token;
};

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

async function call<T>(method: string, url: string, body?: unknown, contentType = "application/json"): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = contentType;
  if (UNSAFE.has(method) && csrfToken) headers["x-csrf-token"] = csrfToken;
  const res = await fetch(url, {
    method,
    headers,
    credentials: "same-origin",
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (res.status === 401 && !url.startsWith("/api/v1/session")) dispatchEvent(new Event("registru:unauthorized"));
  if (!res.ok) {
    const error = (json as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    throw new ApiError(res.status, error?.code ?? `http_${res.status}`, error?.message ?? res.statusText, error?.details);
  }
  return json as T;
}

export const api = {
  get: <T>(url: string) => call<T>("GET", url),
  post: <T>(url: string, body: unknown = {}) => call<T>("POST", url, body),
  put: <T>(url: string, body: unknown, contentType?: string) => call<T>("PUT", url, body, contentType),
  patch: <T>(url: string, body: unknown) => call<T>("PATCH", url, body),
  delete: <T>(url: string) => call<T>("DELETE", url),
  yaml: <T>(method: "POST" | "PUT", url: string, source: string) => call<T>(method, url, source, "application/yaml"),
};

/** `/api/v1/organisations/<slug><path>` */
export const orgUrl = (slug: string, path = "") => `/api/v1/organisations/${encodeURIComponent(slug)}${path}`;

export interface TimeLeft {
  overdue: boolean;
  paused: boolean;
  msLeft: number;
  workingDaysLeft: number;
}

export interface RequestSummary {
  id: string;
  state: string;
  right: string;
  channel: string;
  receivedAt: string;
  revision: number;
  deadline: { due: string; winner: string; article: string; legalDue: string; promise?: string; extended: boolean; pausedMs: number; timeLeft: TimeLeft } | null;
}

export interface TimelineEvent {
  seq: number;
  at: string;
  actor: string;
  kind: string;
  data: unknown;
}

export interface RequestDetail extends RequestSummary {
  request: {
    subject: { email: string; name?: string; phone?: string; customerId?: string };
    language?: string;
    details?: { text?: string; fields?: Record<string, string>; purposes?: string[] };
    representative?: { name: string; relationship: string; proof: { reference: string; sha256: string }; accepted?: boolean };
    enteredBy?: string;
    [key: string]: unknown;
  };
  timeline: TimelineEvent[];
}

export interface ExecutionProgress {
  state: string;
  plannedAt: string;
  systems: Array<{ system: string; effects: number; done: boolean; doneAt: string | null }>;
  systemsDone: number;
  tasks: number;
  notifications: { total: number; sent: number };
  lastError: { code: string; at: string } | null;
}

export interface BreachClock {
  now: string;
  nextDue: string | null;
  authority: { article: string; due: string; rule: string; required: boolean | null; state: string; notifiedAt: string | null; msLeft: number };
  processor: { processor: string; windowHours: number | null; due: string | null; state: string; msLeft: number | null } | null;
}

export interface BreachSummary {
  id: string;
  title: string;
  status: string;
  revision: number;
  awareAt: string;
  dueAt: string | null;
  riskLevel: string | null;
  clock: BreachClock;
}

export interface BreachDetail extends BreachSummary {
  breach: Record<string, unknown>;
  assessment: { risk: { level: string; likelihood: string; severity: string } | null; required: { authority: boolean; subjects: boolean } | null; special: string[]; criminal: string[] };
  timeline: TimelineEvent[];
}

export interface Finding {
  rule: string;
  severity: "error" | "warning" | "info";
  article: string;
  message: string;
  hint: string;
  path: string;
  line: number;
  col: number;
}

export interface LintReport {
  findings: Finding[];
  errors: number;
  warnings: number;
}

export interface Dashboard {
  now: string;
  organisations: Array<{ slug: string; name: string; policyVersion: number | null; lintErrors: number; lintWarnings: number; openRequests: number; overdueRequests: number; openBreaches: number }>;
  requests: Array<{ organisation: string; id: string; right: string; state: string; due: string; overdue: boolean; paused: boolean; msLeft: number }>;
  breaches: Array<{ organisation: string; id: string; title: string; status: string; due: string; state: string; msLeft: number; required: boolean | null }>;
  vendorAlerts: Array<{ organisation: string; kind: string; severity: string; processor?: string; message: string; dueOn?: string }>;
  retentionRuns: Array<{ organisation: string; id: string; status: string; trigger: string; startedAt: string | null; finishedAt: string | null; tablesDone: number; tables: number; error: { code: string; message: string } | null }>;
  lint: Array<{ organisation: string; policyVersion: number; rule: string; severity: string; article: string; message: string; path: string; line: number }>;
  securityReviews: Array<{ organisation: string; measure: string; kind: string; message: string; dueOn?: string }>;
}
