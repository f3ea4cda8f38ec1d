import { dataCategory, type Jurisdiction } from "../law/index.ts";
import { breachArticles } from "./articles.ts";
import { RISK_SCALE, type BreachInput, type RiskInput, type RiskLevel, type RiskScale } from "./schema.ts";

/**
 * Severity (rows) × likelihood (columns) → level. A negligible severity never reaches the
 * "risk" threshold of Art. 33(1); a high risk (Art. 34) needs both to be at least significant,
 * or a maximum severity that is at least of limited likelihood (EDPB Guidelines 9/2022 §§ 40-41,
 * WP250 rev.01 IV.B: likelihood and severity assessed together).
 */
const MATRIX: Record<RiskScale, Record<RiskScale, RiskLevel>> = {
  negligible: { negligible: "none", limited: "none", significant: "none", maximum: "none" },
  limited: { negligible: "none", limited: "risk", significant: "risk", maximum: "risk" },
  significant: { negligible: "risk", limited: "risk", significant: "high", maximum: "high" },
  maximum: { negligible: "risk", limited: "high", significant: "high", maximum: "high" },
};

export const riskLevel = (severity: RiskScale, likelihood: RiskScale): RiskLevel => MATRIX[severity][likelihood];

/** ENISA: SE < 2 low, 2 ≤ SE < 3 medium, 3 ≤ SE < 4 high, SE ≥ 4 very high; mapped onto the four-level scale. */
export function enisaSeverity(score: { dpc: number; ei: number; cb: number }): { se: number; severity: RiskScale } {
  const se = Math.round((score.dpc * score.ei + score.cb) * 100) / 100;
  const index = se < 2 ? 0 : se < 3 ? 1 : se < 4 ? 2 : 3;
  return { se, severity: RISK_SCALE[index]! };
}

export interface RiskAssessment {
  likelihood: RiskScale;
  severity: RiskScale;
  /** The ENISA score, when the severity was derived from it. */
  enisaScore?: number;
  computed: RiskLevel;
  /** The level that counts: the DPO's override, or the computed one. */
  level: RiskLevel;
  overridden: boolean;
}

export function assessRisk(risk: RiskInput): RiskAssessment {
  const enisa = risk.enisa && enisaSeverity(risk.enisa);
  const severity = enisa?.severity ?? risk.severity!;
  const computed = riskLevel(severity, risk.likelihood);
  return {
    likelihood: risk.likelihood,
    severity,
    ...(enisa && { enisaScore: enisa.se }),
    computed,
    level: risk.override?.level ?? computed,
    overridden: risk.override !== undefined,
  };
}

/** Art. 9 and Art. 10 categories among the data breached: they weigh on severity and must be visible. */
export function flaggedCategories(categories: string[]) {
  return {
    special: categories.filter((c) => dataCategory(c)?.special),
    criminal: categories.filter((c) => dataCategory(c)?.criminal),
  };
}

/** What the law asks, given the level: the authority unless there is no risk, the subjects when it is high. */
export const requiredNotifications = (level: RiskLevel) => ({ authority: level !== "none", subjects: level === "high" });

export interface Issue {
  path: string;
  message: string;
}

/**
 * Decisions that contradict the assessed risk. Not notifying is a decision the law allows only
 * when the breach is unlikely to result in a risk (Art. 33(1)); not telling subjects of a high
 * risk only under an Art. 34(3) exception.
 */
export function decisionIssues(b: Pick<BreachInput, "risk" | "decisions">, j: Jurisdiction): Issue[] {
  const d = b.decisions;
  if (!d?.notify_authority && !d?.notify_subjects) return [];
  if (!b.risk) return [{ path: "decisions", message: "assess the risk (risk.likelihood and risk.severity) before recording a decision" }];
  const articles = breachArticles(j);
  const { level } = assessRisk(b.risk);
  const required = requiredNotifications(level);
  const issues: Issue[] = [];
  if (d.notify_authority?.notify === false && required.authority) {
    issues.push({ path: "decisions.notify_authority.notify", message: `the risk is assessed as "${level}": the authority must be notified (${articles.authority}); only a breach unlikely to result in a risk may stay unnotified` });
  }
  const subjects = d.notify_subjects;
  if (subjects?.notify === false && required.subjects && !subjects.exception) {
    issues.push({ path: "decisions.notify_subjects.exception", message: `the risk is high: the subjects must be told (${articles.subjects}) unless an exception of ${articles.exceptions} applies; name it (protected_data, risk_no_longer_likely, disproportionate_effort)` });
  }
  if (subjects?.notify === true && subjects.exception) {
    issues.push({ path: "decisions.notify_subjects.exception", message: `an exception of ${articles.exceptions} is a reason not to tell the subjects; leave it out when they are told` });
  }
  return issues;
}
