import ExcelJS from "exceljs";
import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorityDocument, createBreach, exportBreachRegister, letterDocument, notifyBreach, renderAuthorityPdf, renderLetter, type AuthorityForm } from "../../src/breaches/index.ts";
import { fixedClock } from "../../src/clock.ts";
import { applyManifest } from "../../src/organisations/index.ts";
import { backend, openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { loadExample } from "../helpers/manifests.ts";
import { breachFixture } from "./fixtures.ts";

const pdfText = async (buffer: Buffer | string) => (await new PDFParse({ data: new Uint8Array(buffer as Buffer) }).getText()).text;
/** Long values wrap in the PDF: compare without whitespace. */
const squash = (s: string) => s.replace(/\s+/g, "");
const field = (form: AuthorityForm, id: string) => form.sections.flatMap((s) => s.fields).find((f) => f.id === id)!;

const ARTICLE_33_3 = ["type", "name", "contact_name", "contact_email", "occurred_at", "aware_at", "delay_reason", "description", "nature", "categories", "special_categories", "subject_categories", "subjects_count", "records_count", "consequences", "measures_taken", "measures_proposed", "subjects_informed", "member_states"];

describe(`breach documents on ${backend}`, () => {
  let t: TestDatabase;
  const ctx = () => t.ctx(fixedClock("2026-11-24T10:00:00+02:00"));
  let eldrive: string;
  let promedia: string;

  beforeAll(async () => {
    t = await openTestDatabase();
    await applyManifest(t.ctx(), loadExample("eldrive"), { slug: "eldrive", appliedBy: "test" });
    await applyManifest(t.ctx(), loadExample("promedia"), { slug: "promedia", appliedBy: "test" });
    eldrive = (
      await createBreach(
        ctx(),
        "eldrive",
        breachFixture({
          data_categories: ["identity.name", "contact.email", "credentials.password", "special.health", "financial.payment_card"],
          reported_by_processor: { processor: "ampeco", processor_aware_at: "2026-11-19T08:00:00+02:00", told_controller_at: "2026-11-20T08:30:00+02:00" },
          risk: { likelihood: "significant", enisa: { dpc: 3, ei: 1, cb: 0.5 } },
          decisions: { notify_authority: { notify: true, reason: "Risc ridicat" }, notify_subjects: { notify: true, reason: "Risc ridicat" } },
          measures: { taken: { ro: "Parolele au fost resetate.", en: "Passwords were reset." }, proposed: { ro: "Autentificare în doi pași pentru toți clienții.", en: "Two-step sign-in for every customer." } },
          cross_border: { member_states: ["BG", "HU"] },
        }),
        "dpo",
      )
    ).entryId;
    await notifyBreach(ctx(), "eldrive", eldrive, { to: "authority", phase: "initial", channel: "online_form", reference: "RO-4411", delay_reason: { ro: "Analiza criminalistică a durat până luni.", en: "Forensics took until Monday." } }, "dpo");
    await notifyBreach(ctx(), "eldrive", eldrive, { to: "subjects", channel: "email", count: 412 }, "dpo");
    const sr = {
      description: { sr: "Nalozima kupaca su pristupila neovlašćena lica.", en: "Customer accounts were accessed." },
      detection: { sr: "Upozorenje sistema za nadzor prijava", en: "Login monitoring alert" },
      consequences: { sr: "Rizik od prevare i lažnih poruka.", en: "Risk of fraud." },
      measures: { taken: { sr: "Lozinke su poništene.", en: "Passwords were reset." } },
    };
    promedia = (await createBreach(ctx(), "promedia", breachFixture({ ...sr, subject_categories: ["enquirers"], risk: { likelihood: "limited", severity: "limited" } }), "dpo")).entryId;
  });
  afterAll(() => t.drop());

  it("S1-08 the ANSPDCP notification has its form's fields in Romanian, filled from the entry and the policy in force", async () => {
    const form = await authorityDocument(ctx(), "eldrive", eldrive);
    expect(form).toMatchObject({ language: "ro", jurisdiction: "RO", phase: "follow_up", title: "Notificarea încălcării securității datelor cu caracter personal" });
    expect(form.basis).toContain("Decizia ANSPDCP nr. 128/2018");
    expect(form.authority?.name).toBe("Autoritatea Națională de Supraveghere a Prelucrării Datelor cu Caracter Personal");
    const ids = form.sections.flatMap((s) => s.fields.map((f) => f.id));
    expect(ids).toEqual(expect.arrayContaining(ARTICLE_33_3));
    expect(form.sections.map((s) => s.title)).toEqual([
      "1. Tipul notificării",
      "2. Datele de identificare ale operatorului",
      "3. Responsabilul cu protecția datelor sau alt punct de contact",
      "4. Informații privind încălcarea securității datelor",
      "5. Categoriile și numărul aproximativ al persoanelor vizate și al înregistrărilor",
      "6. Consecințele probabile ale încălcării",
      "7. Măsurile luate sau propuse de operator",
      "8. Informarea persoanelor vizate",
      "9. Aspecte transfrontaliere",
    ]);
    expect(field(form, "name").value).toBe("EMOBILITY CHARGING S.R.L.");
    expect(field(form, "tax_id").value).toBe("36602260");
    expect(field(form, "contact_email").value).toBe("office@eldrive.ro");
    expect(field(form, "aware_at")).toMatchObject({ label: "Data și ora la care operatorul a luat cunoștință de încălcare", value: "20.11.2026, 09:00 (UTC+02:00)", raw: "2026-11-20T09:00:00+02:00" });
    expect(field(form, "delay_reason").value).toBe("Analiza criminalistică a durat până luni.");
    expect(field(form, "previous_references").value).toBe("RO-4411");
    expect(field(form, "processor_window").value).toBe("48 de ore de la luarea la cunoștință, conform contractului; respectat");
    expect(field(form, "nature").value).toBe("confidențialitate (divulgare sau acces neautorizat)");
    expect(field(form, "special_categories").value).toBe("Date privind sănătatea (categorie specială, GDPR Art. 9)");
    expect(field(form, "subjects_count").value).toBe("între 300 și 450");
    expect(field(form, "records_count").value).toBe("1.200");
    // ENISA: SE = 3 × 1 + 0.5 = 3.5 → high severity → significant; with significant likelihood, a high risk.
    expect(field(form, "risk_level").value).toBe("risc ridicat pentru drepturile și libertățile persoanelor (probabilitate semnificativă, gravitate semnificativă)");
    expect(field(form, "measures_proposed").value).toBe("Autentificare în doi pași pentru toți clienții.");
    expect(field(form, "subjects_informed").value).toBe("Da");
    expect(field(form, "subjects_informed_how").value).toBe("24.11.2026, 10:00 (UTC+02:00), prin e-mail, 412 persoane");
    expect(field(form, "member_states").value).toBe("BG, HU");

    const text = squash(await pdfText(await renderAuthorityPdf(form)));
    for (const f of form.sections.flatMap((s) => s.fields)) {
      expect(text).toContain(squash(`${f.label}:`));
      expect(text).toContain(squash(f.value));
    }
    expect(text).toContain(squash(form.basis));
  });

  it("gives the same notification in English on request, for the initial phase when asked", async () => {
    const form = await authorityDocument(ctx(), "eldrive", eldrive, { lang: "en", phase: "initial" });
    expect(form.title).toBe("Notification of a personal data breach");
    expect(field(form, "type").value).toBe("Initial notification");
    expect(field(form, "delay_reason").value).toBe("Forensics took until Monday.");
    expect(field(form, "processor_window").value).toBe("48 hours from awareness, under the contract; met");
  });

  it("the Poverenik's notification has the form's fields in Serbian, with ZZPL vocabulary, in Latin and Cyrillic script", async () => {
    const form = await authorityDocument(ctx(), "promedia", promedia);
    expect(form).toMatchObject({ language: "sr", jurisdiction: "RS", phase: "initial", title: "Obaveštenje o povredi podataka o ličnosti" });
    expect(form.basis).toContain("„Službeni glasnik RS”, broj 40/2019");
    expect(form.authority?.name).toBe("Poverenik za informacije od javnog značaja i zaštitu podataka o ličnosti");
    expect(form.sections.map((s) => s.fields.length).reduce((a, b) => a + b, 0)).toBe(35);
    expect(field(form, "name")).toMatchObject({ label: "Naziv rukovaoca", value: "Promedia d.o.o." });
    expect(field(form, "contact_name")).toMatchObject({ label: "Ime i prezime / funkcija", value: "Ivana Stojković" });
    expect(field(form, "aware_at")).toMatchObject({ label: "Datum i vreme saznanja za povredu", value: "20.11.2026. 08:00 (UTC+01:00)" });
    expect(field(form, "delay_reason").label).toBe("Razlozi zbog kojih obaveštenje nije podneto u roku od 72 časa od saznanja za povredu");
    expect(field(form, "nature").value).toBe("narušavanje poverljivosti (neovlašćeno otkrivanje ili pristup)");
    expect(field(form, "subject_categories").value).toBe("Lica koja nam se obrate putem kontakt obrasca, e-maila ili telefona, uključujući kupce");
    expect(field(form, "consequences").value).toBe("Rizik od prevare i lažnih poruka.");
    expect(field(form, "risk_level").value).toBe("rizik po prava i slobode fizičkih lica (verovatnoća ograničena, ozbiljnost ograničena)");
    const text = squash(await pdfText(await renderAuthorityPdf(form)));
    for (const f of form.sections.flatMap((s) => s.fields)) expect(text).toContain(squash(`${f.label}:${f.value}`));

    const cyrillic = await authorityDocument(ctx(), "promedia", promedia, { lang: "sr-Cyrl" });
    expect(cyrillic.title).toBe("Обавештење о повреди података о личности");
    expect(field(cyrillic, "name").value).toBe("Promedia d.o.o.");
    expect(field(cyrillic, "contact_email").value).toBe("ivana.stojkovic@promedia.rs");
    expect(field(cyrillic, "consequences").value).toBe("Ризик од преваре и лажних порука.");
  });

  it("S1-08 writes the Art. 34 letter in plain language in ro, sr, sr-Cyrl and en, with the contact point and what subjects can do", async () => {
    const ro = await renderLetter(await letterDocument(ctx(), "eldrive", eldrive, "ro"), "txt");
    expect(ro).toContain("Stimată doamnă, stimate domn,");
    expect(ro).toContain("Conturi de clienți accesate de terți");
    expect(ro).toContain("Datele afectate sunt: nume și prenume, adresă de e-mail, parolă (criptată), date privind sănătatea, numărul cardului de plată.");
    expect(ro).toContain("Ce am făcut deja: Parolele au fost resetate.");
    expect(ro).toContain("Schimbați parola contului");
    expect(ro).toContain("anunțați imediat banca");
    expect(ro).toContain("ne puteți contacta la: office@eldrive.ro");
    expect(ro).toContain("Autoritatea Națională de Supraveghere a Prelucrării Datelor cu Caracter Personal");

    const en = await renderLetter(await letterDocument(ctx(), "eldrive", eldrive, "en"), "txt");
    expect(en).toContain("We learned of the incident on 20 November 2026.");
    expect(en).toContain("What we will still do: Two-step sign-in for every customer.");

    const sr = await renderLetter(await letterDocument(ctx(), "promedia", promedia, "sr"), "txt");
    expect(sr).toContain("obaveštavamo Vas o bezbednosnom incidentu koji se odnosi na Vaše podatke o ličnosti koje obrađuje Promedia d.o.o. Želimo");
    expect(sr).toContain("Za incident smo saznali 20. novembra 2026.");
    expect(sr).toContain("našem licu za zaštitu podataka o ličnosti, Ivana Stojković: ivana.stojkovic@promedia.rs");
    expect(sr).toContain("Imate pravo da podnesete pritužbu nadzornom organu: Poverenik za informacije od javnog značaja i zaštitu podataka o ličnosti");
    expect(sr).toContain("ZZPL čl. 53(1)");

    const cyr = await renderLetter(await letterDocument(ctx(), "promedia", promedia, "sr-Cyrl"), "txt");
    expect(cyr).toContain("Поштовани,");
    expect(cyr).toContain("За инцидент смо сазнали 20. новембра 2026.");
    expect(cyr).toContain("Ivana Stojković: ivana.stojkovic@promedia.rs");
    expect(cyr).toContain("ЗЗПЛ чл. 53(1)");
    // Only names, addresses and e-mail addresses stay in Latin script, as written in the policy.
    const latin = cyr.replace(/Ivana Stojković|Promedia d\.o\.o\.( Kikinda)?|Kralja Petra I 114|Kikinda|\S+@\S+|https:\/\/\S+/g, "");
    expect(latin).not.toMatch(/[A-Za-zčćšžđ]/);

    const pdf = squash(await pdfText(await renderLetter(await letterDocument(ctx(), "eldrive", eldrive, "ro"), "pdf")));
    expect(pdf).toContain(squash("Informare privind încălcarea securității datelor dumneavoastră cu caracter personal"));
    expect(pdf).toContain(squash("Schimbați parola contului dumneavoastră la noi"));
  });

  it("S1-08 exports the incident register (Art. 33(5): facts, effects, remedial action) as CSV, XLSX and PDF", async () => {
    const csv = (await exportBreachRegister(ctx(), "eldrive", "csv")) as string;
    expect(csv.startsWith("\uFEFFNr.,Incident,Data luării la cunoștință")).toBe(true);
    const lines = csv.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(eldrive);
    expect(lines[1]).toContain("Notificare inițială: 24.11.2026, 10:00 (UTC+02:00), nr. RO-4411; după 72 de ore, cu motivarea întârzierii");
    expect(lines[1]).toContain("Parolele au fost resetate. Autentificare în doi pași pentru toți clienții.");

    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await exportBreachRegister(ctx(), "promedia", "xlsx")) as unknown as ArrayBuffer);
    const rows: string[][] = [];
    book.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ""))));
    expect(rows[0]).toEqual(["Rukovalac", "Promedia d.o.o."]);
    expect(rows.find((r) => r[0] === "Br.")).toContain("Posledice");
    expect(rows.at(-1)).toEqual(expect.arrayContaining([promedia, "Rizik od prevare i lažnih poruka.", "Lozinke su poništene.", "otvoreno"]));

    const pdf = squash(await pdfText((await exportBreachRegister(ctx(), "eldrive", "pdf", { lang: "en" })) as Buffer));
    expect(pdf).toContain(squash("Register of personal data breaches"));
    expect(pdf).toContain(eldrive);
    expect(pdf).toContain(squash("GDPR Art. 33(5)"));
  });
});
