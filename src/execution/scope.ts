import { normaliseIdentities, type FoundTable, type NormalisedIdentities, type SubjectIdentities } from "../connectors/index.ts";
import type { Manifest, ProcessingActivity } from "../manifest/index.ts";
import { localized, type LetterLanguage, type SubjectRequest } from "../requests/index.ts";

/** The activities a table of a system serves (`activity` in the manifest: one id or several). */
export function tableActivities(manifest: Manifest, system: string, table: string): ProcessingActivity[] {
  const spec = manifest.systems?.find((s) => s.id === system)?.tables?.[table];
  if (!spec) return [];
  const ids = Array.isArray(spec.activity) ? spec.activity : [spec.activity];
  return manifest.activities.filter((a) => ids.includes(a.id));
}

/**
 * Rows the organisation holds only as a processor (S0-01): a subject's request to it does not
 * reach them; the client controller decides (Art. 28(3)(a)). They are listed, never changed.
 */
export const processorOnly = (manifest: Manifest, t: Pick<FoundTable, "system" | "table">) => {
  const activities = tableActivities(manifest, t.system, t.table);
  return activities.length > 0 && activities.every((a) => a.role === "processor");
};

export const activityName = (a: ProcessingActivity, lang: LetterLanguage) => localized(a.name, lang) ?? a.id;

/** The identities a request gives, in the connectors' vocabulary. */
export function subjectIdentities(s: SubjectRequest["subject"]): SubjectIdentities {
  return { email: s.email, ...(s.phone && { phone: s.phone }), ...(s.customerId && { customer_id: s.customerId }), ...(s.cnp && { cnp: s.cnp }), ...(s.jmbg && { jmbg: s.jmbg }) };
}

/** The same, normalised as identity columns hold them (the organisation's country for phone numbers). */
export const normalisedIdentities = (m: Manifest, s: SubjectRequest["subject"]): NormalisedIdentities => normaliseIdentities(subjectIdentities(s), { defaultCountry: m.organisation.country });
