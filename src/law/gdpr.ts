import type { Jurisdiction, LawReference, LegalBasis, Right } from "./types.ts";
import type { MemberState } from "./eea.ts";

/** Regulation (EU) 2016/679, cited as "GDPR Art. n". */
export const GDPR: LawReference = {
  shortName: "GDPR",
  title: {
    en:
      "Regulation (EU) 2016/679 of the European Parliament and of the Council of 27 April 2016 on the " +
      "protection of natural persons with regard to the processing of personal data and on the free " +
      "movement of such data, and repealing Directive 95/46/EC (General Data Protection Regulation)",
    ro:
      "Regulamentul (UE) 2016/679 al Parlamentului European și al Consiliului din 27 aprilie 2016 privind " +
      "protecția persoanelor fizice în ceea ce privește prelucrarea datelor cu caracter personal și privind " +
      "libera circulație a acestor date și de abrogare a Directivei 95/46/CE (Regulamentul general privind " +
      "protecția datelor)",
  },
  reference: "OJ L 119, 4.5.2016, p. 1",
  url: "http://data.europa.eu/eli/reg/2016/679/oj",
};

const art = (ref: string) => `GDPR Art. ${ref}`;

export const GDPR_ARTICLES: Readonly<Record<Right, readonly string[]>> = {
  information: [art("13"), art("14")],
  access: [art("15")],
  rectification: [art("16")],
  erasure: [art("17")],
  restriction: [art("18")],
  portability: [art("20")],
  objection: [art("21")],
  automated_decision: [art("22")],
  withdraw_consent: [art("7(3)")],
  complaint: [art("77")],
};

export const GDPR_LAWFUL_BASES: Readonly<Record<LegalBasis, string>> = {
  consent: art("6(1)(a)"),
  contract: art("6(1)(b)"),
  legal_obligation: art("6(1)(c)"),
  vital_interests: art("6(1)(d)"),
  public_task: art("6(1)(e)"),
  legitimate_interests: art("6(1)(f)"),
};

/** Everything a GDPR jurisdiction shares; national modules add law, authority and age. */
export const gdprCommon = {
  regime: "GDPR",
  law: GDPR,
  articles: GDPR_ARTICLES,
  responseDeadlineArticle: art("12(3)"),
  breachNotificationArticle: art("33(1)"),
  lawfulBasisArticles: GDPR_LAWFUL_BASES,
  specialCategoryArticle: art("9"),
  criminalDataArticle: art("10"),
  digitalConsentAgeArticle: art("8(1)"),
} as const satisfies Partial<Jurisdiction>;

/** A member state without a full module: GDPR facts, its calendar, no authority on file. */
export function genericMemberState(code: string, state: MemberState): Jurisdiction {
  return {
    ...gdprCommon,
    code,
    country: { en: state.name },
    timeZone: state.timeZone,
    nationalLaws: [],
    repealedLaws: [],
    authority: undefined,
    digitalConsentAge: state.digitalConsentAge,
    digitalConsentAgeVerified: state.ageVerified,
  };
}
