/**
 * Data-subject requests: intake, identity verification by e-mail, deadlines, the lifecycle and
 * the letters. The executor (connectors) picks up requests in `in_progress` and calls
 * `recordOutcome` and `completeRequest`. See README.md.
 */
export { submitRequest, type SubmitOptions, type Submitted } from "./intake.ts";
export { assertRequestAccess, requestAccessToken } from "./access.ts";
export type { StoredRequest } from "./store.ts";
export { localized, requestOrganisation, type RequestOrganisation } from "./organisation.ts";
export { decideRepresentative, resetVerification, sendVerificationCode, verifyRequest, type StepOptions } from "./verify.ts";
export { extendRequest, pauseRequest, refuseRequest, resumeRequest } from "./actions.ts";
export { controllerFor, forwardRequest } from "./forward.ts";
export { completeRequest, recordOutcome, type CompleteOptions } from "./complete.ts";
export { getRequest, letterPdf, listRequests, summary as requestSummary, type DeadlineView, type RequestDetail, type RequestSummary } from "./queries.ts";
export { describeTimeLeft, promisedDeadline, requestDeadline, timeLeft, type RequestDeadline, type TimeLeft } from "./deadlines.ts";
export { ACTIONS, type RequestAction } from "./lifecycle.ts";
export { isValidCnp, isValidJmbg, normalisePhone } from "./identity.ts";
export * from "./input.ts";
export {
  FINAL_STATES,
  KEPT_REASONS,
  LETTER_LANGUAGES,
  notifiedRecipient,
  outcomeRow,
  REQUEST_CHANNELS,
  REQUEST_ID,
  REQUEST_RIGHTS,
  REQUEST_STATES,
  REFUSAL_GROUNDS,
  requestRegister,
  type LetterLanguage,
  type OutcomeRow,
  type RequestOutcome,
  type RequestRight,
  type RequestState,
  type SubjectRequest,
} from "./model.ts";
export { CODE_TTL_MS, MAX_ATTEMPTS } from "./verification.ts";
export { formatFileProblem, parseRequestFile, RequestFileInvalid, type FileProblem } from "./file.ts";
export { articlesFor, formatDate, letterMessageId, outboxRegister, renderLetterText, renderLetterPdf, type Letter } from "./letters/index.ts";
