import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { stringify } from "yaml";
import { parseManifest, vocabulary, type LoadedManifest } from "../../src/manifest/index.ts";

export const exampleFile = (name: string) => fileURLToPath(new URL(`../../examples/${name}.yaml`, import.meta.url));
export const exampleNames = ["impro-media", "sentosa", "promedia", "registratura", "eldrive"] as const;

export const loadExample = (name: string): LoadedManifest => {
  const file = exampleFile(name);
  return parseManifest(readFileSync(file, "utf8"), file);
};

/** A small manifest that lints clean; tests change one thing and expect one finding. */
export function cleanManifest(): Record<string, any> {
  return {
    organisation: {
      name: "Exemplu S.R.L.",
      trade_register: "J40/1/2020",
      tax_id: "RO123",
      address: "Str. Exemplu 1, București",
      country: "RO",
      jurisdiction: "RO",
      languages: ["ro", "en"],
      contact: { email: "office@exemplu.ro", phone: "+40210000000" },
    },
    dpo: { appointed: true, email: "dpo@exemplu.ro" },
    subjects: [{ id: "customers" }],
    activities: [
      {
        id: "orders",
        name: { en: "Orders", ro: "Comenzi" },
        role: "controller",
        purpose: { en: "Deliver orders", ro: "Livrarea comenzilor" },
        legal_basis: ["contract"],
        subjects: ["customers"],
        data: ["identity.name", "contact.email", "contact.delivery_address"],
        source: "subject",
        recipients: ["courier"],
        transfers: "none",
        automated_decisions: "none",
        retention: { keep: "P3Y", after: "contract_end", then: "delete" },
      },
    ],
    processors: [
      {
        id: "courier",
        name: "Curier S.A.",
        country: "RO",
        dpa: {
          signed: "2024-01-01",
          breach_notice_hours: 24,
          terms: [...vocabulary.dpaTermsRequired],
        },
      },
    ],
    security_measures: [{ id: "tls", measure: "TLS everywhere", kind: "technical" }],
    rights: {
      offered: ["information", "access", "rectification", "erasure", "restriction", "portability", "objection", "automated_decision", "withdraw_consent", "complaint"],
      channels: [{ kind: "email", value: "dpo@exemplu.ro" }],
    },
    document: { edition: "1.0", approved: "2026-01-10", next_review: "2027-01-10" },
  };
}

export const loadObject = (m: unknown, file = "test.yaml") => parseManifest(stringify(m), file);

/** The clean manifest plus a consent-based newsletter purpose; `activity` overrides its fields. */
export function newsletterManifest(opts: { jurisdiction?: string; expires?: string; activity?: Record<string, unknown> } = {}) {
  const m = cleanManifest();
  if (opts.jurisdiction) {
    m.organisation.jurisdiction = opts.jurisdiction;
    m.organisation.country = opts.jurisdiction;
  }
  m.activities.push({
    ...m.activities[0],
    id: "newsletter",
    name: { en: "Newsletter", ro: "Newsletter" },
    purpose: { en: "Send offers by e-mail", ro: "Trimiterea ofertelor prin e-mail" },
    legal_basis: ["consent"],
    consent: { methods: ["checkbox"], withdrawal: ["unsubscribe_link"], ...(opts.expires && { expires: opts.expires }) },
    data: ["contact.email"],
    recipients: [],
    ...opts.activity,
  });
  return m;
}
