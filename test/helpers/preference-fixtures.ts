import { cleanManifest } from "./manifests.ts";

/**
 * An organisation with what the preference centre lists and what it must leave out: two
 * consent-based activities (one translated into Serbian, one only into Romanian and English), a
 * contract-based one, a consent-based activity done as processor for clients, analytics cookies on
 * consent, a necessary cookie and marketing cookies claimed under legitimate interests.
 */
export function preferenceManifest(websites: string[] = ["https://www.exemplu.ro"]): Record<string, any> {
  const m = cleanManifest();
  m.organisation.languages = ["ro", "sr", "en"];
  m.organisation.websites = websites;
  m.subjects.push({ id: "subscribers" }, { id: "visitors" });
  const consent = { methods: ["checkbox"], withdrawal: ["preference_centre", "unsubscribe_link"] };
  m.activities.push(
    {
      id: "newsletter",
      name: { en: "Newsletter and offers", ro: "Newsletter și oferte", sr: "Bilten i ponude" },
      role: "controller",
      purpose: { en: "Send offers by e-mail", ro: "Trimiterea de oferte prin e-mail", sr: "Slanje ponuda e-poštom" },
      legal_basis: ["consent"],
      consent,
      subjects: ["subscribers"],
      data: ["contact.email"],
      source: "subject",
      transfers: "none",
      automated_decisions: "none",
      retention: { keep: "until_withdrawn", then: "delete" },
    },
    {
      id: "location",
      name: { en: "Nearby shops", ro: "Magazine din apropiere" },
      role: "controller",
      purpose: { en: "Show the shops near you", ro: "Afișarea magazinelor din apropierea dumneavoastră" },
      legal_basis: ["consent"],
      consent,
      subjects: ["customers"],
      data: ["location.precise"],
      source: "subject",
      transfers: "none",
      automated_decisions: "none",
      retention: { keep: "session", then: "delete" },
    },
    {
      id: "client_webinars",
      name: { en: "Webinars for clients", ro: "Webinare pentru clienți" },
      role: "processor",
      controllers: "each_client",
      purpose: { en: "Run clients' webinars", ro: "Organizarea webinarelor clienților" },
      legal_basis: ["consent"],
      subjects: ["customers"],
      data: ["contact.email"],
    },
  );
  m.cookies = [
    { name: "session", provider: "Exemplu", purpose: { en: "Keep you signed in", ro: "Păstrarea autentificării" }, lifetime: "session", category: "necessary", legal_basis: "strictly_necessary" },
    { name: "_ga", provider: "Google", purpose: { en: "Count visits", ro: "Numărarea vizitelor", sr: "Brojanje poseta" }, lifetime: "P13M", category: "analytics", legal_basis: "consent", third_party: true, country: "US" },
    { name: "_gid", provider: "Google", purpose: { en: "Count visits", ro: "Numărarea vizitelor", sr: "Brojanje poseta" }, lifetime: "P1D", category: "analytics", legal_basis: "consent", third_party: true, country: "US" },
    { name: "_fbp", provider: "Meta", purpose: { en: "Advertising", ro: "Publicitate" }, lifetime: "P3M", category: "marketing", legal_basis: "legitimate_interests", third_party: true, country: "US" },
  ];
  m.cookie_consent = { method: "banner", reject_on_first_layer: true, pre_ticked: false, banner: { reject_style: "button", reopen: true } };
  return m;
}
