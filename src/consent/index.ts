export { consentHistory, currentConsent, recordConsent, verifyConsentLedger, withdrawConsent } from "./service.ts";
export type { ConsentRecord, ConsentState } from "./service.ts";
export { exportConsentReceipt, RECEIPT_SCHEMA_VERSION, type ConsentReceipt } from "./receipt.ts";
export { DECISIONS, METHODS, type CollectionMethod, type ConsentInput, type Decision, type WithdrawalInput } from "./input.ts";
export { truncateIp } from "./ip.ts";
