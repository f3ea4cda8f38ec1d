import { PDFParse } from "pdf-parse";
import { describe, expect, it } from "vitest";
import { ANSPDCP, lawFor, POVERENIK } from "../../src/law/index.ts";
import { LETTER_LANGUAGES, type SubjectRequest } from "../../src/requests/index.ts";
import { decisionLetter, extensionLetter, forwardedLetter, responseLetter, type LetterContext } from "../../src/requests/letters/index.ts";
import { renderLetterPdf, renderLetterText } from "../../src/requests/index.ts";
import { letterContext, type RequestOrganisation } from "../../src/requests/organisation.ts";
import { loadExample } from "../helpers/manifests.ts";

const base = (over: Partial<SubjectRequest>): SubjectRequest => ({
  right: "erasure",
  state: "done",
  language: "ro",
  channel: "web_form",
  receivedAt: "2026-11-23T10:00:00.000Z",
  jurisdiction: "RO",
  subject: { email: "ana@example.com" },
  details: {},
  verification: { sends: [], attempts: 0 },
  pauses: [],
  outcome: { rows: [{ system: "app_db", table: "invoices", found: 2, kept: [{ count: 2, reason: "legal_obligation" }] }] },
  ...over,
});

function context(slug: "eldrive" | "promedia", request: SubjectRequest): LetterContext {
  const manifest = loadExample(slug).manifest;
  const org: RequestOrganisation = { tenantId: "t", slug, manifest, jurisdiction: lawFor(manifest.organisation.jurisdiction) };
  return letterContext(org, "request-2026-007", request);
}

const cyrillic = /[\u0400-\u04FF]/;

describe("response letters", () => {
  it("in every language, a Romanian organisation's answer cites the GDPR article of the right and ANSPDCP with its address", () => {
    for (const language of LETTER_LANGUAGES) {
      const text = renderLetterText(responseLetter(context("eldrive", base({ language }))));
      expect(text, language).toContain("GDPR Art. 17");
      expect(text, language).toContain("GDPR Art. 77");
      expect(text, language).toContain("ANSPDCP");
      expect(text, language).toContain(ANSPDCP.address);
      expect(text, language).toContain("EMOBILITY CHARGING S.R.L.");
    }
  });

  it("in every language, a Serbian organisation's answer cites the ZZPL article and the Poverenik with its address", () => {
    for (const language of LETTER_LANGUAGES) {
      const text = renderLetterText(responseLetter(context("promedia", base({ language, jurisdiction: "RS", right: "access" }))));
      const zzpl = language === "sr-Cyrl" ? "ЗЗПЛ чл." : "ZZPL čl.";
      expect(text, language).toContain(`${zzpl} 26`);
      expect(text, language).toContain(`${zzpl} 82`);
      expect(text, language).toContain(language === "sr-Cyrl" ? "Булевар краља Александра 15, 11120 Београд" : POVERENIK.address);
      expect(text, language).toContain("www.poverenik.rs");
    }
  });

  it("writes Romanian with ș and ț (comma below), Serbian Latin with č ć š ž đ, and Serbian Cyrillic without Latin words of its own", () => {
    const ro = renderLetterText(responseLetter(context("eldrive", base({ language: "ro" }))));
    expect(ro).toContain("Păstrăm înregistrările din app_db.invoices (2) deoarece o obligație legală ne impune să le păstrăm.");
    expect(ro).not.toMatch(/[şţŞŢ]/);
    const sr = renderLetterText(responseLetter(context("promedia", base({ language: "sr", jurisdiction: "RS" }))));
    expect(sr).toContain("Zadržavamo zapise iz app_db.invoices (2) jer nas zakon obavezuje da ih čuvamo.");
    expect(sr).toContain("pravo na brisanje podataka o ličnosti (ZZPL čl. 30)");
    const cyr = renderLetterText(responseLetter(context("promedia", base({ language: "sr-Cyrl", jurisdiction: "RS" }))));
    expect(cyr).toContain("право на брисање података о личности (ЗЗПЛ чл. 30)");
    expect(cyr).toContain("app_db.invoices");
    // Names, e-mail addresses, links, ids and table names stay as written; nothing else is Latin.
    const own = cyr.replace(/\S+@\S+|https?:\/\/\S+|request-\d{4}-\d+|app_db\.\w+|Promedia d\.o\.o\./g, "");
    expect(own.match(/[a-zA-Zčćšžđ]{2,}/g) ?? []).toEqual([]);
    expect(cyr).toMatch(cyrillic);
  });

  it("the extension letter says two further months (GDPR) or 60 days (ZZPL), the new date and the reasons", () => {
    const extension = { at: "2026-12-01T10:00:00.000Z", reason: "three archives", by: "dpo" };
    const ro = renderLetterText(extensionLetter(context("eldrive", base({ state: "in_progress", language: "en", extension, outcome: undefined }))));
    expect(ro).toContain("Under GDPR Art. 12(3) we extend the period by two further months; we will answer by 23 February 2027 at the latest.");
    expect(ro).toContain("Our reasons: three archives");
    const rs = renderLetterText(extensionLetter(context("promedia", base({ state: "in_progress", language: "sr", jurisdiction: "RS", extension, outcome: undefined }))));
    expect(rs).toContain("U skladu sa ZZPL čl. 21, rok produžavamo za još 60 dana; odgovorićemo vam najkasnije do 22. februara 2027.");
  });

  it("the refusal letter gives the Art. 12(5) ground, the reasons and the way to complain", () => {
    const decision = { kind: "refused", ground: "manifestly_unfounded", reasons: "the account never existed", article: "GDPR Art. 12(5)", at: "2026-11-24T10:00:00.000Z", by: "dpo" } as const;
    const text = renderLetterText(decisionLetter(context("eldrive", base({ state: "refused", language: "ro", decision, outcome: undefined }))));
    expect(text).toContain("Nu vom da curs acestei cereri, deoarece este vădit nefondată (GDPR Art. 12(5)).");
    expect(text).toContain("Motivele noastre: the account never existed");
    expect(text).toContain("aveți dreptul să depuneți o plângere la autoritatea de supraveghere (GDPR Art. 77)");
  });

  it("the forwarded letter names the controller and cites the processor article by jurisdiction", () => {
    const forwardedTo = { client: "x", name: "Klijent d.o.o.", email: "dpo@klijent.example", activity: "hosting", at: "2026-11-23T10:05:00.000Z" };
    const text = renderLetterText(forwardedLetter(context("promedia", base({ state: "forwarded", language: "sr", jurisdiction: "RS", forwardedTo, outcome: undefined })), { activity: "Hosting" }));
    expect(text).toContain("mi smo samo obrađivač koji postupa u ime rukovaoca Klijent d.o.o. (ZZPL čl. 45)");
    expect(text).toContain("Kontakt rukovaoca: Klijent d.o.o., dpo@klijent.example.");
  });

  it("renders the same letter as a tagged PDF that contains the article and the authority", async () => {
    const letter = responseLetter(context("eldrive", base({ language: "ro" })));
    const pdf = await renderLetterPdf(letter);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = (await new PDFParse({ data: new Uint8Array(pdf) }).getText()).text.replace(/\s+/g, " ");
    expect(text).toContain("GDPR Art. 17");
    expect(text).toContain("Autoritatea Națională de Supraveghere");
    expect(text).toContain("Răspuns la cererea dumneavoastră nr. 2026-007");
  });
});
