import type { z } from "zod";
import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import { addRetention, lawFor } from "../law/index.ts";
import type { Manifest } from "../manifest/index.ts";
import { getOrganisation, loadPolicyVersions } from "../organisations/index.ts";
import { tables, type Db } from "../store/index.ts";
import { and, eq, inArray, or } from "drizzle-orm";
import { appendInBatch } from "./batch.ts";
import { consentPolicy, consentTenant, type ConsentPolicy } from "./in-force.ts";
import { consentInput, withdrawalInput, type ConsentInput, type Decision, type WithdrawalInput } from "./input.ts";
import { truncateIp } from "./ip.ts";
import { lookupCurrentState } from "./lookups.ts";
import { COOKIE_PURPOSE_PREFIX, parseCookiePurpose, serviceIds } from "./purposes.ts";
import { needsReconsent, reconsentSince } from "./reconsent.ts";
import * as store from "./store.ts";
import type { ConsentRecordRow, NewConsentRecord } from "./store.ts";

export interface ConsentState {
  purpose: string;
  /** The latest decision; a consent past its validity reads as expired. */
  decision: Decision;
  policyVersion: number;
  recordedAt: Date;
  validUntil: Date | null;
  /** Given under a policy version that a later change to this purpose no longer covers. */
  reconsentRequired: boolean;
}

export type ConsentRecord = Omit<ConsentRecordRow, "tenantId">;

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  // Paths and messages only: never the submitted values, which may be personal data.
  const issues = r.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
  throw new RegistruError("invalid_consent", `invalid consent input: ${issues.map((i) => i.path || "(root)").join(", ")}`, 400, issues);
}

interface PurposeTerms {
  /** How long a given consent stands, if the policy says. */
  expires: string | undefined;
}

export function consentPurpose(manifest: Manifest, purpose: string): PurposeTerms {
  if (purpose.startsWith(COOKIE_PURPOSE_PREFIX)) {
    const parsed = parseCookiePurpose(purpose);
    const category = parsed?.category ?? "";
    const cookies = (manifest.cookies ?? []).filter((c) => c.category === category);
    if (cookies.length === 0) throw new RegistruError("unknown_purpose", `no cookie of category "${category}" is in the policy in force`, 400);
    if (category === "necessary" || !cookies.some((c) => c.legal_basis === "consent")) {
      throw new RegistruError("purpose_not_consent_based", `cookies of category "${category}" do not rest on consent in the policy in force`, 400);
    }
    if (parsed?.service !== undefined && !serviceIds([...new Set(cookies.map((c) => c.provider))]).includes(parsed.service)) {
      throw new RegistruError("unknown_purpose", `no service "${parsed.service}" sets cookies of category "${category}" in the policy in force`, 400);
    }
    return { expires: manifest.cookie_consent?.banner?.ask_again_after };
  }
  const activity = manifest.activities.find((a) => a.id === purpose);
  if (!activity) throw new RegistruError("unknown_purpose", `purpose "${purpose}" is not in the policy in force`, 400);
  if (!activity.legal_basis?.includes("consent")) {
    throw new RegistruError("purpose_not_consent_based", `purpose "${purpose}" does not rest on consent in the policy in force`, 400);
  }
  return { expires: activity.consent?.expires };
}

/** Art. 8 GDPR / čl. 16 ZZPL: below the digital-consent age a parent or guardian gives consent (S0-04, S1-02). */
export function assertGuardian(jurisdiction: string, age: number | undefined, guardian: string | undefined) {
  if (age === undefined || guardian) return;
  const { digitalConsentAge } = lawFor(jurisdiction);
  if (age < digitalConsentAge) {
    throw new RegistruError("guardian_required", `below ${digitalConsentAge} consent must be given by a parent or guardian, recorded with who gave it`, 400);
  }
}

export interface RecordOptions {
  /**
   * Record a decision under the earlier policy version it names, not refuse it as stale: a cookie
   * banner cached before a new version was applied showed that version's text, so the version
   * shown is the truthful proof. Its purposes are checked against that version.
   */
  recordUnderVersionShown?: boolean;
}

/** The policy version a decision was shown under, when it is an earlier one than the version in force. */
async function versionShown(ctx: Context, slug: string, inForce: number, shown: number | undefined, options: RecordOptions) {
  if (!options.recordUnderVersionShown || shown === undefined || shown >= inForce) return undefined;
  const { from } = await loadPolicyVersions(ctx, slug, shown, shown);
  return { version: from.version, manifest: from.manifest };
}

/** The records of a decision, checked against the policy it is made under; refusals are RegistruErrors. */
async function decisionRecords(ctx: Context, slug: string, input: z.output<typeof consentInput>, policy: ConsentPolicy, options: RecordOptions) {
  const { version, manifest } = { ...policy, ...(await versionShown(ctx, slug, policy.version, input.policyVersion, options)) };
  if (input.policyVersion !== undefined && input.policyVersion !== version) {
    throw new RegistruError("stale_policy_version", `the policy in force is version ${version}: ask again under it`, 409);
  }
  const { jurisdiction } = policy;
  if (input.decision === "given") assertGuardian(jurisdiction, input.age, input.guardian);
  const recordedAt = ctx.clock.now();
  const ipTruncated = input.ip ? truncateIp(input.ip) : null;
  return input.purposes.map((purpose): NewConsentRecord => {
    const { expires } = consentPurpose(manifest, purpose);
    return {
      consentId: input.consentId,
      subjectRef: input.subjectRef ?? null,
      purpose,
      decision: input.decision,
      legalBasis: "consent",
      policyVersion: version,
      textHash: input.textHash,
      language: input.language,
      jurisdiction,
      method: input.method,
      collectedBy: input.collectedBy ?? null,
      guardian: input.guardian ?? null,
      recordedAt,
      validUntil: input.decision === "given" && expires ? addRetention(recordedAt, expires, lawFor(jurisdiction).timeZone) : null,
      ipTruncated,
      userAgent: input.userAgent ?? null,
    };
  });
}

/** Checks against the policy last seen in force, then against a fresh read each time that guess was wrong. */
const POLICY_READS = 3;

export async function recordConsent(ctx: Context, slug: string, raw: ConsentInput, options: RecordOptions = {}): Promise<ConsentRecord[]> {
  const input = parse(consentInput, raw);
  if (input.method === "staff_entry" && !input.collectedBy) {
    throw new RegistruError("collector_required", "a staff entry must name who collected the consent", 400);
  }
  for (let read = 0; ; read++) {
    const fresh = read > 0;
    const policy = await consentPolicy(ctx.db, slug, fresh);
    // Checked before the append, so a refused record never holds up the others in its batch; a
    // refusal stands only on a fresh read, since the policy last seen may no longer be in force.
    const records = await decisionRecords(ctx, slug, input, policy, options).catch((e: unknown) => {
      if (fresh || !(e instanceof RegistruError)) throw e;
      return undefined;
    });
    if (!records) continue;
    // The last read is taken as in force without the check: the race any read-then-write has.
    const inForce = read + 1 < POLICY_READS ? policy.version : undefined;
    const rows = await appendInBatch(ctx.db, policy.tenantId, (tx) => appendChecked(tx, policy.tenantId, records, inForce));
    if (rows) {
      ctx.log.info({ tenant: slug, records: rows.length, decision: input.decision }, "consent recorded");
      return rows;
    }
  }
}

/** Withdrawal is as easy as giving (Art. 7(3)): no notice text needed, only the purposes and how. */
export async function withdrawConsent(ctx: Context, slug: string, consentId: string, purposes: string[], method: WithdrawalInput["method"], extra: Omit<WithdrawalInput, "purposes" | "method"> = {}) {
  const input = parse(withdrawalInput, { purposes, method, ...extra });
  const tenantId = await consentTenant(ctx.db, slug);
  // Later records overwrite earlier ones: the map holds each purpose's latest record.
  const latest = new Map((await store.history(ctx.db, tenantId, consentId)).map((r) => [r.purpose, r]));
  const recordedAt = ctx.clock.now();
  const records = input.purposes.map((purpose): NewConsentRecord => {
    const last = latest.get(purpose);
    if (!last) throw new RegistruError("consent_not_found", `no consent recorded for purpose "${purpose}"`, 404);
    // The withdrawal refers to the notice the consent was given under.
    const { tenantId: _t, seq: _s, prevHash: _p, hash: _h, ...base } = last;
    return {
      ...base,
      decision: "withdrawn",
      method: input.method,
      collectedBy: input.collectedBy ?? null,
      guardian: null,
      recordedAt,
      validUntil: null,
      ipTruncated: input.ip ? truncateIp(input.ip) : null,
      userAgent: input.userAgent ?? null,
    };
  });
  const rows = await appendInBatch(ctx.db, tenantId, (tx) => appendWithAudit(tx, tenantId, records));
  ctx.log.info({ tenant: slug, records: rows.length }, "consent withdrawn");
  return rows;
}

/** What a batch of records says in the audit trail. */
const consentAudit: store.AuditOf = (chained) => {
  const first = chained[0]!;
  return {
    at: first.recordedAt,
    actor: first.collectedBy ?? `consent:${first.method}`,
    action: `consent.${first.decision}`,
    entity: "consent",
    entityId: first.consentId,
    details: { seqs: chained.map((r) => r.seq), purposes: chained.map((r) => r.purpose), method: first.method, policyVersion: first.policyVersion },
  };
};

const withoutTenant = (rows: ConsentRecordRow[]): ConsentRecord[] => rows.map(({ tenantId: _t, ...r }) => r);

/** As {@link appendWithAudit}, but only while `inForce` is still the policy version in force; undefined otherwise. */
async function appendChecked(tx: Db, tenantId: string, records: NewConsentRecord[], inForce: number | undefined): Promise<ConsentRecord[] | undefined> {
  if (inForce === undefined) return appendWithAudit(tx, tenantId, records);
  const rows = await store.appendRecords(tx, tenantId, records, consentAudit, inForce);
  return rows && withoutTenant(rows);
}

/** Appends to the ledger with the audit entry and the webhook events (the outbox), in the caller's transaction. */
export async function appendWithAudit(tx: Db, tenantId: string, records: NewConsentRecord[]): Promise<ConsentRecord[]> {
  return withoutTenant(await store.appendRecords(tx, tenantId, records, consentAudit));
}

/** The hot read (a banner or a shop asks it on every visit): one light query, no manifest. */
export async function currentConsent(ctx: Context, slug: string, consentId: string): Promise<ConsentState[]> {
  const found = await lookupCurrentState(ctx.db, slug, consentId);
  if (!found) throw new RegistruError("organisation_not_found", `no organisation "${slug}"`, 404);
  const now = ctx.clock.now().getTime();
  const since = await reconsentSince(ctx.db, found.tenantId, found.version);
  return found.states.map((s) => {
    const decision = s.decision === "given" && s.validUntil && s.validUntil.getTime() <= now ? "expired" : (s.decision as Decision);
    return {
      purpose: s.purpose,
      decision,
      policyVersion: s.policyVersion,
      recordedAt: s.recordedAt,
      validUntil: s.validUntil,
      reconsentRequired: needsReconsent(since, s.purpose, decision, s.policyVersion),
    };
  });
}

export async function consentHistory(ctx: Context, slug: string, consentId: string): Promise<ConsentRecord[]> {
  const { tenant } = await getOrganisation(ctx, slug);
  return (await store.history(ctx.db, tenant.tenantId, consentId)).map(({ tenantId: _t, ...r }) => r);
}

export type LedgerCheck =
  | { ok: true; count: number }
  | { ok: false; brokenAt: number }
  /** The chain is intact but the current state, which lookups answer from, was changed beside it. */
  | ({ ok: false; count: number } & store.StateCheck);

/** The chain (every record as appended) and then the current state against the latest record of each subject and purpose. */
export async function verifyConsentLedger(ctx: Context, slug: string): Promise<LedgerCheck> {
  const { tenant } = await getOrganisation(ctx, slug);
  const chain = await store.verifyChain(ctx.db, tenant.tenantId);
  if (!chain.ok) return chain;
  const state = await store.checkState(ctx.db, tenant.tenantId);
  return state.mismatches === 0 ? chain : { ok: false, count: chain.count, ...state };
}

/**
 * The consent subjects a data-subject request reaches (withdrawal, objection): the consent ids
 * equal to one of the subject's identifiers, or whose records were linked to one (`subjectRef`).
 * The second reads the organisation's ledger without an index: requests are rare.
 */
export async function consentSubjectsOf(ctx: Context, slug: string, refs: readonly string[]): Promise<string[]> {
  if (refs.length === 0) return [];
  const { tenant } = await getOrganisation(ctx, slug);
  const { consentRecords } = tables;
  const rows = await ctx.db
    .selectDistinct({ consentId: consentRecords.consentId })
    .from(consentRecords)
    .where(and(eq(consentRecords.tenantId, tenant.tenantId), or(inArray(consentRecords.consentId, [...refs]), inArray(consentRecords.subjectRef, [...refs]))));
  return rows.map((r) => r.consentId).sort();
}
