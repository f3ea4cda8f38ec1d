import { toCyrillic } from "../../src/notices/cyrillic.ts";

export const LANGUAGES = ["ro", "sr", "sr-Cyrl", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

export const RIGHTS = ["access", "rectification", "erasure", "restriction", "portability", "objection", "automated_decision", "withdraw_consent", "complaint"] as const;
export type Right = (typeof RIGHTS)[number];

export const STATES = ["received", "verifying", "in_progress", "awaiting", "done", "refused", "forwarded"] as const;
export type State = (typeof STATES)[number];

export interface UiText {
  title: string;
  intro: (organisation: string) => string;
  language: string;
  rightLegend: string;
  rights: Record<Right, { label: string; hint: string }>;
  aboutYou: string;
  name: string;
  email: string;
  emailHint: string;
  phone: string;
  customerId: string;
  optional: string;
  details: string;
  detailsHint: Record<Right, string>;
  fieldsLegend: string;
  fieldName: string;
  fieldValue: string;
  addField: string;
  purposesLegend: string;
  concerns: string;
  purposesHint: Record<"objection" | "withdraw_consent", string>;
  representative: string;
  representativeLegend: string;
  repName: string;
  repRelationship: string;
  proofReference: string;
  proofFile: string;
  proofHint: string;
  submit: string;
  sending: string;
  required: string;
  invalidEmail: string;
  fieldsRequired: string;
  proofRequired: string;
  failed: string;
  rateLimited: string;
  mailFailed: string;
  codeTitle: string;
  codeIntro: string;
  code: string;
  codeHint: string;
  verify: string;
  verifying: string;
  wrongCode: (left: number) => string;
  expired: string;
  locked: string;
  resend: string;
  resent: string;
  tooSoon: string;
  statusTitle: string;
  requestNo: (id: string) => string;
  state: Record<State, string>;
  due: (date: string) => string;
  completed: (date: string) => string;
  keepLink: string;
  refresh: string;
  another: string;
  notFound: string;
}

const ro: UiText = {
  title: "Drepturile dumneavoastră privind datele personale",
  intro: (o) => `Aici puteți cere ${o} să vă arate, să corecteze, să șteargă sau să nu mai folosească datele dumneavoastră personale, sau îi puteți pune o întrebare. Cererea este gratuită; vă trimitem pe e-mail un cod pentru a o confirma, apoi răspunsul.`,
  language: "Limba",
  rightLegend: "Ce doriți să cereți?",
  rights: {
    access: { label: "Acces la date", hint: "Aflați ce date avem despre dumneavoastră și primiți o copie." },
    rectification: { label: "Rectificare", hint: "Corectăm datele greșite sau incomplete." },
    erasure: { label: "Ștergere („dreptul de a fi uitat”)", hint: "Ștergem datele, cu excepția celor pe care legea ne obligă să le păstrăm." },
    restriction: { label: "Restricționarea prelucrării", hint: "Păstrăm datele, dar nu le mai folosim cât timp verificăm o problemă." },
    portability: { label: "Portabilitate", hint: "Primiți datele furnizate de dumneavoastră într-un format pe care îl puteți duce în altă parte." },
    objection: { label: "Opoziție", hint: "Vă opuneți unei prelucrări, de exemplu marketingului direct." },
    automated_decision: { label: "Reanalizarea unei decizii automate", hint: "O persoană reanalizează o decizie luată doar de un sistem informatic." },
    withdraw_consent: { label: "Retragerea consimțământului", hint: "Nu mai folosim datele în scopurile pentru care v-ați dat consimțământul." },
    complaint: { label: "Plângere sau întrebare", hint: "Ne spuneți ce nu este în regulă sau ne întrebați ceva despre datele dumneavoastră." },
  },
  aboutYou: "Datele dumneavoastră de contact",
  name: "Nume și prenume",
  email: "Adresa de e-mail",
  emailHint: "Aici primiți codul de confirmare și răspunsul nostru.",
  phone: "Telefon",
  customerId: "Număr de client",
  optional: "(opțional)",
  details: "Detalii",
  detailsHint: {
    access: "Opțional: o perioadă sau un serviciu anume.",
    rectification: "Ce date sunt greșite și cum sunt corect?",
    erasure: "Opțional: de ce cereți ștergerea.",
    restriction: "De ce cereți restricționarea (de exemplu, datele sunt inexacte)?",
    portability: "Opțional: ce date doriți.",
    objection: "Motivele opoziției, legate de situația dumneavoastră.",
    automated_decision: "Ce decizie și când a fost luată?",
    withdraw_consent: "Opțional: orice altă precizare.",
    complaint: "Plângerea sau întrebarea dumneavoastră.",
  },
  fieldsLegend: "Date de corectat",
  fieldName: "Ce dată (de exemplu: telefon, adresă)",
  fieldValue: "Valoarea corectă",
  addField: "Adaugă încă o dată",
  purposesLegend: "Pentru care prelucrări?",
  concerns: "Despre ce serviciu este vorba?",
  purposesHint: { objection: "Alegeți prelucrările la care vă opuneți.", withdraw_consent: "Dacă nu alegeți nimic, retragem consimțământul pentru toate scopurile." },
  representative: "Fac cererea în numele altei persoane",
  representativeLegend: "Reprezentantul",
  repName: "Numele dumneavoastră (reprezentantul)",
  repRelationship: "Calitatea (de exemplu: avocat, părinte, tutore)",
  proofReference: "Documentul care vă împuternicește (număr, dată)",
  proofFile: "Copia documentului",
  proofHint: "Documentul rămâne pe dispozitivul dumneavoastră: trimitem doar amprenta lui (SHA-256), ca să putem verifica apoi copia pe care ne-o arătați.",
  submit: "Trimite cererea",
  sending: "Se trimite…",
  required: "Completați acest câmp.",
  invalidEmail: "Scrieți o adresă de e-mail validă.",
  fieldsRequired: "Spuneți ce date să corectăm, aici sau în detalii.",
  proofRequired: "Alegeți copia documentului de împuternicire.",
  failed: "Cererea nu a putut fi trimisă. Verificați datele și încercați din nou.",
  rateLimited: "Prea multe încercări de la această adresă. Încercați din nou mai târziu.",
  mailFailed: "Cererea este înregistrată, dar e-mailul cu codul nu a plecat. Cereți un cod nou peste câteva minute.",
  codeTitle: "Confirmați cererea",
  codeIntro: "V-am trimis pe e-mail un cod de 6 cifre. Este valabil 30 de minute.",
  code: "Codul din e-mail",
  codeHint: "6 cifre",
  verify: "Confirmă",
  verifying: "Se verifică…",
  wrongCode: (left) => `Codul nu este corect. Mai aveți ${left} ${left === 1 ? "încercare" : "încercări"}.`,
  expired: "Codul a expirat. Cereți un cod nou.",
  locked: "Prea multe coduri greșite: cererea este blocată. Organizația vă va contacta.",
  resend: "Trimite un cod nou",
  resent: "Am trimis un cod nou.",
  tooSoon: "Puteți cere un cod nou peste un minut.",
  statusTitle: "Stadiul cererii",
  requestNo: (id) => `Cererea nr. ${id}`,
  state: {
    received: "Primită; așteaptă confirmarea adresei de e-mail.",
    verifying: "Așteaptă confirmarea cu codul din e-mail (sau verificarea împuternicirii).",
    in_progress: "Confirmată; o rezolvăm.",
    awaiting: "În așteptare: v-am cerut o informație.",
    done: "Rezolvată: v-am trimis răspunsul pe e-mail.",
    refused: "Respinsă: v-am trimis motivele pe e-mail.",
    forwarded: "Transmisă operatorului care decide asupra datelor; v-am scris cine este.",
  },
  due: (d) => `Termen de răspuns: ${d}`,
  completed: (d) => `Încheiată la ${d}`,
  keepLink: "Păstrați adresa acestei pagini pentru a urmări cererea.",
  refresh: "Actualizează",
  another: "Fă o altă cerere",
  notFound: "Nu am găsit această cerere. Verificați linkul.",
};

const sr: UiText = {
  title: "Vaša prava u vezi sa podacima o ličnosti",
  intro: (o) => `Ovde možete da tražite od ${o} da vam pokaže, ispravi, izbriše ili prestane da koristi vaše podatke o ličnosti, ili da postavite pitanje. Zahtev je besplatan; e-mailom vam šaljemo kod da ga potvrdite, a zatim odgovor.`,
  language: "Jezik",
  rightLegend: "Šta želite da zatražite?",
  rights: {
    access: { label: "Pristup podacima", hint: "Saznajte koje podatke imamo o vama i dobijte kopiju." },
    rectification: { label: "Ispravka", hint: "Ispravljamo netačne ili nepotpune podatke." },
    erasure: { label: "Brisanje", hint: "Brišemo podatke, osim onih koje po zakonu moramo da čuvamo." },
    restriction: { label: "Ograničenje obrade", hint: "Čuvamo podatke, ali ih ne koristimo dok proveravamo problem." },
    portability: { label: "Prenosivost", hint: "Dobijate podatke koje ste nam dali u formatu koji možete da prenesete drugde." },
    objection: { label: "Prigovor", hint: "Protivite se obradi, na primer direktnom marketingu." },
    automated_decision: { label: "Preispitivanje automatizovane odluke", hint: "Fizičko lice preispituje odluku koju je doneo samo računarski sistem." },
    withdraw_consent: { label: "Opoziv pristanka", hint: "Prestajemo da koristimo podatke u svrhe za koje ste dali pristanak." },
    complaint: { label: "Pritužba ili pitanje", hint: "Recite nam šta nije u redu ili nas pitajte nešto o svojim podacima." },
  },
  aboutYou: "Vaši kontakt podaci",
  name: "Ime i prezime",
  email: "E-mail adresa",
  emailHint: "Ovde dobijate kod za potvrdu i naš odgovor.",
  phone: "Telefon",
  customerId: "Broj korisnika",
  optional: "(nije obavezno)",
  details: "Detalji",
  detailsHint: {
    access: "Nije obavezno: određeni period ili usluga.",
    rectification: "Koji podaci su netačni i kako glase tačno?",
    erasure: "Nije obavezno: zašto tražite brisanje.",
    restriction: "Zašto tražite ograničenje (na primer, podaci su netačni)?",
    portability: "Nije obavezno: koje podatke želite.",
    objection: "Razlozi prigovora, u vezi sa vašom situacijom.",
    automated_decision: "Koja odluka i kada je doneta?",
    withdraw_consent: "Nije obavezno: bilo šta drugo.",
    complaint: "Vaša pritužba ili pitanje.",
  },
  fieldsLegend: "Podaci za ispravku",
  fieldName: "Koji podatak (na primer: telefon, adresa)",
  fieldValue: "Tačna vrednost",
  addField: "Dodaj još jedan podatak",
  purposesLegend: "Za koje obrade?",
  concerns: "Na koju uslugu se odnosi?",
  purposesHint: { objection: "Izaberite obrade na koje ulažete prigovor.", withdraw_consent: "Ako ništa ne izaberete, opozivamo pristanak za sve svrhe." },
  representative: "Podnosim zahtev u ime drugog lica",
  representativeLegend: "Zastupnik",
  repName: "Vaše ime (zastupnik)",
  repRelationship: "Svojstvo (na primer: advokat, roditelj, staratelj)",
  proofReference: "Dokument o ovlašćenju (broj, datum)",
  proofFile: "Kopija dokumenta",
  proofHint: "Dokument ostaje na vašem uređaju: šaljemo samo njegov otisak (SHA-256), da bismo kasnije proverili kopiju koju nam pokažete.",
  submit: "Pošalji zahtev",
  sending: "Šalje se…",
  required: "Popunite ovo polje.",
  invalidEmail: "Upišite ispravnu e-mail adresu.",
  fieldsRequired: "Navedite koje podatke da ispravimo, ovde ili u detaljima.",
  proofRequired: "Izaberite kopiju dokumenta o ovlašćenju.",
  failed: "Zahtev nije poslat. Proverite podatke i pokušajte ponovo.",
  rateLimited: "Previše pokušaja sa ove adrese. Pokušajte ponovo kasnije.",
  mailFailed: "Zahtev je evidentiran, ali e-mail sa kodom nije poslat. Zatražite novi kod za nekoliko minuta.",
  codeTitle: "Potvrdite zahtev",
  codeIntro: "Poslali smo vam e-mailom kod od 6 cifara. Važi 30 minuta.",
  code: "Kod iz e-maila",
  codeHint: "6 cifara",
  verify: "Potvrdi",
  verifying: "Proverava se…",
  wrongCode: (left) => `Kod nije tačan. Preostalo pokušaja: ${left}.`,
  expired: "Kod je istekao. Zatražite novi kod.",
  locked: "Previše pogrešnih kodova: zahtev je zaključan. Organizacija će vas kontaktirati.",
  resend: "Pošalji novi kod",
  resent: "Poslali smo novi kod.",
  tooSoon: "Novi kod možete tražiti za minut.",
  statusTitle: "Stanje zahteva",
  requestNo: (id) => `Zahtev br. ${id}`,
  state: {
    received: "Primljen; čeka potvrdu e-mail adrese.",
    verifying: "Čeka potvrdu kodom iz e-maila (ili proveru ovlašćenja).",
    in_progress: "Potvrđen; rešavamo ga.",
    awaiting: "Na čekanju: tražili smo od vas jednu informaciju.",
    done: "Rešen: odgovor smo vam poslali e-mailom.",
    refused: "Odbijen: razloge smo vam poslali e-mailom.",
    forwarded: "Prosleđen rukovaocu koji odlučuje o podacima; pisali smo vam ko je to.",
  },
  due: (d) => `Rok za odgovor: ${d}`,
  completed: (d) => `Završen ${d}`,
  keepLink: "Sačuvajte adresu ove stranice da biste pratili zahtev.",
  refresh: "Osveži",
  another: "Podnesi drugi zahtev",
  notFound: "Nismo pronašli ovaj zahtev. Proverite link.",
};

const en: UiText = {
  title: "Your rights over your personal data",
  intro: (o) => `Here you can ask ${o} to show you, correct, erase or stop using your personal data, or ask a question. It is free of charge; we e-mail you a code to confirm the request, and then our answer.`,
  language: "Language",
  rightLegend: "What would you like to ask for?",
  rights: {
    access: { label: "Access to my data", hint: "Find out what data we hold about you and get a copy." },
    rectification: { label: "Rectification", hint: "We correct data that is wrong or incomplete." },
    erasure: { label: "Erasure (“right to be forgotten”)", hint: "We erase your data, except what the law obliges us to keep." },
    restriction: { label: "Restriction of processing", hint: "We keep your data but stop using it while a problem is checked." },
    portability: { label: "Data portability", hint: "You get the data you gave us in a format you can take elsewhere." },
    objection: { label: "Objection", hint: "You object to a use of your data, for example direct marketing." },
    automated_decision: { label: "Review of an automated decision", hint: "A person reviews a decision made by a computer system alone." },
    withdraw_consent: { label: "Withdrawal of consent", hint: "We stop using your data for the purposes you consented to." },
    complaint: { label: "Complaint or question", hint: "Tell us what is wrong, or ask us anything about your data." },
  },
  aboutYou: "Your contact details",
  name: "Full name",
  email: "E-mail address",
  emailHint: "The confirmation code and our answer are sent here.",
  phone: "Phone",
  customerId: "Customer number",
  optional: "(optional)",
  details: "Details",
  detailsHint: {
    access: "Optional: a period or a particular service.",
    rectification: "Which data is wrong, and what is right?",
    erasure: "Optional: why you ask for erasure.",
    restriction: "Why you ask for restriction (for example, the data is inaccurate)?",
    portability: "Optional: which data you want.",
    objection: "Your reasons, relating to your particular situation.",
    automated_decision: "Which decision, and when was it made?",
    withdraw_consent: "Optional: anything else.",
    complaint: "Your complaint or question.",
  },
  fieldsLegend: "Data to correct",
  fieldName: "Which data (for example: phone, address)",
  fieldValue: "The correct value",
  addField: "Add another",
  purposesLegend: "Which uses of your data?",
  concerns: "Which service is it about?",
  purposesHint: { objection: "Choose the uses you object to.", withdraw_consent: "If you choose none, we withdraw your consent for every purpose." },
  representative: "I am making this request on behalf of someone else",
  representativeLegend: "The representative",
  repName: "Your name (the representative)",
  repRelationship: "Your capacity (for example: lawyer, parent, guardian)",
  proofReference: "The document that authorises you (number, date)",
  proofFile: "A copy of the document",
  proofHint: "The document stays on your device: we send only its fingerprint (SHA-256), to check the copy you show us later.",
  submit: "Send the request",
  sending: "Sending…",
  required: "Please fill in this field.",
  invalidEmail: "Please enter a valid e-mail address.",
  fieldsRequired: "Tell us which data to correct, here or in the details.",
  proofRequired: "Please choose the copy of the authorisation.",
  failed: "The request could not be sent. Check the form and try again.",
  rateLimited: "Too many attempts from this address. Please try again later.",
  mailFailed: "Your request is recorded, but the e-mail with the code did not leave. Ask for a new code in a few minutes.",
  codeTitle: "Confirm your request",
  codeIntro: "We have e-mailed you a 6-digit code. It is valid for 30 minutes.",
  code: "The code from the e-mail",
  codeHint: "6 digits",
  verify: "Confirm",
  verifying: "Checking…",
  wrongCode: (left) => `That code is not right. ${left} ${left === 1 ? "attempt" : "attempts"} left.`,
  expired: "The code has expired. Ask for a new one.",
  locked: "Too many wrong codes: the request is locked. The organisation will contact you.",
  resend: "Send a new code",
  resent: "We have sent a new code.",
  tooSoon: "You can ask for a new code in a minute.",
  statusTitle: "Your request",
  requestNo: (id) => `Request no. ${id}`,
  state: {
    received: "Received; waiting for your e-mail address to be confirmed.",
    verifying: "Waiting for the code from the e-mail (or for the authorisation to be checked).",
    in_progress: "Confirmed; we are working on it.",
    awaiting: "On hold: we have asked you for some information.",
    done: "Done: we have e-mailed you our answer.",
    refused: "Refused: we have e-mailed you the reasons.",
    forwarded: "Forwarded to the controller that decides about the data; we have told you who it is.",
  },
  due: (d) => `We answer by ${d}`,
  completed: (d) => `Completed on ${d}`,
  keepLink: "Keep this page's address to follow your request.",
  refresh: "Refresh",
  another: "Make another request",
  notFound: "We could not find this request. Please check the link.",
};

/** Serbian Cyrillic is the Latin text transliterated, as in the notices and letters. */
function cyrillic<T>(value: T): T {
  if (typeof value === "string") return toCyrillic(value) as T;
  if (typeof value === "function") return ((...args: unknown[]) => toCyrillic((value as (...a: unknown[]) => string)(...args))) as T;
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cyrillic(v)])) as T;
  return value;
}

export const TEXT: Record<Language, UiText> = { ro, sr, "sr-Cyrl": cyrillic(sr), en };

export const htmlLang = (lang: Language) => (lang === "sr" ? "sr-Latn" : lang);

export function languageOf(tag: string | null | undefined): Language | undefined {
  if (!tag) return undefined;
  const t = tag.trim().toLowerCase();
  if (t.startsWith("sr-cyrl")) return "sr-Cyrl";
  return LANGUAGES.find((l) => l === t.split(/[-_]/)[0]);
}

export const LANGUAGE_NAMES: Record<Language, string> = { ro: "Română", sr: "Srpski (latinica)", "sr-Cyrl": "Српски (ћирилица)", en: "English" };

export function formatDate(iso: string, lang: Language): string {
  const locale = lang === "en" ? "en-GB" : lang === "sr" ? "sr-Latn" : lang;
  return new Intl.DateTimeFormat(locale, { dateStyle: "long" }).format(new Date(iso));
}
