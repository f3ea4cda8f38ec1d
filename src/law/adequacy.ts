import type { PlainDate } from "./plain-date.ts";

/** Only part of the country is covered: the recipient must meet the condition. */
export type AdequacyCondition = "dpf_certified" | "commercial";

export interface AdequacyDecision {
  readonly country: string;
  readonly name: string;
  readonly decision: string;
  readonly adopted: PlainDate;
  readonly partial?: AdequacyCondition;
  readonly note?: string;
  /** The last day the decision applies, where it has a sunset clause. */
  readonly expires?: PlainDate;
}

type Row = [country: string, name: string, decision: string, adopted: PlainDate, partial?: AdequacyCondition, note?: string, expires?: PlainDate];

/*
 * GDPR Art. 45 decisions in force (Art. 45(9) keeps the Directive 95/46/EC ones in force).
 * Checked in November 2026:
 * - BR: Commission Implementing Decision (EU) 2026/179 of 26 January 2026 (OJ 28.1.2026),
 *   adopted together with Brazil's own decision for the EU; we are confident it was adopted.
 * - GB: the 2021 decision was extended to 27 Dec 2025 and renewed on 19 Dec 2025 until
 *   27 Dec 2031; we did not verify the OJ number of the renewing decision.
 * - Left out on purpose: the European Patent Organisation (decision of 15 July 2025) is an
 *   international organisation, not a country code.
 */
const rows: Row[] = [
  ["AD", "Andorra", "Commission Decision 2010/625/EU", "2010-10-19"],
  ["AR", "Argentina", "Commission Decision 2003/490/EC", "2003-06-30"],
  ["BR", "Brazil", "Commission Implementing Decision (EU) 2026/179", "2026-01-26"],
  ["CA", "Canada", "Commission Decision 2002/2/EC", "2001-12-20", "commercial",
    "commercial organisations subject to PIPEDA"],
  ["FO", "Faroe Islands", "Commission Decision 2010/146/EU", "2010-03-05"],
  ["GG", "Guernsey", "Commission Decision 2003/821/EC", "2003-11-21"],
  ["IM", "Isle of Man", "Commission Decision 2004/411/EC", "2004-04-28"],
  ["IL", "Israel", "Commission Decision 2011/61/EU", "2011-01-31"],
  ["JP", "Japan", "Commission Implementing Decision (EU) 2019/419", "2019-01-23", undefined,
    "private-sector business operators under the APPI"],
  ["JE", "Jersey", "Commission Decision 2008/393/EC", "2008-05-08"],
  ["NZ", "New Zealand", "Commission Implementing Decision 2013/65/EU", "2012-12-19"],
  ["KR", "Republic of Korea", "Commission Implementing Decision (EU) 2022/254", "2021-12-17"],
  ["CH", "Switzerland", "Commission Decision 2000/518/EC", "2000-07-26"],
  ["GB", "United Kingdom", "Commission Implementing Decision (EU) 2021/1772, renewed December 2025", "2021-06-28",
    undefined, "renewed until 27 December 2031", "2031-12-27"],
  ["UY", "Uruguay", "Commission Implementing Decision 2012/484/EU", "2012-08-21"],
  ["US", "United States", "Commission Implementing Decision (EU) 2023/1795", "2023-07-10", "dpf_certified",
    "only organisations certified under the EU-US Data Privacy Framework"],
];

export const ADEQUACY_DECISIONS: readonly AdequacyDecision[] = Object.freeze(
  rows.map(([country, name, decision, adopted, partial, note, expires]) =>
    Object.freeze({ country, name, decision, adopted, ...(partial && { partial }), ...(note && { note }), ...(expires && { expires }) }),
  ),
);

const byCountry = new Map(ADEQUACY_DECISIONS.map((d) => [d.country, d]));

export const adequacyDecisionFor = (country: string): AdequacyDecision | undefined =>
  byCountry.get(country.trim().toUpperCase());

/*
 * Parties to Council of Europe Convention 108 outside the EEA, for ZZPL čl. 64(2). Source: CoE
 * Treaty Office chart for ETS No. 108, from memory; the list is deliberately short. Russia is
 * left out (its status after leaving the Council of Europe was not verified); so are parties
 * we were unsure of. Add a country here only after checking the chart.
 */
export const CONVENTION_108_PARTIES: readonly string[] = Object.freeze([
  "AL", "AD", "AM", "AZ", "BA", "GE", "MD", "MC", "ME", "MK", "SM", "CH", "TR", "UA", "GB",
  "AR", "CV", "MX", "MA", "MU", "SN", "TN", "UY",
]);
