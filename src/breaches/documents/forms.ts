import type { Authority, Jurisdiction } from "../../law/index.ts";
import type { Language, Manifest } from "../../manifest/index.ts";

/** The authorities whose own notification form Registru fills in, and the act that sets each form. */
interface FormSource {
  language: Language;
  basis: Record<"ro" | "sr" | "en", string>;
}

const FORMS: Record<string, FormSource> = {
  RO: {
    language: "ro",
    basis: {
      ro: "Formularul de notificare a încălcării securității datelor cu caracter personal în temeiul art. 33 din Regulamentul (UE) 2016/679, aprobat prin Decizia ANSPDCP nr. 128/2018",
      en: "ANSPDCP personal data breach notification form under Art. 33 of Regulation (EU) 2016/679, approved by ANSPDCP Decision no. 128/2018",
      sr: "Obrazac ANSPDCP za obaveštenje o povredi podataka o ličnosti na osnovu člana 33. Uredbe (EU) 2016/679, utvrđen Odlukom ANSPDCP br. 128/2018",
    },
  },
  RS: {
    language: "sr",
    basis: {
      sr: "Obrazac iz Pravilnika o obrascu obaveštenja o povredi podataka o ličnosti i načinu obaveštavanja Poverenika za informacije od javnog značaja i zaštitu podataka o ličnosti o povredi podataka o ličnosti („Službeni glasnik RS”, broj 40/2019), u skladu sa članom 52. Zakona o zaštiti podataka o ličnosti",
      en: "The form of the Rulebook on the form of notification of a personal data breach and on the manner of notifying the Commissioner (Official Gazette of the Republic of Serbia no. 40/2019), under Article 52 of the Law on Personal Data Protection",
      ro: "Formularul din Regulamentul privind formularul de notificare a încălcării securității datelor cu caracter personal și modul de notificare a Comisarului („Službeni glasnik RS” nr. 40/2019), în temeiul art. 52 din Legea privind protecția datelor cu caracter personal (Serbia)",
    },
  },
};

const GENERIC: FormSource = {
  language: "en",
  basis: {
    en: "The information required by Art. 33(3) of Regulation (EU) 2016/679",
    ro: "Informațiile prevăzute la art. 33 alin. (3) din Regulamentul (UE) 2016/679",
    sr: "Informacije iz člana 33. stav 3. Uredbe (EU) 2016/679",
  },
};

export const formSource = (j: Jurisdiction): FormSource => FORMS[j.code] ?? GENERIC;

/** The form's language unless another is asked for (an English copy for a group's DPO, say). */
export const formLanguage = (j: Jurisdiction, lang?: Language): Language => lang ?? formSource(j).language;

export const formBasis = (j: Jurisdiction, lang: Language): string => formSource(j).basis[lang === "sr-Cyrl" ? "sr" : lang];

export interface AuthorityContact {
  name: string;
  address: string;
  email?: string;
  website?: string;
}

/** The authority the notification goes to: the manifest's, else the jurisdiction's own. */
export function authorityOf(m: Manifest, j: Jurisdiction, lang: Language): AuthorityContact | undefined {
  if (m.supervisory_authority) {
    const a = m.supervisory_authority;
    return { name: a.name, address: a.address, email: a.email, website: a.web };
  }
  const a: Authority | undefined = j.authority;
  return a && { name: a.name[lang === "sr-Cyrl" ? "sr" : lang], address: a.address, email: a.email, website: a.website };
}
