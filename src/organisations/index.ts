export { SLUG, applyManifest, assertSlug, getOrganisation, hasOrganisations, listOrganisations, manifestHash, policyInForce } from "./service.ts";
export type { AppliedVersion, PolicyInForce } from "./service.ts";
export { lintRefreshJob, refreshLintFindings } from "./jobs.ts";
export { findLintFindings } from "./store.ts";
export { examplesDir, loadExampleOrganisations } from "./examples.ts";
export { diffManifests, diffPolicyVersions, loadPolicyVersions, type PolicyChange, type PolicyDiff, type StoredPolicyVersion } from "./versions.ts";
