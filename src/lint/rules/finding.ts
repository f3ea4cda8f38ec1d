import type { ManifestPath } from "../../manifest/index.ts";
import type { RawFinding, Severity } from "../types.ts";

/** One finding, written positionally so rules stay short: severity, article, path, message, hint. */
export const finding = (severity: Severity, article: string, path: ManifestPath, message: string, hint: string): RawFinding => ({
  severity,
  article,
  path,
  message,
  hint,
});
