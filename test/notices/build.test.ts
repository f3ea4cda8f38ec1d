import { describe, expect, it } from "vitest";
import { buildNotice, SECTION_IDS } from "../../src/notices/index.ts";
import { cleanManifest, loadObject } from "../helpers/manifests.ts";
import { allText, factsOf, noticeFor, noticeOf, sectionText, tableRows } from "./helpers.ts";

describe("buildNotice", () => {
  it("has every section in a stable order, the title and the version line", () => {
    const n = noticeOf(cleanManifest(), "ro");
    expect(n.sections.map((s) => s.id)).toEqual([...SECTION_IDS]);
    expect(n.title).toBe("Notă de informare privind prelucrarea datelor cu caracter personal");
    expect(n.versionLine).toBe("Versiunea politicii 3, aplicată la 2026-11-23 (sha256 c220a1b2c3d4…)");
    expect(n.organisation).toBe("Exemplu S.R.L.");
  });

  it("dates the version in the organisation's time zone", () => {
    const m = cleanManifest();
    const lateEvening = { version: 1, appliedAt: new Date("2026-11-23T22:30:00Z"), contentHash: "ab".repeat(32) };
    expect(buildNotice(loadObject(m).manifest, lateEvening, "en").versionLine).toBe("Policy version 1, applied on 2026-11-24 (sha256 abababababab…)");
  });

  it("cites the GDPR articles of each right for a Romanian organisation", () => {
    const rows = tableRows(noticeFor("eldrive", "en"), "rights");
    expect(rows.get("Access")![1]).toBe("GDPR Art. 15");
    expect(rows.get("Rectification")![1]).toBe("GDPR Art. 16");
    expect(rows.get("Erasure")![1]).toBe("GDPR Art. 17");
    expect(rows.get("Restriction")![1]).toBe("GDPR Art. 18");
    expect(rows.get("Data portability")![1]).toBe("GDPR Art. 20");
    expect(rows.get("Objection")![1]).toBe("GDPR Art. 21");
    expect(rows.get("No solely automated decisions")![1]).toBe("GDPR Art. 22");
    expect(rows.get("Withdrawing consent")![1]).toBe("GDPR Art. 7(3)");
    expect(sectionText(noticeFor("eldrive", "en"), "complaint")).toContain("GDPR Art. 77");
  });

  it("cites the ZZPL articles of each right for a Serbian organisation", () => {
    const rows = tableRows(noticeFor("promedia", "sr"), "rights");
    expect(rows.get("Pristup")![1]).toBe("član 26. ZZPL");
    expect(rows.get("Ispravka i dopuna")![1]).toBe("član 29. ZZPL");
    expect(rows.get("Brisanje")![1]).toBe("član 30. ZZPL");
    expect(rows.get("Ograničenje obrade")![1]).toBe("član 31. ZZPL");
    expect(rows.get("Prenosivost podataka")![1]).toBe("član 36. ZZPL");
    expect(rows.get("Prigovor")![1]).toBe("član 37. ZZPL");
    expect(rows.get("Bez isključivo automatizovanih odluka")![1]).toBe("član 38. ZZPL");
    expect(rows.get("Povlačenje pristanka")![1]).toBe("član 15. stav 3. ZZPL");
    expect(sectionText(noticeFor("promedia", "sr"), "complaint")).toContain("član 82. ZZPL");
    // English keeps the law module's own citation form.
    expect(tableRows(noticeFor("promedia", "en"), "rights").get("Access")![1]).toBe("ZZPL čl. 26");
    expect(sectionText(noticeFor("promedia", "sr"), "rights")).toContain("Zakon nam daje 30 dana od prijema zahteva");
    expect(sectionText(noticeFor("promedia", "sr"), "rights")).toContain("produžiti za još 60 dana");
  });

  it("gives each legal basis with its article, and the legitimate interest relied on", () => {
    const m = cleanManifest();
    m.activities[0].legal_basis = ["contract", "legitimate_interests"];
    m.activities[0].legitimate_interest = { en: "Preventing fraud" };
    const facts = factsOf(noticeOf(m), "activities", "Orders");
    expect(facts.get("Legal basis")).toBe("A contract with you, or steps you asked for before one (GDPR Art. 6(1)(b)); Our legitimate interests (GDPR Art. 6(1)(f))");
    expect(facts.get("Our legitimate interest")).toBe("Preventing fraud");
  });

  it("names the Art. 9 condition for special categories, or says it is missing", () => {
    const m = cleanManifest();
    m.activities[0].data = ["identity.name", "special.health"];
    expect(factsOf(noticeOf(m), "activities", "Orders").get("Condition for special categories of data")).toBe(
      "This purpose uses special categories of data, but the organisation has not stated the condition that allows it.",
    );
    m.activities[0].special_condition = "explicit_consent";
    const facts = factsOf(noticeOf(m), "activities", "Orders");
    expect(facts.get("Condition for special categories of data")).toBe("Your explicit consent (GDPR Art. 9(2)(a))");
    expect(facts.get("Data we use")).toContain("Health data (special category, GDPR Art. 9)");
    m.organisation.jurisdiction = "RS";
    m.organisation.country = "RS";
    expect(factsOf(noticeOf(m), "activities", "Orders").get("Condition for special categories of data")).toBe("Your explicit consent (ZZPL čl. 17(2)(1))");
  });

  it("describes declared automated decisions with logic, significance and the Art. 22 right", () => {
    const m = cleanManifest();
    m.activities[0].automated_decisions = { logic: { en: "A score from order history" }, significance: { en: "Orders may be refused" } };
    const text = sectionText(noticeOf(m), "automated");
    expect(text).toContain("How the decision is made: A score from order history");
    expect(text).toContain("What it means for you: Orders may be refused");
    expect(text).toContain("(GDPR Art. 22)");
    const none = cleanManifest();
    none.activities[0].automated_decisions = "none";
    expect(sectionText(noticeOf(none), "automated")).toContain("We make no decisions about you based solely on automated processing");
  });

  it("says plainly what the organisation has not stated, and invents nothing", () => {
    const n = noticeFor("registratura", "en");
    expect(sectionText(n, "controller")).toContain("The organisation has not stated its registered address, a contact e-mail or phone number");
    expect(sectionText(n, "activities")).toContain("The organisation has not stated a legal basis for this purpose.");
    expect(sectionText(n, "activities")).not.toMatch(/GDPR Art\. 6\(1\)/);
    expect(sectionText(n, "dpo")).toContain("has not stated whether it has appointed a data protection officer");
    expect(sectionText(n, "transfers")).toContain("The organisation has not stated whether data for these purposes is transferred outside the European Economic Area");
  });

  it("states no transfers in one sentence when every activity declares none", () => {
    const m = cleanManifest();
    expect(sectionText(noticeOf(m), "transfers")).toContain("We do not transfer your data outside the European Economic Area (EEA).");
  });

  it("uses the authority named in the manifest where the law module has none", () => {
    const m = cleanManifest();
    m.organisation.jurisdiction = "DE";
    m.organisation.country = "DE";
    expect(sectionText(noticeOf(m), "complaint")).toContain("has not named its supervisory authority");
    m.supervisory_authority = { name: "Der Bundesbeauftragte für den Datenschutz", address: "Graurheindorfer Str. 153, 53117 Bonn", web: "https://www.bfdi.bund.de" };
    const facts = factsOf(noticeOf(m), "complaint");
    expect(facts.get("Authority")).toBe("Der Bundesbeauftragte für den Datenschutz");
    expect(facts.get("Website")).toBe("https://www.bfdi.bund.de");
  });

  it("falls back to English for missing manifest text and marks the fragment", () => {
    const m = cleanManifest();
    m.activities[0].purpose = { en: "Deliver orders" };
    const n = noticeOf(m, "ro");
    expect(factsOf(n, "activities", "Comenzi").get("Scopul")).toBe("Deliver orders");
    expect(n.foreign).toContainEqual({ text: "Deliver orders", lang: "en" });
    // An id without a label is made readable, in English, and marked too.
    expect(noticeOf(cleanManifest(), "ro").foreign).toEqual([{ text: "customers", lang: "en" }]);
    const labelled = cleanManifest();
    labelled.subjects[0].label = { en: "Customers", ro: "Clienți" };
    expect(noticeOf(labelled, "ro").foreign).toEqual([]);
  });

  it("does not transliterate English fallbacks in the Cyrillic notice", () => {
    const m = cleanManifest();
    m.organisation.languages = ["sr"];
    m.activities[0].name = { en: "Orders", sr: "Porudžbine" };
    m.activities[0].purpose = { en: "Deliver orders" };
    const n = noticeOf(m, "sr-Cyrl");
    expect(factsOf(n, "activities", "Поруџбине").get("Сврха")).toBe("Deliver orders");
    expect(n.foreign).toContainEqual({ text: "Deliver orders", lang: "en" });
  });

  it("never puts data the law calls special into a notice that does not flag it", () => {
    expect(allText(noticeFor("sentosa", "en"))).not.toContain("special category");
  });
});
