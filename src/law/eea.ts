/**
 * EU and EEA member states: where the GDPR applies (EEA-EFTA states through EEA Joint
 * Committee Decision 154/2018), their time zone and their Art. 8(1) age of digital consent.
 */
export interface MemberState {
  readonly name: string;
  readonly eu: boolean;
  /** The zone of the capital; PT and ES also have island zones, deadlines use the mainland. */
  readonly timeZone: string;
  readonly digitalConsentAge: number;
  /** False: our best knowledge of the national choice, not checked against the national law. */
  readonly ageVerified: boolean;
}

type Row = [code: string, name: string, eu: boolean, timeZone: string, age: number, verified?: false];

// Art. 8(1) GDPR: 16 unless national law sets 13-15. PL has no derogation (16). LI: we found
// no national derogation but did not check the Datenschutzgesetz, so it stays 16 and unverified.
const rows: Row[] = [
  ["AT", "Austria", true, "Europe/Vienna", 14],
  ["BE", "Belgium", true, "Europe/Brussels", 13],
  ["BG", "Bulgaria", true, "Europe/Sofia", 14],
  ["HR", "Croatia", true, "Europe/Zagreb", 16],
  ["CY", "Cyprus", true, "Asia/Nicosia", 14],
  ["CZ", "Czechia", true, "Europe/Prague", 15],
  ["DK", "Denmark", true, "Europe/Copenhagen", 13],
  ["EE", "Estonia", true, "Europe/Tallinn", 13],
  ["FI", "Finland", true, "Europe/Helsinki", 13],
  ["FR", "France", true, "Europe/Paris", 15],
  ["DE", "Germany", true, "Europe/Berlin", 16],
  ["GR", "Greece", true, "Europe/Athens", 15],
  ["HU", "Hungary", true, "Europe/Budapest", 16],
  ["IE", "Ireland", true, "Europe/Dublin", 16],
  ["IT", "Italy", true, "Europe/Rome", 14],
  ["LV", "Latvia", true, "Europe/Riga", 13],
  ["LT", "Lithuania", true, "Europe/Vilnius", 14],
  ["LU", "Luxembourg", true, "Europe/Luxembourg", 16],
  ["MT", "Malta", true, "Europe/Malta", 13],
  ["NL", "Netherlands", true, "Europe/Amsterdam", 16],
  ["PL", "Poland", true, "Europe/Warsaw", 16],
  ["PT", "Portugal", true, "Europe/Lisbon", 13],
  ["RO", "Romania", true, "Europe/Bucharest", 16],
  ["SK", "Slovakia", true, "Europe/Bratislava", 16],
  ["SI", "Slovenia", true, "Europe/Ljubljana", 15],
  ["ES", "Spain", true, "Europe/Madrid", 14],
  ["SE", "Sweden", true, "Europe/Stockholm", 13],
  ["IS", "Iceland", false, "Atlantic/Reykjavik", 13],
  ["LI", "Liechtenstein", false, "Europe/Vaduz", 16, false],
  ["NO", "Norway", false, "Europe/Oslo", 13],
];

export const EEA_MEMBERS: ReadonlyMap<string, MemberState> = new Map(
  rows.map(([code, name, eu, timeZone, digitalConsentAge, verified]) => [
    code,
    Object.freeze({ name, eu, timeZone, digitalConsentAge, ageVerified: verified ?? true }),
  ]),
);

export const EU_MEMBER_CODES: readonly string[] = rows.filter((r) => r[2]).map((r) => r[0]);
export const EEA_MEMBER_CODES: readonly string[] = rows.map((r) => r[0]);

/** ISO 3166 codes, accepting the EU's own "EL" for Greece and "UK" for the United Kingdom. */
export function normalizeCountry(code: string): string {
  const upper = code.trim().toUpperCase();
  return upper === "EL" ? "GR" : upper === "UK" ? "GB" : upper;
}

export const isEeaMember = (code: string): boolean => EEA_MEMBERS.has(normalizeCountry(code));
