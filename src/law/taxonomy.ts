/**
 * The data-category taxonomy. Manifests name categories by these ids; the flags drive lint
 * (Art. 9 special categories, Art. 10 criminal data, Law 190/2018 art. 4 national identifiers).
 */
export interface DataCategory {
  id: string;
  label: { en: string; ro: string; sr: string };
  /** GDPR Art. 9(1) / ZZPL čl. 17 special category. */
  special?: true;
  /** GDPR Art. 10 / ZZPL čl. 19 criminal convictions and offences. */
  criminal?: true;
  /** A national identification number in the sense of Law 190/2018 art. 4 (RO). */
  nationalIdentifier?: true;
  /** Only ever entered at a payment processor; never stored by the organisation itself. */
  paymentCard?: true;
}

type Entry = [id: string, en: string, ro: string, sr: string, flags?: Omit<DataCategory, "id" | "label">];

const special = { special: true } as const;
const nationalId = { nationalIdentifier: true } as const;

const entries: Entry[] = [
  ["identity.name", "Name", "Nume și prenume", "Ime i prezime"],
  ["identity.date_of_birth", "Date of birth", "Data nașterii", "Datum rođenja"],
  ["identity.place_of_birth", "Place of birth", "Locul nașterii", "Mesto rođenja"],
  ["identity.citizenship", "Citizenship", "Cetățenie", "Državljanstvo"],
  ["identity.gender", "Gender", "Gen", "Pol"],
  ["identity.photo", "Photograph", "Fotografie", "Fotografija"],
  ["identity.avatar", "Avatar made from a photo", "Avatar realizat dintr-o fotografie", "Avatar napravljen od fotografije"],
  ["identity.signature", "Signature specimen", "Specimen de semnătură", "Deponovani potpis"],
  ["identity.username", "Username or client id", "Nume de utilizator sau ID client", "Korisničko ime ili ID klijenta"],
  ["identity.job_title", "Job title", "Funcție", "Radno mesto"],
  ["identity.employer", "Employer or company", "Angajator sau companie", "Poslodavac ili kompanija"],
  ["identity.badge_number", "Badge or registration number", "Număr de ecuson sau înregistrare", "Broj bedža ili registracije"],
  ["national_id.cnp", "Personal numeric code (CNP)", "Cod numeric personal (CNP)", "Lični numerički kod (CNP)", nationalId],
  ["national_id.jmbg", "Unique master citizen number (JMBG)", "Număr unic de cetățean (JMBG)", "Jedinstveni matični broj građana (JMBG)", nationalId],
  ["national_id.id_card", "Identity card series and number", "Seria și numărul cărții de identitate", "Broj lične karte", nationalId],
  ["national_id.passport", "Passport number", "Numărul pașaportului", "Broj pasoša", nationalId],
  ["national_id.driving_licence", "Driving licence number", "Numărul permisului de conducere", "Broj vozačke dozvole", nationalId],
  ["national_id.health_card", "Health insurance card number", "Numărul cardului de sănătate", "Broj zdravstvene kartice", nationalId],
  ["national_id.tax_id", "Personal tax identification number", "Număr de identificare fiscală", "Poreski identifikacioni broj", nationalId],
  ["contact.email", "E-mail address", "Adresă de e-mail", "Adresa e-pošte"],
  ["contact.phone", "Phone number", "Număr de telefon", "Broj telefona"],
  ["contact.address", "Home address", "Adresa de domiciliu", "Adresa stanovanja"],
  ["contact.work_address", "Work address", "Adresa de la locul de muncă", "Adresa na poslu"],
  ["contact.delivery_address", "Delivery address", "Adresa de livrare", "Adresa za dostavu"],
  ["financial.bank_account", "Bank account (IBAN)", "Cont bancar (IBAN)", "Bankovni račun"],
  ["financial.payment_card", "Payment card number", "Numărul cardului de plată", "Broj platne kartice", { paymentCard: true }],
  ["financial.transactions", "Transactions and payment history", "Tranzacții și istoric de plăți", "Transakcije i istorija plaćanja"],
  ["financial.invoices", "Invoices and accounting records", "Facturi și documente contabile", "Računi i knjigovodstvena dokumentacija"],
  ["financial.creditworthiness", "Creditworthiness", "Bonitate", "Kreditna sposobnost"],
  ["financial.ownership", "Ownership structure", "Structura acționariatului", "Vlasnička struktura"],
  ["financial.salary", "Salary and benefits", "Salariu și beneficii", "Zarada i naknade"],
  ["credentials.password", "Password (hashed)", "Parolă (criptată)", "Lozinka (heširana)"],
  ["credentials.password_hint", "Password hint or security question", "Indiciu de parolă sau întrebare de securitate", "Podsetnik za lozinku ili sigurnosno pitanje"],
  ["device.ip", "IP address", "Adresă IP", "IP adresa"],
  ["device.id", "Device identifier", "Identificator de dispozitiv", "Identifikator uređaja"],
  ["device.os", "Operating system and browser", "Sistem de operare și browser", "Operativni sistem i pregledač"],
  ["device.equipment", "Equipment and vehicle data", "Date despre echipamente și vehicul", "Podaci o opremi i vozilu"],
  ["device.cookie_id", "Cookie and advertising identifiers", "Identificatori cookie și de publicitate", "Identifikatori kolačića i oglašavanja"],
  ["device.logs", "Server and access logs", "Jurnale de server și de acces", "Serverski i pristupni logovi"],
  ["location.precise", "Precise location (GPS)", "Localizare precisă (GPS)", "Precizna lokacija (GPS)"],
  ["location.approximate", "Approximate location", "Localizare aproximativă", "Približna lokacija"],
  ["online.browsing", "Pages visited, referrer and time", "Pagini vizitate, sursa și ora", "Posećene stranice, izvor i vreme"],
  ["online.usage", "Use of the service (sessions, logins)", "Utilizarea serviciului (sesiuni, autentificări)", "Korišćenje usluge (sesije, prijave)"],
  ["online.preferences", "Preferences and settings", "Preferințe și setări", "Podešavanja i preferencije"],
  ["online.profile", "Profile for advertising or personalisation", "Profil pentru publicitate sau personalizare", "Profil za oglašavanje ili personalizaciju"],
  ["communication.content", "Messages, feedback and reviews", "Mesaje, feedback și recenzii", "Poruke, povratne informacije i ocene"],
  ["communication.call_recording", "Call recordings", "Înregistrări ale apelurilor", "Snimci poziva"],
  ["communication.survey", "Survey answers", "Răspunsuri la chestionare", "Odgovori na ankete"],
  ["commercial.contract", "Contract and order details", "Detalii despre contract și comenzi", "Podaci o ugovoru i porudžbinama"],
  ["commercial.service_usage", "Service usage records (e.g. charging sessions)", "Înregistrări de utilizare a serviciului (de ex. sesiuni de încărcare)", "Evidencija korišćenja usluge (npr. sesije punjenja)"],
  ["commercial.company", "Company data of a client or partner", "Datele companiei clientului sau partenerului", "Podaci o kompaniji klijenta ili partnera"],
  ["professional.cv", "CV, education and work history", "CV, studii și experiență profesională", "Biografija, obrazovanje i radno iskustvo"],
  ["media.photo_video", "Photos and videos (e.g. proof of delivery)", "Fotografii și înregistrări video (de ex. dovada livrării)", "Fotografije i video zapisi (npr. dokaz isporuke)"],
  ["security.incident", "Security monitoring and breach records", "Monitorizare de securitate și incidente", "Bezbednosni nadzor i incidenti"],
  ["special.racial_ethnic_origin", "Racial or ethnic origin", "Origine rasială sau etnică", "Rasno ili etničko poreklo", special],
  ["special.political_opinions", "Political opinions", "Opinii politice", "Politička mišljenja", special],
  ["special.religious_beliefs", "Religious beliefs", "Convingeri religioase", "Verska uverenja", special],
  ["special.philosophical_beliefs", "Philosophical beliefs", "Convingeri filozofice", "Filozofska uverenja", special],
  ["special.trade_union", "Trade union membership", "Apartenența la sindicat", "Članstvo u sindikatu", special],
  ["special.genetic", "Genetic data", "Date genetice", "Genetski podaci", special],
  ["special.biometric", "Biometric data for unique identification", "Date biometrice pentru identificare unică", "Biometrijski podaci za jedinstvenu identifikaciju", special],
  ["special.health", "Health data", "Date privind sănătatea", "Podaci o zdravlju", special],
  ["special.sex_life", "Sex life", "Viața sexuală", "Seksualni život", special],
  ["special.sexual_orientation", "Sexual orientation", "Orientare sexuală", "Seksualna orijentacija", special],
  ["criminal.convictions", "Criminal convictions and offences", "Condamnări penale și infracțiuni", "Krivične presude i kažnjiva dela", { criminal: true }],
];

export const taxonomy: ReadonlyMap<string, DataCategory> = new Map(
  entries.map(([id, en, ro, sr, flags]) => [id, { id, label: { en, ro, sr }, ...flags }]),
);

export const dataCategory = (id: string): DataCategory | undefined => taxonomy.get(id);

export const isSpecialCategory = (id: string) => taxonomy.get(id)?.special === true;
export const isCriminalData = (id: string) => taxonomy.get(id)?.criminal === true;
export const isNationalIdentifier = (id: string) => taxonomy.get(id)?.nationalIdentifier === true;
