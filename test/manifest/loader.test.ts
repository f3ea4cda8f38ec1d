import { describe, expect, it } from "vitest";
import { ManifestInvalid, parseManifest, type ManifestProblem } from "../../src/manifest/index.ts";
import { cleanManifest, loadObject } from "../helpers/manifests.ts";
import { stringify } from "yaml";

function problemsOf(source: string): ManifestProblem[] {
  try {
    parseManifest(source, "broken.yaml");
  } catch (e) {
    if (e instanceof ManifestInvalid) return e.problems;
    throw e;
  }
  throw new Error("expected the manifest to be rejected");
}

const clean = stringify(cleanManifest());

describe("manifest loader", () => {
  it("accepts a complete manifest and keeps its values typed", () => {
    const { manifest } = parseManifest(clean);
    expect(manifest.organisation.jurisdiction).toBe("RO");
    expect(manifest.activities[0]!.retention).toEqual({ keep: "P3Y", after: "contract_end", then: "delete" });
  });

  it("reports a YAML syntax error with line and column", () => {
    const [p] = problemsOf("organisation:\n  name: [unclosed\n  country: RO\n");
    expect(p!.file).toBe("broken.yaml");
    expect(p!.line).toBeGreaterThanOrEqual(2);
    expect(p!.message).toMatch(/^YAML:/);
  });

  it("points an unknown key at the key itself", () => {
    const source = clean.replace("  country: RO\n", "  country: RO\n  contry: RO\n");
    const line = source.split("\n").findIndex((l) => l.includes("contry")) + 1;
    expect(problemsOf(source)).toEqual([expect.objectContaining({ line, col: 3, path: "organisation.contry", message: 'unknown key "contry"' })]);
  });

  it("points a wrong value at the value, with the allowed ones", () => {
    const source = clean.replace("- contract\n", "- contrakt\n");
    const line = source.split("\n").findIndex((l) => l.includes("contrakt")) + 1;
    const [p] = problemsOf(source);
    expect(p).toMatchObject({ line, path: "activities[0].legal_basis[0]" });
    expect(p!.message).toContain("legitimate_interests");
  });

  it("tells to quote a phone number that YAML read as a number", () => {
    const source = clean.replace('phone: "+40210000000"', "phone: +40210000000");
    const [p] = problemsOf(source);
    expect(p!.path).toBe("organisation.contact.phone");
    expect(p!.message).toContain("quotes");
  });

  it("names a missing required key at the object that lacks it", () => {
    const m = cleanManifest();
    delete m.activities[0].purpose;
    const problems = problemsOf(stringify(m));
    expect(problems).toEqual([expect.objectContaining({ path: "activities[0].purpose", message: 'missing required key "purpose"' })]);
    expect(problems[0]!.line).toBe(stringify(m).split("\n").findIndex((l) => l.includes("- id: orders")) + 1);
  });

  it("rejects data categories outside the taxonomy and suggests known ones", () => {
    const m = cleanManifest();
    m.activities[0].data.push("contact.mail");
    const [p] = problemsOf(stringify(m));
    expect(p!.message).toContain('unknown data category "contact.mail"');
    expect(p!.message).toContain("contact.email");
  });

  it("rejects references to undefined subjects, recipients and tables", () => {
    const m = cleanManifest();
    m.activities[0].subjects.push("ghosts");
    m.activities[0].recipients.push("nobody");
    m.systems = [{ id: "db", kind: "postgres", tables: { orders: { activity: "orders", belongs_to: { customer_id: "customers.id" } } } }];
    const messages = problemsOf(stringify(m)).map((p) => p.message);
    expect(messages).toEqual([
      'unknown subject category "ghosts"; define it under subjects',
      'unknown recipient "nobody"; define it under processors or recipients',
      '"customers.id" names no table declared under systems',
    ]);
  });

  it("rejects duplicate ids and duplicate keys", () => {
    const m = cleanManifest();
    m.activities.push({ ...m.activities[0] });
    expect(problemsOf(stringify(m))[0]!.message).toBe('duplicate id "orders"');
    expect(problemsOf("organisation: {}\norganisation: {}\n")[0]!.message).toMatch(/YAML: .*unique/i);
  });

  it("refuses an unresolved alias and an alias bomb as YAML errors, with a position", () => {
    expect(problemsOf("organisation: *nope\n")[0]).toMatchObject({ line: 1, col: 15, message: expect.stringContaining("Unresolved alias") });
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x]", ...["b", "c", "d", "e"].map((k, i) => `${k}: &${k} [${Array(9).fill(`*${"abcd"[i]}`).join(", ")}]`)].join("\n");
    expect(problemsOf(bomb)[0]!.message).toMatch(/^YAML: .*alias/i);
  });

  it("refuses a jurisdiction whose law Registru does not know, and impossible dates", () => {
    const unknown = clean.replace("jurisdiction: RO", "jurisdiction: US");
    expect(problemsOf(unknown)[0]).toMatchObject({ path: "organisation.jurisdiction", message: expect.stringContaining("Registru knows the law of") });
    const feb30 = clean.replace("approved: 2026-01-10", "approved: 2026-02-30");
    expect(problemsOf(feb30)[0]).toMatchObject({ path: "document.approved", message: "expected a real date as YYYY-MM-DD" });
  });

  it("accepts S1-01 national identifiers (CNP, ID card, passport, health card, driving licence) and bank cards", () => {
    const m = cleanManifest();
    m.activities[0].data.push("national_id.cnp", "national_id.id_card", "national_id.passport", "national_id.health_card", "national_id.driving_licence", "national_id.jmbg", "financial.payment_card");
    expect(() => loadObject(m)).not.toThrow();
  });

  it("fails with the ManifestInvalid error code the CLI and API map to exit 2 and HTTP 422", () => {
    try {
      parseManifest("organisation: 1", "x.yaml");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ManifestInvalid);
      expect((e as ManifestInvalid).code).toBe("manifest_invalid");
      expect((e as ManifestInvalid).status).toBe(422);
    }
  });
});
