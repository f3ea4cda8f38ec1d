export { formatPath, formatProblem, loadManifestFile, ManifestInvalid, parseManifest } from "./loader.ts";
export type { LoadedManifest, ManifestProblem } from "./loader.ts";
export type { ManifestPath, SourcePosition } from "./positions.ts";
export { manifestSchema } from "./schema.ts";
export type { Cookie, CookieBanner, LocalizedText, Manifest, ProcessingActivity, Processor, RetentionRule, SystemTable } from "./schema.ts";
export { pickLanguage, textIn } from "./text.ts";
export * as vocabulary from "./vocabulary.ts";
export type { Language } from "./vocabulary.ts";
