import { canonicalJson } from "../audit/chain.ts";
import { isSupportedJurisdiction, transferStatus } from "../law/index.ts";
import type { Cookie, LocalizedText, Manifest, ProcessingActivity } from "../manifest/index.ts";

export type ChangeKind =
  | "activity_added" | "activity_removed" | "purpose_changed"
  | "legal_basis_added" | "legal_basis_removed" | "data_added" | "data_removed"
  | "recipient_added" | "recipient_removed" | "transfer_added" | "transfer_removed"
  | "retention_changed" | "processor_added" | "processor_removed" | "processor_changed"
  | "cookie_added" | "cookie_removed" | "cookie_changed"
  | "rights_changed" | "controller_changed" | "dpo_changed" | "document_changed" | "other";

/** `reconsent`: consent was given for the old state and does not cover the new one. */
export type ChangeImpact = "reconsent" | "notice_update";

export interface PolicyChange {
  /** Where in the newer manifest (the older one for something removed), e.g. `activities[2].recipients`. */
  path: string;
  kind: ChangeKind;
  /** Names ids, categories and countries only, never the personal data a manifest holds (DPO, contacts). */
  description: string;
  impact: ChangeImpact;
  /** The processing activities the change concerns. */
  activities?: string[];
  cookie?: string;
}

export interface DiffSummary {
  reconsent: boolean;
  activitiesNeedingReconsent: string[];
  cookiesNeedingReconsent: string[];
  changes: number;
}

export interface PolicyDiff {
  changes: PolicyChange[];
  summary: DiffSummary;
}

/**
 * What changed between two policy versions and whether consent must be asked again
 * (EDPB Guidelines 05/2020 §§ 106-110; Art. 13(3) for a new purpose) or the notice only
 * updated (Art. 13/14). Activities, processors and recipients match by id, cookies by name,
 * so reordering is no change.
 */
export function diffManifests(before: Manifest, after: Manifest): PolicyDiff {
  const parties = { jurisdiction: after.organisation.jurisdiction, users: activityUsers(after) };
  const changes = [
    ...diffSections(before, after),
    ...diffActivities(before, after),
    ...diffParties("processors", before.processors, after.processors, parties),
    ...diffParties("recipients", before.recipients, after.recipients, parties),
    ...diffCookies(before.cookies, after.cookies),
  ];
  return { changes, summary: summarise(changes, after) };
}

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);
const minus = <T>(a: readonly T[] = [], b: readonly T[] = []) => a.filter((x) => !b.includes(x));
const unique = <T>(xs: T[]) => [...new Set(xs)];
const keysOf = (o: unknown) => (o && typeof o === "object" && !Array.isArray(o) ? Object.keys(o) : []);

function changedKeys(a: unknown, b: unknown, skip: readonly string[] = []): string[] {
  const keys = unique([...keysOf(a), ...keysOf(b)]).filter((k) => !skip.includes(k));
  return keys.filter((k) => !same((a as Record<string, unknown>)?.[k], (b as Record<string, unknown>)?.[k]));
}

const change = (path: string, kind: ChangeKind, description: string, reconsent: boolean, extra: Partial<PolicyChange> = {}): PolicyChange => ({
  path,
  kind,
  description,
  impact: reconsent ? "reconsent" : "notice_update",
  ...extra,
});

interface Matched<T> {
  key: string;
  index: number;
  before: T;
  after: T;
}

function match<T>(before: readonly T[] = [], after: readonly T[] = [], key: (t: T) => string) {
  const b = new Map(before.map((item, index) => [key(item), { item, index }]));
  const a = new Map(after.map((item, index) => [key(item), { item, index }]));
  const only = (x: typeof a, y: typeof a) => [...x].filter(([k]) => !y.has(k)).map(([k, v]) => ({ key: k, ...v }));
  const kept: Matched<T>[] = [...a].filter(([k]) => b.has(k)).map(([k, v]) => ({ key: k, index: v.index, before: b.get(k)!.item, after: v.item }));
  return { added: only(a, b), removed: only(b, a), kept };
}

const consentBased = (a: ProcessingActivity) => Boolean(a.legal_basis?.includes("consent") || a.special_condition === "explicit_consent");

const texts = (t: LocalizedText | undefined): Record<string, string> =>
  t === undefined ? {} : typeof t === "string" ? { "*": t } : (t as Record<string, string>);

/** Adding or dropping a translation is not a new purpose; changing what a language says may be. */
export function reworded(before: LocalizedText | undefined, after: LocalizedText | undefined): boolean {
  const [b, a] = [texts(before), texts(after)];
  const common = Object.keys(b).filter((k) => k in a);
  if (common.length > 0) return common.some((k) => b[k] !== a[k]);
  return !Object.values(b).some((t) => Object.values(a).includes(t));
}

const SECTION_KINDS: Record<string, ChangeKind> = {
  organisation: "controller_changed",
  dpo: "dpo_changed",
  rights: "rights_changed",
  document: "document_changed",
};
const OWN_DIFF = ["activities", "processors", "recipients", "cookies"];

/** Whole-manifest sections: one change per changed key, so the path says what moved. */
function diffSections(before: Manifest, after: Manifest): PolicyChange[] {
  return changedKeys(before, after, OWN_DIFF).flatMap((section) => {
    const [b, a] = [(before as Record<string, unknown>)[section], (after as Record<string, unknown>)[section]];
    const kind = SECTION_KINDS[section] ?? "other";
    if (listById(b) && listById(a)) return diffListById(section, b, a);
    const keys = b && a ? changedKeys(b, a) : [];
    const what = a === undefined ? "removed" : b === undefined ? "added" : "changed";
    if (keys.length === 0) return [change(section, kind, `${section} ${what}`, false)];
    return keys.map((k) => change(`${section}.${k}`, kind, `${section} ${k} changed`, false));
  });
}

const listById = (x: unknown): x is { id: string }[] => Array.isArray(x) && x.every((i) => typeof i?.id === "string");

function diffListById(section: string, before: { id: string }[], after: { id: string }[]): PolicyChange[] {
  const m = match(before, after, (x) => x.id);
  return [
    ...m.added.map((x) => change(`${section}[${x.index}]`, "other", `${section}: ${x.key} added`, false)),
    ...m.removed.map((x) => change(`${section}[${x.index}]`, "other", `${section}: ${x.key} removed`, false)),
    ...m.kept
      .filter((x) => !same(x.before, x.after))
      .map((x) => change(`${section}[${x.index}]`, "other", `${section}: ${x.key} changed (${changedKeys(x.before, x.after).join(", ")})`, false)),
  ];
}

function diffActivities(before: Manifest, after: Manifest): PolicyChange[] {
  const m = match(before.activities, after.activities, (a) => a.id);
  return [
    ...m.added.map(({ key, index, item }) => {
      const consent = consentBased(item);
      return change(`activities[${index}]`, "activity_added", `activity ${key} added${consent ? " (based on consent)" : ""}`, consent, { activities: [key] });
    }),
    ...m.removed.map(({ key, index }) => change(`activities[${index}]`, "activity_removed", `activity ${key} removed`, false, { activities: [key] })),
    ...m.kept.flatMap(diffActivity),
  ];
}

/** A change inside one activity; it needs re-consent only when the activity is based on consent. */
type At = (field: string, kind: ChangeKind, what: string, needsConsent: boolean) => PolicyChange;

const ACTIVITY_OWN = ["purpose", "legal_basis", "data", "recipients", "transfers", "retention"];

/** Within a consent-based activity, anything the person did not agree to needs their consent again. */
function diffActivity({ key: id, index, before: b, after: a }: Matched<ProcessingActivity>): PolicyChange[] {
  const consent = consentBased(a);
  const at: At = (field, kind, what, needsConsent) =>
    change(`activities[${index}].${field}`, kind, `activity ${id}: ${what}`, needsConsent && consent, { activities: [id] });
  const list = (field: "data" | "recipients", noun: string, added: ChangeKind, removed: ChangeKind) => [
    ...minus(a[field], b[field]).map((x) => at(field, added, `${noun} ${x} added`, true)),
    ...minus(b[field], a[field]).map((x) => at(field, removed, `${noun} ${x} removed`, false)),
  ];
  return [
    ...(same(b.purpose, a.purpose) ? [] : [purposeChange(b, a, at)]),
    // An activity newly based on consent has no consent yet for anything it does.
    ...minus(a.legal_basis, b.legal_basis).map((x) => at("legal_basis", "legal_basis_added", `legal basis ${x} added`, x === "consent")),
    ...minus(b.legal_basis, a.legal_basis).map((x) => at("legal_basis", "legal_basis_removed", `legal basis ${x} removed`, false)),
    ...list("data", "data category", "data_added", "data_removed"),
    ...list("recipients", "recipient", "recipient_added", "recipient_removed"),
    ...diffTransfers(b, a).map((t) => at(t.field, t.kind, t.what, t.kind === "transfer_added")),
    ...(same(b.retention, a.retention) ? [] : [at("retention", "retention_changed", "retention changed", false)]),
    ...changedKeys(b, a, ["id", ...ACTIVITY_OWN]).map((k) => at(k, "other", `${k} changed`, false)),
  ];
}

function purposeChange(b: ProcessingActivity, a: ProcessingActivity, at: At) {
  const isNew = reworded(b.purpose, a.purpose);
  return at("purpose", "purpose_changed", isNew ? "purpose changed" : "purpose translation changed", isNew);
}

type Transfer = Exclude<NonNullable<ProcessingActivity["transfers"]>, "none">[number];
const transfersOf = (a: ProcessingActivity): Transfer[] => (Array.isArray(a.transfers) ? a.transfers : []);
const transferName = (t: Transfer) => `${t.to}${t.recipient ? ` (${t.recipient})` : ""}`;

function diffTransfers(b: ProcessingActivity, a: ProcessingActivity) {
  const m = match(transfersOf(b), transfersOf(a), transferName);
  const field = (i: number) => `transfers[${i}]`;
  return [
    ...m.added.map((t) => ({ field: field(t.index), kind: "transfer_added" as const, what: `transfer to ${t.key} added` })),
    ...m.removed.map((t) => ({ field: field(t.index), kind: "transfer_removed" as const, what: `transfer to ${t.key} removed` })),
    ...m.kept.filter((t) => !same(t.before, t.after)).map((t) => ({ field: field(t.index), kind: "other" as const, what: `transfer to ${t.key}: safeguard changed` })),
  ];
}

/** Which activities send data to each processor or recipient. */
function activityUsers(m: Manifest): Map<string, ProcessingActivity[]> {
  const users = new Map<string, ProcessingActivity[]>();
  for (const a of m.activities) for (const r of a.recipients ?? []) users.set(r, [...(users.get(r) ?? []), a]);
  return users;
}

interface Party {
  id: string;
  /** A processor's name is text, a recipient's may be localized. */
  name?: unknown;
  registration?: string;
  country?: string;
  locations?: string[];
}

/** Whether sending data there is a transfer under the organisation's law (GDPR Ch. V, ZZPL 63-69). */
function isTransfer(jurisdiction: string, country: string) {
  if (!isSupportedJurisdiction(jurisdiction)) return country !== jurisdiction;
  return !["domestic", "domestic_eea"].includes(transferStatus(jurisdiction, country).kind);
}

const PARTIES = {
  processors: { noun: "processor", added: "processor_added", removed: "processor_removed", changed: "processor_changed" },
  recipients: { noun: "recipient", added: "recipient_added", removed: "recipient_removed", changed: "other" },
} as const;

interface PartyContext {
  jurisdiction: string;
  users: Map<string, ProcessingActivity[]>;
}

/** Processors and recipients defined once and named by activities. */
function diffParties(section: keyof typeof PARTIES, before: Party[] | undefined, after: Party[] | undefined, ctx: PartyContext): PolicyChange[] {
  const { noun, added, removed } = PARTIES[section];
  const m = match(before, after, (p) => p.id);
  return [
    ...m.added.map((p) => change(`${section}[${p.index}]`, added, `${noun} ${p.key} added`, false)),
    ...m.removed.map((p) => change(`${section}[${p.index}]`, removed, `${noun} ${p.key} removed`, false)),
    ...m.kept.flatMap((p) => diffParty(section, p, ctx)),
  ];
}

/** A new third country of a processor is a new transfer for every activity that uses it. */
function diffParty(section: keyof typeof PARTIES, { key, index, before: b, after: a }: Matched<Party>, ctx: PartyContext): PolicyChange[] {
  const { noun, changed } = PARTIES[section];
  const users = ctx.users.get(key) ?? [];
  const extra = { activities: users.map((u) => u.id) };
  const path = `${section}[${index}]`;
  const abroad = (p: Party) => (p.locations ?? (p.country ? [p.country] : [])).filter((c) => isTransfer(ctx.jurisdiction, c));
  const keys = changedKeys(b, a);
  return [
    ...minus(abroad(a), abroad(b)).map((c) => change(path, "transfer_added", `${noun} ${key}: transfer to ${c} added`, users.some(consentBased), extra)),
    ...minus(abroad(b), abroad(a)).map((c) => change(path, "transfer_removed", `${noun} ${key}: transfer to ${c} removed`, false, extra)),
    ...(keys.length ? [change(path, changed, `${noun} ${key} changed (${keys.join(", ")})`, identityChanged(b, a) && users.some(consentBased), extra)] : []),
  ];
}

/** Another company behind the same id is a new recipient: consent was given knowing the old one. */
const identityChanged = (b: Party, a: Party) => JSON.stringify(b.name) !== JSON.stringify(a.name) || b.registration !== a.registration;

/** A cookie that needs consent (ePrivacy 5(3)) was agreed to for its old provider and purpose. */
function diffCookies(before: Cookie[] | undefined, after: Cookie[] | undefined): PolicyChange[] {
  const needsConsent = (c: Cookie) => c.category !== "necessary";
  const m = match(before, after, (c) => c.name);
  return [
    ...m.added.map(({ key, index, item }) => change(`cookies[${index}]`, "cookie_added", `cookie ${key} (${item.category}) added`, needsConsent(item), { cookie: key })),
    ...m.removed.map(({ key, index }) => change(`cookies[${index}]`, "cookie_removed", `cookie ${key} removed`, false, { cookie: key })),
    ...m.kept
      .filter((c) => !same(c.before, c.after))
      .map(({ key, index, before: b, after: a }) => {
        const material = reworded(b.purpose, a.purpose) || b.provider !== a.provider || !needsConsent(b);
        const reconsent = needsConsent(a) && material;
        return change(`cookies[${index}]`, "cookie_changed", `cookie ${key} changed (${changedKeys(b, a).join(", ")})`, reconsent, { cookie: key });
      }),
  ];
}

function summarise(changes: PolicyChange[], after: Manifest): DiffSummary {
  const needing = changes.filter((c) => c.impact === "reconsent");
  const consentIds = new Set(after.activities.filter(consentBased).map((a) => a.id));
  return {
    reconsent: needing.length > 0,
    activitiesNeedingReconsent: unique(needing.flatMap((c) => c.activities ?? [])).filter((id) => consentIds.has(id)),
    cookiesNeedingReconsent: unique(needing.flatMap((c) => (c.cookie ? [c.cookie] : []))),
    changes: changes.length,
  };
}
