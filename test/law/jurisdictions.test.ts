import { describe, expect, it } from "vitest";
import { RegistruError } from "../../src/errors.ts";
import { isSupportedJurisdiction, lawFor, SUPPORTED_JURISDICTIONS } from "../../src/law/index.ts";

describe("lawFor", () => {
  it("gives Romania the GDPR, ANSPDCP and its national laws", () => {
    const ro = lawFor("RO");
    expect(ro).toMatchObject({ code: "RO", timeZone: "Europe/Bucharest", regime: "GDPR", digitalConsentAge: 16 });
    expect(ro.law.shortName).toBe("GDPR");
    expect(ro.authority).toMatchObject({
      shortName: "ANSPDCP",
      email: "anspdcp@dataprotection.ro",
      phone: "+40.318.059.211",
      address: "B-dul G-ral. Gheorghe Magheru 28-30, Sector 1, cod poștal 010336, București",
    });
    expect(ro.nationalLaws.map((l) => l.shortName)).toEqual(["Legea 190/2018", "Legea 506/2004", "Legea 129/2018"]);
    const provisions = ro.nationalLaws.flatMap((l) => l.provisions.map((p) => p.article));
    expect(provisions).toEqual(["Legea 190/2018 art. 4", "Legea 190/2018 art. 5", "Legea 506/2004 art. 4(5)"]);
  });

  it("gives Serbia the ZZPL, the Poverenik and the age of 15", () => {
    const rs = lawFor("RS");
    expect(rs).toMatchObject({ timeZone: "Europe/Belgrade", regime: "ZZPL", digitalConsentAge: 15 });
    expect(rs.law.reference).toBe("Službeni glasnik RS, br. 87/2018");
    expect(rs.authority).toMatchObject({ shortName: "Poverenik", email: "office@poverenik.rs", phone: "+381 11 3408 900" });
    expect(rs.authority?.address).toBe("Bulevar kralja Aleksandra 15, 11120 Beograd");
  });

  it("cites the article of each right", () => {
    expect(lawFor("RO").articles).toEqual({
      information: ["GDPR Art. 13", "GDPR Art. 14"],
      access: ["GDPR Art. 15"],
      rectification: ["GDPR Art. 16"],
      erasure: ["GDPR Art. 17"],
      restriction: ["GDPR Art. 18"],
      portability: ["GDPR Art. 20"],
      objection: ["GDPR Art. 21"],
      automated_decision: ["GDPR Art. 22"],
      withdraw_consent: ["GDPR Art. 7(3)"],
      complaint: ["GDPR Art. 77"],
    });
    expect(lawFor("RS").articles).toEqual({
      information: ["ZZPL čl. 23", "ZZPL čl. 24"],
      access: ["ZZPL čl. 26"],
      rectification: ["ZZPL čl. 29"],
      erasure: ["ZZPL čl. 30"],
      restriction: ["ZZPL čl. 31"],
      portability: ["ZZPL čl. 36"],
      objection: ["ZZPL čl. 37"],
      automated_decision: ["ZZPL čl. 38"],
      withdraw_consent: ["ZZPL čl. 15(3)"],
      complaint: ["ZZPL čl. 82"],
    });
  });

  it("cites lawful bases, special categories, criminal data and breach notification", () => {
    const ro = lawFor("RO");
    const rs = lawFor("RS");
    expect(ro.lawfulBasisArticles.legitimate_interests).toBe("GDPR Art. 6(1)(f)");
    expect(rs.lawfulBasisArticles.consent).toBe("ZZPL čl. 12(1)(1)");
    expect(rs.lawfulBasisArticles.legitimate_interests).toBe("ZZPL čl. 12(1)(6)");
    expect([ro.specialCategoryArticle, ro.criminalDataArticle, ro.breachNotificationArticle]).toEqual([
      "GDPR Art. 9",
      "GDPR Art. 10",
      "GDPR Art. 33(1)",
    ]);
    expect([rs.specialCategoryArticle, rs.criminalDataArticle, rs.breachNotificationArticle]).toEqual([
      "ZZPL čl. 17",
      "ZZPL čl. 19",
      "ZZPL čl. 52(1)",
    ]);
  });

  it("gives other EU/EEA states the generic GDPR jurisdiction without an authority", () => {
    const de = lawFor("DE");
    expect(de).toMatchObject({ code: "DE", regime: "GDPR", timeZone: "Europe/Berlin", digitalConsentAge: 16 });
    expect(de.authority).toBeUndefined();
    expect(lawFor("FR").digitalConsentAge).toBe(15);
    expect(lawFor("BE").digitalConsentAge).toBe(13);
    expect(lawFor("NO").timeZone).toBe("Europe/Oslo");
    expect(lawFor("LI").digitalConsentAgeVerified).toBe(false);
  });

  it("accepts lower case and the EU's code EL for Greece", () => {
    expect(lawFor("rs").code).toBe("RS");
    expect(lawFor("EL").code).toBe("GR");
  });

  it.each(["US", "EU", "XX", "", "Romania"])("rejects %j as unknown_jurisdiction with HTTP 400", (code) => {
    expect(() => lawFor(code)).toThrow(RegistruError);
    try {
      lawFor(code);
    } catch (e) {
      expect(e).toMatchObject({ code: "unknown_jurisdiction", status: 400 });
    }
  });

  it("supports the 27 EU states, Iceland, Liechtenstein, Norway and Serbia", () => {
    expect(SUPPORTED_JURISDICTIONS).toHaveLength(31);
    expect(isSupportedJurisdiction("NO")).toBe(true);
    expect(isSupportedJurisdiction("CH")).toBe(false);
    expect(isSupportedJurisdiction("GB")).toBe(false);
  });

  it("cannot be changed by a caller", () => {
    const ro = lawFor("RO");
    expect(() => {
      (ro.articles as unknown as Record<string, string[]>).access = [];
    }).toThrow(TypeError);
    expect(lawFor("RO").articles.access).toEqual(["GDPR Art. 15"]);
  });
});

describe("repealed laws", () => {
  const ro = lawFor("RO").repealedLaws[0]!;
  const rs = lawFor("RS").repealedLaws[0]!;

  it("knows Law 677/2001 was repealed by Law 129/2018", () => {
    expect(ro.repealedBy).toBe("Legea 129/2018");
  });

  it.each(["Legea 677/2001", "Legea nr. 677/2001", "Law no. 677/2001", "conform Legii nr. 677 din 2001", "LEGEA NR.677/2001"])(
    "recognises the citation %j",
    (text) => {
      expect(ro.citation.test(text)).toBe(true);
    },
  );

  it.each(["Legea 190/2018", "Legea nr. 6770/2001", "Law no. 677/2011"])("does not mistake %j for it", (text) => {
    expect(ro.citation.test(text)).toBe(false);
  });

  it.each([
    '"Službeni glasnik RS", br. 97/2008',
    "Sl. glasnik RS, br. 97/08",
    "„Службени гласник РС“, бр. 97/2008",
  ])("recognises the old Serbian law cited as %j", (text) => {
    expect(rs.citation.test(text)).toBe(true);
  });

  it("does not mistake the 2018 ZZPL for the old one", () => {
    expect(rs.citation.test('"Službeni glasnik RS", br. 87/2018')).toBe(false);
  });
});
