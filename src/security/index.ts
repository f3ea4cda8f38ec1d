/** The security measures register: the manifest's measures, their periodic reviews and overdue alerts (S1-07). */
export { nextReviewOn, REVIEW_OUTCOMES, reviewInput, securityMeasureKind, type MeasureRecord, type ReviewInput, type ReviewOutcome } from "./kind.ts";
export { securityAlerts, securityRows, type ReviewState, type SecurityAlert, type SecurityMeasureRow } from "./register.ts";
export { securityTable } from "./export.ts";
export { parseReview, recordReview, reviewHistory, securityRegister, type SecurityRegister } from "./service.ts";
