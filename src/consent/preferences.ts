import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import type { Language, Manifest } from "../manifest/index.ts";
import { getOrganisation } from "../organisations/index.ts";
import type { Decision } from "./input.ts";
import { cookiePurpose, parseCookiePurpose, serviceIds } from "./purposes.ts";
import { cookieCategoryLabel, purposeTexts, purposeTextsHash, type PurposeText, type ShownText } from "./preference-texts.ts";
import { currentConsent, recordConsent, withdrawConsent } from "./service.ts";
import * as store from "./store.ts";
import { signingKey, signToken, verifyToken } from "./tokens.ts";

/**
 * How a subject shows who they are: a signed link (e-mail, account page) or the cookie banner's
 * random id. A raw id only opens a subject nobody has named: once any record carries a
 * `subjectRef`, the person is known and needs the signed link.
 */
export type SubjectKey = { token: string } | { consentId: string };

export interface PreferencePurpose extends PurposeText {
  /** The current decision, or null when the subject has never decided on this purpose. */
  decision: Decision | null;
  decidedAt: Date | null;
  policyVersion: number | null;
  /** Given under a policy version that a later change to this purpose no longer covers. */
  reconsentRequired: boolean;
}

/** One record as the subject sees it: never the IP address or the browser. */
export interface PreferenceHistoryEntry {
  purpose: string;
  label: ShownText;
  decision: Decision;
  method: string;
  recordedAt: Date;
  policyVersion: number;
}

export interface PreferenceView {
  /** `languages`: those the notice is published in (Serbian in both scripts). */
  organisation: { slug: string; name: string; languages: Language[] };
  language: Language;
  policyVersion: number;
  purposes: PreferencePurpose[];
  /** Oldest first. */
  history: PreferenceHistoryEntry[];
}

export interface PreferenceChange {
  language: Language;
  /** Purpose → ticked. Purposes left out are not changed. */
  choices: Record<string, boolean>;
  /** The version the page showed; a save under another version in force is refused (409). */
  policyVersion?: number;
  ip?: string;
  userAgent?: string;
}

export interface PreferenceChangeResult {
  given: string[];
  withdrawn: string[];
  view: PreferenceView;
}

const notFound = () => new RegistruError("consent_not_found", "no consent is recorded for this subject", 404);
const invalidToken = () => new RegistruError("invalid_token", "this link is not valid for this organisation", 403);

async function policyInForce(ctx: Context, slug: string) {
  const { tenant, version } = await getOrganisation(ctx, slug);
  if (!version) throw new RegistruError("no_policy_in_force", "the organisation has no policy version applied", 409);
  return { tenant, version: version.version, manifest: version.manifest as Manifest };
}

/** The subject behind a key and their records; the same 404 whether an id is unknown or belongs to a known person. */
async function identify(ctx: Context, tenantId: string, key: SubjectKey) {
  if ("token" in key) {
    const scope = verifyToken(await signingKey(ctx.db, tenantId), key.token);
    if (scope.kind !== "preferences") throw invalidToken();
    return { consentId: scope.consentId, records: await store.history(ctx.db, tenantId, scope.consentId) };
  }
  const records = await store.history(ctx.db, tenantId, key.consentId);
  if (records.length === 0 || records.some((r) => r.subjectRef !== null)) throw notFound();
  return { consentId: key.consentId, records };
}

function historyLabel(texts: Map<string, PurposeText>, purpose: string, lang: Language): ShownText {
  const known = texts.get(purpose);
  if (known) return known.label;
  const cookie = parseCookiePurpose(purpose);
  if (!cookie) return { text: purpose };
  // One service of a category (the banner's settings layer): the category's name and the provider's.
  if (cookie.service !== undefined) {
    const providers = [...new Set((texts.get(cookiePurpose(cookie.category))?.cookies ?? []).map((c) => c.provider))];
    const provider = providers[serviceIds(providers).indexOf(cookie.service)] ?? cookie.service;
    return { text: `${cookieCategoryLabel(cookie.category, lang)}: ${provider}` };
  }
  // A purpose the policy no longer has: its category's name.
  return { text: cookieCategoryLabel(cookie.category, lang) };
}

async function buildView(ctx: Context, slug: string, consentId: string, lang: Language): Promise<PreferenceView> {
  const { tenant, version, manifest } = await policyInForce(ctx, slug);
  const texts = purposeTexts(manifest, lang);
  const byPurpose = new Map(texts.map((t) => [t.purpose, t]));
  const states = new Map((await currentConsent(ctx, slug, consentId)).map((s) => [s.purpose, s]));
  const records = await store.history(ctx.db, tenant.tenantId, consentId);
  return {
    organisation: { slug: tenant.slug, name: tenant.name, languages: manifest.organisation.languages.flatMap((l): Language[] => (l === "sr" ? ["sr", "sr-Cyrl"] : [l])) },
    language: lang,
    policyVersion: version,
    purposes: texts.map((t) => {
      const s = states.get(t.purpose);
      return { ...t, decision: s?.decision ?? null, decidedAt: s?.recordedAt ?? null, policyVersion: s?.policyVersion ?? null, reconsentRequired: s?.reconsentRequired ?? false };
    }),
    history: records.map((r) => ({
      purpose: r.purpose,
      label: historyLabel(byPurpose, r.purpose, lang),
      decision: r.decision as Decision,
      method: r.method,
      recordedAt: r.recordedAt,
      policyVersion: r.policyVersion,
    })),
  };
}

/**
 * What the preference centre shows a subject: each purpose with its current decision, and the
 * history; in the organisation's first language unless another is asked for.
 */
export async function preferenceView(ctx: Context, slug: string, key: SubjectKey, lang?: Language): Promise<PreferenceView> {
  const { tenant, manifest } = await policyInForce(ctx, slug);
  const { consentId } = await identify(ctx, tenant.tenantId, key);
  return buildView(ctx, slug, consentId, lang ?? manifest.organisation.languages[0] ?? "en");
}

/**
 * Applies the subject's ticks: `given` for a ticked purpose not currently given (or given under a
 * version a later change no longer covers), `withdrawn` for an unticked purpose that was given.
 * One transaction: every record is written, or none.
 */
export async function changePreferences(ctx: Context, slug: string, key: SubjectKey, change: PreferenceChange): Promise<PreferenceChangeResult> {
  const { tenant, version, manifest } = await policyInForce(ctx, slug);
  const { consentId, records } = await identify(ctx, tenant.tenantId, key);
  if (change.policyVersion !== undefined && change.policyVersion !== version) {
    throw new RegistruError("stale_policy_version", `the policy in force is version ${version}: ask again under it`, 409);
  }
  const texts = purposeTexts(manifest, change.language);
  const unknown = Object.keys(change.choices).filter((p) => !texts.some((t) => t.purpose === p));
  if (unknown.length > 0) throw new RegistruError("unknown_purpose", `not a purpose of the preference centre: ${unknown.join(", ")}`, 400);

  const states = new Map((await currentConsent(ctx, slug, consentId)).map((s) => [s.purpose, s]));
  const chosen = Object.entries(change.choices);
  const granted = chosen.filter(([p, on]) => on && (states.get(p)?.decision !== "given" || states.get(p)?.reconsentRequired)).map(([p]) => p);
  // A cookie category is offered here whole, with its providers listed: granting it grants each of
  // its services the banner's settings layer had turned off (the banner turns them on to match).
  const services = [...states.values()]
    .filter((s) => s.decision !== "given" && granted.some((p) => parseCookiePurpose(p)?.service === undefined && s.purpose.startsWith(`${p}:`)))
    .map((s) => s.purpose);
  const given = [...granted, ...services];
  const withdrawn = chosen.filter(([p, on]) => !on && states.get(p)?.decision === "given").map(([p]) => p);
  // A known person stays known: new records carry their reference, so a raw id never opens them.
  const subjectRef = [...records].reverse().find((r) => r.subjectRef !== null)?.subjectRef ?? undefined;
  const meta = { ip: change.ip, userAgent: change.userAgent };

  await ctx.db.transaction(async (tx) => {
    const inTx = { ...ctx, db: tx };
    if (given.length > 0) {
      await recordConsent(inTx, slug, {
        consentId,
        subjectRef,
        purposes: given,
        decision: "given",
        policyVersion: version,
        textHash: purposeTextsHash(texts, change.language, version),
        language: change.language,
        method: "preference_centre",
        ...meta,
      });
    }
    if (withdrawn.length > 0) await withdrawConsent(inTx, slug, consentId, withdrawn, "preference_centre", meta);
  });
  return { given, withdrawn, view: await buildView(ctx, slug, consentId, change.language) };
}

/** The link an organisation sends a known person (e-mail, account page): it opens their preferences, and never expires. */
export async function preferenceLink(ctx: Context, slug: string, consentId: string, baseUrl: string, lang?: Language): Promise<string> {
  const id = consentId.trim();
  if (id.length === 0 || id.length > 200) throw new RegistruError("invalid_consent", "a consent id has 1 to 200 characters", 400);
  const { tenant } = await getOrganisation(ctx, slug);
  const token = signToken(await signingKey(ctx.db, tenant.tenantId), { kind: "preferences", consentId: id });
  return `${baseUrl}/o/${encodeURIComponent(tenant.slug)}/preferences?token=${token}${lang ? `&lang=${encodeURIComponent(lang)}` : ""}`;
}
