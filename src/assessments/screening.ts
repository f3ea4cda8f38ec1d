import { z } from "zod";
import { isCriminalData, isSpecialCategory, type Jurisdiction } from "../law/index.ts";
import type { Manifest, ProcessingActivity } from "../manifest/index.ts";
import { CRITERIA, criterionCitation, FACTS, triggersFor, type Criterion, type Fact, type Trigger } from "./criteria.ts";

export const SCREENING_RESULTS = ["required", "recommended", "not_required"] as const;
export type ScreeningResult = (typeof SCREENING_RESULTS)[number];

/** What a person knows that the manifest cannot say (scale, public areas, ...), per activity id. */
export const screeningAnswers = z.record(z.string(), z.partialRecord(z.enum(FACTS as [Fact, ...Fact[]]), z.boolean()));
export type ScreeningAnswers = z.infer<typeof screeningAnswers>;

export interface FactFinding {
  fact: Fact;
  /** null: not known from the manifest, and nobody answered. */
  met: boolean | null;
  source: "manifest" | "answer" | "unknown";
  /** What in the manifest shows it, e.g. "data: special.health". */
  evidence: string[];
}

export interface TriggerFinding {
  id: string;
  citation: string;
  /** `possible`: no fact is false, but some are not known. */
  state: "met" | "possible" | "not_met";
  facts: Fact[];
  missing: Fact[];
}

export interface ActivityScreening {
  activity: string;
  result: ScreeningResult;
  /** The WP248 criteria met, with their citations. */
  criteria: Array<{ criterion: Criterion; citation: string; evidence: string[]; source: "manifest" | "answer" }>;
  triggers: TriggerFinding[];
  facts: FactFinding[];
  /** Facts nobody has answered that could change the result. */
  questions: Fact[];
  /** The reasons for the result: the triggers met, or the WP248 rule. */
  citations: string[];
}

const MONITORING_DATA = ["location.precise"];
const SCORING_DATA = ["online.profile", "financial.creditworthiness"];
// Subject ids that name people WP248 counts as vulnerable: employees (power imbalance), children, patients, applicants.
const VULNERABLE_ID = /(^|_)(employees?|staff|workers?|job_applicants|applicants|candidates|patients|pupils|students|children|minors)($|_)/;

type Derived = Partial<Record<Fact, string[]>>;

/** The facts the manifest shows (with the evidence), and those it rules out; the rest stay unknown. */
function derive(m: Manifest, a: ProcessingActivity): { met: Derived; notMet: Set<Fact> } {
  const has = (ids: string[]) => a.data.filter((d) => ids.includes(d)).map((d) => `data: ${d}`);
  const special = a.data.filter((d) => isSpecialCategory(d) || isCriminalData(d)).map((d) => `data: ${d}`);
  const subjects = m.subjects.filter((s) => a.subjects.includes(s.id));
  const vulnerable = subjects.flatMap((s) => (s.minors ? [`subjects: ${s.id} (minors)`] : VULNERABLE_ID.test(s.id) ? [`subjects: ${s.id}`] : []));
  const scoring = [...(a.profiling ? ["profiling: true"] : []), ...has(SCORING_DATA)];
  const monitoring = [...has(MONITORING_DATA), ...(a.profiling && a.data.includes("online.browsing") ? ["profiling of online.browsing"] : [])];
  const decisions = typeof a.automated_decisions === "object" ? ["automated_decisions"] : [];
  const innovative = has(["special.biometric", "special.genetic"]);
  const contract = a.requirement?.kind === "contract_prerequisite" || a.requirement?.kind === "contractual";
  const barring = contract ? has(["financial.creditworthiness"]).map((e) => `${e} before a contract`) : [];
  const location = a.data.filter((d) => d.startsWith("location.")).map((d) => `data: ${d}`);
  const sensors = has(["device.equipment"]);
  const met: Derived = {};
  const notMet = new Set<Fact>();
  const set = (fact: Fact, evidence: string[], decisive: boolean) => {
    if (evidence.length) met[fact] = evidence;
    else if (decisive) notMet.add(fact);
  };
  // Decisive: the manifest states these facts completely, so their absence means "no".
  set("evaluation_scoring", scoring, true);
  set("automated_decision", decisions, true);
  set("systematic_monitoring", monitoring, true);
  set("special_or_criminal", special, true);
  set("vulnerable_subjects", vulnerable, true);
  set("location_data", location, true);
  set("sensor_data", sensors, true);
  set("innovative_technology", innovative, false);
  set("prevents_right_or_contract", barring, false);
  return { met, notMet };
}

function findings(m: Manifest, a: ProcessingActivity, answers: Partial<Record<Fact, boolean>> = {}): FactFinding[] {
  const { met, notMet } = derive(m, a);
  return FACTS.map((fact): FactFinding => {
    const answer = answers[fact];
    if (answer !== undefined) return { fact, met: answer, source: "answer", evidence: met[fact] ?? [] };
    if (met[fact]) return { fact, met: true, source: "manifest", evidence: met[fact]! };
    return notMet.has(fact) ? { fact, met: false, source: "manifest", evidence: [] } : { fact, met: null, source: "unknown", evidence: [] };
  });
}

function judge(t: Trigger, facts: ReadonlyMap<Fact, FactFinding>): TriggerFinding {
  const states = t.facts.map((f) => facts.get(f)!.met);
  const state = states.every((s) => s === true) ? "met" : states.some((s) => s === false) ? "not_met" : "possible";
  return { id: t.id, citation: t.citation, state, facts: [...t.facts], missing: t.facts.filter((f) => facts.get(f)!.met !== true) };
}

/** One activity against the WP248 criteria, Art. 35(3) / ZZPL čl. 54(3) and the national list. */
export function screenActivity(m: Manifest, a: ProcessingActivity, jurisdiction: Jurisdiction, answers?: Partial<Record<Fact, boolean>>): ActivityScreening {
  const facts = findings(m, a, answers);
  const byFact = new Map(facts.map((f) => [f.fact, f]));
  const triggers = triggersFor(jurisdiction.regime, jurisdiction.code).map((t) => judge(t, byFact));
  const criteria = CRITERIA.flatMap((c) => {
    const f = byFact.get(c)!;
    return f.met ? [{ criterion: c, citation: criterionCitation(c), evidence: f.evidence, source: f.source as "manifest" | "answer" }] : [];
  });
  const metTriggers = triggers.filter((t) => t.state === "met");
  const result: ScreeningResult = metTriggers.length || criteria.length >= 2 ? "required" : criteria.length === 1 ? "recommended" : "not_required";
  const citations = metTriggers.length ? metTriggers.map((t) => t.citation) : criteria.length ? ["WP248 rev.01 III.B.a", ...criteria.map((c) => c.citation)] : [];
  // What could still make it required: the unknowns of a trigger partly met and, one criterion
  // short of the WP248 rule, any criterion nobody has answered.
  const partly = triggers.filter((t) => t.state === "possible" && t.missing.length < t.facts.length);
  const open = new Set<Fact>(partly.flatMap((t) => t.missing));
  if (result === "recommended") CRITERIA.forEach((c) => byFact.get(c)!.met === null && open.add(c));
  const questions = result === "required" ? [] : FACTS.filter((f) => open.has(f));
  return { activity: a.id, result, criteria, triggers, facts, questions, citations };
}

/** Every activity of a manifest, in its order. */
export function screenManifest(m: Manifest, jurisdiction: Jurisdiction, answers: ScreeningAnswers = {}): ActivityScreening[] {
  return m.activities.map((a) => screenActivity(m, a, jurisdiction, answers[a.id]));
}
