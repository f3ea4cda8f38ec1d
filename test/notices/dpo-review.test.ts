import { describe, expect, it } from "vitest";
import type { Language } from "../../src/manifest/index.ts";
import { renderNoticeHtml, toCyrillic } from "../../src/notices/index.ts";
import { serbianCitation } from "../../src/notices/context.ts";
import { cleanManifest } from "../helpers/manifests.ts";
import { activityFacts, en, factsOf, noticeFor, noticeOf, sectionText, tableRows } from "./helpers.ts";

/** The findings of the DPO review, one describe per item. */

const withConsent = () => {
  const m = cleanManifest();
  m.activities[0].legal_basis = ["consent"];
  m.activities[0].consent = { methods: ["checkbox"], withdrawal: ["email"] };
  m.rights.deadlines = { withdraw_consent: "P1M", access: "P10D" };
  return m;
};

describe("1. withdrawing consent and objecting to direct marketing take effect at once", () => {
  const cases: Array<[Language, string, string, string]> = [
    ["en", "Withdrawing consent", "at any time, with immediate effect", "with immediate effect"],
    ["ro", "Retragerea consimțământului", "oricând, cu efect imediat", "cu efect imediat"],
    ["sr", "Povlačenje pristanka", "u svakom trenutku, sa trenutnim dejstvom", "sa trenutnim dejstvom"],
  ];
  it.each(cases)("%s", (lang, right, deadline, words) => {
    const n = noticeOf(withConsent(), lang);
    const rows = tableRows(n, "rights");
    // A promised month would only delay what the law makes immediate; other promises stay.
    expect(rows.get(right)![2]).toBe(deadline);
    expect(sectionText(n, "rights")).not.toMatch(/one month \(our|o lună \(angajamentul|jednog meseca \(naša/);
    expect(sectionText(n, "consent")).toContain(words);
    const marketing = n.sections.find((s) => s.id === "rights")!.blocks.map((b) => (b.kind === "paragraph" ? b.text : "")).find((p) => /marketing/.test(p));
    expect(marketing).toContain(words);
  });

  it("in Cyrillic too", () => {
    const m = withConsent();
    m.organisation.jurisdiction = "RS";
    m.organisation.country = "RS";
    m.organisation.languages = ["sr"];
    expect(tableRows(noticeOf(m, "sr-Cyrl"), "rights").get("Повлачење пристанка")![2]).toBe("у сваком тренутку, са тренутним дејством");
  });
});

describe("2. activities done as processor for client controllers are the client's", () => {
  const n = () => en("impro-media");

  it("no legal-basis claim of our own for them", () => {
    for (const title of ["Webinar platform (for clients)", "VR platform (for clients)", "Hosted software"]) {
      const facts = activityFacts("impro-media", "en", title);
      expect(facts.get("Legal basis")).toBe("Decided by the client company, which is the controller.");
      expect(facts.has("Our legitimate interest")).toBe(false);
    }
    expect(activityFacts("impro-media", "ro", "Platforma de webinar").get("Temeiul legal")).toBe("Îl stabilește compania client, care este operatorul.");
  });

  it("consent and its withdrawal for them go to the client, which we forward to", () => {
    const consent = sectionText(n(), "consent");
    const titles = n().sections.find((s) => s.id === "consent")!.blocks.flatMap((b) => (b.kind === "facts" ? [b.title] : []));
    expect(titles.join()).not.toMatch(/Webinar platform|VR platform \(for clients\)/);
    expect(consent).toContain(
      "For the services we provide on behalf of client organisations (Webinar platform (for clients), VR platform (for clients) and Hosted software for clients (SaaS)), the client organisation is the controller",
    );
    expect(consent).toContain("if you send a withdrawal to us, we forward it to it.");
    expect(sectionText(n(), "rights")).toContain("Send your requests about them to that organisation; if you send them to us, we forward them to it.");
  });

  it("the Art. 14 sources table lists only our own purposes", () => {
    expect(tableRows(n(), "sources").has("Hosted software for clients (SaaS)")).toBe(false);
    expect(sectionText(n(), "sources")).toContain("the client organisation is the controller and tells you where the data comes from");
  });

  it("a processor-only manifest says no consent of ours, and points to the client", () => {
    const m = withConsent();
    m.activities[0].role = "processor";
    m.activities[0].controllers = "each_client";
    const text = sectionText(noticeOf(m), "consent");
    expect(text).toContain("None of our processing is based on your consent.");
    expect(text).toContain("the client organisation is the controller");
    expect(text).not.toContain("How to withdraw");
  });
});

describe("3. a copy of the safeguards is offered only for Art. 46/47 safeguards", () => {
  const copy = "To get a copy of the safeguards";
  const withTransfer = (transfer: Record<string, unknown>) => {
    const m = cleanManifest();
    m.activities[0].transfers = [{ to: "US", recipient: "courier", ...transfer }];
    return sectionText(noticeOf(m), "transfers");
  };
  it.each(["scc", "bcr", "code_of_conduct", "certification"])("%s: offered", (mechanism) => {
    expect(withTransfer({ mechanism })).toContain(`${copy}, or to learn where they are published, write to dpo@exemplu.ro.`);
  });
  it.each(["dpf", "derogation_contract", "derogation_explicit_consent"])("%s: not offered", (mechanism) => {
    expect(withTransfer({ mechanism })).not.toContain(copy);
  });
  it("no safeguard stated, or an adequate country: not offered", () => {
    expect(withTransfer({})).toContain("The organisation has not stated a safeguard for this transfer.");
    expect(withTransfer({})).not.toContain(copy);
    const m = cleanManifest();
    m.activities[0].transfers = [{ to: "CH", recipient: "courier", mechanism: "adequacy" }];
    expect(sectionText(noticeOf(m), "transfers")).not.toContain(copy);
  });
});

describe("4. automated decisions: only an explicit none says there are none", () => {
  const automated = (value: unknown, lang: Language = "en") => {
    const m = cleanManifest();
    if (value === undefined) delete m.activities[0].automated_decisions;
    else m.activities[0].automated_decisions = value;
    return sectionText(noticeOf(m, lang), "automated");
  };
  it("absent", () => {
    expect(automated(undefined)).toBe(
      "Automated decisions and profiling\nThe organisation has not stated whether it makes decisions based solely on automated processing, including profiling, that have legal or similarly significant effects on you.",
    );
    expect(automated(undefined, "ro")).toContain("Organizația nu a precizat dacă ia decizii bazate exclusiv pe prelucrare automată");
    expect(automated(undefined, "sr")).toContain("Organizacija nije navela da li donosi odluke isključivo na osnovu automatizovane obrade");
  });
  it("none", () => {
    expect(automated("none")).toBe(
      "Automated decisions and profiling\nWe make no decisions about you based solely on automated processing, including profiling, that have legal or similarly significant effects on you.",
    );
  });
  it("described", () => {
    expect(automated({ logic: { en: "A score" }, significance: { en: "Refusal" } })).toBe(
      "Automated decisions and profiling\nOrders\nHow the decision is made: A score\nWhat it means for you: Refusal\nYou may ask for a person to review an automated decision, give your view and contest it (GDPR Art. 22).",
    );
  });
  it("mixed: each activity is said for what it is", () => {
    const m = cleanManifest();
    m.activities.push({ ...m.activities[0], id: "newsletter", name: { en: "Newsletter" }, automated_decisions: undefined });
    delete m.activities[1].automated_decisions;
    const text = sectionText(noticeOf(m), "automated");
    expect(text).toContain("For these purposes we make no decisions based solely on automated processing, including profiling: Orders.");
    expect(text).toContain("The organisation has not stated whether it makes decisions based solely on automated processing for these purposes: Newsletter.");
  });
  it("Eldrive's manifest leaves it out, so its notice does not claim there are none", () => {
    expect(sectionText(en("eldrive"), "automated")).not.toContain("We make no decisions");
  });
});

describe("5. the sources table lists the categories of the activity, not what the source gave", () => {
  it("column and caption", () => {
    const block = en("eldrive").sections.find((s) => s.id === "sources")!.blocks.find((b) => b.kind === "table")!;
    expect(block.kind === "table" && block.columns).toEqual(["Purpose", "Source", "Categories processed in this activity"]);
    expect(block.kind === "table" && block.caption).toBe("Purposes for which data comes from other sources");
    expect(sectionText(noticeFor("eldrive", "ro"), "sources")).toContain("Categoriile de date prelucrate în această activitate");
    expect(sectionText(noticeFor("promedia", "sr"), "sources")).toContain("Vrste podataka koje se obrađuju u ovoj aktivnosti");
    expect(sectionText(en("eldrive"), "sources")).not.toMatch(/received from|Data we obtain/);
  });
});

describe("6. intros claim no more than the rows", () => {
  it.each([
    ["en", /then delete or anonymise|only with those/],
    ["ro", /apoi le ștergem|doar celor de mai jos/],
    ["sr", /a zatim ih brišemo|samo primaocima/],
  ] as const)("%s", (lang, claim) => {
    const n = noticeOf(cleanManifest(), lang);
    expect(sectionText(n, "retention")).not.toMatch(claim);
    expect(sectionText(n, "recipients")).not.toMatch(claim);
  });
  it("English wording", () => {
    expect(sectionText(en("registratura"), "retention")).toContain("How long, and what happens to the data at the end, is given for each purpose below.");
    expect(sectionText(en("registratura"), "recipients")).toContain("The recipients of your data, and the purposes for which they receive it, are listed below.");
  });
});

describe("7. Romanian", () => {
  const ro = (edit: (m: Record<string, any>) => void = () => {}) => {
    const m = cleanManifest();
    edit(m);
    return noticeOf(m, "ro");
  };
  const hold = (keep: string) =>
    tableRows(ro((m) => (m.activities[0].retention.holds = [{ reason: { ro: "Litigii" }, keep, after: "proceedings_end" }])), "retention").get("Comenzi")![0];

  it("agreement and genitive", () => {
    expect(
      factsOf(ro((m) => ((m.activities[0].data = ["special.health"]), (m.activities[0].special_condition = "made_public_by_subject"))), "activities", "Comenzi").get(
        "Condiția pentru categoriile speciale de date",
      ),
    ).toBe("Date pe care le-ați făcut publice în mod evident (GDPR Art. 9(2)(e))");
    expect(hold("P1Y")).toContain("până la împlinirea unui an de la încheierea procedurilor");
    expect(hold("P1M")).toContain("până la împlinirea unei luni de la");
    expect(hold("P1D")).toContain("până la împlinirea unei zile de la");
    expect(hold("P3Y")).toContain("până la împlinirea a 3 ani de la");
    expect(hold("P20D")).toContain("până la împlinirea a 20 de zile de la");
    expect(sectionText(noticeFor("impro-media", "ro"), "retention")).not.toMatch(/împlinirea a (un|o) /);
  });

  it("words: anual, setările pentru cookie-uri, niciuna, nu este precizată, Acte normative, de la X, Y sau Z", () => {
    expect(sectionText(noticeFor("eldrive", "ro"), "document")).toContain("Revizuită: anual");
    const n = ro((m) => {
      m.activities[0].consent = { methods: ["checkbox"], withdrawal: ["cookie_banner"] };
      m.activities[0].legal_basis = ["consent"];
      m.recipients = [{ id: "auth", name: { ro: "ANAF" }, kind: "authority" }];
      m.activities[0].retention.after = "latest(contract_end, payment_settled, last_login)";
    });
    expect(sectionText(n, "consent")).toContain("setările pentru cookie-uri de pe site-ul nostru");
    expect(tableRows(n, "recipients").get("Curier S.A.")![3]).toBe("niciuna");
    expect(tableRows(n, "recipients", 1).get("ANAF")![1]).toBe("nu este precizată");
    expect(sectionText(n, "document")).toContain("Acte normative:");
    expect(sectionText(n, "document")).not.toContain("în temeiul:");
    expect(tableRows(n, "retention").get("Comenzi")![0]).toContain(
      "de la încetarea contractului, achitarea plăților sau ultima autentificare, oricare dintre acestea intervine mai târziu",
    );
  });
});

describe("8. Serbian", () => {
  const srManifest = () => {
    const m = cleanManifest();
    m.organisation.jurisdiction = "RS";
    m.organisation.country = "RS";
    m.organisation.languages = ["sr"];
    m.activities[0].name = { en: "Orders", sr: "Porudžbine" };
    m.activities[0].requirement = { kind: "voluntary" };
    m.activities[0].retention.holds = [{ reason: { sr: "Sporovi" }, keep: "P1Y", after: "proceedings_end" }];
    return m;
  };

  it("genitive of numerals, u roku od, agreement, ZZPL-u, Propisi", () => {
    const n = noticeOf(srManifest(), "sr");
    expect(tableRows(n, "retention").get("Porudžbine")![0]).toContain("do isteka jedne godine od okončanja postupka");
    expect(tableRows(n, "rights").get("Pristup")![2]).toBe("u roku od 30 dana");
    expect(sectionText(n, "rights")).not.toContain("najkasnije za");
    expect(tableRows(n, "requirement").get("Porudžbine")![0]).toBe("Dobrovoljni");
    expect(sectionText(n, "controller")).toContain("prema ZZPL-u.");
    expect(sectionText(n, "document")).toContain("Propisi:");
    expect(sectionText(n, "document")).not.toContain("u skladu sa:");
  });

  it("article citations read the Serbian way", () => {
    expect(serbianCitation("ZZPL čl. 12(1)(6)")).toBe("član 12. stav 1. tačka 6) ZZPL");
    expect(serbianCitation("ZZPL čl. 15(3)")).toBe("član 15. stav 3. ZZPL");
    expect(serbianCitation("ZZPL čl. 26")).toBe("član 26. ZZPL");
    expect(serbianCitation("GDPR Art. 6(1)(a)")).toBe("GDPR Art. 6(1)(a)");
    const n = noticeOf(srManifest(), "sr");
    expect(factsOf(n, "activities", "Porudžbine").get("Pravni osnov")).toBe("Ugovor sa vama ili radnje koje ste tražili pre zaključenja ugovora (član 12. stav 1. tačka 2) ZZPL)");
    expect(JSON.stringify(n.sections)).not.toContain("ZZPL čl.");
  });
});

describe("9. Cyrillic keeps brands and foreign acronyms in Latin, writes Serbian acronyms in Cyrillic", () => {
  it("brands", () => {
    expect(toCyrillic("Koristimo Google, Facebook, LinkedIn, Amazon, AWS, Microsoft i Mailchimp")).toBe("Користимо Google, Facebook, LinkedIn, Amazon, AWS, Microsoft и Mailchimp");
    expect(toCyrillic("Google")).not.toBe("Гоогле");
    expect(toCyrillic("Wix i Yandex")).toBe("Wix и Yandex");
  });
  it("acronyms", () => {
    expect(toCyrillic("ZZPL, APR, PIB, JMBG; prema ZZPL-u")).toBe("ЗЗПЛ, АПР, ПИБ, ЈМБГ; према ЗЗПЛ-у");
    expect(toCyrillic("GDPR, ISO 27001, EEA, https://www.apr.gov.rs, info@apr.gov.rs")).toBe("GDPR, ISO 27001, EEA, https://www.apr.gov.rs, info@apr.gov.rs");
  });
  it("in the Promedia notice", () => {
    const text = JSON.stringify(noticeFor("promedia", "sr-Cyrl").sections);
    expect(text).not.toContain("Гоогле");
    expect(text).toContain("Google");
    expect(text).toContain("ЗЗПЛ");
  });
});

describe("10. language marks on manifest text shown in another language", () => {
  it("localized text falling back to English is marked; plain strings are not", () => {
    const m = cleanManifest();
    m.processors[0].name = "Newsletter platform (provider not named in the policy)";
    m.processors[0].service = { en: "Sends the newsletter" };
    const n = noticeOf(m, "ro");
    expect(n.foreign).toContainEqual({ text: "Sends the newsletter", lang: "en" });
    expect(n.foreign.map((f) => f.text)).not.toContain("Newsletter platform (provider not named in the policy)");
    const html = renderNoticeHtml(n);
    expect(html).toMatch(/<span lang="en">Sends the newsletter<\/span>/);
  });
});

describe("11. no empty facts blocks", () => {
  it("a document with no edition, approval or review emits no facts block", () => {
    const m = cleanManifest();
    m.document = {};
    const blocks = noticeOf(m).sections.find((s) => s.id === "document")!.blocks;
    expect(blocks.some((b) => b.kind === "facts")).toBe(false);
    for (const lang of ["en", "sr", "sr-Cyrl"] as const) {
      for (const s of noticeFor("promedia", lang).sections) for (const b of s.blocks) if (b.kind === "facts") expect(b.items.length, s.id).toBeGreaterThan(0);
    }
    expect(toCyrillic("x")).toBe("x");
  });
});
