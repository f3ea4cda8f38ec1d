export { authorizeForTenant, createApiKey, listApiKeys, revokeApiKey, verifyApiKey } from "./service.ts";
export type { ApiKeySummary, ApiPrincipal, CreatedApiKey } from "./service.ts";
