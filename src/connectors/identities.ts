import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";
import { RegistruError } from "../errors.ts";
import { vocabulary } from "../manifest/index.ts";
import type { IdentityKind } from "./systems.ts";

/** What a subject gave to be found by: one or several values per identity kind. */
export type SubjectIdentities = Partial<Record<IdentityKind, string | readonly string[]>>;
/** The same, normalised to the form identity columns are expected to hold; duplicates removed. */
export type NormalisedIdentities = Partial<Record<IdentityKind, string[]>>;

export interface NormaliseOptions {
  /** ISO country for phone numbers written without +: the organisation's country. */
  defaultCountry?: string;
}

const invalid = (kind: IdentityKind, why: string) => new RegistruError("identity_invalid", `the ${kind} given ${why}`, 400, { identity: kind });

const normalisers: Record<IdentityKind, (value: string, opts: NormaliseOptions) => string> = {
  email: (v) => {
    const email = v.trim().toLowerCase();
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw invalid("email", "is not an e-mail address");
    return email;
  },
  phone: (v, opts) => {
    const country = opts.defaultCountry && isSupportedCountry(opts.defaultCountry) ? (opts.defaultCountry as CountryCode) : undefined;
    const parsed = parsePhoneNumberFromString(v, country);
    if (parsed?.isValid()) return parsed.number;
    // Not a number libphonenumber knows: compare its digits, the least any column would hold.
    const digits = v.replace(/\D/g, "");
    if (digits.length < 4) throw invalid("phone", "has too few digits");
    return digits;
  },
  cnp: (v) => nationalId("cnp", v),
  jmbg: (v) => nationalId("jmbg", v),
  customer_id: (v) => nonEmpty("customer_id", v),
  username: (v) => nonEmpty("username", v),
};

/** Romania's CNP and Serbia's JMBG are both 13 digits; spaces or dots a person typed are dropped. */
function nationalId(kind: IdentityKind, v: string) {
  const digits = v.replace(/[\s.-]/g, "");
  if (!/^\d{13}$/.test(digits)) throw invalid(kind, "is not 13 digits");
  return digits;
}

function nonEmpty(kind: IdentityKind, v: string) {
  const trimmed = v.trim();
  if (!trimmed) throw invalid(kind, "is empty");
  return trimmed;
}

export function normaliseIdentities(input: SubjectIdentities, opts: NormaliseOptions = {}): NormalisedIdentities {
  const out: NormalisedIdentities = {};
  for (const kind of vocabulary.identityKinds) {
    const given = input[kind];
    if (given === undefined) continue;
    const values = [...new Set((typeof given === "string" ? [given] : given).map((v) => normalisers[kind](v, opts)))];
    if (values.length > 0) out[kind] = values;
  }
  if (Object.keys(out).length === 0) throw new RegistruError("identity_missing", "give at least one identity (email, phone, customer id, username, CNP or JMBG)", 400);
  return out;
}

export const identityKindsOf = (identities: NormalisedIdentities) => vocabulary.identityKinds.filter((k) => identities[k]?.length);
