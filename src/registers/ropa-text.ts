import type { LegalBasis, Regime, TransferMechanism } from "../law/index.ts";
import type { Language } from "../manifest/index.ts";

/**
 * The words of the record of processing activities. The record is an internal register kept for
 * the organisation and the supervisory authority, so it is written in neutral, third-person
 * terms — never the notice's "your consent" / "a contract with you".
 */
export interface RopaText {
  controllerRecord: string;
  processorRecord: string;
  organisation: string;
  /** Header of the CSV's first column, which says which record a row belongs to. */
  record: string;
  /** Short references to the paragraphs: the CSV's first column, the XLSX sheet names, the security heading. */
  records: { controller: string; processor: string; security: string };
  controllerColumns: string[];
  processorColumns: string[];
  identity: { controller: string; controllerAndProcessor: string; contact: string; dpo: string; noDpo: string; generated: string; version: string };
  /** Legal bases as neutral labels; the article is added from the law module. */
  basis: Record<LegalBasis, string>;
  /** Transfer mechanisms in words; the article is added from the law module. */
  mechanism: Record<TransferMechanism, string>;
  transfer: {
    /** No mechanism stated, but the country is adequate. */
    adequate: string;
    /** No mechanism stated, and the country's decision is partial (the US: DPF-certified recipients only). */
    adequateIfCertified: string;
    /** No mechanism stated, inside the EEA (GDPR) or inside Serbia (ZZPL). */
    domestic: string;
    noSafeguard: string;
    /** A mechanism is stated but the law does not accept it for this transfer. */
    notValid: string;
  };
  /** The retention words the notice writes to the reader ("until you withdraw your consent"), said neutrally. */
  retention: { until_withdrawn: string; session: string };
  eachClient: string;
  eachClientNoneDeclared: string;
  contactNotStated: string;
  none: string;
  notStated: string;
  draft: string;
}

type ByRegime = Pick<RopaText, "controllerRecord" | "processorRecord" | "controllerColumns" | "processorColumns"> & { domestic: string };
type Common = Omit<RopaText, keyof ByRegime | "records" | "transfer"> & { transfer: Omit<RopaText["transfer"], "domestic"> };

const en: Common = {
  organisation: "Organisation",
  record: "Record",
  identity: {
    controller: "Controller",
    controllerAndProcessor: "Controller and processor",
    contact: "Contact",
    dpo: "Data protection officer",
    noDpo: "No DPO appointed",
    generated: "Generated",
    version: "Policy version",
  },
  basis: {
    consent: "Consent of the data subject",
    contract: "Performance of a contract",
    legal_obligation: "Compliance with a legal obligation",
    vital_interests: "Vital interests",
    public_task: "Task in the public interest or official authority",
    legitimate_interests: "Legitimate interests",
  },
  mechanism: {
    adequacy: "adequacy decision",
    dpf: "EU-US Data Privacy Framework — adequacy decision for certified recipients",
    scc: "standard contractual clauses",
    bcr: "binding corporate rules",
    code_of_conduct: "approved code of conduct",
    certification: "approved certification mechanism",
    derogation_explicit_consent: "derogation: explicit consent of the data subject",
    derogation_contract: "derogation: necessary for a contract with or in the interest of the data subject",
    derogation_public_interest: "derogation: important reasons of public interest",
    derogation_legal_claims: "derogation: establishment, exercise or defence of legal claims",
    derogation_vital_interests: "derogation: vital interests",
    derogation_public_register: "derogation: transfer from a public register",
    derogation_compelling_interests: "derogation: compelling legitimate interests",
  },
  transfer: {
    adequate: "adequacy decision",
    adequateIfCertified: "adequacy decision only if the recipient is certified under the EU-US Data Privacy Framework; not stated",
    noSafeguard: "no safeguard stated",
    notValid: "not a lawful ground for this transfer",
  },
  retention: { until_withdrawn: "until consent is withdrawn", session: "for the duration of the visit (session)" },
  eachClient: "each client controller",
  eachClientNoneDeclared: "each client controller — names and contacts are kept in the client register; none declared in the manifest",
  contactNotStated: "contact not stated",
  none: "none",
  notStated: "not stated",
  draft: "draft, not yet in force",
};

const enBy: Record<Regime, ByRegime> = {
  GDPR: {
    controllerRecord: "Record of processing activities — controller (GDPR Art. 30(1))",
    processorRecord: "Record of processing activities — processor (GDPR Art. 30(2))",
    controllerColumns: ["Activity", "Purpose", "Legal basis", "Data subjects", "Personal data", "Special / criminal data", "Recipients", "Transfers outside the EEA and safeguards", "Erasure time limits", "Source"],
    processorColumns: ["Processing", "On behalf of (controllers)", "Categories of processing", "Personal data", "Sub-processors and recipients", "Transfers outside the EEA and safeguards", "Erasure time limits"],
    domestic: "within the EEA",
  },
  ZZPL: {
    controllerRecord: "Record of processing activities — controller (ZZPL čl. 47(1))",
    processorRecord: "Record of processing activities — processor (ZZPL čl. 47(2))",
    controllerColumns: ["Activity", "Purpose", "Legal basis", "Data subjects", "Personal data", "Special / criminal data", "Recipients", "Transfers outside Serbia and safeguards", "Erasure time limits", "Source"],
    processorColumns: ["Processing", "On behalf of (controllers)", "Categories of processing", "Personal data", "Sub-processors and recipients", "Transfers outside Serbia and safeguards", "Erasure time limits"],
    domestic: "within Serbia",
  },
};

const ro: Common = {
  organisation: "Organizația",
  record: "Registrul",
  identity: {
    controller: "Operator",
    controllerAndProcessor: "Operator și persoană împuternicită",
    contact: "Contact",
    dpo: "Responsabil cu protecția datelor",
    noDpo: "Nu este numit un DPO",
    generated: "Generat",
    version: "Versiunea politicii",
  },
  basis: {
    consent: "Consimțământul persoanei vizate",
    contract: "Executarea unui contract",
    legal_obligation: "Îndeplinirea unei obligații legale",
    vital_interests: "Protejarea intereselor vitale",
    public_task: "Îndeplinirea unei sarcini de interes public sau a autorității publice",
    legitimate_interests: "Interese legitime",
  },
  mechanism: {
    adequacy: "decizie privind caracterul adecvat",
    dpf: "Cadrul UE-SUA privind protecția datelor (EU-US Data Privacy Framework) — decizie de adecvare pentru destinatarii certificați",
    scc: "clauze contractuale standard",
    bcr: "reguli corporatiste obligatorii",
    code_of_conduct: "cod de conduită aprobat",
    certification: "mecanism de certificare aprobat",
    derogation_explicit_consent: "derogare: consimțământul explicit al persoanei vizate",
    derogation_contract: "derogare: necesar pentru un contract cu persoana vizată sau în interesul acesteia",
    derogation_public_interest: "derogare: motive importante de interes public",
    derogation_legal_claims: "derogare: constatarea, exercitarea sau apărarea unui drept în instanță",
    derogation_vital_interests: "derogare: protejarea intereselor vitale",
    derogation_public_register: "derogare: transfer dintr-un registru public",
    derogation_compelling_interests: "derogare: interese legitime imperioase",
  },
  transfer: {
    adequate: "decizie privind caracterul adecvat",
    adequateIfCertified: "decizie de adecvare doar dacă destinatarul este certificat în cadrul EU-US Data Privacy Framework; nu este precizat",
    noSafeguard: "nicio garanție precizată",
    notValid: "nu este un temei legal pentru acest transfer",
  },
  retention: { until_withdrawn: "până la retragerea consimțământului", session: "pe durata vizitei (sesiunii)" },
  eachClient: "fiecare client operator",
  eachClientNoneDeclared: "fiecare client operator — denumirile și datele de contact sunt ținute în registrul clienților; niciunul nu este declarat în manifest",
  contactNotStated: "contact nedeclarat",
  none: "niciunul",
  notStated: "nu este precizat",
  draft: "proiect, încă neaplicat",
};

const roBy: Record<Regime, ByRegime> = {
  GDPR: {
    controllerRecord: "Registrul activităților de prelucrare — operator (art. 30 alin. (1) GDPR)",
    processorRecord: "Registrul activităților de prelucrare — persoană împuternicită (art. 30 alin. (2) GDPR)",
    controllerColumns: ["Activitate", "Scop", "Temei juridic", "Persoane vizate", "Date cu caracter personal", "Date speciale / penale", "Destinatari", "Transferuri în afara SEE și garanții", "Termene de ștergere", "Sursa"],
    processorColumns: ["Prelucrare", "În numele (operatori)", "Categorii de prelucrări", "Date cu caracter personal", "Subîmputerniciți și destinatari", "Transferuri în afara SEE și garanții", "Termene de ștergere"],
    domestic: "în SEE",
  },
  ZZPL: {
    controllerRecord: "Registrul activităților de prelucrare — operator (art. 47 alin. (1) ZZPL)",
    processorRecord: "Registrul activităților de prelucrare — persoană împuternicită (art. 47 alin. (2) ZZPL)",
    controllerColumns: ["Activitate", "Scop", "Temei juridic", "Persoane vizate", "Date cu caracter personal", "Date speciale / penale", "Destinatari", "Transferuri în afara Serbiei și garanții", "Termene de ștergere", "Sursa"],
    processorColumns: ["Prelucrare", "În numele (operatori)", "Categorii de prelucrări", "Date cu caracter personal", "Subîmputerniciți și destinatari", "Transferuri în afara Serbiei și garanții", "Termene de ștergere"],
    domestic: "în Serbia",
  },
};

const sr: Common = {
  organisation: "Organizacija",
  record: "Evidencija",
  identity: {
    controller: "Rukovalac",
    controllerAndProcessor: "Rukovalac i obrađivač",
    contact: "Kontakt",
    dpo: "Lice za zaštitu podataka o ličnosti",
    noDpo: "Lice za zaštitu podataka nije određeno",
    generated: "Generisano",
    version: "Verzija politike",
  },
  basis: {
    consent: "Pristanak lica na koje se podaci odnose",
    contract: "Izvršenje ugovora",
    legal_obligation: "Poštovanje pravnih obaveza rukovaoca",
    vital_interests: "Zaštita životno važnih interesa",
    public_task: "Obavljanje poslova u javnom interesu ili izvršenje javnih ovlašćenja",
    legitimate_interests: "Legitimni interes",
  },
  mechanism: {
    adequacy: "odluka o primerenom nivou zaštite",
    dpf: "EU-US Data Privacy Framework — odluka o primerenom nivou zaštite za sertifikovane primaoce",
    scc: "standardne ugovorne klauzule",
    bcr: "obavezujuća poslovna pravila",
    code_of_conduct: "odobreni kodeks postupanja",
    certification: "izdati sertifikat",
    derogation_explicit_consent: "odstupanje: izričit pristanak lica na koje se podaci odnose",
    derogation_contract: "odstupanje: neophodno za izvršenje ugovora sa licem ili u njegovom interesu",
    derogation_public_interest: "odstupanje: važni razlozi javnog interesa",
    derogation_legal_claims: "odstupanje: podnošenje, ostvarivanje ili odbrana pravnog zahteva",
    derogation_vital_interests: "odstupanje: zaštita životno važnih interesa",
    derogation_public_register: "odstupanje: prenos iz javnog registra",
    derogation_compelling_interests: "odstupanje: preovlađujući legitimni interesi",
  },
  transfer: {
    adequate: "odluka o primerenom nivou zaštite",
    adequateIfCertified: "primeren nivo zaštite samo ako je primalac sertifikovan po EU-US Data Privacy Framework; nije navedeno",
    noSafeguard: "mere zaštite nisu navedene",
    notValid: "nije pravni osnov za ovaj prenos",
  },
  retention: { until_withdrawn: "do opoziva pristanka", session: "tokom posete (sesije)" },
  eachClient: "svaki klijent rukovalac",
  eachClientNoneDeclared: "svaki klijent rukovalac — nazivi i kontakt podaci vode se u evidenciji klijenata; nijedan nije naveden u manifestu",
  contactNotStated: "kontakt nije naveden",
  none: "nema",
  notStated: "nije navedeno",
  draft: "nacrt, još nije na snazi",
};

const srBy: Record<Regime, ByRegime> = {
  GDPR: {
    controllerRecord: "Evidencija radnji obrade — rukovalac (čl. 30 st. 1 GDPR)",
    processorRecord: "Evidencija radnji obrade — obrađivač (čl. 30 st. 2 GDPR)",
    controllerColumns: ["Radnja obrade", "Svrha", "Pravni osnov", "Lica na koja se podaci odnose", "Podaci o ličnosti", "Posebne vrste / krivični podaci", "Primaoci", "Prenos van EEP i mere zaštite", "Rokovi za brisanje", "Izvor"],
    processorColumns: ["Obrada", "U ime (rukovaoci)", "Vrste obrade", "Podaci o ličnosti", "Podobrađivači i primaoci", "Prenos van EEP i mere zaštite", "Rokovi za brisanje"],
    domestic: "unutar EEP",
  },
  ZZPL: {
    controllerRecord: "Evidencija radnji obrade — rukovalac (čl. 47 st. 1 ZZPL)",
    processorRecord: "Evidencija radnji obrade — obrađivač (čl. 47 st. 2 ZZPL)",
    controllerColumns: ["Radnja obrade", "Svrha", "Pravni osnov", "Lica na koja se podaci odnose", "Podaci o ličnosti", "Posebne vrste / krivični podaci", "Primaoci", "Prenos van Srbije i mere zaštite", "Rokovi za brisanje", "Izvor"],
    processorColumns: ["Obrada", "U ime (rukovaoci)", "Vrste obrade", "Podaci o ličnosti", "Podobrađivači i primaoci", "Prenos van Srbije i mere zaštite", "Rokovi za brisanje"],
    domestic: "unutar Srbije",
  },
};

/** The paragraph references, by the law the organisation is under (not by the record's language). */
const RECORDS: Record<Regime, RopaText["records"]> = {
  GDPR: { controller: "Art. 30(1)", processor: "Art. 30(2)", security: "Art. 30(1)(g)" },
  ZZPL: { controller: "čl. 47 st. 1 ZZPL", processor: "čl. 47 st. 2 ZZPL", security: "čl. 47 st. 1 tač. 7 ZZPL" },
};

/** The record's words in a language (sr for sr-Cyrl: the record transliterates at the end), for a regime. */
export function ropaText(lang: Language, regime: Regime): RopaText {
  const [common, by] = lang === "ro" ? [ro, roBy] : lang.startsWith("sr") ? [sr, srBy] : [en, enBy];
  const { domestic, ...byRegime } = by[regime];
  return { ...common, ...byRegime, records: RECORDS[regime], transfer: { ...common.transfer, domestic } };
}

const CITATION = /^(GDPR|ZZPL) (?:Art\.|čl\.) (\d+)((?:\([0-9a-z]+\))*)$/;

/**
 * An article reference from the law module ("GDPR Art. 6(1)(b)", "ZZPL čl. 12(1)(2)") as it is
 * cited in the record's language: "art. 6 alin. (1) lit. b) GDPR", "čl. 12. st. 1. tač. 2) ZZPL".
 * References the pattern does not cover ("GDPR Art. 49(1)(b)-(c)") are left as the law module writes them.
 */
export function citeIn(article: string, lang: Language): string {
  const m = CITATION.exec(article);
  if (!m || lang === "en") return article;
  const [, law, number, rest] = m as unknown as [string, string, string, string];
  const [paragraph, point] = [...rest.matchAll(/\(([0-9a-z]+)\)/g)].map((x) => x[1]!);
  const letter = point !== undefined && /^[a-z]$/.test(point);
  if (lang === "ro") {
    return [`art. ${number}`, paragraph && `alin. (${paragraph})`, point && (letter ? `lit. ${point})` : `pct. ${point}`), law].filter(Boolean).join(" ");
  }
  return [`čl. ${number}.`, paragraph && `st. ${paragraph}.`, point && `tač. ${point})`, law].filter(Boolean).join(" ");
}
