/** The breach register (GDPR Art. 33-34, ZZPL čl. 52-53): see README.md. Documents load pdfkit/exceljs on demand. */
export { breachArticles } from "./articles.ts";
export { authorityClock, authorityDeadline, breachClock, formatSpan, nextDue, processorClock } from "./clock.ts";
export type { AuthorityClock, BreachClock, DeadlineState, ProcessorClock } from "./clock.ts";
export { BREACH_ID, BREACH_STATUSES, breachKind, breachStatus } from "./kind.ts";
export type { BreachStatus } from "./kind.ts";
export { notificationInput, notifyBreach } from "./notifications.ts";
export type { NotificationInput } from "./notifications.ts";
export { assessRisk, decisionIssues, enisaSeverity, flaggedCategories, requiredNotifications, riskLevel } from "./risk.ts";
export type { Issue, RiskAssessment } from "./risk.ts";
export * from "./schema.ts";
export { breachTimeline, createBreach, getBreach, invalidBreach, issuesOf, listBreaches, parseBreachInput, updateBreach } from "./service.ts";
export type { StoredBreach } from "./service.ts";
export { assessmentJson, breachDetailJson, breachSummaryJson, clockJson } from "./view.ts";
export type { ClockJson } from "./view.ts";
export { AUTHORITY_FORMATS, LETTER_FORMATS, authorityDocument, exportBreachRegister, letterDocument, renderAuthorityPdf, renderLetter } from "./publish.ts";
export type { AuthorityForm, FormFieldValue, LetterBlock, SubjectLetter } from "./documents/index.ts";
export { BreachFileInvalid, formatFileProblem, readBreachFile } from "./file.ts";
export type { FileProblem } from "./file.ts";
