import type { Authority, Jurisdiction, LawReference, LegalBasis, NationalLaw, RepealedLaw, Right } from "./types.ts";

/** Zakon o zaštiti podataka o ličnosti (2018), cited as "ZZPL čl. n". */
export const ZZPL: LawReference = {
  shortName: "ZZPL",
  title: {
    sr: "Zakon o zaštiti podataka o ličnosti",
    ro: "Legea privind protecția datelor cu caracter personal (Serbia)",
    en: "Law on Personal Data Protection (Serbia)",
  },
  reference: "Službeni glasnik RS, br. 87/2018",
  url: "http://www.pravno-informacioni-sistem.rs/SlGlasnikPortal/eli/rep/sgrs/skupstina/zakon/2018/87/13/reg",
};

export const POVERENIK: Authority = {
  shortName: "Poverenik",
  name: {
    sr: "Poverenik za informacije od javnog značaja i zaštitu podataka o ličnosti",
    ro: "Comisarul pentru informații de interes public și protecția datelor cu caracter personal",
    en: "Commissioner for Information of Public Importance and Personal Data Protection",
  },
  address: "Bulevar kralja Aleksandra 15, 11120 Beograd",
  website: "https://www.poverenik.rs",
  email: "office@poverenik.rs",
  phone: "+381 11 3408 900",
};

const cl = (ref: string) => `ZZPL čl. ${ref}`;

const ARTICLES: Readonly<Record<Right, readonly string[]>> = {
  information: [cl("23"), cl("24")],
  access: [cl("26")],
  rectification: [cl("29")],
  erasure: [cl("30")],
  restriction: [cl("31")],
  portability: [cl("36")],
  objection: [cl("37")],
  automated_decision: [cl("38")],
  withdraw_consent: [cl("15(3)")],
  complaint: [cl("82")],
};

const LAWFUL_BASES: Readonly<Record<LegalBasis, string>> = {
  consent: cl("12(1)(1)"),
  contract: cl("12(1)(2)"),
  legal_obligation: cl("12(1)(3)"),
  vital_interests: cl("12(1)(4)"),
  public_task: cl("12(1)(5)"),
  legitimate_interests: cl("12(1)(6)"),
};

const zzplLaw: NationalLaw = {
  ...ZZPL,
  id: "rs_zzpl_2018",
  provisions: [
    {
      article: cl("16"),
      subject: {
        sr: "Pristanak maloletnog lica koje je navršilo 15 godina za usluge informacionog društva",
        en: "Consent of a minor aged 15 or over to information society services",
      },
    },
    {
      article: cl("64"),
      subject: {
        sr: "Prenos na osnovu primerenog nivoa zaštite",
        en: "Transfers on the basis of an adequate level of protection",
      },
    },
  ],
};

const zzpl2008: RepealedLaw = {
  id: "rs_zzpl_2008",
  shortName: "ZZPL (2008)",
  title: {
    sr: "Zakon o zaštiti podataka o ličnosti (2008)",
    en: "Law on Personal Data Protection (2008)",
  },
  reference: "Službeni glasnik RS, br. 97/2008, 104/2009, 68/2012 i 107/2012",
  repealedBy: "ZZPL (Službeni glasnik RS, br. 87/2018)",
  // "Službeni glasnik RS", br. 97/2008 | Sl. glasnik RS 97/08 | Службени гласник РС, бр. 97/2008
  citation:
    /(?:Slu[žz]beni\s+glasnik|Sl\.\s*glasnik|Службени\s+гласник|Сл\.\s*гласник)\s+(?:RS|Republike\s+Srbije|РС|Републике\s+Србије)["'“”„«»]?\s*,?\s*(?:br\.|broj|бр\.|број)?\s*97\s*\/\s*(?:20)?08\b/iu,
};

export const SERBIA: Jurisdiction = {
  code: "RS",
  country: { sr: "Srbija", ro: "Serbia", en: "Serbia" },
  timeZone: "Europe/Belgrade",
  regime: "ZZPL",
  law: ZZPL,
  nationalLaws: [zzplLaw],
  repealedLaws: [zzpl2008],
  authority: POVERENIK,
  digitalConsentAge: 15,
  digitalConsentAgeVerified: true,
  digitalConsentAgeArticle: cl("16"),
  articles: ARTICLES,
  // ZZPL čl. 21 mirrors GDPR Art. 12: 30 days from receipt, extendable by 60 days.
  responseDeadlineArticle: cl("21"),
  breachNotificationArticle: cl("52(1)"),
  lawfulBasisArticles: LAWFUL_BASES,
  specialCategoryArticle: cl("17"),
  criminalDataArticle: cl("19"),
};
