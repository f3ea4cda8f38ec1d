import ExcelJS from "exceljs";
import { PDFParse } from "pdf-parse";
import { describe, expect, it } from "vitest";
import { toCyrillic } from "../../src/notices/index.ts";
import { buildRopa, renderRopaCsv, renderRopaPdf, renderRopaXlsx, sheetName, type Ropa } from "../../src/registers/index.ts";
import { cleanManifest, exampleNames, loadExample, loadObject } from "../helpers/manifests.ts";

const version = { version: 4, appliedAt: new Date("2026-11-23T10:00:00Z") };
const ropaOf = (name: string, lang = loadExample(name).manifest.organisation.languages[0]!) => buildRopa(loadExample(name).manifest, version, lang);

async function readXlsx(buffer: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as unknown as ArrayBuffer);
  return book;
}

const sheetRows = (sheet: ExcelJS.Worksheet) => {
  const rows: string[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ""))));
  return rows;
};

async function pdfText(buffer: Buffer) {
  return (await new PDFParse({ data: new Uint8Array(buffer) }).getText()).text;
}

/** Long cells wrap in the PDF table: compare without any whitespace. */
const squash = (s: string) => s.replace(/\s+/g, "");

/** Every string a record shows: labels, identity, security, cells. */
const allStrings = (ropa: Ropa): string[] => {
  const walk = (v: unknown): string[] => (typeof v === "string" ? [v] : Array.isArray(v) ? v.flatMap(walk) : v && typeof v === "object" ? Object.values(v).flatMap(walk) : []);
  return walk([ropa.text, ropa.identity, ropa.security, ropa.controller, ropa.processor]);
};

/** A processor manifest: IMPRO-MEDIA-like hosting for clients, with or without a client list. */
function processorManifest(clients: unknown[] | undefined, controllers: unknown) {
  const m = cleanManifest();
  m.activities.push({
    id: "hosting",
    name: { en: "Hosting for clients", ro: "Găzduire pentru clienți" },
    role: "processor",
    controllers,
    purpose: { en: "Host the client's application", ro: "Găzduim aplicația clientului" },
    subjects: ["customers"],
    data: ["contact.email"],
    recipients: [],
    transfers: "none",
  });
  if (clients) m.clients = clients;
  return loadObject(m).manifest;
}

const CLIENTS = [
  { id: "acme", name: "Acme S.A.", contact: { name: "Ana Pop", email: "dpo@acme.ro", phone: "+40 21 000 0001" } },
  { id: "beta", name: "Beta S.R.L.", contact: { email: "office@beta.ro" } },
  { id: "gamma", name: "Gamma S.R.L." },
];

describe("record of processing activities (Art. 30)", () => {
  it("has one Art. 30(1) row per controller activity with every field of the paragraph", () => {
    const { manifest } = loadExample("eldrive");
    const ropa = ropaOf("eldrive", "en");
    expect(ropa.controller).toHaveLength(manifest.activities.filter((a) => a.role !== "processor").length);
    expect(ropa.text.controllerColumns).toEqual(expect.arrayContaining(["Purpose", "Data subjects", "Personal data", "Recipients", "Transfers outside the EEA and safeguards", "Erasure time limits"]));
    expect(ropa.identity.map((i) => i.term)).toEqual(["Controller", "Contact", "Data protection officer", "Policy version"]);
    expect(ropa.security.length).toBeGreaterThan(0);
  });

  it("S4-14 states Eldrive's retention rules in words in the record", () => {
    const row = ropaOf("eldrive", "en").controller.find((r) => r[0]!.toLowerCase().includes("charging"))!;
    expect(row.at(-2)).toMatch(/3 years/);
    expect(row.at(-2)).toMatch(/last login/);
  });

  it("S4-13 records the US transfers by recipient, country and mechanism in words, with the article", () => {
    const transfers = ropaOf("eldrive", "en").controller.map((r) => r[7]).join("; ");
    expect(transfers).toContain("Amazon Web Services Limited, United States: EU-US Data Privacy Framework — adequacy decision for certified recipients (GDPR Art. 45)");
    expect(transfers).not.toMatch(/\bdpf\b|\(aws\)|(^|; )US\b/);
    const ro = ropaOf("eldrive", "ro").controller.map((r) => r[7]).join("; ");
    expect(ro).toContain("Amazon Web Services Limited, Statele Unite ale Americii: Cadrul UE-SUA privind protecția datelor");
    expect(ro).toContain("(art. 45 GDPR)");
  });

  it("names every transfer mechanism in words in each language", () => {
    const m = cleanManifest();
    m.activities[0].transfers = [
      { to: "IN", recipient: "courier", mechanism: "scc" },
      { to: "IN", mechanism: "bcr" },
      { to: "IN", mechanism: "derogation_explicit_consent" },
      { to: "IN", mechanism: "derogation_legal_claims" },
      { to: "CH" },
    ];
    const row = (lang: "en" | "ro" | "sr") => buildRopa(loadObject(m).manifest, version, lang).controller[0]![7]!;
    expect(row("en")).toBe(
      [
        "Curier S.A., India: standard contractual clauses (GDPR Art. 46(2)(c))",
        "India: binding corporate rules (GDPR Art. 47)",
        "India: derogation: explicit consent of the data subject (GDPR Art. 49(1)(a))",
        "India: derogation: establishment, exercise or defence of legal claims (GDPR Art. 49(1)(e))",
        "Switzerland: adequacy decision (GDPR Art. 45)",
      ].join("; "),
    );
    expect(row("ro")).toContain("India: clauze contractuale standard (art. 46 alin. (2) lit. c) GDPR)");
    expect(row("ro")).toContain("derogare: consimțământul explicit al persoanei vizate (art. 49 alin. (1) lit. a) GDPR)");
    expect(row("sr")).toContain("Indija: standardne ugovorne klauzule (čl. 46. st. 2. tač. c) GDPR)");
  });

  it("writes the legal bases as neutral register labels, not the notice's second person", () => {
    const en = ropaOf("eldrive", "en").controller.map((r) => r[2]).join("; ");
    expect(en).toContain("Performance of a contract (GDPR Art. 6(1)(b))");
    const ro = ropaOf("eldrive", "ro").controller.map((r) => r[2]).join("; ");
    expect(ro).toContain("Executarea unui contract (art. 6 alin. (1) lit. b) GDPR)");
    const sr = ropaOf("promedia", "sr").controller.map((r) => r[2]).join("; ");
    expect(sr).toContain("Legitimni interes (čl. 12. st. 1. tač. 6) ZZPL)");
    for (const name of exampleNames) {
      for (const lang of loadExample(name).manifest.organisation.languages) {
        const ropa = ropaOf(name, lang);
        const cells = [...ropa.controller.flatMap((r) => [r[2], r[7], r[8]]), ...ropa.processor.flatMap((r) => [r[5], r[6]])].join(" | ");
        expect(cells, `${name} ${lang}`).not.toMatch(/\byour?\b|dumneavoastră|\bvă\b|\b[Vv]aš\w*|\bvam\b|povučete/);
      }
    }
  });

  it("S0-01 keeps IMPRO-MEDIA's processor activities in a separate Art. 30(2) record and says no client is declared", () => {
    const ropa = ropaOf("impro-media", "en");
    expect(ropa.processor.map((r) => r[0])).toHaveLength(loadExample("impro-media").manifest.activities.filter((a) => a.role === "processor").length);
    expect(ropa.processor[0]![1]).toBe("each client controller — names and contacts are kept in the client register; none declared in the manifest");
    expect(ropa.identity[0]!.term).toBe("Controller and processor");
  });

  it("Art. 30(2)(a) lists the name and contact of each client controller for each_client", () => {
    const ropa = buildRopa(processorManifest(CLIENTS, "each_client"), version, "en");
    expect(ropa.processor[0]![1]).toBe(
      "each client controller: Acme S.A. (Ana Pop, dpo@acme.ro, +40 21 000 0001); Beta S.R.L. (office@beta.ro); Gamma S.R.L. (contact not stated)",
    );
    expect(buildRopa(processorManifest(undefined, "each_client"), version, "ro").processor[0]![1]).toBe(
      "fiecare client operator — denumirile și datele de contact sunt ținute în registrul clienților; niciunul nu este declarat în manifest",
    );
  });

  it("Art. 30(2)(a) names the listed client controllers with their contacts", () => {
    const ropa = buildRopa(processorManifest(CLIENTS, ["beta", "acme"]), version, "en");
    expect(ropa.processor[0]![1]).toBe("Beta S.R.L. (office@beta.ro); Acme S.A. (Ana Pop, dpo@acme.ro, +40 21 000 0001)");
  });

  it("S2-08 writes Promedia's record in Serbian under Serbian law (ZZPL čl. 47, transfers out of Serbia)", () => {
    const ropa = ropaOf("promedia", "sr");
    expect(ropa.text.controllerRecord).toBe("Evidencija radnji obrade — rukovalac (čl. 47 st. 1 ZZPL)");
    expect(ropa.text.records).toEqual({ controller: "čl. 47 st. 1 ZZPL", processor: "čl. 47 st. 2 ZZPL", security: "čl. 47 st. 1 tač. 7 ZZPL" });
    expect(ropa.text.controllerColumns).toContain("Prenos van Srbije i mere zaštite");
    expect(allStrings(ropa).join(" ")).not.toMatch(/EEP|Art\. 30/);
    expect(ropa.controller.map((r) => r[7]).join("; ")).toContain("Google Inc., Sjedinjene Države: mere zaštite nisu navedene (čl. 63. ZZPL)");
    expect(ropaOf("promedia", "en").text.controllerColumns).toContain("Transfers outside Serbia and safeguards");
    // A GDPR organisation keeps Art. 30, also in Serbian.
    expect(buildRopa(loadExample("eldrive").manifest, version, "sr").text.records.controller).toBe("Art. 30(1)");
    expect(buildRopa(loadExample("eldrive").manifest, version, "sr").text.controllerColumns).toContain("Prenos van EEP i mere zaštite");
  });

  it("writes the sr-Cyrl record wholly in Cyrillic, names and addresses as written", () => {
    const latin = ropaOf("promedia", "sr");
    const ropa = ropaOf("promedia", "sr-Cyrl");
    expect(ropa.lang).toBe("sr-Cyrl");
    expect(ropa.text.controllerRecord).toBe(toCyrillic("Evidencija radnji obrade — rukovalac (čl. 47 st. 1 ZZPL)"));
    expect(ropa.text.controllerRecord).toMatch(/^Евиденција радњи обраде — руковалац \(чл\. 47 ст\. 1 /);
    expect(ropa.text.records.controller).toBe(toCyrillic("čl. 47 st. 1 ZZPL"));
    expect(ropa.controller.map((r) => r[0])).toEqual(latin.controller.map((r) => toCyrillic(r[0]!)));
    expect(ropa.identity[0]).toEqual({ term: "Руковалац", value: "Promedia d.o.o." });
    // Labels: Cyrillic except the law's acronym.
    const labels = [ropa.text.controllerRecord, ropa.text.processorRecord, ropa.text.organisation, ropa.text.record, ...ropa.text.controllerColumns, ...ropa.text.processorColumns, ...ropa.identity.map((i) => i.term)];
    for (const l of labels) expect(l.replace(/ZZPL|GDPR/g, "")).not.toMatch(/\p{Script=Latin}/u);
    // Cells: no Serbian Latin word is left (acronyms, URLs and names such as Google stay as written).
    for (const cell of [...ropa.controller.flat(), ...ropa.security]) expect(cell).not.toMatch(/[čćžšđČĆŽŠĐ]|\b(?:nema|nije|podaci|zatim)\b/);
    expect(ropa.controller.map((r) => r[2]).join(" ")).toContain(toCyrillic("Legitimni interes (čl. 12. st. 1. tač. 6) ZZPL)"));
  });

  it("keeps every XLSX sheet name within Excel's rules", () => {
    expect(sheetName("a/b:c*d?e[f]g\\h".repeat(3))).toBe("a-b-c-d-e-f-g-ha-b-c-d-e-f-g-ha");
    for (const name of exampleNames) {
      for (const lang of ["en", "ro", "sr", "sr-Cyrl"] as const) {
        const { text } = ropaOf(name, lang);
        for (const s of [text.organisation, text.records.controller, text.records.processor]) {
          expect(sheetName(s)).toBe(s);
          expect(s.length).toBeLessThanOrEqual(31);
        }
      }
    }
  });

  it("starts the CSV with a UTF-8 BOM and separates fields with the delimiter asked for", () => {
    const ropa = ropaOf("impro-media", "ro");
    const comma = renderRopaCsv(ropa);
    expect(comma.charCodeAt(0)).toBe(0xfeff);
    expect(comma.slice(1).split("\n")[0]).toBe(["Registrul", ...ropa.text.controllerColumns].join(","));
    const semi = renderRopaCsv(ropa, { delimiter: ";" });
    expect(semi.startsWith("\uFEFF")).toBe(true);
    const lines = semi.slice(1).trimEnd().split(/\r?\n/);
    expect(lines[0]).toBe(["Registrul", ...ropa.text.controllerColumns].join(";"));
    // The processor header row: its labels hold no ; or quote, so a plain split reads it back.
    const processorHeader = lines.find((l) => l.startsWith(`Registrul;${ropa.text.processorColumns[0]}`))!;
    expect(processorHeader.split(";")).toEqual(["Registrul", ...ropa.text.processorColumns, ...Array(ropa.text.controllerColumns.length - ropa.text.processorColumns.length).fill("")]);
    expect(lines.filter((l) => l.startsWith("Art. 30(2);"))).toHaveLength(ropa.processor.length);
    const promedia = renderRopaCsv(ropaOf("promedia", "sr"), { delimiter: ";" });
    expect(promedia.slice(1).split("\n").filter((l) => l.startsWith("čl. 47 st. 1 ZZPL;"))).toHaveLength(ropaOf("promedia", "sr").controller.length);
  });

  it.each(exampleNames)("renders %s as CSV, XLSX and PDF that read back with the same content", async (name) => {
    const ropa = ropaOf(name);
    const firstActivity = ropa.controller[0]![0]!;

    const csv = renderRopaCsv(ropa);
    expect(csv.slice(1).split("\n")[0]).toContain(ropa.text.controllerColumns[0]!);
    expect(csv).toContain(firstActivity.includes('"') ? firstActivity.replaceAll('"', '""') : firstActivity);

    const book = await readXlsx(await renderRopaXlsx(ropa));
    expect(book.worksheets.map((w) => w.name)).toEqual([ropa.text.organisation, ropa.text.records.controller, ...(ropa.processor.length ? [ropa.text.records.processor] : [])]);
    const controllerRows = sheetRows(book.getWorksheet(ropa.text.records.controller)!);
    expect(controllerRows[0]).toEqual(ropa.text.controllerColumns);
    expect(controllerRows.slice(1)).toEqual(ropa.controller);
    expect(sheetRows(book.getWorksheet(ropa.text.organisation)!)[0]).toEqual([ropa.identity[0]!.term, ropa.identity[0]!.value]);
    if (ropa.processor.length) expect(sheetRows(book.getWorksheet(ropa.text.records.processor)!).slice(1)).toEqual(ropa.processor);

    const text = squash(await pdfText(await renderRopaPdf(ropa)));
    expect(text).toContain(squash(ropa.text.controllerRecord));
    expect(text).toContain(squash(loadExample(name).manifest.organisation.name));
    for (const row of [...ropa.controller, ...ropa.processor]) expect(text).toContain(squash(row[0]!));
    if (ropa.processor.length) expect(text).toContain(squash(ropa.text.processorRecord));
  });

  it("renders the sr-Cyrl record as XLSX and PDF", async () => {
    const ropa = ropaOf("promedia", "sr-Cyrl");
    const book = await readXlsx(await renderRopaXlsx(ropa));
    expect(book.worksheets.map((w) => w.name)).toEqual(["Организација", ropa.text.records.controller]);
    expect(ropa.text.records.controller).toMatch(/^чл\. 47 ст\. 1 /);
    expect(sheetRows(book.getWorksheet(ropa.text.records.controller)!).slice(1)).toEqual(ropa.controller);
    const text = squash(await pdfText(await renderRopaPdf(ropa)));
    expect(text).toContain(squash(ropa.text.controllerRecord));
    for (const row of ropa.controller) expect(text).toContain(squash(row[0]!));
  });
});
