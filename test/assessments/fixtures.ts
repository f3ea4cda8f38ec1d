/** Sentosa's DPIA as section 7 of its policy describes it (S1-09): low risk, DPO consulted, no prior consultation. */
export function sentosaOrdersDpia(): Record<string, any> {
  return {
    activity: "orders",
    title: "Online shop orders",
    description: "Customers, some of them minors represented by their parents, order in the online shop; orders are delivered and followed up.",
    necessity: "Name, address, e-mail and phone are what delivery and follow-up need; nothing else is asked.",
    proportionality: "Kept only as long as the order needs; minors order through their parents or guardians.",
    risks: [
      { risk: "Order data disclosed by a stolen or shared staff account", likelihood: "limited", severity: "limited", measures: ["personal credentials", "passwords changed every 3 months"], residual: { likelihood: "negligible", severity: "limited" } },
      { risk: "A minor's data processed without a guardian's consent", likelihood: "significant", severity: "limited", measures: ["consent recorded with the guardian"], residual: { likelihood: "negligible", severity: "limited" } },
    ],
    measures: ["quarterly test and evaluation of the measures"],
    security_measures: ["personal_credentials", "password_rotation", "quarterly_audit"],
    dpo_opinion: { by: "Cenan Cosmin-Cristian", on: "2026-02-10", advice: "proceed", opinion: "The residual risk is low; no prior consultation is needed." },
    prior_consultation: { decision: "not_required", reason: "residual risk low" },
    approved: { by: "Boca Mihaela, Administrator", on: "2026-02-12" },
    review_on: "2027-02-12",
  };
}

/** A processing whose residual risk stays high: the authority must be consulted (Art. 36(1)). */
export function highRiskDpia(activity: string): Record<string, any> {
  return {
    activity,
    description: "Location of customers while the app is open",
    necessity: "Needed to show the nearest station",
    proportionality: "Only while the app is open",
    risks: [{ risk: "Movements of customers tracked", likelihood: "significant", severity: "maximum", measures: ["no storage"] }],
    review_on: "2027-03-01",
  };
}
