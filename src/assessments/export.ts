import { catalogIn, type DocumentLanguage } from "../documents/catalog.ts";
import type { TableDocument } from "../documents/table-export.ts";
import { toCyrillic } from "../notices/index.ts";
import { citeIn } from "../registers/index.ts";
import { CRITERION_TEXT, EXTRA_FACT_TEXT, type Fact } from "./criteria.ts";
import type { AssessmentStatus, RiskLevel } from "./record.ts";
import type { ScreeningResult } from "./screening.ts";
import type { AssessmentRegister, OrganisationScreening } from "./service.ts";

interface AssessmentText {
  titles: { register: string; screening: string };
  facts: { organisation: string; policyVersion: string; date: string };
  registerColumns: string[];
  screeningColumns: string[];
  status: Record<AssessmentStatus, string>;
  level: Record<RiskLevel, string>;
  result: Record<ScreeningResult, string>;
  advice: Record<"proceed" | "proceed_with_changes" | "do_not_proceed", string>;
  required: string;
  notRequired: string;
  none: string;
}

const en: AssessmentText = {
  titles: { register: "Register of data protection impact assessments", screening: "DPIA screening of the processing activities" },
  facts: { organisation: "Organisation", policyVersion: "Policy version", date: "Date" },
  registerColumns: ["Assessment", "Activity", "Title", "Status", "Residual risk", "Prior consultation", "DPO opinion", "Review on", "Policy version"],
  screeningColumns: ["Activity", "DPIA", "Criteria met", "Grounds", "Open questions", "Assessment on record"],
  status: { awaiting_dpo_opinion: "awaiting the DPO's opinion", awaiting_prior_consultation: "prior consultation to submit", consulting_authority: "authority consulted, awaiting its advice", completed: "completed" },
  level: { low: "low", medium: "medium", high: "high" },
  result: { required: "required", recommended: "recommended", not_required: "not required" },
  advice: { proceed: "proceed", proceed_with_changes: "proceed with changes", do_not_proceed: "do not proceed" },
  required: "required",
  notRequired: "not required",
  none: "—",
};

const ro: AssessmentText = {
  titles: { register: "Registrul evaluărilor impactului asupra protecției datelor", screening: "Analiza necesității DPIA pentru activitățile de prelucrare" },
  facts: { organisation: "Organizația", policyVersion: "Versiunea politicii", date: "Data" },
  registerColumns: ["Evaluare", "Activitate", "Titlu", "Stare", "Risc rezidual", "Consultare prealabilă", "Avizul DPO", "Revizuire la", "Versiunea politicii"],
  screeningColumns: ["Activitate", "DPIA", "Criterii îndeplinite", "Temeiuri", "Întrebări deschise", "Evaluare înregistrată"],
  status: { awaiting_dpo_opinion: "așteaptă avizul DPO", awaiting_prior_consultation: "consultare prealabilă de depus", consulting_authority: "autoritate consultată, se așteaptă avizul", completed: "finalizată" },
  level: { low: "scăzut", medium: "mediu", high: "ridicat" },
  result: { required: "obligatorie", recommended: "recomandată", not_required: "nu este necesară" },
  advice: { proceed: "se poate continua", proceed_with_changes: "se poate continua cu modificări", do_not_proceed: "nu se recomandă continuarea" },
  required: "necesară",
  notRequired: "nu este necesară",
  none: "—",
};

const sr: AssessmentText = {
  titles: { register: "Evidencija procena uticaja na zaštitu podataka", screening: "Provera potrebe za procenom uticaja po radnjama obrade" },
  facts: { organisation: "Organizacija", policyVersion: "Verzija politike", date: "Datum" },
  registerColumns: ["Procena", "Radnja obrade", "Naslov", "Stanje", "Preostali rizik", "Prethodno mišljenje", "Mišljenje lica za zaštitu podataka", "Revizija", "Verzija politike"],
  screeningColumns: ["Radnja obrade", "Procena uticaja", "Ispunjeni kriterijumi", "Osnov", "Otvorena pitanja", "Evidentirana procena"],
  status: { awaiting_dpo_opinion: "čeka mišljenje lica za zaštitu podataka", awaiting_prior_consultation: "treba zatražiti mišljenje Poverenika", consulting_authority: "mišljenje Poverenika zatraženo", completed: "završena" },
  level: { low: "nizak", medium: "srednji", high: "visok" },
  result: { required: "obavezna", recommended: "preporučena", not_required: "nije potrebna" },
  advice: { proceed: "nastaviti", proceed_with_changes: "nastaviti uz izmene", do_not_proceed: "ne nastavljati" },
  required: "potrebno",
  notRequired: "nije potrebno",
  none: "—",
};

const textFor = (lang: DocumentLanguage): AssessmentText => catalogIn(lang, { en, ro, sr });
const wordsLang = (lang: DocumentLanguage) => (lang === "sr-Cyrl" ? "sr" : lang);
const script = (lang: DocumentLanguage) => (s: string) => (lang === "sr-Cyrl" ? toCyrillic(s) : s);

const factWords = (f: Fact, lang: DocumentLanguage) =>
  script(lang)((f in CRITERION_TEXT ? CRITERION_TEXT[f as keyof typeof CRITERION_TEXT] : EXTRA_FACT_TEXT[f as keyof typeof EXTRA_FACT_TEXT])[wordsLang(lang)]);

const facts = (t: AssessmentText, organisation: string, version: number, today: string) => [
  { term: t.facts.organisation, value: organisation },
  { term: t.facts.policyVersion, value: String(version) },
  { term: t.facts.date, value: today },
];

export function assessmentsTable(r: AssessmentRegister, lang: DocumentLanguage): TableDocument {
  const t = textFor(lang);
  const rows = r.assessments.map((v) => [
    v.entryId,
    v.assessment.activity,
    v.assessment.title ?? t.none,
    t.status[v.status],
    t.level[v.residualRisk],
    `${v.priorConsultationRequired ? t.required : t.notRequired} (${citeIn(v.articles.priorConsultation, lang)})`,
    v.assessment.dpo_opinion ? `${t.advice[v.assessment.dpo_opinion.advice]}, ${v.assessment.dpo_opinion.on}` : t.none,
    v.assessment.review_on,
    String(v.assessment.policy_version),
  ]);
  return { title: t.titles.register, lang, facts: facts(t, r.organisation, r.policyVersion, r.today), columns: t.registerColumns, rows };
}

export function screeningTable(s: OrganisationScreening, lang: DocumentLanguage): TableDocument {
  const t = textFor(lang);
  const rows = s.activities.map((a) => [
    a.activity,
    t.result[a.result],
    a.criteria.map((c) => factWords(c.criterion, lang)).join("; ") || t.none,
    a.citations.map((c) => citeIn(c, lang)).join("; ") || t.none,
    a.questions.map((q) => factWords(q, lang)).join("; ") || t.none,
    a.assessment ? `${a.assessment.entryId} (${t.status[a.assessment.status as AssessmentStatus] ?? a.assessment.status})` : t.none,
  ]);
  return { title: t.titles.screening, lang, facts: facts(t, s.organisation, s.policyVersion, s.today), columns: t.screeningColumns, rows };
}
