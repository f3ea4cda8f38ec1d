import { describe, expect, it } from "vitest";
import { activityFacts, en, noticeFor, sectionText, tableRows } from "../helpers.ts";

describe("Registratura electronică (S3): the notice shows what the policy promises, and its gaps", () => {
  it("S3-01 data: name and contact, credentials, content and call recordings", () => {
    expect(activityFacts("registratura", "en", "Providing the e-registry service").get("Data we use")).toContain("Password (hashed); Password hint or security question");
    expect(activityFacts("registratura", "en", "Customer support").get("Data we use")).toBe("Name; E-mail address; Phone number; Messages, feedback and reviews; Call recordings");
  });

  it("S3-02 the purposes, with profiling for communications and advertising", () => {
    expect(en("registratura").sections.find((s) => s.id === "activities")!.blocks.filter((b) => b.kind === "facts")).toHaveLength(8);
    expect(sectionText(en("registratura"), "automated")).toContain("We use profiling (evaluating personal aspects such as interests or behaviour) for: Communications and promotional offers and Personalised advertising.");
  });

  it("S3-03 sharing only to complete transactions, on the user's request, or by law", () => {
    const rows = tableRows(en("registratura"), "recipients", 0);
    expect(rows.get("Banks and other entities that process payments, provide financial services or help prevent fraud")![0]).toBe("Category of recipients");
    expect(rows.has("Third parties the user asks us to share content with")).toBe(true);
    expect(rows.get("Authorities, where the law requires it or to protect rights or property")![0]).toBe("Public authority, when the law requires");
  });

  it("S3-04 retention: the contract plus 3 years", () => {
    for (const [lang, words] of [["en", "3 years from contract end"], ["ro", "3 ani de la încetarea contractului"]] as const) {
      for (const row of tableRows(noticeFor("registratura", lang), "retention").values()) expect(row[0]).toContain(words);
    }
  });

  it("S3-06 privacy questions and complaints answered within 30 days", () => {
    expect(sectionText(en("registratura"), "complaint")).toContain("Complaints you send to us are answered within 30 days.");
    expect(tableRows(en("registratura"), "rights").get("Information")![2]).toContain("within 30 days (our commitment)");
    expect(sectionText(noticeFor("registratura", "ro"), "complaint")).toContain("în termen de 30 de zile");
  });

  it("S3-07 the notice does not cite the repealed Law 677/2001", () => {
    for (const lang of ["en", "ro"] as const) {
      const text = sectionText(noticeFor("registratura", lang), "document");
      expect(text).not.toContain("677/2001");
      expect(text).toContain("Regulamentul General privind Protecția Datelor (GDPR)");
    }
  });

  it("S3-08 what the policy leaves out is said plainly: basis, identity, rights, DPO, transfers — and ANSPDCP is named", () => {
    const n = en("registratura");
    expect(sectionText(n, "activities").match(/has not stated a legal basis/g)).toHaveLength(8);
    expect(sectionText(n, "controller")).toContain("has not stated its registered address, a contact e-mail or phone number, its trade register number and its tax identification number");
    expect(sectionText(n, "rights")).toContain("The organisation has not stated which rights it offers. The law grants you all the rights below.");
    expect(sectionText(n, "dpo")).toContain("has not stated whether it has appointed a data protection officer");
    expect(sectionText(n, "dpo")).toContain("registratură@citymanager.online");
    expect(sectionText(n, "transfers")).toContain("has not stated whether data for these purposes is transferred");
    expect(sectionText(n, "complaint")).toContain("anspdcp@dataprotection.ro");
  });
});
