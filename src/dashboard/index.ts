/** What is due across the organisations a user works for (the admin app's first page). */
export { buildDashboard, REVIEW_SOON_DAYS, RUNS_PER_ORGANISATION } from "./service.ts";
export type { BreachClockItem, Dashboard, DashboardOrganisation, DueRequest, LintItem, OrganisationStatus, RetentionRunItem, SecurityReviewItem, VendorAlertItem } from "./types.ts";
