import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import { lawFor, type Jurisdiction, type PlainDate } from "../law/index.ts";
import type { Language, Manifest } from "../manifest/index.ts";
import { policyInForce } from "../organisations/index.ts";
import { createEntry, entryEvents, getEntry, listEntries, updateEntry, type RegisterEvent, type StoredEntry } from "../registers/index.ts";
import {
  assessmentInput,
  assessmentKind,
  assessmentStatus,
  priorConsultationRequired,
  residualRisk,
  riskLevel,
  type Assessment,
  type AssessmentInput,
  type AssessmentStatus,
  type RiskLevel,
} from "./record.ts";
import { screenManifest, screeningAnswers, type ActivityScreening, type ScreeningAnswers } from "./screening.ts";

interface Issue {
  path: string;
  message: string;
}

const invalid = (issues: Issue[]) => new RegistruError("invalid_dpia", `invalid assessment: ${issues.map((i) => i.path || "(root)").join(", ")}`, 400, issues);

export interface ScreenedActivity extends ActivityScreening {
  /** The latest assessment recorded for the activity. */
  assessment?: { entryId: string; status: string; reviewOn: PlainDate };
}

export interface OrganisationScreening {
  slug: string;
  organisation: string;
  languages: Language[];
  today: PlainDate;
  policyVersion: number;
  jurisdiction: Jurisdiction;
  activities: ScreenedActivity[];
}

export function parseAnswers(value: unknown): ScreeningAnswers {
  const r = screeningAnswers.safeParse(value ?? {});
  if (r.success) return r.data;
  throw new RegistruError("invalid_answers", "answers are { activity id: { fact: true | false } }", 400, r.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })));
}

/** S1-09: every activity of the policy in force screened, with the assessment on record for it. */
export async function screenOrganisation(ctx: Context, slug: string, answers: unknown = {}): Promise<OrganisationScreening> {
  const given = parseAnswers(answers);
  const policy = await policyInForce(ctx, slug);
  const unknown = Object.keys(given).filter((id) => !policy.manifest.activities.some((a) => a.id === id));
  if (unknown.length) throw new RegistruError("invalid_answers", `no activity ${unknown.map((u) => `"${u}"`).join(", ")} in the policy in force`, 400);
  const latest = new Map<string, StoredEntry<Assessment>>();
  for (const e of await listEntries(ctx, slug, assessmentKind)) {
    const seen = latest.get(e.data.activity);
    if (!seen || seen.entryId < e.entryId) latest.set(e.data.activity, e);
  }
  const activities = screenManifest(policy.manifest, policy.jurisdiction, given).map((s): ScreenedActivity => {
    const e = latest.get(s.activity);
    return e ? { ...s, assessment: { entryId: e.entryId, status: e.status, reviewOn: e.data.review_on } } : s;
  });
  const { name, languages } = policy.manifest.organisation;
  return { slug, organisation: name, languages, today: policy.today, policyVersion: policy.version, jurisdiction: policy.jurisdiction, activities };
}

export function parseAssessmentInput(value: unknown): AssessmentInput {
  const r = assessmentInput.safeParse(value);
  if (r.success) return r.data;
  throw invalid(r.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })));
}

/** What only the policy in force can tell: the activity and the security measures exist. */
function policyIssues(input: AssessmentInput, m: Manifest): Issue[] {
  const issues: Issue[] = [];
  if (!m.activities.some((a) => a.id === input.activity)) {
    issues.push({ path: "activity", message: `no activity "${input.activity}" in the policy in force (activities: ${m.activities.map((a) => a.id).join(", ")})` });
  }
  const measures = new Set((m.security_measures ?? []).map((s) => s.id));
  (input.security_measures ?? []).forEach((id, i) => {
    if (!measures.has(id)) issues.push({ path: `security_measures.${i}`, message: `no security measure "${id}" in the policy in force` });
  });
  return issues;
}

async function toStored(ctx: Context, slug: string, value: unknown): Promise<Assessment> {
  const input = parseAssessmentInput(value);
  const policy = await policyInForce(ctx, slug);
  const issues = policyIssues(input, policy.manifest);
  if (issues.length) throw invalid(issues);
  return { ...input, policy_version: policy.version, jurisdiction: policy.jurisdiction.code, dpo_appointed: policy.manifest.dpo?.appointed === true };
}

export async function createAssessment(ctx: Context, slug: string, value: unknown, actor: string): Promise<StoredEntry<Assessment>> {
  const created = await createEntry(ctx, slug, assessmentKind, await toStored(ctx, slug, value), actor);
  ctx.log.info({ tenant: slug, dpia: created.entryId, status: created.status }, "impact assessment recorded");
  return created;
}

/** Replaces the assessment with the revision the caller read (409 when someone else changed it since). */
export async function updateAssessment(ctx: Context, slug: string, entryId: string, revision: number, value: unknown, actor: string): Promise<StoredEntry<Assessment>> {
  return updateEntry(ctx, slug, assessmentKind, entryId, revision, await toStored(ctx, slug, value), actor);
}

export interface AssessmentView {
  entryId: string;
  revision: number;
  status: AssessmentStatus;
  createdAt: Date;
  updatedAt: Date;
  assessment: Assessment;
  risks: Array<{ level: RiskLevel; residualLevel: RiskLevel }>;
  residualRisk: RiskLevel;
  priorConsultationRequired: boolean;
  /** The review date has passed. */
  reviewOverdue: boolean;
  articles: { contents: string; dpo: string; priorConsultation: string };
}

export function assessmentView(e: StoredEntry<Assessment>, today: PlainDate): AssessmentView {
  const a = e.data;
  const zzpl = lawFor(a.jurisdiction).regime === "ZZPL";
  return {
    entryId: e.entryId,
    revision: e.revision,
    status: assessmentStatus(a),
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    assessment: a,
    risks: a.risks.map((r) => ({ level: riskLevel(r.likelihood, r.severity), residualLevel: riskLevel(r.residual?.likelihood ?? r.likelihood, r.residual?.severity ?? r.severity) })),
    residualRisk: residualRisk(a.risks),
    priorConsultationRequired: priorConsultationRequired(a),
    reviewOverdue: a.review_on < today,
    articles: zzpl
      ? { contents: "ZZPL čl. 54", dpo: "ZZPL čl. 54(2)", priorConsultation: "ZZPL čl. 55(1)" }
      : { contents: "GDPR Art. 35(7)", dpo: "GDPR Art. 35(2)", priorConsultation: "GDPR Art. 36(1)" },
  };
}

export async function getAssessment(ctx: Context, slug: string, entryId: string): Promise<AssessmentView & { timeline: RegisterEvent[] }> {
  const policy = await policyInForce(ctx, slug);
  const entry = await getEntry(ctx, slug, assessmentKind, entryId);
  return { ...assessmentView(entry, policy.today), timeline: await entryEvents(ctx, slug, assessmentKind, entryId) };
}

export interface AssessmentRegister {
  slug: string;
  organisation: string;
  languages: Language[];
  policyVersion: number;
  today: PlainDate;
  /** The soonest review first. */
  assessments: AssessmentView[];
}

export async function assessmentRegister(ctx: Context, slug: string): Promise<AssessmentRegister> {
  const policy = await policyInForce(ctx, slug);
  const { name, languages } = policy.manifest.organisation;
  const assessments = (await listEntries(ctx, slug, assessmentKind)).map((e) => assessmentView(e, policy.today));
  return { slug, organisation: name, languages, policyVersion: policy.version, today: policy.today, assessments };
}
