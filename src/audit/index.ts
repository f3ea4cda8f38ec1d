export { appendAudit, chainAudit, verifyAudit, type AuditRow } from "./store.ts";
export type { AuditEntry } from "./chain.ts";
export { canonicalJson, chainHash, chainVerifier, GENESIS_HASH, verifyStoredChain, type ChainCheck, type StoredChain } from "./chain.ts";
export { AUDIT_PAGE_MAX, auditBound, auditEntries, auditPeriod, countAudit, searchAudit, type AuditFilter, type AuditOrder, type AuditPage, type AuditRecord } from "./search.ts";
export { AUDIT_EXPORT_MAX_ROWS, auditTable } from "./export.ts";
