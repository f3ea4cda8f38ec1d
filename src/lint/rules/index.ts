import type { LintRule } from "../types.ts";
import { consentRules } from "./consent.ts";
import { cookieRules } from "./cookies.ts";
import { lawfulnessRules } from "./lawfulness.ts";
import { nationalRules } from "./national.ts";
import { processorRules } from "./processors.ts";
import { recordRules } from "./records.ts";
import { retentionRules } from "./retention.ts";
import { specialRules } from "./special.ts";
import { transferRules } from "./transfers.ts";
import { transparencyRules } from "./transparency.ts";

export const allRules: readonly LintRule[] = [
  ...transparencyRules,
  ...lawfulnessRules,
  ...consentRules,
  ...specialRules,
  ...retentionRules,
  ...transferRules,
  ...processorRules,
  ...cookieRules,
  ...recordRules,
  ...nationalRules,
];
