import type { Jurisdiction } from "../../law/index.ts";
import type { RequestRight } from "../model.ts";

/**
 * The articles a letter cites, by the organisation's law. The right's own article and the
 * deadline and complaint articles come from `src/law`; the rest are here. ZZPL čl. 21 is cited
 * without its paragraph, as `src/law` does (README choice 13); ZZPL čl. 45 is the processor.
 */
export function articlesFor(j: Jurisdiction) {
  const gdpr = j.regime === "GDPR";
  return {
    right: (right: RequestRight) => j.articles[right].join(", "),
    response: j.responseDeadlineArticle,
    refusal: gdpr ? "GDPR Art. 12(5)" : "ZZPL čl. 21",
    processor: gdpr ? "GDPR Art. 28(3)(e)" : "ZZPL čl. 45",
    /** Telling recipients of a rectification, erasure or restriction. */
    notification: gdpr ? "GDPR Art. 19" : "ZZPL čl. 33",
    complaint: j.articles.complaint.join(", "),
  };
}
