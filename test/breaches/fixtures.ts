import type { Breach, BreachInput } from "../../src/breaches/index.ts";

/** A credential-stuffing incident at an online shop: valid, and each test changes what it is about. */
export function breachFixture(overrides: Partial<BreachInput> = {}): BreachInput {
  return {
    title: "Customer accounts accessed with reused passwords",
    description: {
      ro: "Conturi de clienți accesate de terți cu parole refolosite din alte scurgeri de date.",
      sr: "Nalozima kupaca su pristupila neovlašćena lica pomoću lozinki preuzetih iz drugih curenja podataka.",
      en: "Customer accounts were accessed by third parties with passwords reused from other leaks.",
    },
    aware_at: "2026-11-20T09:00:00+02:00",
    occurred_at: { from: "2026-11-18T00:00:00+02:00", to: "2026-11-19T23:00:00+02:00" },
    detection: { ro: "Alertă de monitorizare pentru autentificări anormale", en: "Monitoring alert on abnormal logins" },
    nature: ["confidentiality"],
    data_categories: ["identity.name", "contact.email", "contact.delivery_address", "credentials.password"],
    subject_categories: ["customers"],
    subjects_count: { min: 300, max: 450 },
    records_count: 1200,
    consequences: { ro: "Risc de fraudă și de mesaje de tip phishing.", en: "Risk of fraud and phishing messages." },
    measures: { taken: { ro: "Parolele conturilor afectate au fost resetate.", en: "Passwords of the affected accounts were reset." } },
    ...overrides,
  };
}

/** The stored form, for the pure clock and risk functions. */
export function storedFixture(overrides: Partial<Breach> = {}): Breach {
  const { reported_by_processor: _p, ...input } = breachFixture();
  return { ...input, jurisdiction: "RO", notifications: [], ...overrides };
}
