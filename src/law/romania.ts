import { gdprCommon } from "./gdpr.ts";
import type { Authority, Jurisdiction, NationalLaw, RepealedLaw } from "./types.ts";

export const ANSPDCP: Authority = {
  shortName: "ANSPDCP",
  name: {
    ro: "Autoritatea Națională de Supraveghere a Prelucrării Datelor cu Caracter Personal",
    sr: "Nacionalno nadzorno telo za obradu podataka o ličnosti (Rumunija)",
    en: "National Supervisory Authority for Personal Data Processing",
  },
  address: "B-dul G-ral. Gheorghe Magheru 28-30, Sector 1, cod poștal 010336, București",
  website: "https://www.dataprotection.ro",
  email: "anspdcp@dataprotection.ro",
  phone: "+40.318.059.211",
};

const law190: NationalLaw = {
  id: "ro_law_190_2018",
  shortName: "Legea 190/2018",
  title: {
    ro:
      "Legea nr. 190/2018 privind măsuri de punere în aplicare a Regulamentului (UE) 2016/679 (Regulamentul " +
      "general privind protecția datelor)",
    en: "Law no. 190/2018 on measures implementing Regulation (EU) 2016/679 (General Data Protection Regulation)",
  },
  reference: "Monitorul Oficial al României, Partea I, nr. 651 din 26 iulie 2018",
  provisions: [
    {
      article: "Legea 190/2018 art. 4",
      subject: {
        ro: "Prelucrarea unui număr de identificare național (CNP, serie și număr act de identitate)",
        en: "Processing of a national identification number (CNP, identity document series and number)",
      },
    },
    {
      article: "Legea 190/2018 art. 5",
      subject: {
        ro: "Prelucrarea datelor în contextul relațiilor de muncă: sisteme de monitorizare a angajaților",
        en: "Processing in the employment context: monitoring of employees by electronic or video means",
      },
    },
  ],
};

const law506: NationalLaw = {
  id: "ro_law_506_2004",
  shortName: "Legea 506/2004",
  title: {
    ro:
      "Legea nr. 506/2004 privind prelucrarea datelor cu caracter personal și protecția vieții private în " +
      "sectorul comunicațiilor electronice",
    en: "Law no. 506/2004 on the processing of personal data and the protection of privacy in the electronic communications sector",
  },
  reference: "Monitorul Oficial al României, Partea I, nr. 1101 din 25 noiembrie 2004",
  provisions: [
    {
      article: "Legea 506/2004 art. 4(5)",
      subject: {
        ro: "Stocarea de informații sau accesul la informații în echipamentul terminal (cookie-uri): consimțământ",
        en: "Storing or accessing information in terminal equipment (cookies): consent required",
      },
    },
  ],
};

const law129: NationalLaw = {
  id: "ro_law_129_2018",
  shortName: "Legea 129/2018",
  title: {
    ro:
      "Legea nr. 129/2018 pentru modificarea și completarea Legii nr. 102/2005 privind înființarea, " +
      "organizarea și funcționarea ANSPDCP, precum și pentru abrogarea Legii nr. 677/2001",
    en: "Law no. 129/2018 amending Law no. 102/2005 on ANSPDCP and repealing Law no. 677/2001",
  },
  reference: "Monitorul Oficial al României, Partea I, nr. 503 din 19 iunie 2018",
  provisions: [],
};

const law677: RepealedLaw = {
  id: "ro_law_677_2001",
  shortName: "Legea 677/2001",
  title: {
    ro:
      "Legea nr. 677/2001 pentru protecția persoanelor cu privire la prelucrarea datelor cu caracter personal " +
      "și libera circulație a acestor date",
    en: "Law no. 677/2001 on the protection of individuals with regard to the processing of personal data and the free movement of such data",
  },
  reference: "Monitorul Oficial al României, Partea I, nr. 790 din 12 decembrie 2001",
  repealedBy: "Legea 129/2018",
  // "Legea 677/2001", "Legea nr. 677/2001", "Legii nr. 677 din 2001", "Law no. 677/2001".
  citation: /\b(?:Legea|Legii|Law)\s+(?:(?:nr|no)\.?\s*)?677\s*(?:\/|din\s+)\s*2001\b/iu,
};

export const ROMANIA: Jurisdiction = {
  ...gdprCommon,
  code: "RO",
  country: { ro: "România", sr: "Rumunija", en: "Romania" },
  timeZone: "Europe/Bucharest",
  nationalLaws: [law190, law506, law129],
  repealedLaws: [law677],
  authority: ANSPDCP,
  // Law 190/2018 uses no Art. 8(1) derogation, so the GDPR default of 16 applies.
  digitalConsentAge: 16,
  digitalConsentAgeVerified: true,
};
