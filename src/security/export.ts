import { catalogIn, type DocumentLanguage } from "../documents/catalog.ts";
import type { TableDocument } from "../documents/table-export.ts";
import { textIn } from "../manifest/index.ts";
import { catalogFor, durationWords } from "../notices/index.ts";
import type { ReviewOutcome } from "./kind.ts";
import type { ReviewState } from "./register.ts";
import type { SecurityRegister } from "./service.ts";

interface SecurityText {
  title: string;
  facts: { organisation: string; policyVersion: string; date: string };
  columns: string[];
  kind: { technical: string; organisational: string };
  outcome: Record<ReviewOutcome, string>;
  state: Record<ReviewState, string>;
  none: string;
}

const en: SecurityText = {
  title: "Register of security measures",
  facts: { organisation: "Organisation", policyVersion: "Policy version", date: "Date" },
  columns: ["Measure", "Kind", "Reviewed every", "Last review", "Reviewer", "Outcome", "Next review", "State"],
  kind: { technical: "technical", organisational: "organisational" },
  outcome: { effective: "effective", improvement_needed: "improvement needed", ineffective: "ineffective" },
  state: { not_periodic: "no review period set", never_reviewed: "never reviewed", up_to_date: "up to date", overdue: "review overdue" },
  none: "—",
};

const ro: SecurityText = {
  title: "Registrul măsurilor de securitate",
  facts: { organisation: "Organizația", policyVersion: "Versiunea politicii", date: "Data" },
  columns: ["Măsura", "Tipul", "Evaluată la fiecare", "Ultima evaluare", "Evaluator", "Rezultat", "Următoarea evaluare", "Stare"],
  kind: { technical: "tehnică", organisational: "organizatorică" },
  outcome: { effective: "eficientă", improvement_needed: "necesită îmbunătățiri", ineffective: "ineficientă" },
  state: { not_periodic: "fără periodicitate stabilită", never_reviewed: "neevaluată niciodată", up_to_date: "la zi", overdue: "evaluare întârziată" },
  none: "—",
};

const sr: SecurityText = {
  title: "Evidencija mera zaštite",
  facts: { organisation: "Organizacija", policyVersion: "Verzija politike", date: "Datum" },
  columns: ["Mera", "Vrsta", "Proverava se svakih", "Poslednja provera", "Proverio", "Rezultat", "Sledeća provera", "Stanje"],
  kind: { technical: "tehnička", organisational: "organizaciona" },
  outcome: { effective: "delotvorna", improvement_needed: "potrebna poboljšanja", ineffective: "nedelotvorna" },
  state: { not_periodic: "period provere nije određen", never_reviewed: "nikad proverena", up_to_date: "ažurno", overdue: "provera kasni" },
  none: "—",
};

const textFor = (lang: DocumentLanguage): SecurityText => catalogIn(lang, { en, ro, sr });

/** The security measures register as a table, for CSV, XLSX or PDF. */
export function securityTable(r: SecurityRegister, lang: DocumentLanguage): TableDocument {
  const t = textFor(lang);
  const rows = r.measures.map((m) => [
    textIn(m.measure, lang) ?? m.id,
    t.kind[m.kind],
    m.every ? durationWords(catalogFor(lang), m.every) : t.none,
    m.lastReview?.on ?? t.none,
    m.lastReview?.reviewer ?? t.none,
    m.lastReview ? t.outcome[m.lastReview.outcome] : t.none,
    m.nextReview ?? t.none,
    t.state[m.state],
  ]);
  return {
    title: t.title,
    lang,
    facts: [
      { term: t.facts.organisation, value: r.organisation },
      { term: t.facts.policyVersion, value: String(r.policyVersion) },
      { term: t.facts.date, value: r.today },
    ],
    columns: t.columns,
    rows,
  };
}
