export { consentHistory, currentConsent, recordConsent, verifyConsentLedger, withdrawConsent } from "./service.ts";
export type { ConsentRecord, ConsentState } from "./service.ts";
export { exportConsentReceipt, RECEIPT_SCHEMA_VERSION, type ConsentReceipt } from "./receipt.ts";
export { DECISIONS, METHODS, type CollectionMethod, type ConsentInput, type Decision, type WithdrawalInput } from "./input.ts";
export { truncateIp } from "./ip.ts";
export { COOKIE_PURPOSE_PREFIX, cookiePurpose } from "./purposes.ts";
export { needsReconsent, reconsentVersions } from "./reconsent.ts";
export { signingKey, signToken, verifyToken, type TokenScope } from "./tokens.ts";
