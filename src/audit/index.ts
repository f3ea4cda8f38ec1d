export { appendAudit, verifyAudit } from "./store.ts";
export type { AuditEntry } from "./chain.ts";
