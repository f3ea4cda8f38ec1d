/** One organisation the dashboard looks at (a user's grant, or an API key's own organisation). */
export interface DashboardOrganisation {
  tenantId: string;
  slug: string;
  name: string;
}

export interface DueRequest {
  organisation: string;
  id: string;
  right: string;
  state: string;
  due: string;
  overdue: boolean;
  paused: boolean;
  msLeft: number;
}

export interface BreachClockItem {
  organisation: string;
  id: string;
  title: string;
  status: string;
  /** The authority's 72-hour deadline. */
  due: string;
  state: string;
  msLeft: number;
  /** null while the risk is not assessed: the clock runs anyway. */
  required: boolean | null;
}

export interface VendorAlertItem {
  organisation: string;
  kind: string;
  severity: string;
  processor?: string;
  message: string;
  dueOn?: string;
}

export interface RetentionRunItem {
  organisation: string;
  id: string;
  status: string;
  trigger: string;
  startedAt: string | null;
  finishedAt: string | null;
  tablesDone: number;
  tables: number;
  error: { code: string; message: string } | null;
}

export interface LintItem {
  organisation: string;
  policyVersion: number;
  rule: string;
  severity: string;
  article: string;
  message: string;
  path: string;
  line: number;
}

export interface SecurityReviewItem {
  organisation: string;
  measure: string;
  kind: string;
  message: string;
  dueOn?: string;
}

export interface OrganisationStatus {
  slug: string;
  name: string;
  policyVersion: number | null;
  lintErrors: number;
  lintWarnings: number;
  openRequests: number;
  overdueRequests: number;
  openBreaches: number;
}

/** What is due across the organisations, most urgent first in each list. */
export interface Dashboard {
  now: string;
  organisations: OrganisationStatus[];
  requests: DueRequest[];
  breaches: BreachClockItem[];
  vendorAlerts: VendorAlertItem[];
  retentionRuns: RetentionRunItem[];
  lint: LintItem[];
  securityReviews: SecurityReviewItem[];
}
