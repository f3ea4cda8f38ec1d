import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import { lawFor, type Jurisdiction } from "../law/index.ts";
import { textIn, type LocalizedText, type Manifest } from "../manifest/index.ts";
import { toCyrillic } from "../notices/index.ts";
import { getOrganisation } from "../organisations/index.ts";
import type { AuthorityContact, LetterContext } from "./letters/index.ts";
import type { LetterLanguage, SubjectRequest } from "./model.ts";

export interface RequestOrganisation {
  tenantId: string;
  slug: string;
  manifest: Manifest;
  jurisdiction: Jurisdiction;
}

/** The organisation and the policy in force: requests are answered under it. */
export async function requestOrganisation(ctx: Context, slug: string): Promise<RequestOrganisation> {
  const { tenant, version } = await getOrganisation(ctx, slug);
  if (!version) throw new RegistruError("no_policy", `organisation "${slug}" has no policy applied yet`, 409);
  const manifest = version.manifest as Manifest;
  return { tenantId: tenant.tenantId, slug, manifest, jurisdiction: lawFor(manifest.organisation.jurisdiction) };
}

/** Where subjects write to: the e-mail channel for requests, else the DPO, else the organisation. */
export function organisationEmail(m: Manifest): string | undefined {
  const channel = m.rights?.channels?.find((c) => c.kind === "email" && c.value?.includes("@"))?.value;
  const dpo = m.dpo?.appointed ? m.dpo.email : m.dpo?.contact?.email;
  return channel ?? dpo ?? m.organisation.contact?.email;
}

/** A manifest text in a letter's language; Serbian Cyrillic from the Serbian text when there is none. */
export function localized(t: LocalizedText | undefined, lang: LetterLanguage): string | undefined {
  if (lang !== "sr-Cyrl" || t === undefined || typeof t === "string" || t["sr-Cyrl"]) return textIn(t, lang);
  return t.sr ? toCyrillic(t.sr) : textIn(t, lang);
}

function authorityIn(org: RequestOrganisation, lang: LetterLanguage): AuthorityContact | undefined {
  const a = org.jurisdiction.authority;
  const base = lang === "sr-Cyrl" ? "sr" : lang;
  if (a) {
    const name = a.name[base].includes(a.shortName) ? a.name[base] : `${a.name[base]} (${a.shortName})`;
    return { name, address: a.address, website: a.website, email: a.email };
  }
  const m = org.manifest.supervisory_authority;
  return m && { name: m.name, address: m.address, website: m.web, email: m.email };
}

export function letterContext(org: RequestOrganisation, entryId: string, request: SubjectRequest): LetterContext {
  const authority = authorityIn(org, request.language);
  // A Romanian address stays in Latin letters inside a Serbian Cyrillic letter.
  const keep = org.jurisdiction.code === "RS" ? [] : [authority?.address ?? ""];
  return { entryId, request, organisation: { name: org.manifest.organisation.name, email: organisationEmail(org.manifest) }, jurisdiction: org.jurisdiction, authority, keep };
}
