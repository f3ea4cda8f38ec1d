export { appendAudit, chainAudit, verifyAudit, type AuditRow } from "./store.ts";
export type { AuditEntry } from "./chain.ts";
export { canonicalJson, chainHash, chainVerifier, GENESIS_HASH, type ChainCheck } from "./chain.ts";
