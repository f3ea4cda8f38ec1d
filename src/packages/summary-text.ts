import type { LegalBasis } from "../law/index.ts";

/** The words of a package's HTML summary, per language; Serbian Cyrillic is the Latin text transliterated. */
export interface SummaryTexts {
  locale: string;
  title(org: string): string;
  intro(p: { org: string; id: string; date: string; portability: boolean }): string;
  activitiesHeading: string;
  purpose: string;
  data: string;
  basis: string;
  retention: string;
  recipients: string;
  transfers: string;
  none: string;
  notStated: string;
  yourData: string;
  table(system: string, table: string, count: number): string;
  files: string;
  moreRows(shown: number, total: number, file: string): string;
  basisName: Record<LegalBasis, string>;
  column: string;
  category: string;
}

const en: SummaryTexts = {
  locale: "en-GB",
  title: (org) => `Your personal data held by ${org}`,
  intro: ({ org, id, date, portability }) =>
    portability
      ? `This package answers your request no. ${id} of ${date} to receive the personal data you provided to ${org} in a structured, commonly used and machine-readable format. The JSON and CSV files hold the data; this page describes it.`
      : `This package answers your request no. ${id} of ${date} for access to your personal data held by ${org}. It describes what we process, why, for how long and who receives it, followed by a copy of the data itself. The JSON and CSV files hold the same data in machine-readable form.`,
  activitiesHeading: "What we process and why",
  purpose: "Purpose",
  data: "Categories of data",
  basis: "Legal basis",
  retention: "How long we keep it",
  recipients: "Recipients",
  transfers: "Transfers outside the EEA",
  none: "none",
  notStated: "not stated in our policy",
  yourData: "A copy of your data",
  table: (system, table, count) => `${system} / ${table}: ${count} ${count === 1 ? "record" : "records"}`,
  files: "Files in this package",
  moreRows: (shown, total, file) => `The first ${shown} of ${total} records are shown; all are in ${file}.`,
  basisName: {
    consent: "your consent",
    contract: "a contract with you, or steps before one",
    legal_obligation: "a legal obligation",
    vital_interests: "vital interests",
    public_task: "a task in the public interest",
    legitimate_interests: "legitimate interests",
  },
  column: "Field",
  category: "Category",
};

const ro: SummaryTexts = {
  locale: "ro-RO",
  title: (org) => `Datele dumneavoastră cu caracter personal deținute de ${org}`,
  intro: ({ org, id, date, portability }) =>
    portability
      ? `Acest pachet răspunde cererii dumneavoastră nr. ${id} din ${date} de a primi datele cu caracter personal furnizate către ${org}, într-un format structurat, utilizat în mod curent și care poate fi citit automat. Fișierele JSON și CSV conțin datele; această pagină le descrie.`
      : `Acest pachet răspunde cererii dumneavoastră nr. ${id} din ${date} de acces la datele cu caracter personal deținute de ${org}. Descrie ce prelucrăm, de ce, cât timp și cine le primește, urmate de o copie a datelor. Fișierele JSON și CSV conțin aceleași date într-o formă care poate fi citită automat.`,
  activitiesHeading: "Ce prelucrăm și de ce",
  purpose: "Scopul",
  data: "Categoriile de date",
  basis: "Temeiul juridic",
  retention: "Cât timp le păstrăm",
  recipients: "Destinatari",
  transfers: "Transferuri în afara SEE",
  none: "niciunul",
  notStated: "nu este precizat în politica noastră",
  yourData: "O copie a datelor dumneavoastră",
  table: (system, table, count) => `${system} / ${table}: ${count} ${count === 1 ? "înregistrare" : "înregistrări"}`,
  files: "Fișierele din acest pachet",
  moreRows: (shown, total, file) => `Sunt afișate primele ${shown} din ${total} înregistrări; toate se află în ${file}.`,
  basisName: {
    consent: "consimțământul dumneavoastră",
    contract: "un contract cu dumneavoastră sau demersuri înaintea încheierii lui",
    legal_obligation: "o obligație legală",
    vital_interests: "interese vitale",
    public_task: "o sarcină de interes public",
    legitimate_interests: "interese legitime",
  },
  column: "Câmp",
  category: "Categorie",
};

const sr: SummaryTexts = {
  locale: "sr-Latn-RS",
  title: (org) => `Vaši podaci o ličnosti kod ${org}`,
  intro: ({ org, id, date, portability }) =>
    portability
      ? `Ovaj paket odgovara na vaš zahtev br. ${id} od ${date} da dobijete podatke o ličnosti koje ste dali ${org}, u strukturisanom, uobičajeno korišćenom i mašinski čitljivom formatu. JSON i CSV datoteke sadrže podatke; ova stranica ih opisuje.`
      : `Ovaj paket odgovara na vaš zahtev br. ${id} od ${date} za pristup podacima o ličnosti kod ${org}. Opisuje šta obrađujemo, zašto, koliko dugo i ko ih prima, a zatim sadrži kopiju samih podataka. JSON i CSV datoteke sadrže iste podatke u mašinski čitljivom obliku.`,
  activitiesHeading: "Šta obrađujemo i zašto",
  purpose: "Svrha",
  data: "Vrste podataka",
  basis: "Pravni osnov",
  retention: "Koliko dugo ih čuvamo",
  recipients: "Primaoci",
  transfers: "Prenos van EEP",
  none: "nema",
  notStated: "nije navedeno u našoj politici",
  yourData: "Kopija vaših podataka",
  table: (system, table, count) => `${system} / ${table}: ${count} ${count === 1 ? "zapis" : "zapisa"}`,
  files: "Datoteke u ovom paketu",
  moreRows: (shown, total, file) => `Prikazano je prvih ${shown} od ${total} zapisa; svi su u ${file}.`,
  basisName: {
    consent: "vaš pristanak",
    contract: "ugovor sa vama ili radnje pre njegovog zaključenja",
    legal_obligation: "zakonska obaveza",
    vital_interests: "životno važni interesi",
    public_task: "poslovi u javnom interesu",
    legitimate_interests: "legitimni interesi",
  },
  column: "Polje",
  category: "Vrsta",
};

export const summaryTexts = { en, ro, sr } as const;
