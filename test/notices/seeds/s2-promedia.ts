import { describe, expect, it } from "vitest";
import { renderNoticeHtml } from "../../../src/notices/index.ts";
import { activityFacts, allText, en, noticeFor, sectionText, tableRows } from "../helpers.ts";

describe("Promedia (S2): the notice shows what the policy promises", () => {
  const sr = () => noticeFor("promedia", "sr");

  it("S2-01 server logs on legitimate interest (ZZPL čl. 12(1)(6)), not shared, deleted after the visit; location on consent", () => {
    expect(activityFacts("promedia", "sr", "Log datoteke servera").get("Pravni osnov")).toBe("Naši legitimni interesi (član 12. stav 1. tačka 6) ZZPL)");
    expect(tableRows(sr(), "retention").get("Log datoteke servera")![0]).toBe("Samo tokom vaše posete; zatim se brišu.");
    expect(tableRows(en("promedia"), "retention").get("Location-based services")![0]).toBe("Only during your visit; then deleted.");
    expect(sectionText(sr(), "recipients")).toMatch(/ne dostavljaju nikome: Log datoteke servera, Usluge zasnovane na lokaciji/);
    expect(sectionText(sr(), "consent")).toContain("isključivanje dozvole u podešavanjima uređaja ili pregledača");
  });

  it("S2-02 enquiries on legitimate interest; surveys on consent (čl. 12(1)(1)), withdrawable; deleted 90 days after the final answer", () => {
    expect(activityFacts("promedia", "sr", "Ankete uz pristanak").get("Pravni osnov")).toBe("Vaš pristanak (član 12. stav 1. tačka 1) ZZPL)");
    expect(sectionText(sr(), "consent")).toContain("poruka e-pošte na ivana.stojkovic@promedia.rs");
    expect(tableRows(sr(), "retention").get("Odgovori na upite")![0]).toBe("90 dana od našeg konačnog odgovora; zatim se brišu ili anonimizuju.");
    expect(tableRows(en("promedia"), "retention").get("Surveys with consent")![0]).toBe("90 days from our final answer; then deleted or anonymised.");
  });

  it("S2-03 business partners: sources, categories, bases, accounting-law retention, and what happens without the data", () => {
    const n = sr();
    expect(tableRows(n, "sources").get("Ugovori sa poslovnim partnerima")![0]).toContain("kreditni biro, Poreska uprava i APR");
    const data = activityFacts("promedia", "sr", "Ugovori sa poslovnim partnerima").get("Podaci koje koristimo")!;
    for (const c of ["Datum rođenja", "Državljanstvo", "Broj lične karte", "Deponovani potpis", "Kreditna sposobnost", "Vlasnička struktura", "Fotografije i video zapisi"]) expect(data).toContain(c);
    const text = sectionText(n, "activities");
    for (const art of ["član 12. stav 1. tačka 2) ZZPL", "član 12. stav 1. tačka 3) ZZPL", "član 12. stav 1. tačka 6) ZZPL"]) expect(text).toContain(art);
    expect(tableRows(n, "retention").get("Zakonske obaveze u odnosu na poslovne partnere")![0]).toContain("Zakonu o računovodstvu");
    expect(tableRows(n, "requirement").get("Ugovori sa poslovnim partnerima")).toEqual([
      "Potrebni za zaključenje ugovora sa nama",
      "Bez podataka potrebnih za započinjanje, sprovođenje i okončanje odnosa, po pravilu ne možemo započeti poslovni odnos",
    ]);
  });

  it("S2-04 the cookie table: type, lifetime and how to object", () => {
    const rows = tableRows(en("promedia"), "cookies");
    expect(rows.get("Session cookies (names not given in the policy)")).toEqual([
      "Promedia d.o.o.",
      "Remember which parts of the site were visited and that the visitor is logged in",
      "until you close the browser",
      "Strictly necessary",
      "No: the organisation relies on its legitimate interests",
    ]);
    expect(sectionText(en("promedia"), "cookies")).toContain("You can block or delete cookies in your browser settings.");
    expect(tableRows(sr(), "cookies").get("Persistent preference cookies (names not given in the policy)")![2]).toBe("nije navedeno");
  });

  it("S2-05 Google Analytics: transfer to the USA, statistics deleted after 14 months, opt-out cookie, IP masking", () => {
    const transfer = tableRows(en("promedia"), "transfers").get("Web analytics (Google Analytics)")!;
    expect(transfer).toEqual(["Google Inc.", "United States (US)", "The organisation has not stated a safeguard for this transfer."]);
    expect(tableRows(sr(), "transfers").get("Veb analitika (Google Analytics)")![1]).toBe("Sjedinjene Države (US)");
    expect(tableRows(sr(), "retention").get("Veb analitika (Google Analytics)")![0]).toBe("14 meseci od prikupljanja podataka; zatim se brišu.");
    expect(tableRows(en("promedia"), "retention").get("Web analytics (Google Analytics)")![0]).toBe("14 months from collection; then deleted.");
    expect(tableRows(en("promedia"), "cookies").has("Google Analytics opt-out cookie")).toBe(true);
    expect(sectionText(en("promedia"), "security")).toContain("IP addresses are masked in Google Analytics");
  });

  it("S2-06 rights with ZZPL articles 26/29/30/31/36/37, withdrawal, and the complaint to the Poverenik", () => {
    const articles = (lang: "sr" | "sr-Cyrl" | "en") => [...tableRows(noticeFor("promedia", lang), "rights").values()].map((r) => r[1]);
    // Serbian text cites the Serbian way; English keeps the law module's form.
    expect(articles("sr")).toEqual(["član 23. ZZPL, član 24. ZZPL", "član 26. ZZPL", "član 29. ZZPL", "član 30. ZZPL", "član 31. ZZPL", "član 36. ZZPL", "član 37. ZZPL", "član 38. ZZPL", "član 15. stav 3. ZZPL"]);
    expect(articles("sr-Cyrl")).toEqual(["члан 23. ЗЗПЛ, члан 24. ЗЗПЛ", "члан 26. ЗЗПЛ", "члан 29. ЗЗПЛ", "члан 30. ЗЗПЛ", "члан 31. ЗЗПЛ", "члан 36. ЗЗПЛ", "члан 37. ЗЗПЛ", "члан 38. ЗЗПЛ", "члан 15. став 3. ЗЗПЛ"]);
    expect(articles("en")).toEqual(["ZZPL čl. 23, ZZPL čl. 24", "ZZPL čl. 26", "ZZPL čl. 29", "ZZPL čl. 30", "ZZPL čl. 31", "ZZPL čl. 36", "ZZPL čl. 37", "ZZPL čl. 38", "ZZPL čl. 15(3)"]);
    const complaint = sectionText(sr(), "complaint");
    expect(complaint).toContain("Poverenik za informacije od javnog značaja i zaštitu podataka o ličnosti (Poverenik)");
    expect(complaint).toContain("Bulevar kralja Aleksandra 15, 11120 Beograd");
    expect(complaint).toContain("office@poverenik.rs");
    expect(complaint).toContain("https://www.poverenik.rs");
    expect(sectionText(en("promedia"), "complaint")).toContain("Commissioner for Information of Public Importance and Personal Data Protection");
  });

  it("S2-07 the controller and the data-protection contact", () => {
    expect(sectionText(sr(), "controller")).toContain("Promedia d.o.o.");
    expect(sectionText(sr(), "controller")).toContain("office@promedia.rs");
    expect(sectionText(sr(), "dpo")).toContain("Ime i prezime: Ivana Stojković");
    expect(sectionText(sr(), "dpo")).toContain("E-pošta: ivana.stojkovic@promedia.rs");
  });

  it("S2-08 the notice is in Serbian, Latin script", () => {
    const n = sr();
    expect(n.title).toBe("Obaveštenje o obradi podataka o ličnosti");
    expect(allText(n)).not.toMatch(/\p{Script=Cyrillic}/u);
    expect(renderNoticeHtml(n)).toContain('<html lang="sr-Latn">');
    expect(allText(noticeFor("promedia", "sr-Cyrl"))).toMatch(/Обавештење о обради података о личности/);
  });
});
