import { describe, expect, it } from "vitest";
import { cleanManifest } from "../../helpers/manifests.ts";
import { activityFacts, allText, en, noticeFor, noticeOf, sectionText, tableRows } from "../helpers.ts";

describe("SENTOSA (S1): the notice shows what the policy promises", () => {
  it("S1-01 national identifiers are named by their taxonomy labels", () => {
    const m = cleanManifest();
    m.activities[0].data = ["identity.name", "national_id.cnp", "national_id.id_card", "national_id.passport", "national_id.health_card", "national_id.driving_licence", "financial.payment_card"];
    const n = noticeOf(m, "ro");
    expect(sectionText(n, "activities")).toContain(
      "Cod numeric personal (CNP); Seria și numărul cărții de identitate; Numărul pașaportului; Numărul cardului de sănătate; Numărul permisului de conducere; Numărul cardului de plată",
    );
  });

  it("S1-02 minors consent through parents or guardians; withdrawal by the DPO's e-mail or phone", () => {
    const text = sectionText(en("sentosa"), "consent");
    expect(text).toContain("If you are under 18, a parent or guardian must give or authorise consent for you.");
    expect(text).toContain("an e-mail to protectiadatelor@sentosa.ro or a call to +40 757 037 872");
    expect(text).toContain("Withdrawing consent does not make unlawful what we did with your data before.");
  });

  it("S1-03 every element of information at collection (Art. 13)", () => {
    const n = en("sentosa");
    expect(sectionText(n, "controller")).toContain("Trade register number: J31/115/2000");
    expect(sectionText(n, "dpo")).toContain("protectiadatelor@sentosa.ro");
    expect(activityFacts("sentosa", "en", "Online shop orders").get("Legal basis")).toBe("Your consent (GDPR Art. 6(1)(a))");
    expect(activityFacts("sentosa", "en", "Online shop orders").get("Data we use")).toContain("E-mail address");
    expect(sectionText(n, "recipients")).toContain("Business partners (economic agents)");
    expect(sectionText(n, "transfers")).toContain("has not stated whether data for these purposes is transferred");
    expect(tableRows(n, "retention").get("Invoicing and accounting")![0]).toContain("For as long as the law requires");
    expect(tableRows(n, "rights").size).toBe(9);
    expect(sectionText(n, "consent")).toContain("GDPR Art. 7(3)");
    expect(sectionText(n, "complaint")).toContain("ANSPDCP");
    expect(tableRows(n, "requirement").get("Online shop orders")).toEqual(["Required by the contract", "Without it the order cannot be taken or delivered"]);
    expect(sectionText(n, "automated")).toContain("solely on automated processing");
  });

  it("S1-04 data from resellers: categories, source, and information within one month, at first contact or first disclosure", () => {
    const n = en("sentosa");
    expect(tableRows(n, "sources").get("Online shop orders")).toEqual([
      "Resellers and intermediaries the customer bought through",
      "Name; Home address; E-mail address; Phone number; Contract and order details",
    ]);
    expect(sectionText(n, "sources")).toContain(
      "at the latest within one month; if we use the data to contact you, at the latest at our first contact; if we plan to disclose it to someone else, at the latest when we first do so (GDPR Art. 14)",
    );
    expect(sectionText(noticeFor("sentosa", "ro"), "sources")).toContain("cel târziu într-o lună");
  });

  it("S1-06 no special categories appear in the notice", () => {
    for (const lang of ["en", "ro"] as const) expect(allText(noticeFor("sentosa", lang))).not.toMatch(/special category|categorie specială/);
  });

  it("S1-07 requests and complaints answered within 5 days, the online form, and the security rules", () => {
    const n = en("sentosa");
    const rows = tableRows(n, "rights");
    for (const right of ["Access", "Rectification", "Erasure", "Restriction", "Data portability", "Objection"]) {
      expect(rows.get(right)![2]).toBe("within 5 days (our commitment)");
    }
    // Art. 7(3): withdrawal takes effect at once, whatever answer time the policy promises.
    expect(rows.get("Withdrawing consent")![2]).toBe("at any time, with immediate effect");
    expect(sectionText(n, "rights")).toContain("Web form: the form on our website");
    expect(sectionText(n, "complaint")).toContain("Complaints you send to us are answered within 5 days.");
    const security = sectionText(n, "security");
    expect(security).toContain("Passwords changed at least every 3 months; an old password cannot be reused (every 3 months)");
    expect(security).toContain("supervisory (admin) account");
    expect(security).toContain("delete a customer on request");
    expect(security).toContain("tested and evaluated every quarter");
    expect(tableRows(noticeFor("sentosa", "ro"), "rights").get("Acces")![2]).toBe("în termen de 5 zile (angajamentul nostru)");
  });

  it("S1-10 a DPO appointed voluntarily, with contact details", () => {
    const text = sectionText(en("sentosa"), "dpo");
    expect(text).toContain("Name: Cenan Cosmin-Cristian");
    expect(text).toContain("E-mail: protectiadatelor@sentosa.ro");
    expect(text).toContain("Phone: +40 757 037 872");
    expect(text).toContain("The law does not require us to appoint a DPO; we have chosen to.");
  });

  it("S1-11 no transfer ground is claimed for transfers the manifest cannot name", () => {
    expect(sectionText(en("sentosa"), "transfers")).not.toMatch(/adequacy|Data Privacy Framework|contractual clauses/);
  });
});
