import { describe, expect, it } from "vitest";
import { activityFacts, allText, en, noticeFor, sectionText, tableRows } from "../helpers.ts";

describe("Eldrive (S4): the notice shows what the policy promises", () => {
  it("S4-01 the controller, its trade name, and the app owner Ampeco as processor", () => {
    const n = en("eldrive");
    expect(sectionText(n, "controller")).toContain("Name: EMOBILITY CHARGING S.R.L.");
    expect(sectionText(n, "controller")).toContain("Trade name: Eldrive");
    expect(tableRows(n, "recipients").get("Ampeco LTD")!.slice(0, 2)).toEqual([
      "Owns the Eldrive mobile app; runs, programs and supports the charging platform. Works with: Amazon Web Services Limited, Payment service providers (not named in the policy).",
      "Bulgaria (BG)",
    ]);
  });

  it("S4-03 the notice must be accepted explicitly", () => {
    expect(sectionText(en("eldrive"), "document")).toContain("You are asked to accept a new version explicitly before using the service.");
  });

  it("S4-05 charging-service data, including from the customer's employer", () => {
    const data = activityFacts("eldrive", "en", "Charging customer accounts").get("Data we use")!;
    for (const c of ["Home address", "Work address", "Delivery address", "Bank account (IBAN)", "Payment card number", "IP address", "Device identifier", "Equipment and vehicle data", "Server and access logs"]) expect(data).toContain(c);
    expect(tableRows(en("eldrive"), "sources").get("Charging customer accounts")![0]).toContain("the customer's employer");
  });

  it("S4-06 authorities entitled by law are named as recipients", () => {
    expect(tableRows(en("eldrive"), "recipients", 1).get("Investigation and prosecution bodies, courts and other authorities entitled by law")).toEqual([
      "Public authority, when the law requires",
      "not stated",
      "Charging customer accounts, Accounting and Legal claims and fraud prevention",
    ]);
  });

  it("S4-07 bases Art. 6(1)(b) and (c); location on consent withdrawn in the device settings; legitimate interest for claims and statistics", () => {
    expect(activityFacts("eldrive", "en", "Charging customer accounts").get("Legal basis")).toBe(
      "A contract with you, or steps you asked for before one (GDPR Art. 6(1)(b)); A legal obligation we must meet (GDPR Art. 6(1)(c))",
    );
    expect(sectionText(en("eldrive"), "consent")).toContain("turning off the permission in your device or browser settings");
    expect(activityFacts("eldrive", "en", "Legal claims").get("Our legitimate interest")).toContain("Protecting and managing the company's assets");
    expect(activityFacts("eldrive", "en", "Statistics").get("Our legitimate interest")).toBe("Developing the business");
  });

  it("S4-08 no special categories", () => {
    expect(allText(en("eldrive"))).not.toContain("special category");
  });

  it("S4-10 customer-service call recordings are kept 180 days", () => {
    expect(tableRows(en("eldrive"), "retention").get("Customer-service calls")![0]).toMatch(/^180 days from the call; then deleted or anonymised\./);
    expect(tableRows(noticeFor("eldrive", "ro"), "retention").get("Apelurile către serviciul clienți")![0]).toMatch(/^180 de zile de la înregistrarea apelului/);
  });

  it("S4-11 marketing on consent, withdrawn by the unsubscribe link, the account settings or a message; sent through the newsletter platform and AWS", () => {
    expect(sectionText(en("eldrive"), "consent")).toContain("the unsubscribe link in every e-mail we send, the settings of your account or an e-mail to office@eldrive.ro");
    expect(sectionText(noticeFor("eldrive", "ro"), "consent")).toContain("linkul de dezabonare din fiecare e-mail trimis de noi");
    const rows = tableRows(en("eldrive"), "recipients");
    expect(rows.get("Newsletter platform (provider not named in the policy)")![4]).toBe("Newsletter and offers");
    expect(rows.get("Amazon Web Services Limited")![4]).toContain("Newsletter and offers");
  });

  it("S4-12 group companies and contracted providers; fraud prevention and enforcing the terms", () => {
    expect(tableRows(en("eldrive"), "recipients", 1).get("Other companies of the group Eldrive belongs to (not named in the policy)")![0]).toBe("Company of our group");
    expect(activityFacts("eldrive", "en", "Legal claims").get("Purpose")).toContain("prevent fraud and enforce the app's terms of use");
  });

  it("S4-13 transfers to the US newsletter and hosting partners under the EU-US Data Privacy Framework, and how to get the safeguards", () => {
    const n = en("eldrive");
    const t = n.sections.find((s) => s.id === "transfers")!.blocks.find((b) => b.kind === "table");
    expect(t?.kind === "table" && t.rows.map((r) => [r[0], r[1], r[2]])).toEqual([
      ["Charging customer accounts", "Amazon Web Services Limited", "United States (US)"],
      ["Charging sessions", "Amazon Web Services Limited", "United States (US)"],
      ["Newsletter and offers", "Newsletter platform (provider not named in the policy)", "United States (US)"],
      ["Newsletter and offers", "Amazon Web Services Limited", "United States (US)"],
    ]);
    expect(t?.kind === "table" && t.rows.every((r) => r[3] === "The recipient is certified under the EU-US Data Privacy Framework, which the European Commission has found adequate (GDPR Art. 45)")).toBe(true);
    // Adequacy (the DPF) is not an Art. 46/47 safeguard: there is no copy to offer.
    expect(sectionText(n, "transfers")).not.toContain("copy of the safeguards");
  });

  it("S4-14 states each retention period in words", () => {
    const rows = tableRows(en("eldrive"), "retention");
    const hold = "Exception: administrative or court proceedings started by Eldrive against the customer: the data is kept until 5 years after the end of the proceedings.";
    expect(rows.get("Charging customer accounts")![0]).toBe(
      `3 years from the later of contract end and payment settlement; for inactive accounts, 3 years from the last login; then deleted or anonymised. ${hold}`,
    );
    expect(rows.get("Charging sessions")![0]).toBe(
      `2 years from the later of contract end and payment settlement; for inactive accounts, 2 years from the last login; then deleted or anonymised. ${hold}`,
    );
    expect(rows.get("Accounting")![0]).toBe(`5 years from the later of contract end and payment settlement; then deleted or anonymised. ${hold}`);
    expect(rows.get("Legal claims and fraud prevention")![0]).toBe(`5 years from the later of contract end and payment settlement; then deleted or anonymised. ${hold}`);
    expect(rows.get("Newsletter and offers")![0]).toBe("3 years from the last login; then deleted or anonymised.");
    expect(tableRows(noticeFor("eldrive", "ro"), "retention").get("Conturile clienților serviciului de încărcare")![0]).toContain(
      "3 ani de la încetarea contractului sau achitarea plăților, oricare dintre acestea intervine mai târziu; pentru conturile inactive, 3 ani de la ultima autentificare",
    );
  });

  it("S4-15 rights: access through the account, erasure, objection to marketing and statistics, complaint to ANSPDCP", () => {
    const text = sectionText(en("eldrive"), "rights");
    expect(text).toContain("Your account: in your account settings");
    expect(text).toContain("where we rely on legitimate interests (Legal claims and fraud prevention and Statistics and market research), you may object at any time");
    expect(text).toContain("You may object to direct marketing at any time");
    expect(sectionText(en("eldrive"), "complaint")).toContain("National Supervisory Authority for Personal Data Processing (ANSPDCP)");
  });

  it("S4-16 requests by the subject or an authorised representative, identity verified first", () => {
    const text = sectionText(en("eldrive"), "rights");
    expect(text).toContain("Before we act, we check that the request comes from you.");
    expect(text).toContain("Someone you have authorised");
  });

  it("S4-17 the deadline table per right, and refusal or a fee under Art. 12(5)", () => {
    const rows = tableRows(en("eldrive"), "rights");
    expect(rows.get("Information")![2]).toBe("when we collect your data; for data from other sources, see “Where your data comes from”; within one month (our commitment)");
    for (const r of ["Access", "Rectification", "Data portability", "No solely automated decisions"]) expect(rows.get(r)![2]).toBe("within one month (our commitment)");
    for (const r of ["Erasure", "Restriction"]) expect(rows.get(r)![2]).toBe("without undue delay (our commitment)");
    expect(rows.get("Objection")![2]).toBe("as soon as we receive your request (our commitment)");
    expect(sectionText(en("eldrive"), "rights")).toContain("we may refuse it or charge a reasonable fee. We will tell you why (GDPR Art. 12(5))");
    expect(tableRows(noticeFor("eldrive", "ro"), "rights").get("Ștergere")![2]).toBe("fără întârzieri nejustificate (angajamentul nostru)");
  });

  it("S4-18 no DPO, and why", () => {
    const text = sectionText(en("eldrive"), "dpo");
    expect(text).toContain("We have not appointed a data protection officer (DPO).");
    expect(text).toContain("Why: Not mandatory: our core activities involve neither regular and systematic monitoring");
    expect(sectionText(noticeFor("eldrive", "ro"), "dpo")).toContain("Motivul: Nu este obligatoriu");
  });

  it("S4-19 staff report breaches to the responsible person, and the controller decides and informs", () => {
    expect(sectionText(en("eldrive"), "security")).toContain("Staff report any data breach to the responsible person and their manager");
  });

  it("S4-20 security: 2FA, backups, unique ids, separate test environment, access logs kept at least a year", () => {
    const text = sectionText(en("eldrive"), "security");
    for (const m of ["Two-factor authentication", "Backups of operating systems and databases", "A unique user identifier", "Test environment separated from production", "logs kept at least one year"]) expect(text).toContain(m);
  });

  it("S4-21 reviewed every year", () => {
    expect(sectionText(en("eldrive"), "document")).toContain("Reviewed: every year");
    expect(sectionText(noticeFor("eldrive", "ro"), "document")).toContain("Revizuită: anual");
  });
});
