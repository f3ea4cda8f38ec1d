import type { Jurisdiction } from "../law/index.ts";

/**
 * The provisions the breach register cites, by the organisation's law. ZZPL čl. 52 splits
 * what GDPR Art. 33 says in five paragraphs into seven: (1) authority within 72 hours,
 * (2) processor to controller, (3) reasons for a delay, (4) content, (5) phases,
 * (6) documentation, (7) the Poverenik's form.
 */
export function breachArticles(j: Jurisdiction) {
  const gdpr = j.regime === "GDPR";
  return {
    authority: j.breachNotificationArticle,
    processor: gdpr ? "GDPR Art. 33(2)" : "ZZPL čl. 52(2)",
    delay: gdpr ? "GDPR Art. 33(1)" : "ZZPL čl. 52(3)",
    content: gdpr ? "GDPR Art. 33(3)" : "ZZPL čl. 52(4)",
    phases: gdpr ? "GDPR Art. 33(4)" : "ZZPL čl. 52(5)",
    register: gdpr ? "GDPR Art. 33(5)" : "ZZPL čl. 52(6)",
    subjects: gdpr ? "GDPR Art. 34(1)" : "ZZPL čl. 53(1)",
    exceptions: gdpr ? "GDPR Art. 34(3)" : "ZZPL čl. 53(3)",
  };
}
export type BreachArticles = ReturnType<typeof breachArticles>;
