/** Data protection impact assessments: screening of the policy's activities (S1-09) and the DPIA register. */
export { CRITERIA, CRITERION_TEXT, EXTRA_FACTS, FACTS, triggersFor, type Criterion, type Fact, type Trigger } from "./criteria.ts";
export { assessmentsTable, screeningTable } from "./export.ts";
export { AssessmentFileInvalid, formatFileProblem, parseAssessmentFile, type AssessmentFile, type FileProblem } from "./file.ts";
export {
  ASSESSMENT_STATUSES,
  assessmentInput,
  assessmentKind,
  assessmentStatus,
  DPO_ADVICE,
  priorConsultationRequired,
  residualRisk,
  RISK_LEVELS,
  RISK_SCALE,
  riskLevel,
  type Assessment,
  type AssessmentInput,
  type AssessmentStatus,
  type RiskLevel,
  type RiskScale,
} from "./record.ts";
export { screenActivity, screenManifest, screeningAnswers, SCREENING_RESULTS, type ActivityScreening, type FactFinding, type ScreeningAnswers, type ScreeningResult, type TriggerFinding } from "./screening.ts";
export {
  assessmentRegister,
  assessmentView,
  createAssessment,
  getAssessment,
  parseAnswers,
  parseAssessmentInput,
  screenOrganisation,
  updateAssessment,
  type AssessmentRegister,
  type AssessmentView,
  type OrganisationScreening,
  type ScreenedActivity,
} from "./service.ts";
