import { z } from "zod";
import { addRetention, isIsoDuration, isPlainDate, isSupportedJurisdiction, SUPPORTED_JURISDICTIONS } from "../law/index.ts";
import * as v from "./vocabulary.ts";

/**
 * The shape of `registru.yaml`. Shape and types are enforced here (a violation stops loading,
 * exit 2); legal completeness — missing bases, retention, rights — is lint's job, so most legal
 * content is optional here and reported with the article by `registru lint`.
 */
const text = z.string().trim().min(1);
export const isoDate = z.string().refine(isPlainDate, "expected a real date as YYYY-MM-DD");
export const isoDuration = z.string().refine(isIsoDuration, "expected an ISO 8601 duration such as P3Y, P180D or PT72H");
const id = z.string().regex(/^[a-z][a-z0-9_]*$/, "expected an id of lower-case letters, digits and _");
const country = z.string().regex(/^[A-Z]{2}$/, "expected an ISO 3166 country code such as RO");
const email = z.email("expected an e-mail address");

export const localizedText = z.union([
  text,
  z
    .strictObject({ ro: text, sr: text, "sr-Cyrl": text, en: text })
    .partial()
    .refine((t) => Object.keys(t).length > 0, "give the text in at least one language"),
]);
export type LocalizedText = z.infer<typeof localizedText>;

const contact = z.strictObject({
  name: text.optional(),
  email: email.optional(),
  phone: z.string().optional(),
  address: text.optional(),
  web: z.url().optional(),
});

const organisation = z.strictObject({
  name: text,
  trade_name: text.optional(),
  legal_form: text.optional(),
  trade_register: text.optional(),
  tax_id: text.optional(),
  address: text.optional(),
  country,
  jurisdiction: country.refine(isSupportedJurisdiction, `Registru knows the law of: ${SUPPORTED_JURISDICTIONS.join(", ")}`),
  languages: z.array(z.enum(v.languages)).min(1),
  contact: contact.optional(),
  websites: z.array(z.url()).optional(),
  group_companies: z.array(text).optional(),
});

const dpo = z.discriminatedUnion("appointed", [
  z.strictObject({
    appointed: z.literal(true),
    mandatory: z.boolean().optional(),
    name: text.optional(),
    email: email.optional(),
    phone: z.string().optional(),
    address: text.optional(),
  }),
  z.strictObject({
    appointed: z.literal(false),
    assessment: localizedText.optional(),
    contact: contact.optional(),
  }),
]);

const subject = z.strictObject({
  id,
  label: localizedText.optional(),
  minors: z.boolean().optional(),
});

const ageGate = z.strictObject({
  below: z.number().int().min(13).max(18),
  requires: z.enum(["parental_consent", "refusal"]),
});

const consent = z.strictObject({
  methods: z.array(z.enum(v.consentMethods)).min(1),
  withdrawal: z.array(z.enum(v.withdrawalChannels)).optional(),
  age_gate: ageGate.optional(),
  separate: z.boolean().optional(),
  expires: isoDuration.optional(),
});

/** `after` names the event retention counts from: `contract_end` or `latest(contract_end, payment_settled)`. */
export const retentionEvent = z
  .string()
  .regex(/^([a-z][a-z0-9_]*|(latest|earliest)\(\s*[a-z][a-z0-9_]*(\s*,\s*[a-z][a-z0-9_]*)+\s*\))$/, "expected an event id or latest(a, b) / earliest(a, b)");

const retentionPeriod = z.strictObject({ keep: isoDuration, after: retentionEvent });

const retention = z.strictObject({
  keep: z.union([isoDuration, z.enum(["statutory", "contract_duration", "until_withdrawn", "until_purpose_fulfilled", "session"])]),
  after: retentionEvent.optional(),
  inactive: retentionPeriod.optional(),
  then: z.enum(v.retentionEndActions).optional(),
  basis: localizedText.optional(),
  holds: z.array(z.strictObject({ reason: localizedText, keep: isoDuration, after: retentionEvent })).optional(),
});

const transfer = z.strictObject({
  to: country,
  recipient: id.optional(),
  mechanism: z.enum(v.transferMechanisms).optional(),
  reference: text.optional(),
});

const activity = z.strictObject({
  id,
  name: localizedText,
  role: z.enum(["controller", "processor", "joint_controller"]),
  controllers: z.union([z.literal("each_client"), z.array(id).min(1)]).optional(),
  purpose: localizedText,
  legal_basis: z.array(z.enum(v.legalBases)).optional(),
  legitimate_interest: localizedText.optional(),
  legal_obligation: localizedText.optional(),
  special_condition: z.enum(v.specialConditions).optional(),
  consent: consent.optional(),
  subjects: z.array(id).min(1),
  data: z.array(z.string()).min(1),
  source: z.enum(["subject", "third_party", "subject_and_third_party"]).optional(),
  sources: localizedText.optional(),
  requirement: z
    .strictObject({ kind: z.enum(["statutory", "contractual", "contract_prerequisite", "voluntary"]), consequence: localizedText.optional() })
    .optional(),
  recipients: z.array(id).optional(),
  transfers: z.union([z.literal("none"), z.array(transfer).min(1)]).optional(),
  automated_decisions: z.union([z.literal("none"), z.strictObject({ logic: localizedText, significance: localizedText })]).optional(),
  profiling: z.boolean().optional(),
  retention: retention.optional(),
});

const dpa = z.strictObject({
  signed: isoDate.optional(),
  ends: isoDate.optional(),
  breach_notice_hours: z.number().int().positive().optional(),
  records_within_working_days: z.number().int().positive().optional(),
  terms: z.array(z.enum(v.dpaTerms)).optional(),
});

const processor = z.strictObject({
  id,
  name: text,
  /** Where the processor is established; lint warns when it is not known. */
  country: country.optional(),
  address: text.optional(),
  registration: text.optional(),
  service: localizedText.optional(),
  locations: z.array(country).optional(),
  certifications: z.array(text).optional(),
  dpa: dpa.optional(),
  transfer: z.strictObject({ mechanism: z.enum(v.transferMechanisms), reference: text.optional() }).optional(),
  sub_processors: z.array(id).optional(),
  /** Where Art. 19 notices go (a rectification, erasure or restriction); without it staff get a task. */
  contact: contact.optional(),
});

const recipient = z.strictObject({
  id,
  name: localizedText,
  kind: z.enum(["authority", "group_company", "independent_controller", "category"]),
  country: country.optional(),
  /** Where Art. 19 notices go; without it staff get a task. */
  contact: contact.optional(),
  transfer: z.strictObject({ mechanism: z.enum(v.transferMechanisms), reference: text.optional() }).optional(),
});

const client = z.strictObject({ id, name: text, contact: contact.optional(), dpa: dpa.optional() });

const column = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "expected a column name");
const table = z.strictObject({
  primary_key: column.optional(),
  identity: z.partialRecord(z.enum(v.identityKinds), column).optional(),
  fields: z.record(column, z.string()).optional(),
  belongs_to: z.record(column, z.string().regex(/^([a-z][a-z0-9_]*\.)?[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$/, "expected table.column or system.table.column")).optional(),
  activity: z.union([id, z.array(id).min(1)]),
  /**
   * S0-10: in a table a processor keeps for several client controllers, the column whose value
   * is the row's client (a `clients[].id`), so one client's rows can be exported alone.
   */
  client_column: column.optional(),
});

const system = z.strictObject({
  id,
  kind: z.enum(v.systemKinds),
  url: text.optional(),
  owner: text.optional(),
  description: localizedText.optional(),
  tables: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "expected a table name"), table).optional(),
});

const cookie = z.strictObject({
  /** The cookie's name; a trailing * matches a family such as _ga_*. */
  name: text,
  provider: text,
  purpose: localizedText,
  lifetime: z.union([isoDuration, z.literal("session")]).optional(),
  category: z.enum(v.cookieCategories),
  legal_basis: z.enum(v.cookieBases),
  third_party: z.boolean().optional(),
  country: country.optional(),
});

const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, "expected a colour as #rrggbb");

/** How Registru's banner looks and behaves; lint holds it to the EDPB Cookie Banner Taskforce list. */
const banner = z.strictObject({
  /** A reject shown as a link beside an accept button is the taskforce's "deceptive link design". */
  reject_style: z.enum(["button", "link"]).optional(),
  colours: z.strictObject({ accept: colour, reject: colour, accept_text: colour, reject_text: colour, background: colour, text: colour }).partial().optional(),
  /** The persistent control that reopens the settings; the taskforce asks for one. */
  reopen: z.boolean().optional(),
  position: z.enum(["bottom", "center"]).optional(),
  /** How long a decision stands before the banner asks again (its validity in the ledger). */
  ask_again_after: isoDuration.optional(),
  /** Where the full notice is; by default Registru's published notice. */
  notice_url: z.url().optional(),
});

const cookieConsent = z.strictObject({
  method: z.enum(["banner", "browsing", "continued_use", "browser_settings", "none"]),
  reject_on_first_layer: z.boolean().optional(),
  pre_ticked: z.boolean().optional(),
  banner: banner.optional(),
});

const rightsSection = z.strictObject({
  offered: z.array(z.enum(v.rights)).optional(),
  channels: z.array(z.strictObject({ kind: z.enum(v.requestChannels), value: text.optional() })).optional(),
  free_of_charge: z.boolean().optional(),
  identity_verification: z.boolean().optional(),
  representatives: z.boolean().optional(),
  /** The Art. 12(5) reservation: refuse, or charge a reasonable fee for, manifestly unfounded or excessive requests. */
  refusal_or_fee: z.boolean().optional(),
  deadlines: z.partialRecord(z.enum(v.rights), z.union([isoDuration, z.enum(["without_undue_delay", "on_receipt"])])).optional(),
});

const securityMeasure = z.strictObject({
  id,
  measure: localizedText,
  kind: z.enum(["technical", "organisational"]),
  every: isoDuration.optional(),
});

/** The rules Registru applies to the staff accounts granted on the organisation (S1-07). */
const REFERENCE = new Date("2000-01-01T00:00:00Z");
const durationBetween = (min: string, max: string) =>
  isoDuration.refine(
    (d) => !isIsoDuration(d) || (addRetention(REFERENCE, d) >= addRetention(REFERENCE, min) && addRetention(REFERENCE, d) <= addRetention(REFERENCE, max)),
    `expected a duration from ${min} to ${max}`,
  );

const staffAccounts = z.strictObject({
  password_min_length: z.number().int().min(8).max(128).optional(),
  /** A password older than this must be changed before anything else is done. */
  password_max_age: durationBetween("P30D", "P10Y").optional(),
  /** How many earlier passwords a new one may not repeat. */
  password_history: z.number().int().min(0).max(100).optional(),
  /** Second factor for every role (admins always need one). */
  require_two_factor: z.boolean().optional(),
  lockout_after: z.number().int().min(3).max(100).optional(),
  // Bounded: staff granted on several organisations are held to the strictest rule of them all.
  lockout_for: durationBetween("PT1M", "PT24H").optional(),
});

const document = z.strictObject({
  edition: text.optional(),
  approved: isoDate.optional(),
  approver: text.optional(),
  effective: isoDate.optional(),
  next_review: isoDate.optional(),
  review_every: isoDuration.optional(),
  revisions: z.array(z.strictObject({ edition: text, date: isoDate, changes: localizedText.optional(), approver: text.optional() })).optional(),
});

const policyChanges = z.strictObject({
  announced_by: z.array(z.enum(["email", "website", "app", "account"])).optional(),
  acceptance: z.enum(["explicit", "notice_only", "continued_use"]),
});

const authority = z.strictObject({ name: text, address: text, email: email.optional(), web: z.url().optional(), phone: z.string().optional() });

export const manifestSchema = z.strictObject({
  registru: z.literal(1).default(1),
  organisation,
  supervisory_authority: authority.optional(),
  dpo: dpo.optional(),
  laws: z.array(text).optional(),
  age_gate: ageGate.optional(),
  subjects: z.array(subject).min(1),
  activities: z.array(activity).min(1),
  clients: z.array(client).optional(),
  processors: z.array(processor).optional(),
  recipients: z.array(recipient).optional(),
  systems: z.array(system).optional(),
  cookies: z.array(cookie).optional(),
  cookie_consent: cookieConsent.optional(),
  security_measures: z.array(securityMeasure).optional(),
  staff_accounts: staffAccounts.optional(),
  rights: rightsSection.optional(),
  policy_changes: policyChanges.optional(),
  document: document.optional(),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ProcessingActivity = Manifest["activities"][number];
export type Processor = NonNullable<Manifest["processors"]>[number];
export type Cookie = NonNullable<Manifest["cookies"]>[number];
export type CookieBanner = NonNullable<NonNullable<Manifest["cookie_consent"]>["banner"]>;
export type RetentionRule = NonNullable<ProcessingActivity["retention"]>;
export type StaffAccountRules = NonNullable<Manifest["staff_accounts"]>;
export type SystemTable = NonNullable<NonNullable<Manifest["systems"]>[number]["tables"]>[string];
