/** Law as data: what other modules may use from src/law. See README.md for sources and choices. */
export * from "./types.ts";
export { lawFor, isSupportedJurisdiction, hasFullModule, resolveJurisdiction, SUPPORTED_JURISDICTIONS } from "./jurisdictions.ts";
export type { JurisdictionCode } from "./jurisdictions.ts";
export { EEA_MEMBERS, EEA_MEMBER_CODES, EU_MEMBER_CODES, isEeaMember, normalizeCountry } from "./eea.ts";
export type { MemberState } from "./eea.ts";
export { GDPR, GDPR_ARTICLES, GDPR_LAWFUL_BASES } from "./gdpr.ts";
export { ROMANIA, ANSPDCP } from "./romania.ts";
export { SERBIA, ZZPL, POVERENIK } from "./serbia.ts";
export { ADEQUACY_DECISIONS, CONVENTION_108_PARTIES, adequacyDecisionFor } from "./adequacy.ts";
export type { AdequacyCondition, AdequacyDecision } from "./adequacy.ts";
export { TRANSFER_MECHANISMS, transferMechanismSchema, transferStatus } from "./transfers.ts";
export type { TransferKind, TransferMechanism, TransferStatus } from "./transfers.ts";
export { isPlainDate, localDate, endOfLocalDay } from "./plain-date.ts";
export type { PlainDate } from "./plain-date.ts";
export {
  holidaysIn,
  isPublicHoliday,
  isWorkingDay,
  nextWorkingDay,
  workingDayOnOrAfter,
  addWorkingDays,
  workingDaysBetween,
  hasCalendar,
} from "./calendar.ts";
export type { PublicHoliday } from "./calendar.ts";
export { deadline, remaining } from "./deadlines.ts";
export type { Deadline, DeadlineOptions, Period, Remaining } from "./deadlines.ts";
export { PERIODS, periodsFor, responseDeadline, breachNotificationDeadline } from "./periods.ts";
export type { RegimePeriods, ResponseDeadline, ResponseDeadlineOptions } from "./periods.ts";
export { parseIsoDuration, isIsoDuration, addRetention } from "./duration.ts";
export type { DurationParts, DurationUnit } from "./duration.ts";
export { dataCategory, isCriminalData, isNationalIdentifier, isSpecialCategory, taxonomy } from "./taxonomy.ts";
export type { DataCategory } from "./taxonomy.ts";
