import type { Regime } from "../law/index.ts";

/**
 * The nine criteria of the Article 29 Working Party's DPIA guidelines (WP248 rev.01, endorsed by
 * the EDPB), section III.B.a: two or more met usually means a DPIA is required.
 */
export const CRITERIA = [
  "evaluation_scoring",
  "automated_decision",
  "systematic_monitoring",
  "special_or_criminal",
  "large_scale",
  "matching_datasets",
  "vulnerable_subjects",
  "innovative_technology",
  "prevents_right_or_contract",
] as const;
export type Criterion = (typeof CRITERIA)[number];

/** Facts the national lists combine with the criteria; none of them can be read from a manifest except location and sensor data. */
export const EXTRA_FACTS = ["public_area", "location_data", "sensor_data", "not_for_requested_service"] as const;
export type ExtraFact = (typeof EXTRA_FACTS)[number];
export type Fact = Criterion | ExtraFact;
export const FACTS: readonly Fact[] = [...CRITERIA, ...EXTRA_FACTS];

type Words = { en: string; ro: string; sr: string };

export const CRITERION_TEXT: Record<Criterion, Words> = {
  evaluation_scoring: { en: "Evaluation or scoring, including profiling", ro: "Evaluare sau notare, inclusiv creare de profiluri", sr: "Procena ili bodovanje, uključujući profilisanje" },
  automated_decision: { en: "Automated decision with legal or similarly significant effect", ro: "Decizie automatizată cu efect juridic sau similar semnificativ", sr: "Automatizovano odlučivanje sa pravnim ili sličnim značajnim dejstvom" },
  systematic_monitoring: { en: "Systematic monitoring", ro: "Monitorizare sistematică", sr: "Sistematski nadzor" },
  special_or_criminal: { en: "Special-category or criminal-offence data", ro: "Categorii speciale de date sau date privind infracțiunile", sr: "Posebne vrste podataka ili podaci o krivičnim delima" },
  large_scale: { en: "Data processed on a large scale", ro: "Prelucrare pe scară largă", sr: "Obrada u velikom obimu" },
  matching_datasets: { en: "Matching or combining datasets", ro: "Corelarea sau combinarea seturilor de date", sr: "Povezivanje ili kombinovanje skupova podataka" },
  vulnerable_subjects: { en: "Vulnerable data subjects (minors, employees, ...)", ro: "Persoane vizate vulnerabile (minori, angajați, ...)", sr: "Ranjiva lica (maloletnici, zaposleni, ...)" },
  innovative_technology: { en: "Innovative use or new technology", ro: "Utilizare inovatoare sau tehnologii noi", sr: "Inovativna upotreba ili nove tehnologije" },
  prevents_right_or_contract: { en: "Prevents exercising a right or using a service or contract", ro: "Împiedică exercitarea unui drept sau accesul la un serviciu ori contract", sr: "Sprečava ostvarivanje prava ili korišćenje usluge ili ugovora" },
};

export const EXTRA_FACT_TEXT: Record<ExtraFact, Words> = {
  public_area: { en: "A publicly accessible area is monitored", ro: "Este monitorizat un spațiu accesibil publicului", sr: "Nadzire se javno dostupna površina" },
  location_data: { en: "Location or traffic data", ro: "Date de localizare sau de trafic", sr: "Podaci o lokaciji ili saobraćaju" },
  sensor_data: { en: "Data from connected devices with sensors (IoT)", ro: "Date generate de dispozitive cu senzori (IoT)", sr: "Podaci sa povezanih uređaja sa senzorima (IoT)" },
  not_for_requested_service: { en: "Not needed for a service the subject asked for", ro: "Nu este necesară pentru un serviciu solicitat de persoana vizată", sr: "Nije potrebno za uslugu koju je lice zatražilo" },
};

export const criterionCitation = (c: Criterion) => `WP248 rev.01 III.B.a(${CRITERIA.indexOf(c) + 1})`;

/** A processing the law or the authority's list names: a DPIA is required when every fact holds. */
export interface Trigger {
  id: string;
  citation: string;
  text: Words;
  facts: readonly Fact[];
}

const art35: Record<Regime, Trigger[]> = {
  GDPR: [
    { id: "art35_3_a", citation: "GDPR Art. 35(3)(a)", facts: ["evaluation_scoring", "automated_decision"], text: { en: "Systematic and extensive evaluation, incl. profiling, with decisions that have legal or similar effects", ro: "Evaluare sistematică și cuprinzătoare, inclusiv creare de profiluri, cu decizii care produc efecte juridice sau similare", sr: "Sistematska i sveobuhvatna procena, uključujući profilisanje, sa odlukama koje imaju pravno ili slično dejstvo" } },
    { id: "art35_3_b", citation: "GDPR Art. 35(3)(b)", facts: ["special_or_criminal", "large_scale"], text: { en: "Large-scale processing of special categories or criminal-offence data", ro: "Prelucrare pe scară largă a categoriilor speciale de date sau a datelor privind infracțiunile", sr: "Obrada posebnih vrsta podataka ili podataka o krivičnim delima u velikom obimu" } },
    { id: "art35_3_c", citation: "GDPR Art. 35(3)(c)", facts: ["systematic_monitoring", "public_area", "large_scale"], text: { en: "Systematic monitoring of a publicly accessible area on a large scale", ro: "Monitorizare sistematică pe scară largă a unei zone accesibile publicului", sr: "Sistematski nadzor javno dostupne površine u velikoj meri" } },
  ],
  ZZPL: [
    { id: "zzpl54_3_1", citation: "ZZPL čl. 54(3)(1)", facts: ["evaluation_scoring", "automated_decision"], text: { en: "Systematic and comprehensive evaluation, incl. profiling, with decisions that have legal or similar effects", ro: "Evaluare sistematică și cuprinzătoare, inclusiv creare de profiluri, cu decizii care produc efecte juridice sau similare", sr: "Sistematska i sveobuhvatna procena stanja i osobina lica, uključujući profilisanje, sa odlukama koje imaju pravno dejstvo" } },
    { id: "zzpl54_3_2", citation: "ZZPL čl. 54(3)(2)", facts: ["special_or_criminal", "large_scale"], text: { en: "Large-scale processing of special categories or criminal-offence data", ro: "Prelucrare pe scară largă a categoriilor speciale de date sau a datelor privind infracțiunile", sr: "Obrada posebnih vrsta podataka ili podataka o krivičnim presudama i kažnjivim delima u velikom obimu" } },
    { id: "zzpl54_3_3", citation: "ZZPL čl. 54(3)(3)", facts: ["systematic_monitoring", "public_area", "large_scale"], text: { en: "Systematic monitoring of a publicly accessible area on a large scale", ro: "Monitorizare sistematică pe scară largă a unei zone accesibile publicului", sr: "Sistematski nadzor nad javno dostupnim površinama u velikoj meri" } },
  ],
};

const ANSPDCP = "ANSPDCP Decizia nr. 174/2018";
const POVERENIK = "Poverenik, Odluka o listi vrsta radnji obrade (Sl. glasnik RS 45/2019)";

/** National lists under GDPR Art. 35(4) / ZZPL čl. 54(4). See README.md for what was checked. */
const national: Record<string, Trigger[]> = {
  RO: [
    { id: "ro_a", citation: `${ANSPDCP}, lit. a)`, facts: ["evaluation_scoring", "automated_decision"], text: art35.GDPR[0]!.text },
    { id: "ro_b", citation: `${ANSPDCP}, lit. b)`, facts: ["special_or_criminal", "large_scale"], text: art35.GDPR[1]!.text },
    { id: "ro_c", citation: `${ANSPDCP}, lit. c)`, facts: ["systematic_monitoring", "public_area", "large_scale"], text: art35.GDPR[2]!.text },
    { id: "ro_d", citation: `${ANSPDCP}, lit. d)`, facts: ["vulnerable_subjects", "systematic_monitoring", "large_scale"], text: { en: "Large-scale processing of vulnerable persons' data (minors, employees) by automated monitoring or systematic recording of behaviour, incl. for advertising and marketing", ro: "Prelucrarea pe scară largă a datelor persoanelor vulnerabile (minori, angajați) prin monitorizare automată sau înregistrarea sistematică a comportamentului, inclusiv pentru publicitate și marketing", sr: "Obrada podataka ranjivih lica (maloletnici, zaposleni) u velikom obimu automatskim nadzorom ili sistematskim beleženjem ponašanja, i radi oglašavanja i marketinga" } },
    { id: "ro_e", citation: `${ANSPDCP}, lit. e)`, facts: ["innovative_technology", "large_scale"], text: { en: "Large-scale processing through innovative use or new technologies, especially where they limit the exercise of rights (e.g. facial recognition for access)", ro: "Prelucrarea pe scară largă prin utilizarea inovatoare sau implementarea de tehnologii noi, mai ales când limitează exercitarea drepturilor (de ex. recunoaștere facială pentru acces)", sr: "Obrada u velikom obimu inovativnom upotrebom ili novim tehnologijama, naročito kada ograničava ostvarivanje prava (npr. prepoznavanje lica za pristup)" } },
    { id: "ro_f", citation: `${ANSPDCP}, lit. f)`, facts: ["sensor_data", "large_scale"], text: { en: "Large-scale processing of data generated by devices with sensors (IoT: connected cars, smart meters, ...) to evaluate behaviour, preferences, economic situation or health", ro: "Prelucrarea pe scară largă a datelor generate de dispozitive cu senzori (IoT: autovehicule conectate, contoare inteligente etc.) pentru evaluarea comportamentului, preferințelor, situației economice sau sănătății", sr: "Obrada u velikom obimu podataka sa uređaja sa senzorima (IoT: povezana vozila, pametna brojila, ...) radi procene ponašanja, sklonosti, ekonomskog stanja ili zdravlja" } },
    { id: "ro_g", citation: `${ANSPDCP}, lit. g)`, facts: ["location_data", "large_scale", "not_for_requested_service"], text: { en: "Large-scale or systematic processing of traffic or location data when not needed for a service the subject asked for", ro: "Prelucrarea pe scară largă sau sistematică a datelor de trafic sau de localizare, când nu este necesară pentru un serviciu solicitat de persoana vizată", sr: "Obrada podataka o saobraćaju ili lokaciji u velikom obimu ili sistematski, kada nije potrebna za uslugu koju je lice zatražilo" } },
  ],
  RS: [
    { id: "rs_location", citation: POVERENIK, facts: ["location_data", "large_scale"], text: { en: "Systematic or large-scale processing of location data", ro: "Prelucrarea sistematică sau pe scară largă a datelor de localizare", sr: "Sistematska obrada podataka o lokaciji ili obrada u velikom obimu" } },
    { id: "rs_vulnerable", citation: POVERENIK, facts: ["vulnerable_subjects", "systematic_monitoring"], text: { en: "Systematic monitoring of vulnerable persons, incl. employees and children", ro: "Monitorizarea sistematică a persoanelor vulnerabile, inclusiv angajați și copii", sr: "Sistematski nadzor ranjivih lica, uključujući zaposlene i decu" } },
    { id: "rs_new_technology", citation: POVERENIK, facts: ["innovative_technology", "large_scale"], text: { en: "Large-scale processing using new technologies", ro: "Prelucrarea pe scară largă cu tehnologii noi", sr: "Obrada u velikom obimu upotrebom novih tehnologija" } },
    { id: "rs_matching", citation: POVERENIK, facts: ["matching_datasets", "large_scale"], text: { en: "Matching or combining datasets from different sources on a large scale", ro: "Corelarea sau combinarea pe scară largă a seturilor de date din surse diferite", sr: "Povezivanje ili kombinovanje skupova podataka iz različitih izvora u velikom obimu" } },
    { id: "rs_iot", citation: POVERENIK, facts: ["sensor_data", "large_scale"], text: { en: "Large-scale processing of data from connected devices (IoT)", ro: "Prelucrarea pe scară largă a datelor de la dispozitive conectate (IoT)", sr: "Obrada u velikom obimu podataka sa povezanih uređaja (IoT)" } },
  ],
};

/** The Art. 35(3) / čl. 54(3) cases and the national list of the organisation's jurisdiction. */
export const triggersFor = (regime: Regime, country: string): Trigger[] => [...art35[regime], ...(national[country] ?? [])];
