import type { DurationUnit, Regime, TransferMechanism } from "../../law/index.ts";
import type * as v from "../../manifest/vocabulary.ts";

/** Stable section ids: anchors in HTML and Markdown, and what tests look for. */
export const SECTION_IDS = [
  "controller",
  "dpo",
  "activities",
  "recipients",
  "transfers",
  "retention",
  "rights",
  "consent",
  "complaint",
  "requirement",
  "automated",
  "sources",
  "cookies",
  "security",
  "document",
] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export type CatalogLanguage = "en" | "ro" | "sr";
export type LegalBasis = v.LegalBasis;
export type RightId = v.RightId;
export type SpecialCondition = (typeof v.specialConditions)[number];
export type WithdrawalChannel = (typeof v.withdrawalChannels)[number];
export type RequestChannel = (typeof v.requestChannels)[number];
export type RetentionEnd = (typeof v.retentionEndActions)[number];
export type CookieCategory = (typeof v.cookieCategories)[number];
export type CookieBasis = (typeof v.cookieBases)[number];
export type RecipientKind = "authority" | "group_company" | "independent_controller" | "category";
export type RequirementKind = "statutory" | "contractual" | "contract_prerequisite" | "voluntary";
export type KeepWord = "statutory" | "contract_duration" | "until_withdrawn" | "until_purpose_fulfilled" | "session";
export type Announcement = "email" | "website" | "app" | "account";
export type Acceptance = "explicit" | "notice_only" | "continued_use";

/** The event a period runs from, already in words: one event, or the later/earlier of several. */
export type AfterWords = { mode: "one"; events: [string] } | { mode: "latest" | "earliest"; events: string[] };

/**
 * Every sentence of a notice in one language. Functions take values already in words; the
 * language-neutral logic in build.ts decides what to say, the catalog only how.
 */
export interface NoticeText {
  title: string;
  versionLine(version: number, date: string, hash: string): string;
  /** A manifest file rendered before it is applied: it has no version yet. */
  draftLine(hash: string): string;
  headings: Record<SectionId, string>;
  ui: { skipLink: string; contents: string };
  common: { notStated: string; none: string; yes: string; no: string };
  count(unit: DurationUnit, n: number): string;
  durationJoin: string;

  controller: {
    intro(organisation: string, law: string): string;
    terms: { name: string; tradeName: string; legalForm: string; register: string; taxId: string; address: string; email: string; phone: string; web: string; group: string };
    missing(items: string): string;
    missingItems: { address: string; contact: string; register: string; taxId: string };
    processorRole: string;
  };
  dpo: {
    appointed: string;
    voluntary: string;
    terms: { name: string; email: string; phone: string; address: string; web: string };
    notAppointed: string;
    reason(text: string): string;
    noReason: string;
    contactIntro: string;
    noContact: string;
    unstated: string;
  };
  activities: {
    intro: string;
    subjectsIntro: string;
    terms: { purpose: string; bases: string; legitimateInterest: string; legalObligation: string; special: string; criminal: string; categories: string; subjects: string };
    basis: Record<LegalBasis, string>;
    noBasis: string;
    processorBasis: string;
    liMissing: string;
    loMissing: string;
    condition: Record<SpecialCondition, string>;
    conditionMissing: string;
    criminalNote(article: string): string;
    specialFlag(article: string): string;
    processorIntro: string;
    processorTitle(name: string): string;
    jointNote: string;
  };
  recipients: {
    intro: string;
    processorsCaption: string;
    processorColumns: [string, string, string, string, string, string];
    othersCaption: string;
    otherColumns: [string, string, string, string];
    kinds: Record<RecipientKind, string>;
    subProcessors(names: string): string;
    notDisclosed(activities: string): string;
    notStated(activities: string): string;
    noProcessors: string;
    /** The certifications cell when none is listed (agrees with the column's noun). */
    noCertifications: string;
    /** The country cell when none is stated (agrees with the column's noun). */
    countryMissing: string;
  };
  transfers: {
    intro(area: string): string;
    area: Record<Regime, string>;
    caption: string;
    columns: [string, string, string, string];
    mechanism: Record<TransferMechanism, string>;
    noMechanism: string;
    none(area: string): string;
    notStated(area: string, activities: string): string;
    copy(contact: string): string;
    reference(ref: string): string;
  };
  retention: {
    intro: string;
    caption: string;
    columns: [string, string];
    period(duration: string, after: AfterWords): string;
    periodNoEvent(duration: string): string;
    keep: Record<KeepWord, string>;
    statutoryUnnamed: string;
    basis(text: string): string;
    inactive(period: string): string;
    then: Record<RetentionEnd, string>;
    thenMissing: string;
    hold(reason: string, duration: string, after: AfterWords): string;
    events: Record<string, string>;
    unknownEvent(words: string): string;
    missing: string;
  };
  rights: {
    intro: string;
    caption: string;
    columns: [string, string, string, string];
    names: Record<RightId, string>;
    meaning: Record<RightId, string>;
    notListed(rights: string): string;
    noneListed: string;
    within(duration: string): string;
    withoutUndueDelay: string;
    /** Withdrawing consent (Art. 7(3), ZZPL čl. 15(3)): at any time, effective at once. */
    immediately: string;
    /** Processor activities: the client is the controller; requests go to it, and we forward any we get. */
    forClients(activities: string): string;
    onReceipt: string;
    ours(deadline: string): string;
    informationTiming: string;
    legalDeadline(response: string, extension: string, article: string): string;
    promiseWins: string;
    channelsTitle: string;
    channel: Record<RequestChannel, string>;
    accountValue: string;
    webFormValue: string;
    noChannels: string;
    free: string;
    freeUnstated: string;
    identity: string;
    representatives: string;
    refusal(article: string): string;
    objection(activities: string, article: string): string;
    objectionMarketing: string;
  };
  consent: {
    intro(article: string): string;
    howTitle(activity: string): string;
    how: string;
    withdraw: Record<WithdrawalChannel, (contact: string | undefined) => string>;
    noChannels: string;
    earlier: string;
    none: string;
    ageGate(below: number, requires: "parental_consent" | "refusal"): string;
    /** Processor activities: consent is given to and withdrawn with the client controller. */
    forClients(activities: string): string;
  };
  complaint: {
    intro(article: string): string;
    terms: { name: string; address: string; web: string; email: string; phone: string };
    missing: string;
    court: string;
    ours(deadline: string): string;
  };
  requirement: {
    intro: string;
    caption: string;
    columns: [string, string, string];
    kinds: Record<RequirementKind, string>;
    kindMissing: string;
    consequenceMissing: string;
  };
  automated: {
    /** Only for activities that declare `automated_decisions: none`. */
    none: string;
    /** Where the manifest says nothing: never read silence as "none". */
    notStated: string;
    noneFor(activities: string): string;
    notStatedFor(activities: string): string;
    terms: { logic: string; significance: string };
    title(activity: string): string;
    profiling(activities: string): string;
    right(article: string): string;
  };
  sources: {
    intro: string;
    caption: string;
    columns: [string, string, string];
    notNamed: string;
    allDirect: string;
    /** No own purpose uses data from others; some processor activities do. */
    allDirectOwn: string;
    forClients(activities: string): string;
    timing(article: string): string;
  };
  cookies: {
    intro: string;
    caption: string;
    columns: [string, string, string, string, string, string];
    category: Record<CookieCategory, string>;
    consent: Record<CookieBasis, string>;
    session: string;
    lifetimeMissing: string;
    thirdParty(country: string | undefined): string;
    none: string;
    banner: string;
    browser: string;
  };
  security: { intro: string; none: string; every(duration: string): string };
  document: {
    terms: { edition: string; approved: string; approver: string; effective: string; nextReview: string; reviewEvery: string; announced: string; acceptance: string };
    missing(items: string): string;
    missingItems: { edition: string; approved: string; approver: string; review: string };
    revisionsCaption: string;
    revisionColumns: [string, string, string, string];
    noRevisions: string;
    laws: string;
    announced: Record<Announcement, string>;
    acceptance: Record<Acceptance, string>;
  };
}
