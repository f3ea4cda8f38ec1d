import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.ts";
import { lintManifest } from "../../src/lint/index.ts";
import { cleanManifest, loadObject } from "../helpers/manifests.ts";

const clock = fixedClock("2026-11-23T10:00:00Z");
const lint = (m: unknown) => lintManifest(loadObject(m), clock);
const rulesOf = (m: unknown) => lint(m).findings.map((f) => `${f.severity}:${f.rule}`);
/** The findings of one rule after a change to the clean manifest. */
const findingsAfter = (rule: string, change: (m: Record<string, any>) => void, now = clock) => {
  const m = cleanManifest();
  change(m);
  return lintManifest(loadObject(m), now).findings.filter((f) => f.rule === rule);
};
const inJurisdiction = (code: string) => (m: Record<string, any>) => (m.organisation.country = m.organisation.jurisdiction = code);

/** Applies a change to the clean manifest and returns what lint reports. */
function after(change: (m: Record<string, any>) => void) {
  const m = cleanManifest();
  change(m);
  return rulesOf(m);
}

describe("lint rules", () => {
  it("finds nothing in a complete, lawful manifest", () => {
    expect(lint(cleanManifest()).findings).toEqual([]);
  });

  it("reports an activity without a legal basis (Art. 6) and without retention (Art. 5(1)(e))", () => {
    expect(after((m) => delete m.activities[0].legal_basis)).toEqual(["error:legal-basis-missing"]);
    expect(after((m) => delete m.activities[0].retention)).toEqual(["error:retention-missing"]);
  });

  it("gives file, line, column, article and a fix for each finding", () => {
    const m = cleanManifest();
    delete m.activities[0].retention;
    const [f] = lint(m).findings;
    expect(f).toMatchObject({ file: "test.yaml", path: "activities[0]", article: "GDPR Art. 5(1)(e), 13(2)(a)" });
    expect(f!.line).toBeGreaterThan(1);
    expect(f!.hint).toContain("retention:");
  });

  it("reports consent without a withdrawal channel (Art. 7(3))", () => {
    expect(after((m) => (m.activities[0].legal_basis = ["contract", "consent"]))).toEqual(["error:consent-withdrawal-missing"]);
    expect(after((m) => {
      m.activities[0].legal_basis = ["contract", "consent"];
      m.activities[0].consent = { methods: ["checkbox"], withdrawal: ["email"] };
    })).toEqual([]);
  });

  it("reports browsing, silence or pre-ticked boxes as consent", () => {
    expect(after((m) => {
      m.activities[0].legal_basis = ["contract", "consent"];
      m.activities[0].consent = { methods: ["checkbox", "pre_ticked"], withdrawal: ["email"] };
    })).toEqual(["error:consent-invalid-method"]);
  });

  it("reports a special category without an Art. 9(2) condition, and flags it even with one", () => {
    expect(after((m) => m.activities[0].data.push("special.health"))).toEqual(["error:special-category-without-condition"]);
    expect(after((m) => {
      m.activities[0].data.push("special.health");
      m.activities[0].special_condition = "explicit_consent";
    })).toEqual(["warning:special-category-present"]);
  });

  it("reports criminal data without a legal obligation (Art. 10)", () => {
    expect(after((m) => m.activities[0].data.push("criminal.convictions"))).toEqual(["error:criminal-data"]);
  });

  it("reports a transfer to a country without adequacy and without a mechanism (Art. 44-46)", () => {
    expect(after((m) => (m.processors[0].country = "IN"))).toEqual(["error:transfer-unsafeguarded"]);
    expect(after((m) => {
      m.processors[0].country = "IN";
      m.processors[0].transfer = { mechanism: "scc" };
    })).toEqual([]);
    expect(after((m) => (m.processors[0].country = "CH"))).toEqual([]);
    expect(after((m) => (m.processors[0].country = "US"))).toEqual(["warning:transfer-unsafeguarded"]);
  });

  it("reports non-essential cookies without consent (Law 506/2004 art. 4(5), Planet49)", () => {
    const cookie = { name: "_ga", provider: "Google", purpose: "Statistics", lifetime: "P13M", category: "analytics", legal_basis: "consent" };
    const withCookie = (basis: string, method: string) => (m: Record<string, any>) => {
      m.cookies = [{ ...cookie, legal_basis: basis }];
      m.cookie_consent = { method, reject_on_first_layer: true };
    };
    expect(after(withCookie("consent", "banner"))).toEqual([]);
    expect(after(withCookie("legitimate_interests", "banner"))).toEqual(["error:cookies-without-consent"]);
    expect(after(withCookie("consent", "browsing"))).toEqual(["error:cookies-without-consent"]);
    expect(after((m) => {
      withCookie("consent", "banner")(m);
      m.cookie_consent.reject_on_first_layer = false;
    })).toEqual(["error:cookie-banner-design"]);
  });

  it("reports 'continued use means acceptance' of policy changes", () => {
    expect(after((m) => (m.policy_changes = { acceptance: "continued_use" }))).toEqual(["error:consent-by-continued-use"]);
  });

  it("reports legitimate interests without the interest stated (Art. 13(1)(d))", () => {
    expect(after((m) => m.activities[0].legal_basis.push("legitimate_interests"))).toEqual(["error:legitimate-interest-unstated"]);
  });

  it("reports a CNP processed on legitimate interests without a DPO (Law 190/2018 art. 4)", () => {
    const cnpOnLegitimateInterest = (m: Record<string, any>) => {
      m.activities[0].data.push("national_id.cnp");
      m.activities[0].legal_basis = ["legitimate_interests"];
      m.activities[0].legitimate_interest = "Fraud prevention";
    };
    expect(after(cnpOnLegitimateInterest)).toEqual([]);
    expect(after((m) => {
      cnpOnLegitimateInterest(m);
      m.dpo = { appointed: false, assessment: "small company" };
    })).toEqual(["error:national-id-legitimate-interest-without-dpo"]);
  });

  it("does not apply the Romanian national-identifier rule in Serbia", () => {
    expect(after((m) => {
      m.organisation.country = m.organisation.jurisdiction = "RS";
      m.activities[0].data.push("national_id.jmbg");
      m.activities[0].legal_basis = ["legitimate_interests"];
      m.activities[0].legitimate_interest = "Fraud prevention";
      m.dpo = { appointed: false, assessment: "small company" };
    })).toEqual([]);
  });

  it("reports consent from possible minors without an age gate, or with one below the national age (Art. 8)", () => {
    const minors = (m: Record<string, any>) => {
      m.subjects[0].minors = true;
      m.activities[0].legal_basis = ["contract", "consent"];
      m.activities[0].consent = { methods: ["checkbox"], withdrawal: ["email"] };
    };
    expect(after(minors)).toEqual(["error:minors-without-age-gate"]);
    expect(after((m) => {
      minors(m);
      m.age_gate = { below: 16, requires: "parental_consent" };
    })).toEqual([]);
    expect(after((m) => {
      minors(m);
      m.age_gate = { below: 14, requires: "parental_consent" };
    })).toEqual(["error:minors-without-age-gate"]);
  });

  it("uses the Serbian age of digital consent, 15, for a Serbian organisation", () => {
    const finding = lint({
      ...cleanManifest(),
      organisation: { ...cleanManifest().organisation, country: "RS", jurisdiction: "RS" },
      subjects: [{ id: "customers", minors: true }],
      activities: [{ ...cleanManifest().activities[0], legal_basis: ["consent"], consent: { methods: ["checkbox"], withdrawal: ["email"] } }],
    }).findings.find((f) => f.rule === "minors-without-age-gate");
    expect(finding?.hint).toContain("below: 15");
    expect(finding?.article).toBe("ZZPL čl. 16");
  });

  it("reports a citation of the repealed Law 677/2001", () => {
    expect(after((m) => (m.laws = ["Legea nr. 677/2001 privind protecția persoanelor"]))).toEqual(["error:repealed-law-cited"]);
    expect(after((m) => (m.laws = ["Legea nr. 190/2018"]))).toEqual([]);
  });

  it("reports missing controller identity, DPO, rights and complaint authority (Art. 13)", () => {
    expect(after((m) => delete m.organisation.address)).toEqual(["error:controller-identity-missing"]);
    expect(after((m) => delete m.dpo)).toEqual(["error:dpo-missing"]);
    expect(after((m) => (m.dpo = { appointed: false }))).toEqual(["warning:dpo-missing"]);
    expect(after((m) => (m.rights.offered = m.rights.offered.filter((r: string) => r !== "portability")))).toEqual(["error:rights-missing"]);
    expect(after((m) => (m.rights.offered = m.rights.offered.filter((r: string) => r !== "complaint")))).toEqual(["error:complaint-authority-missing"]);
  });

  it("names the ZZPL article of each missing right for a Serbian organisation", () => {
    const m = cleanManifest();
    m.organisation.country = m.organisation.jurisdiction = "RS";
    m.rights.offered = ["access", "complaint"];
    const f = lint(m).findings.find((x) => x.rule === "rights-missing");
    expect(f?.message).toContain("erasure (ZZPL čl. 30)");
    expect(f?.message).toContain("portability (ZZPL čl. 36)");
  });

  it("reports a processor without a DPA (Art. 28(3)) and a DPA missing required clauses", () => {
    expect(after((m) => delete m.processors[0].dpa)).toEqual(["error:processor-without-dpa"]);
    expect(after((m) => m.processors[0].dpa.terms.pop())).toEqual(["warning:dpa-terms-incomplete"]);
    expect(after((m) => (m.processors[0].dpa.breach_notice_hours = 72))).toEqual(["warning:processor-breach-window"]);
  });

  it("reports a promise to answer later than the law allows (Art. 12(3))", () => {
    expect(after((m) => (m.rights.deadlines = { access: "P30D", complaint: "P5D" }))).toEqual([]);
    expect(after((m) => (m.rights.deadlines = { access: "P45D" }))).toEqual(["error:promised-deadline-too-long"]);
  });

  it("reports a policy past its review date, as of the clock", () => {
    const m = cleanManifest();
    expect(lintManifest(loadObject(m), fixedClock("2027-01-11T00:00:00Z")).findings.map((f) => f.rule)).toEqual(["document-control"]);
  });

  it("reports an activity that does not say whether automated decisions are made (Art. 13(2)(f))", () => {
    expect(after((m) => delete m.activities[0].automated_decisions)).toEqual(["warning:automated-decisions-not-stated"]);
  });

  it("reports a third-party source without naming it (Art. 14(2)(f))", () => {
    expect(after((m) => (m.activities[0].source = "third_party"))).toEqual(["error:source-not-named"]);
  });

  it("asks for the Art. 22 right only where some activity makes automated decisions", () => {
    const withoutArt22 = (m: Record<string, any>) => (m.rights.offered = m.rights.offered.filter((r: string) => r !== "automated_decision"));
    expect(after(withoutArt22)).toEqual([]);
    expect(after((m) => {
      withoutArt22(m);
      m.activities[0].automated_decisions = "none";
    })).toEqual([]);
    const decides = (m: Record<string, any>) => {
      withoutArt22(m);
      m.activities[0].automated_decisions = { logic: "Scoring of order history", significance: "Orders may be refused" };
    };
    expect(after(decides)).toEqual(["error:rights-missing"]);
    expect(findingsAfter("rights-missing", decides)[0]!.message).toBe("rights not stated: automated_decision (GDPR Art. 22)");
  });

  it("cites the national ePrivacy rule for cookies by jurisdiction", () => {
    const adCookie = (m: Record<string, any>) => {
      m.cookies = [{ name: "_fbp", provider: "Meta", purpose: "Ads", lifetime: "P3M", category: "marketing", legal_basis: "legitimate_interests" }];
      m.cookie_consent = { method: "banner", reject_on_first_layer: true };
    };
    const article = (code: string) =>
      findingsAfter("cookies-without-consent", (m) => {
        inJurisdiction(code)(m);
        adCookie(m);
      })[0]!.article;
    expect(article("RO")).toBe("Law 506/2004 art. 4(5); Directive 2002/58 art. 5(3); CJEU C-673/17 Planet49");
    expect(article("DE")).toBe("Directive 2002/58 art. 5(3) as transposed in DE; CJEU C-673/17 Planet49");
    expect(article("RS")).toContain("Zakon o elektronskim komunikacijama");
    const banner = findingsAfter("cookie-banner-design", (m) => {
      inJurisdiction("FR")(m);
      adCookie(m);
      m.cookies[0].legal_basis = "consent";
      m.cookie_consent.pre_ticked = true;
    });
    expect(banner[0]!.article).toBe("Directive 2002/58 art. 5(3) as transposed in FR; CJEU C-673/17 Planet49; EDPB Cookie Banner Taskforce 2023");
  });

  it("reports profiling for marketing or advertising without consent, citing the GDPR or the ZZPL (not Law 506/2004)", () => {
    const profiles = (m: Record<string, any>) => (m.activities[0].profiling = true);
    expect(after(profiles)).toEqual(["error:profiling-without-consent"]);
    const [ro] = findingsAfter("profiling-without-consent", profiles);
    expect(ro!.message).toBe('activity "orders" profiles people for marketing or advertising (profiling: true) without their consent');
    expect(ro!.article).toBe("GDPR Art. 6(1)(a), 21(2); EDPB Guidelines 8/2020; CJEU C-252/21");
    const [de] = findingsAfter("profiling-without-consent", (m) => {
      inJurisdiction("DE")(m);
      profiles(m);
    });
    expect(de!.article).not.toContain("506");
    const [rs] = findingsAfter("profiling-without-consent", (m) => {
      inJurisdiction("RS")(m);
      profiles(m);
    });
    expect(rs!.article).toBe("ZZPL čl. 12(1)(1), 37(2)");
    expect(after((m) => {
      profiles(m);
      m.activities[0].legal_basis = ["contract", "consent"];
      m.activities[0].consent = { methods: ["checkbox"], withdrawal: ["email"] };
    })).toEqual([]);
  });

  it("checks a processor's country as well as its server locations (remote access is a transfer)", () => {
    const ovh = (m: Record<string, any>) => {
      m.processors[0].country = "CA";
      m.processors[0].locations = ["DE"];
    };
    const [f] = findingsAfter("transfer-unsafeguarded", ovh);
    expect(f).toMatchObject({ severity: "warning", path: "processors[0].country", article: "GDPR Art. 45" });
    expect(f!.message).toContain("commercial organisations subject to PIPEDA");
    expect(f!.hint).toContain("mechanism: adequacy");
    expect(after((m) => {
      ovh(m);
      m.processors[0].transfer = { mechanism: "adequacy" };
    })).toEqual([]);
    const located = findingsAfter("transfer-unsafeguarded", (m) => (m.processors[0].locations = ["RO", "IN"]));
    expect(located.map((x) => [x.severity, x.path])).toEqual([["error", "processors[0].locations[1]"]]);
    expect(after((m) => (m.processors[0].locations = ["RO", "DE"]))).toEqual([]);
  });

  it("checks where each cookie's data goes, when its country is given", () => {
    const cookie = (country: string) => (m: Record<string, any>) => {
      m.cookies = [{ name: "_x", provider: "Tracker", purpose: "Stats", lifetime: "P1M", category: "analytics", legal_basis: "consent", country }];
      m.cookie_consent = { method: "banner", reject_on_first_layer: true };
    };
    const [f] = findingsAfter("transfer-unsafeguarded", cookie("IN"));
    expect(f).toMatchObject({ severity: "error", path: "cookies[0].country" });
    expect(f!.message).toContain('Tracker, cookie "_x"');
    expect(after(cookie("DE"))).toEqual([]);
    expect(after((m) => {
      cookie("IN")(m);
      m.processors.push({ ...m.processors[0], id: "tracker", name: "Tracker", country: "RO", transfer: { mechanism: "scc" } });
    })).toEqual([]);
    const sameProvider = findingsAfter("transfer-unsafeguarded", (m) => {
      cookie("IN")(m);
      m.processors[0] = { ...m.processors[0], name: "Tracker", country: "IN" };
    });
    expect(sameProvider.map((x) => x.path)).toEqual(["processors[0].country"]);
  });

  it("says when a stated transfer mechanism does not apply, with the law's note", () => {
    const [f] = findingsAfter("transfer-unsafeguarded", (m) => {
      m.processors[0].country = "IN";
      m.processors[0].transfer = { mechanism: "dpf" };
    });
    expect(f!.severity).toBe("error");
    expect(f!.message).toContain("the stated mechanism dpf does not cover IN");
    expect(f!.message).toContain("the EU-US Data Privacy Framework covers only certified US organisations");
    expect(f!.message).not.toContain("no transfer mechanism is stated");
    const [none] = findingsAfter("transfer-unsafeguarded", (m) => (m.processors[0].country = "IN"));
    expect(none!.message).toContain("no transfer mechanism is stated");
  });

  it("warns for each missing part of document control (Art. 5(2), 24(1))", () => {
    expect(after((m) => delete m.document.edition)).toEqual(["warning:document-control"]);
    expect(after((m) => delete m.document.approved)).toEqual(["warning:document-control"]);
    expect(after((m) => delete m.document.next_review)).toEqual(["warning:document-control"]);
    expect(after((m) => (m.document = {})).length).toBe(3);
    const [f] = findingsAfter("document-control", (m) => delete m.document.edition);
    expect(f).toMatchObject({ path: "document", article: "GDPR Art. 5(2), 24(1)" });
    expect(after((m) => delete m.document)).toEqual(["info:document-control"]);
  });

  it("computes the review date from approved + review_every when next_review is absent", () => {
    const every = (approved: string) => (m: Record<string, any>) => {
      delete m.document.next_review;
      m.document.approved = approved;
      m.document.review_every = "P1Y";
    };
    expect(after(every("2026-01-10"))).toEqual([]);
    const [f] = findingsAfter("document-control", every("2025-06-30"));
    expect(f).toMatchObject({ severity: "warning", path: "document.review_every" });
    expect(f!.message).toContain("due for review on 2026-06-30");
    expect(findingsAfter("document-control", every("2026-01-10"), fixedClock("2027-01-11T00:00:00Z"))).toHaveLength(1);
    const noApproval = findingsAfter("document-control", (m) => {
      every("2026-01-10")(m);
      delete m.document.approved;
    });
    expect(noApproval.map((x) => x.message)).toEqual([
      "when the policy was approved is not recorded",
      "the next review date is not recorded, and review_every (P1Y) gives none without an approval date",
    ]);
  });

  it("reads promised deadlines in weeks, months and hours (Art. 12(3))", () => {
    expect(after((m) => (m.rights.deadlines = { access: "P1M", erasure: "P4W", rectification: "PT72H" }))).toEqual([]);
    expect(after((m) => (m.rights.deadlines = { access: "P5W" }))).toEqual(["error:promised-deadline-too-long"]);
    expect(after((m) => (m.rights.deadlines = { access: "P2M" }))).toEqual(["error:promised-deadline-too-long"]);
    expect(after((m) => (m.rights.deadlines = { access: "PT800H" }))).toEqual(["error:promised-deadline-too-long"]);
  });

  it("notes a DPA whose clauses are not recorded", () => {
    expect(after((m) => (m.processors[0].dpa = {}))).toEqual(["info:dpa-terms-incomplete"]);
    const [f] = findingsAfter("dpa-terms-incomplete", (m) => delete m.processors[0].dpa.terms);
    expect(f).toMatchObject({ severity: "info", path: "processors[0].dpa", article: "GDPR Art. 28(3)(a)-(h)" });
    expect(f!.message).toContain("the DPA's clauses are not recorded");
    expect(f!.hint).toContain("dpa.terms");
  });

  it("keeps the rule sources readable: no line over 140 characters", () => {
    const dir = fileURLToPath(new URL("../../src/lint/rules/", import.meta.url));
    const long = readdirSync(dir).flatMap((name) =>
      readFileSync(dir + name, "utf8").split("\n").flatMap((line, i) => (line.length > 140 ? [`${name}:${i + 1}`] : [])),
    );
    expect(long).toEqual([]);
  });
});
