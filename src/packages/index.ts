/** Access and portability packages: files, the readable summary, encrypted storage, expiring signed links. */
export { buildPackage, packageFiles } from "./build.ts";
export { csvPath, jsonPath, systemJson, tableCsv, zip, type PackageFile } from "./files.ts";
export { packageSummary, type SummaryInput } from "./summary.ts";
export { openPackage, PACKAGE_TTL_MS, pruneExpiredPackages, storePackage, type PackageStore } from "./store.ts";
