import { describe, expect, it } from "vitest";
import { isEeaMember } from "../../../src/law/index.ts";
import { activityFacts, en, noticeFor, sectionText, tableRows } from "../helpers.ts";

describe("IMPRO-MEDIA (S0): the notice shows what the policy promises", () => {
  it("S0-01 processor services are told apart, kept for the contract and answered by the client controller", () => {
    const n = en("impro-media");
    expect(sectionText(n, "controller")).toContain("we pass your request on to that company");
    expect(sectionText(n, "activities")).toContain("Webinar platform (for clients) (on behalf of client companies)");
    expect(activityFacts("impro-media", "en", "Hosted software for clients").get("Legal basis")).toBe("Decided by the client company, which is the controller.");
    expect(tableRows(n, "retention").get("Webinar platform (for clients)")![0]).toBe(
      "For as long as the contract lasts; then returned to the client company or deleted, as it instructs.",
    );
    expect(tableRows(noticeFor("impro-media", "ro"), "retention").get("Platforma de webinar (pentru clienți)")![0]).toMatch(/^Pe durata contractului; apoi sunt returnate companiei client/);
  });

  it("S0-02 processors with establishment, server location and certification", () => {
    const rows = tableRows(en("impro-media"), "recipients");
    expect(rows.get("OPTICNET SERV SRL")!.slice(1, 4)).toEqual(["Romania (RO)", "Romania (RO)", "ISO 27001"]);
    expect(rows.get("OVH INC.")!.slice(1, 3)).toEqual(["Canada (CA)", "Germany (DE)"]);
    expect(rows.get("MVPS LTD")!.slice(1, 3)).toEqual(["Cyprus (CY)", "Cyprus (CY)"]);
    expect(tableRows(noticeFor("impro-media", "ro"), "recipients").get("OVH INC.")![2]).toBe("Germania (DE)");
  });

  it("S0-03 every category of data subject is listed", () => {
    const text = sectionText(en("impro-media"), "activities");
    for (const label of ["Users of our web applications", "Potential users and clients", "People we have occasional transactions with", "Legal or appointed representatives", "Contact persons, staff and designated people", "Contact persons and representatives of contractual partners", "Our employees", "Job candidates", "Visitors of our web sites"]) {
      expect(text).toContain(label);
    }
  });

  it("S0-04 under-16s need a parent's or guardian's consent", () => {
    expect(sectionText(en("impro-media"), "consent")).toContain("If you are under 16, a parent or guardian must give or authorise consent for you.");
    expect(sectionText(noticeFor("impro-media", "ro"), "consent")).toContain("Dacă aveți sub 16 ani");
  });

  it("S0-05 every right, no solely automated decisions, complaint to ANSPDCP or court, free of charge", () => {
    const n = en("impro-media");
    expect(tableRows(n, "rights").size).toBe(9);
    expect(sectionText(n, "rights")).not.toContain("does not list these rights");
    expect(sectionText(n, "rights")).toContain("Requests are free of charge.");
    // The manifest does not declare `automated_decisions: none`, so the notice may not claim there are none.
    expect(sectionText(n, "automated")).toContain("The organisation has not stated whether it makes decisions based solely on automated processing");
    expect(sectionText(n, "automated")).not.toContain("We make no decisions");
    expect(sectionText(n, "complaint")).toContain("National Supervisory Authority for Personal Data Processing (ANSPDCP)");
    expect(sectionText(n, "complaint")).toContain("You may also go to court");
    expect(sectionText(noticeFor("impro-media", "ro"), "complaint")).toContain("Autoritatea Națională de Supraveghere a Prelucrării Datelor cu Caracter Personal (ANSPDCP)");
  });

  it("S0-06 each purpose with its legal basis and article", () => {
    expect(activityFacts("impro-media", "en", "Answering questions").get("Legal basis")).toBe("Our legitimate interests (GDPR Art. 6(1)(f))");
    expect(activityFacts("impro-media", "en", "Legal obligations").get("Legal basis")).toContain("A legal obligation we must meet (GDPR Art. 6(1)(c))");
    expect(activityFacts("impro-media", "en", "Client contracts").get("Legal basis")).toContain("(GDPR Art. 6(1)(b))");
    expect(activityFacts("impro-media", "en", "Direct marketing").get("Legal basis")).toBe("Your consent (GDPR Art. 6(1)(a))");
    expect(activityFacts("impro-media", "en", "Market studies").get("Legal basis")).toBe("Your consent (GDPR Art. 6(1)(a))");
  });

  it("S0-07 data categories per purpose: clients also give an address", () => {
    expect(activityFacts("impro-media", "en", "Answering questions").get("Data we use")).toBe("Name; E-mail address; Phone number; Messages, feedback and reviews");
    expect(activityFacts("impro-media", "en", "Client contracts").get("Data we use")).toContain("Home address");
  });

  it("S0-08 the cookie table names own and third-party providers, purposes and categories", () => {
    const rows = tableRows(en("impro-media"), "cookies");
    expect(rows.get("advertising cookies (names not stated)")).toEqual(["IMPRO-MEDIA, Google, Facebook, LinkedIn (third party)", "Advertising", "not stated", "Marketing", "Yes"]);
    expect([...rows.values()].map((r) => r[3])).toEqual(["Marketing", "Preferences", "Social media", "Statistics"]);
  });

  it("S0-09 CRM portal: contact persons' data, consent by a click, notifications off in the profile", () => {
    expect(activityFacts("impro-media", "en", "Client CRM portal").get("Data we use")).toBe(
      "Name; E-mail address; Job title; Phone number; Photograph; Company data of a client or partner; Contract and order details; Invoices and accounting records; Messages, feedback and reviews",
    );
    expect(sectionText(en("impro-media"), "consent")).toContain("the settings of your account");
  });

  it("S0-10 webinar registrants' data", () => {
    expect(activityFacts("impro-media", "en", "Webinar platform").get("Data we use")).toContain("Name; E-mail address; Job title; Badge or registration number; Phone number");
  });

  it("S0-11 VR platform: e-mail, name and an avatar from a photo, on consent at registration", () => {
    expect(activityFacts("impro-media", "en", "VR platform (for clients)").get("Data we use")).toBe("E-mail address; Name; Avatar made from a photo");
    expect(sectionText(en("impro-media"), "consent")).toContain("VR platform demonstrations");
  });

  it("S0-12 CVs are evaluated on a pre-contractual basis", () => {
    expect(activityFacts("impro-media", "en", "Recruitment").get("Legal basis")).toBe("A contract with you, or steps you asked for before one (GDPR Art. 6(1)(b))");
  });

  it("S0-13 retention as the law requires, then deletion or anonymisation, and the gap said plainly", () => {
    expect(tableRows(en("impro-media"), "retention").get("Recruitment")![0]).toBe(
      "For as long as the law requires (the organisation has not stated which law or what period); then deleted or anonymised.",
    );
  });

  it("S0-14 data stored in Romania and the EU on the listed providers' servers", () => {
    const stored = [...tableRows(en("impro-media"), "recipients").values()].map((r) => /\((\w\w)\)$/.exec(r[2]!)![1]!);
    expect(stored).toEqual(["RO", "DE", "CY"]);
    expect(stored.every(isEeaMember)).toBe(true);
  });

  it("S0-15 disclosure to contracted providers and to authorities on lawful request", () => {
    const rows = tableRows(en("impro-media"), "recipients", 1);
    expect(rows.get("Contracted IT, telecom, accounting and legal service providers")![0]).toBe("Category of recipients");
    expect(rows.get("Prosecutors, police, courts and other state bodies, on an express lawful request")![0]).toBe("Public authority, when the law requires");
  });

  it("S0-16 no transfer outside the EEA is claimed that the manifest does not declare", () => {
    const text = sectionText(en("impro-media"), "transfers");
    expect(text).toContain("The organisation has not stated whether data for these purposes is transferred outside the European Economic Area");
    expect(en("impro-media").sections.find((s) => s.id === "transfers")!.blocks.some((b) => b.kind === "table")).toBe(false);
  });

  it("S0-17 requests in person, by post or to gdpr@, within one month extendable by two", () => {
    const text = sectionText(en("impro-media"), "rights");
    expect(text).toContain("In person: București, sector 6, B-dul Timișoara Nr. 89-91, Bloc LOT 1, Ap. 1009");
    expect(text).toContain("Post: București");
    expect(text).toContain("E-mail: gdpr@impromedia.ro");
    expect(text).toContain("The law gives us one month from receipt to act on a request. For complex or numerous requests we may extend this by 2 months");
    expect(tableRows(en("impro-media"), "rights").get("Access")![2]).toBe("within one month (our commitment)");
    expect(sectionText(noticeFor("impro-media", "ro"), "rights")).toContain("Legea ne dă o lună de la primire");
  });

  it("S0-18 document control: edition, approval date, approver, revision history, and the missing review date", () => {
    const text = sectionText(en("impro-media"), "document");
    expect(text).toContain("Edition: 1.0");
    expect(text).toContain("Approved on: 1 February 2019");
    expect(text).toContain("Approved by: Crina Deac, Administrator IMPRO-MEDIA SRL");
    expect(text).toContain("The organisation has not stated when it will next be reviewed.");
    expect(tableRows(en("impro-media"), "document").get("1.0")).toEqual(["1 February 2019", "Whole document", "not stated"]);
    expect(sectionText(noticeFor("impro-media", "ro"), "document")).toContain("Aprobată la: 1 februarie 2019");
  });

  it("S0-19 TLS for all transmissions among the published measures", () => {
    expect(sectionText(en("impro-media"), "security")).toContain("All transmissions are encrypted with TLS/SSL");
  });

  it("S0-20 the laws the policy applies", () => {
    const text = sectionText(en("impro-media"), "document");
    for (const law of ["Legea nr. 365/2002", "Legea nr. 506/2004", "OUG nr. 13/2012", "Legea nr. 272/2006", "Legea nr. 146/2008", "Legea nr. 333/2003", "(GDPR)"]) {
      expect(text).toContain(law);
    }
  });
});
