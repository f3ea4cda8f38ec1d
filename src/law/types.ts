/** The shape of a jurisdiction module. Facts live in romania.ts, serbia.ts, gdpr.ts, eea.ts. */

export type Regime = "GDPR" | "ZZPL";

/** Languages of user-facing strings. Names in code stay English. */
export type Language = "ro" | "sr" | "en";
export type Localized = Readonly<Partial<Record<Language, string>> & { en: string }>;

export const RIGHTS = [
  "information",
  "access",
  "rectification",
  "erasure",
  "restriction",
  "portability",
  "objection",
  "automated_decision",
  "withdraw_consent",
  "complaint",
] as const;
export type Right = (typeof RIGHTS)[number];

export const LEGAL_BASES = [
  "consent",
  "contract",
  "legal_obligation",
  "vital_interests",
  "public_task",
  "legitimate_interests",
] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

export interface LawReference {
  /** How practitioners cite it: "GDPR", "ZZPL", "Legea 190/2018". */
  readonly shortName: string;
  /** Full title, in the law's own language and in English. */
  readonly title: Localized;
  /** Official publication: Official Journal, Monitorul Oficial, Službeni glasnik. */
  readonly reference: string;
  readonly url?: string;
}

export interface Provision {
  readonly article: string;
  readonly subject: Localized;
}

export interface NationalLaw extends LawReference {
  readonly id: string;
  /** The provisions Registru relies on (lint, notices). */
  readonly provisions: readonly Provision[];
}

export interface RepealedLaw extends LawReference {
  readonly id: string;
  readonly repealedBy: string;
  /** Recognises a citation of the repealed law in a policy text. */
  readonly citation: RegExp;
}

export interface Authority {
  readonly shortName: string;
  readonly name: Readonly<Record<Language, string>>;
  readonly address: string;
  readonly website: string;
  readonly email: string;
  readonly phone: string;
}

export interface Jurisdiction {
  /** ISO 3166-1 alpha-2. */
  readonly code: string;
  readonly country: Localized;
  readonly timeZone: string;
  readonly regime: Regime;
  readonly law: LawReference;
  readonly nationalLaws: readonly NationalLaw[];
  readonly repealedLaws: readonly RepealedLaw[];
  /** Undefined for the generic EU/EEA jurisdictions: the manifest must name the authority. */
  readonly authority: Authority | undefined;
  readonly digitalConsentAge: number;
  /** False where the age is our best knowledge, not checked against the national law. */
  readonly digitalConsentAgeVerified: boolean;
  readonly digitalConsentAgeArticle: string;
  readonly articles: Readonly<Record<Right, readonly string[]>>;
  /** Deadline to act on a data-subject request (GDPR Art. 12(3), ZZPL čl. 21). */
  readonly responseDeadlineArticle: string;
  /** Notifying the authority of a personal-data breach. */
  readonly breachNotificationArticle: string;
  readonly lawfulBasisArticles: Readonly<Record<LegalBasis, string>>;
  readonly specialCategoryArticle: string;
  readonly criminalDataArticle: string;
}
