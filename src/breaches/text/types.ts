import type { BreachArticles } from "../articles.ts";
import type { BreachStatus } from "../kind.ts";
import type { AUTHORITY_CHANNELS, BreachNature, NotificationPhase, RiskLevel, RiskScale, SUBJECT_CHANNELS, SubjectException } from "../schema.ts";

export const FORM_SECTIONS = {
  notification: ["type", "previous_references"],
  controller: ["name", "trade_register", "tax_id", "address", "email", "phone"],
  contact: ["contact_name", "contact_email", "contact_phone"],
  breach: ["occurred_at", "aware_at", "detection", "delay_reason", "processor", "processor_aware_at", "processor_told_at", "processor_window", "description", "nature"],
  data: ["categories", "special_categories", "subject_categories", "subjects_count", "records_count"],
  consequences: ["consequences", "risk_level"],
  measures: ["measures_taken", "measures_proposed"],
  subjects: ["subjects_informed", "subjects_informed_how", "subjects_not_informed_reason"],
  cross_border: ["member_states", "other_authorities"],
} as const;
export type FormSection = keyof typeof FORM_SECTIONS;
export type FormField = (typeof FORM_SECTIONS)[FormSection][number];

/** Advice to subjects, chosen by the categories of data breached. */
export const ADVICE_KEYS = ["password", "email", "phone", "financial", "national_id", "address", "location", "special"] as const;
export type AdviceKey = (typeof ADVICE_KEYS)[number];

export interface ContactPoint {
  role: "dpo" | "contact";
  name?: string;
  details: string;
}

export interface FormTexts {
  title: string;
  to: string;
  organisationFacts: { breachId: string; generated: string };
  sections: Record<FormSection, string>;
  fields: Record<FormField, string>;
  processorWindow(hours: number, kept: boolean): string;
  processorNoWindow: string;
  processorWindowOpen(hours: number, due: string): string;
  notToldYet: string;
  informed(date: string, channel: string, count: string): string;
  decidedNotToInform(reason: string): string;
  notDecided: string;
  overridden(level: string, reason: string): string;
}

export interface LetterTexts {
  subject: string;
  title: string;
  greeting: string;
  intro(org: string): string;
  awareOn(date: string): string;
  nature: Record<BreachNature, string>;
  data(list: string): string;
  special: string;
  consequences: string;
  measuresTaken: string;
  measuresProposed: string;
  adviceIntro: string;
  advice: Record<AdviceKey, string>;
  adviceGeneral: string;
  contact(c: ContactPoint): string;
  complaint(authority: string, contacts: string): string;
  legalBasis(article: string): string;
  closing: string;
}

export interface RegisterTexts {
  title: string;
  basis(article: string): string;
  basisTerm: string;
  organisation: string;
  generated: string;
  columns: {
    id: string;
    title: string;
    awareAt: string;
    occurredAt: string;
    facts: string;
    nature: string;
    data: string;
    subjects: string;
    records: string;
    effects: string;
    remedial: string;
    risk: string;
    authority: string;
    subjectsNotified: string;
    processor: string;
    status: string;
  };
  status: Record<BreachStatus, string>;
  notified(date: string, phase: string, reference?: string): string;
  late: string;
  notRequired(reason: string): string;
  pending(due: string): string;
  subjectsTold(date: string, count: string): string;
}

/** Everything a breach document says, in one language. Serbian Cyrillic is the Latin text transliterated. */
export interface BreachTexts {
  locale: string;
  yes: string;
  no: string;
  unknown: string;
  none: string;
  between(min: string, max: string): string;
  range(from: string, to: string): string;
  nature: Record<BreachNature, string>;
  phase: Record<NotificationPhase, string>;
  riskLevel: Record<RiskLevel, string>;
  riskScale: Record<RiskScale, string>;
  assessment(likelihood: string, severity: string): string;
  authorityChannel: Record<(typeof AUTHORITY_CHANNELS)[number], string>;
  subjectChannel: Record<(typeof SUBJECT_CHANNELS)[number], string>;
  exception(a: BreachArticles): Record<SubjectException, string>;
  /** Marks an Art. 9 special category or Art. 10 criminal data in a list of categories. */
  specialMark(article: string): string;
  form: FormTexts;
  letter: LetterTexts;
  register: RegisterTexts;
}
