import { catalogIn, type DocumentLanguage } from "../documents/catalog.ts";
import type { Regime, TransferKind, TransferMechanism } from "../law/index.ts";
import { ropaText } from "../registers/index.ts";
import type { AlertSeverity, VendorAlertKind } from "./alerts.ts";
import type { DestinationSource } from "./destinations.ts";
import type { DpaState } from "./dpa.ts";

/** The words of the processors, transfers and alerts registers. `{n}` stands for a number. */
export interface VendorText {
  titles: { processors: string; transfers: string; alerts: string };
  facts: { organisation: string; policyVersion: string; date: string };
  processorColumns: string[];
  transferColumns: string[];
  alertColumns: string[];
  dpaState: Record<DpaState, string>;
  transferKind: Record<TransferKind, string>;
  source: Record<DestinationSource, string>;
  severity: Record<AlertSeverity, string>;
  alertKind: Record<VendorAlertKind, string>;
  yes: string;
  no: string;
  notStated: string;
  hours: string;
  workingDays: string;
  /** Transfer mechanisms in words, as the record of processing writes them. */
  mechanism: Record<TransferMechanism, string>;
}

type Catalog = Omit<VendorText, "mechanism">;

const en: Catalog = {
  titles: { processors: "Register of processors", transfers: "Register of transfers", alerts: "Processor and transfer alerts" },
  facts: { organisation: "Organisation", policyVersion: "Policy version", date: "Date" },
  processorColumns: ["Processor", "Service", "Country", "Locations", "Certifications", "DPA signed", "DPA ends", "DPA state", "Clauses", "Required clauses missing", "Breach notice", "Records handed over within", "Sub-processors", "Engaged by", "Activities", "Transfer mechanism", "Access ended"],
  transferColumns: ["Recipient", "Stated in", "Activity", "Country", "Mechanism", "Ground", "Article", "Adequacy decision", "Lawful today"],
  alertColumns: ["Severity", "Alert", "Processor", "Country", "Details", "Article", "Due", "Raised"],
  dpaState: { missing: "missing", in_force: "in force", expiring: "ends soon", expired: "ended" },
  transferKind: {
    domestic: "domestic",
    domestic_eea: "inside the EEA",
    adequate: "adequacy decision",
    adequate_if_certified: "adequacy for certified recipients only",
    safeguarded: "appropriate safeguards",
    derogation: "derogation",
    unsafeguarded: "no lawful ground",
  },
  source: { processor: "processor", recipient: "recipient", activity: "activity", cookie: "cookie" },
  severity: { error: "serious", warning: "warning", info: "information" },
  alertKind: {
    dpa_missing: "DPA missing",
    dpa_expiring: "DPA ends soon",
    dpa_expired: "DPA ended",
    dpa_terms_missing: "Required clauses missing",
    dpa_terms_unrecorded: "Clauses not recorded",
    records_term_missing: "No deadline for handing over records",
    end_access: "End the processor's access",
    transfer_unlawful: "Transfer without a lawful ground",
    transfer_condition_unconfirmed: "Adequacy condition not confirmed",
    adequacy_not_in_force: "Adequacy decision not in force",
    adequacy_ending: "Adequacy decision ends soon",
  },
  yes: "yes",
  no: "no",
  notStated: "not stated",
  hours: "{n} hours",
  workingDays: "{n} working days",
};

const ro: Catalog = {
  titles: { processors: "Registrul persoanelor împuternicite", transfers: "Registrul transferurilor de date", alerts: "Alerte privind persoanele împuternicite și transferurile" },
  facts: { organisation: "Organizația", policyVersion: "Versiunea politicii", date: "Data" },
  processorColumns: ["Persoana împuternicită", "Serviciu", "Țara", "Locații", "Certificări", "Contract semnat", "Contract valabil până la", "Starea contractului", "Clauze", "Clauze obligatorii lipsă", "Notificarea încălcărilor", "Predarea evidențelor în", "Subcontractanți", "Angajată de", "Activități", "Mecanism de transfer", "Acces încetat"],
  transferColumns: ["Destinatar", "Menționat la", "Activitate", "Țara", "Mecanism", "Temei", "Articol", "Decizie de adecvare", "Legal astăzi"],
  alertColumns: ["Gravitate", "Alertă", "Persoana împuternicită", "Țara", "Detalii", "Articol", "Termen", "Semnalată la"],
  dpaState: { missing: "lipsă", in_force: "în vigoare", expiring: "expiră curând", expired: "expirat" },
  transferKind: {
    domestic: "intern",
    domestic_eea: "în SEE",
    adequate: "decizie de adecvare",
    adequate_if_certified: "adecvare doar pentru destinatari certificați",
    safeguarded: "garanții adecvate",
    derogation: "derogare",
    unsafeguarded: "fără temei legal",
  },
  source: { processor: "persoană împuternicită", recipient: "destinatar", activity: "activitate", cookie: "cookie" },
  severity: { error: "gravă", warning: "atenționare", info: "informare" },
  alertKind: {
    dpa_missing: "Contract de prelucrare lipsă",
    dpa_expiring: "Contractul de prelucrare expiră curând",
    dpa_expired: "Contractul de prelucrare a expirat",
    dpa_terms_missing: "Lipsesc clauze obligatorii",
    dpa_terms_unrecorded: "Clauzele nu sunt înregistrate",
    records_term_missing: "Niciun termen pentru predarea evidențelor",
    end_access: "Încetați accesul persoanei împuternicite",
    transfer_unlawful: "Transfer fără temei legal",
    transfer_condition_unconfirmed: "Condiția de adecvare neconfirmată",
    adequacy_not_in_force: "Decizia de adecvare nu este în vigoare",
    adequacy_ending: "Decizia de adecvare expiră curând",
  },
  yes: "da",
  no: "nu",
  notStated: "nespecificat",
  hours: "{n} ore",
  workingDays: "{n} zile lucrătoare",
};

const sr: Catalog = {
  titles: { processors: "Evidencija obrađivača", transfers: "Evidencija prenosa podataka", alerts: "Upozorenja o obrađivačima i prenosima" },
  facts: { organisation: "Organizacija", policyVersion: "Verzija politike", date: "Datum" },
  processorColumns: ["Obrađivač", "Usluga", "Država", "Lokacije", "Sertifikati", "Ugovor potpisan", "Ugovor važi do", "Stanje ugovora", "Klauzule", "Nedostajuće obavezne klauzule", "Obaveštenje o povredi", "Predaja evidencija u roku od", "Podobrađivači", "Angažovan od", "Radnje obrade", "Mehanizam prenosa", "Pristup okončan"],
  transferColumns: ["Primalac", "Navedeno kod", "Radnja obrade", "Država", "Mehanizam", "Osnov", "Član", "Odluka o primerenosti", "Zakonit danas"],
  alertColumns: ["Ozbiljnost", "Upozorenje", "Obrađivač", "Država", "Detalji", "Član", "Rok", "Podignuto"],
  dpaState: { missing: "nema", in_force: "na snazi", expiring: "uskoro ističe", expired: "istekao" },
  transferKind: {
    domestic: "u Srbiji",
    domestic_eea: "u EEP",
    adequate: "primeren nivo zaštite",
    adequate_if_certified: "primeren nivo samo za sertifikovane primaoce",
    safeguarded: "odgovarajuće mere zaštite",
    derogation: "izuzetak",
    unsafeguarded: "bez pravnog osnova",
  },
  source: { processor: "obrađivač", recipient: "primalac", activity: "radnja obrade", cookie: "kolačić" },
  severity: { error: "ozbiljno", warning: "upozorenje", info: "informacija" },
  alertKind: {
    dpa_missing: "Nema ugovora o obradi",
    dpa_expiring: "Ugovor o obradi uskoro ističe",
    dpa_expired: "Ugovor o obradi je istekao",
    dpa_terms_missing: "Nedostaju obavezne klauzule",
    dpa_terms_unrecorded: "Klauzule nisu evidentirane",
    records_term_missing: "Nema roka za predaju evidencija",
    end_access: "Okončati pristup obrađivača",
    transfer_unlawful: "Prenos bez pravnog osnova",
    transfer_condition_unconfirmed: "Uslov primerenosti nije potvrđen",
    adequacy_not_in_force: "Odluka o primerenosti nije na snazi",
    adequacy_ending: "Odluka o primerenosti uskoro ističe",
  },
  yes: "da",
  no: "ne",
  notStated: "nije navedeno",
  hours: "{n} sati",
  workingDays: "{n} radnih dana",
};

export function vendorText(lang: DocumentLanguage, regime: Regime): VendorText {
  const base = lang === "sr-Cyrl" ? "sr" : lang;
  const withMechanism = (catalog: typeof sr) => ({ ...catalog, mechanism: ropaText(base, regime).mechanism });
  return catalogIn(lang, { en: withMechanism(en), ro: withMechanism(ro), sr: withMechanism(sr) });
}

export const withNumber = (template: string, n: number) => template.replace("{n}", String(n));
