/** Closed vocabularies of the manifest. Ids are English; labels for people live in the notices. */
export const languages = ["ro", "sr", "sr-Cyrl", "en"] as const;
export type Language = (typeof languages)[number];

/** Legal bases and rights are facts of the law; the manifest uses the law module's lists. */
export { LEGAL_BASES as legalBases, RIGHTS as rights } from "../law/types.ts";
export type { LegalBasis, Right as RightId } from "../law/types.ts";

/** GDPR Art. 9(2)(a)-(j); ZZPL čl. 17(2). */
export const specialConditions = [
  "explicit_consent",
  "employment_social_security",
  "vital_interests",
  "not_for_profit_body",
  "made_public_by_subject",
  "legal_claims",
  "substantial_public_interest",
  "health_care",
  "public_health",
  "archiving_research_statistics",
] as const;

/** How consent is collected. The last four are not consent at all (Art. 4(11), Planet49). */
export const consentMethods = [
  "checkbox",
  "click",
  "form",
  "app_registration",
  "banner",
  "paper",
  "browser_permission",
  "staff_entry",
  "browsing",
  "continued_use",
  "pre_ticked",
  "silence",
] as const;
export const invalidConsentMethods = ["browsing", "continued_use", "pre_ticked", "silence"] as const;

export const withdrawalChannels = [
  "unsubscribe_link",
  "account_settings",
  "preference_centre",
  "email",
  "post",
  "phone",
  "in_person",
  "device_settings",
  "cookie_banner",
] as const;

export const requestChannels = ["email", "post", "in_person", "phone", "web_form", "account"] as const;

export const retentionEndActions = ["delete", "anonymise", "archive", "delete_or_anonymise", "return_to_controller"] as const;

export const cookieCategories = ["necessary", "preferences", "analytics", "marketing", "social"] as const;
export const cookieBases = ["strictly_necessary", "consent", "legitimate_interests"] as const;

/** Shared with the law module, which knows what each mechanism means legally. */
export { TRANSFER_MECHANISMS as transferMechanisms } from "../law/transfers.ts";

export const systemKinds = ["postgres", "mysql", "mariadb", "sqlite", "http", "manual"] as const;

/** How a subject is found in a table: identity kind → column. */
export const identityKinds = ["email", "phone", "customer_id", "username", "cnp", "jmbg"] as const;

/** The clauses Art. 28(3)(a)-(h) requires in a data-processing agreement, plus common extras. */
export const dpaTermsRequired = [
  "documented_instructions",
  "confidentiality",
  "security_measures",
  "sub_processor_conditions",
  "assist_with_rights",
  "assist_with_security_and_dpia",
  "delete_or_return",
  "audits_and_information",
] as const;
export const dpaTerms = [
  ...dpaTermsRequired,
  "forward_requests_to_controller",
  "report_unlawful_instructions",
  "report_authority_contacts",
  "no_disclosure_without_consent",
  "breach_notification",
  "access_ends_with_contract",
] as const;
