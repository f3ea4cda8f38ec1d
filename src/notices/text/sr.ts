import type { AfterWords, NoticeText } from "./catalog.ts";

/** Serbian Latin. [one in words, singular (21, 31...), paucal (2-4, 22-24...), plural (5-20...)]. */
const UNITS = {
  years: ["jedna godina", "godina", "godine", "godina"],
  months: ["jedan mesec", "mesec", "meseca", "meseci"],
  weeks: ["jedna nedelja", "nedelja", "nedelje", "nedelja"],
  days: ["jedan dan", "dan", "dana", "dana"],
  hours: ["jedan sat", "sat", "sata", "sati"],
  minutes: ["jedan minut", "minut", "minuta", "minuta"],
  seconds: ["jedna sekunda", "sekunda", "sekunde", "sekundi"],
} as const;

function form(n: number): 1 | 2 | 3 {
  const ten = n % 10;
  const hundred = n % 100;
  if (ten === 1 && hundred !== 11) return 1;
  if (ten >= 2 && ten <= 4 && (hundred < 12 || hundred > 14)) return 2;
  return 3;
}

/** Genitive singular of each unit, for "jedan"/"jedna" and numbers ending in 1 (21, 31…; not 11). */
const GENITIVE_ONE: Record<string, string> = {
  godina: "godine",
  nedelja: "nedelje",
  sekunda: "sekunde",
  mesec: "meseca",
  dan: "dana",
  sat: "sata",
  minut: "minuta",
};

/**
 * A duration in the genitive, as "do isteka" and "u roku od" require: "jedne godine", "jednog meseca",
 * "21 godine"; the paucal (3 godine) and plural (5 godina) forms stay as they are.
 */
export const genitive = (d: string) =>
  d
    .replace(/\bjedna (\p{L}+)/gu, (_, unit: string) => `jedne ${GENITIVE_ONE[unit] ?? unit}`)
    .replace(/\bjedan (\p{L}+)/gu, (_, unit: string) => `jednog ${GENITIVE_ONE[unit] ?? unit}`)
    .replace(/\b(\d+) (\p{L}+)/gu, (all, n: string, unit: string) => (form(Number(n)) === 1 && GENITIVE_ONE[unit] ? `${n} ${GENITIVE_ONE[unit]}` : all));

const ADVERBS: Record<string, string> = { "jedna godina": "godišnje", "jedan mesec": "mesečno", "jedna nedelja": "nedeljno", "jedan dan": "dnevno" };

// Event words are in the genitive, as "od" requires: "3 godine od prestanka ugovora".
function after(a: AfterWords): string {
  if (a.mode === "one") return `od ${a.events[0]}`;
  const events = a.events.length < 2 ? a.events.join("") : `${a.events.slice(0, -1).join(", ")} ili ${a.events.at(-1)}`;
  return `od ${events}, šta god nastupi ${a.mode === "latest" ? "kasnije" : "ranije"}`;
}

export const sr: NoticeText = {
  title: "Obaveštenje o obradi podataka o ličnosti",
  versionLine: (version, date, hash) => `Verzija politike ${version}, primenjena ${date} (sha256 ${hash}…)`,
  draftLine: (hash) => `Nacrt, još nije na snazi (sha256 ${hash}…)`,
  headings: {
    controller: "Ko smo mi",
    dpo: "Lice za zaštitu podataka o ličnosti i kontakt",
    activities: "Za šta koristimo vaše podatke i na kom pravnom osnovu",
    recipients: "Ko prima vaše podatke",
    transfers: "Prenos podataka u druge države",
    retention: "Koliko dugo čuvamo podatke",
    rights: "Vaša prava i kako da ih ostvarite",
    consent: "Povlačenje pristanka",
    complaint: "Pritužba nadzornom organu",
    requirement: "Da li ste dužni da nam date podatke?",
    automated: "Automatizovano odlučivanje i profilisanje",
    sources: "Odakle potiču podaci",
    cookies: "Kolačići",
    security: "Kako štitimo podatke",
    document: "O ovom obaveštenju",
  },
  ui: { skipLink: "Pređi na sadržaj obaveštenja", contents: "Sadržaj" },
  common: { notStated: "nije navedeno", none: "nema", yes: "Da", no: "Ne" },
  count: (unit, n) => (n === 1 ? UNITS[unit][0] : `${n} ${UNITS[unit][form(n)]}`),
  durationJoin: " i ",

  controller: {
    intro: (organisation, law) =>
      `${organisation} određuje zašto i kako se koriste vaši podaci o ličnosti (rukovalac je). Ovo obaveštenje vam govori šta imate pravo da znate prema ${law}-u.`,
    terms: {
      name: "Naziv",
      tradeName: "Komercijalni naziv",
      legalForm: "Pravna forma",
      register: "Registarski broj",
      taxId: "Poreski identifikacioni broj",
      address: "Sedište",
      email: "E-pošta",
      phone: "Telefon",
      web: "Internet stranica",
      group: "Povezana društva",
    },
    missing: (items) => `Organizacija nije navela ${items}.`,
    missingItems: { address: "adresu sedišta", contact: "adresu e-pošte ili broj telefona za kontakt", register: "registarski broj", taxId: "poreski identifikacioni broj" },
    processorRole:
      "Za neke usluge radimo samo u ime klijenata, kao njihov obrađivač. Za te usluge klijent je rukovalac: on odlučuje kako se koriste vaši podaci i odgovara na vaše zahteve. Ako nam se obratite u vezi sa njima, vaš zahtev prosleđujemo tom klijentu.",
  },
  dpo: {
    appointed: "Imenovali smo lice za zaštitu podataka o ličnosti. Možete mu se obratiti u vezi sa svim pitanjima o vašim podacima:",
    voluntary: "Zakon nas ne obavezuje da imenujemo ovo lice; učinili smo to dobrovoljno.",
    terms: { name: "Ime i prezime", email: "E-pošta", phone: "Telefon", address: "Adresa", web: "Internet stranica" },
    notAppointed: "Nismo imenovali lice za zaštitu podataka o ličnosti.",
    reason: (text) => `Razlog: ${text}`,
    noReason: "Organizacija nije zabeležila zašto joj ovo lice nije potrebno.",
    contactIntro: "Za pitanja o vašim podacima obratite se:",
    noContact: "Organizacija nije navela poseban kontakt za zaštitu podataka; koristite kontakt podatke iz odeljka „Ko smo mi“.",
    unstated: "Organizacija nije navela da li je imenovala lice za zaštitu podataka o ličnosti.",
  },
  activities: {
    intro: "Za svaku svrhu navodimo koje podatke koristimo, o kome i na kom pravnom osnovu.",
    subjectsIntro: "Obrađujemo podatke o sledećim kategorijama lica:",
    terms: {
      purpose: "Svrha",
      bases: "Pravni osnov",
      legitimateInterest: "Naš legitimni interes",
      legalObligation: "Zakonska obaveza",
      special: "Uslov za posebne vrste podataka",
      criminal: "Podaci o krivičnim presudama i kažnjivim delima",
      categories: "Podaci koje koristimo",
      subjects: "Čiji podaci",
    },
    basis: {
      consent: "Vaš pristanak",
      contract: "Ugovor sa vama ili radnje koje ste tražili pre zaključenja ugovora",
      legal_obligation: "Zakonska obaveza koju moramo da ispunimo",
      vital_interests: "Zaštita životno važnih interesa nekog lica",
      public_task: "Obavljanje poslova u javnom interesu ili vršenje javnih ovlašćenja",
      legitimate_interests: "Naši legitimni interesi",
    },
    noBasis: "Organizacija nije navela pravni osnov za ovu svrhu.",
    processorBasis: "Određuje ga klijent, koji je rukovalac.",
    liMissing: "Organizacija se poziva na legitimne interese, ali nije navela koji su to interesi.",
    loMissing: "Organizacija nije navela koja se zakonska obaveza primenjuje.",
    condition: {
      explicit_consent: "Vaš izričit pristanak",
      employment_social_security: "Obaveze iz oblasti rada i socijalnog osiguranja",
      vital_interests: "Zaštita životno važnih interesa kada ne možete dati pristanak",
      not_for_profit_body: "Delatnost neprofitne organizacije sa članovima",
      made_public_by_subject: "Podaci koje ste sami očigledno učinili javno dostupnim",
      legal_claims: "Podnošenje, ostvarivanje ili odbrana pravnih zahteva",
      substantial_public_interest: "Značajan javni interes određen zakonom",
      health_care: "Zdravstvena ili socijalna zaštita",
      public_health: "Javno zdravlje",
      archiving_research_statistics: "Arhiviranje, istraživanje ili statistika",
    },
    conditionMissing: "Ova svrha obuhvata posebne vrste podataka, ali organizacija nije navela uslov koji to dozvoljava.",
    criminalNote: (article) => `Ova svrha obuhvata podatke o krivičnim presudama ili kažnjivim delima, što je dozvoljeno samo pod uslovima iz ${article}.`,
    specialFlag: (article) => `posebna vrsta podataka, ${article}`,
    processorIntro: "Usluge koje pružamo u ime klijenata, kao njihov obrađivač:",
    processorTitle: (name) => `${name} (u ime klijenata)`,
    jointNote: "Ovu obradu određujemo zajedno sa drugim rukovaocem. Možete tražiti suštinu našeg dogovora i ostvarivati svoja prava prema bilo kome od nas.",
  },
  recipients: {
    intro: "Primaoci vaših podataka i svrhe za koje ih primaju navedeni su ispod.",
    processorsCaption: "Pružaoci usluga koji obrađuju podatke u naše ime",
    processorColumns: ["Pružalac usluge", "Šta radi", "Sedište u", "Podaci se čuvaju u", "Sertifikati", "Za svrhe"],
    othersCaption: "Ostali primaoci",
    otherColumns: ["Primalac", "Vrsta", "Država", "Za svrhe"],
    kinds: {
      authority: "Državni organ, kada zakon to nalaže",
      group_company: "Društvo iz naše grupe",
      independent_controller: "Samostalni rukovalac",
      category: "Vrsta primalaca",
    },
    subProcessors: (names) => `Sarađuje sa: ${names}.`,
    notDisclosed: (activities) => `Podaci za ove svrhe se ne dostavljaju nikome: ${activities}.`,
    notStated: (activities) => `Organizacija nije navela ko prima podatke za: ${activities}.`,
    noProcessors: "Nije naveden nijedan pružalac usluga.",
    noCertifications: "nema",
    countryMissing: "nije navedena",
  },
  transfers: {
    intro: (area) => `Neki podaci se šalju primaocima ${area}. Svaki prenos i mera zaštite:`,
    area: { GDPR: "van Evropskog ekonomskog prostora", ZZPL: "van Srbije" },
    caption: "Prenosi i mere zaštite",
    columns: ["Svrha", "Primalac", "Država", "Mera zaštite"],
    mechanism: {
      adequacy: "Država obezbeđuje primeren nivo zaštite podataka",
      dpf: "Primalac je sertifikovan u okviru EU-US Data Privacy Framework, koji je Evropska komisija ocenila kao primeren",
      scc: "Standardne ugovorne klauzule",
      bcr: "Obavezujuća poslovna pravila koja je odobrio nadzorni organ",
      code_of_conduct: "Odobreni kodeks postupanja sa obavezujućim obavezama primaoca",
      certification: "Odobreni sertifikat sa obavezujućim obavezama primaoca",
      derogation_explicit_consent: "Vaš izričit pristanak na ovaj prenos, nakon što ste obavešteni o rizicima",
      derogation_contract: "Prenos je neophodan za ugovor sa vama ili u vašem interesu",
      derogation_public_interest: "Važni razlozi javnog interesa",
      derogation_legal_claims: "Podnošenje, ostvarivanje ili odbrana pravnih zahteva",
      derogation_vital_interests: "Zaštita životno važnih interesa",
      derogation_public_register: "Podaci potiču iz javnog registra",
      derogation_compelling_interests: "Povremeni prenos radi preovlađujućeg legitimnog interesa, o kome se obaveštava nadzorni organ",
    },
    noMechanism: "Organizacija nije navela meru zaštite za ovaj prenos.",
    none: (area) => `Ne prenosimo vaše podatke primaocima ${area}.`,
    notStated: (area, activities) => `Organizacija nije navela da li se podaci za ove svrhe prenose primaocima ${area}: ${activities}.`,
    copy: (contact) => `Kopiju mera zaštite, ili podatak gde su objavljene, možete dobiti ako pišete na ${contact}.`,
    reference: (ref) => `Referenca: ${ref}`,
  },
  retention: {
    intro: "Podatke čuvamo samo dok su potrebni za svaku svrhu. Koliko dugo i šta se sa podacima dešava na kraju navedeno je ispod, za svaku svrhu.",
    caption: "Rokovi čuvanja",
    columns: ["Svrha", "Koliko dugo čuvamo podatke"],
    period: (duration, a) => `${duration} ${after(a)}`,
    periodNoEvent: (duration) => `${duration} (organizacija nije navela od kada se rok računa)`,
    keep: {
      statutory: "onoliko dugo koliko zakon nalaže",
      contract_duration: "dok traje ugovor",
      until_withdrawn: "dok ne povučete pristanak",
      until_purpose_fulfilled: "dok se svrha ne ostvari; određeni rok nije utvrđen",
      session: "samo tokom vaše posete",
    },
    statutoryUnnamed: "organizacija nije navela koji zakon ni koji rok",
    basis: (text) => `(${text})`,
    inactive: (period) => `za neaktivne naloge, ${period}`,
    then: {
      delete: "zatim se brišu",
      anonymise: "zatim se anonimizuju",
      archive: "zatim se arhiviraju",
      delete_or_anonymise: "zatim se brišu ili anonimizuju",
      return_to_controller: "zatim se vraćaju klijentu ili brišu, prema njegovim uputstvima",
    },
    thenMissing: "organizacija nije navela šta se zatim dešava sa podacima",
    hold: (reason, duration, a) => `Izuzetak: ${reason}: podaci se čuvaju do isteka ${genitive(duration)} ${after(a)}`,
    events: {
      contract_end: "prestanka ugovora",
      payment_settled: "izmirenja plaćanja",
      last_login: "poslednje prijave na nalog",
      collection: "prikupljanja podataka",
      call_recorded: "snimanja poziva",
      proceedings_end: "okončanja postupka",
      final_answer: "našeg konačnog odgovora",
      end_of_visit: "završetka posete",
      withdrawal: "povlačenja pristanka",
      account_closed: "zatvaranja naloga",
      employment_end: "prestanka radnog odnosa",
      application: "prijave na konkurs",
      last_activity: "vaše poslednje aktivnosti",
      last_contact: "našeg poslednjeg kontakta",
      unsubscribe: "odjave",
    },
    unknownEvent: (words) => `događaja „${words}“`,
    missing: "Organizacija nije navela koliko dugo čuva ove podatke.",
  },
  rights: {
    intro: "Imate sledeća prava. Za svako navodimo član zakona koji ga daje i u kom roku moramo da postupimo.",
    caption: "Vaša prava, zakon koji ih daje i naši rokovi",
    columns: ["Pravo", "Šta znači", "Član", "Rok"],
    names: {
      information: "Informisanje",
      access: "Pristup",
      rectification: "Ispravka i dopuna",
      erasure: "Brisanje",
      restriction: "Ograničenje obrade",
      portability: "Prenosivost podataka",
      objection: "Prigovor",
      automated_decision: "Bez isključivo automatizovanih odluka",
      withdraw_consent: "Povlačenje pristanka",
      complaint: "Pritužba",
    },
    meaning: {
      information: "Da saznate kako se koriste vaši podaci, kao u ovom obaveštenju",
      access: "Da saznate da li koristimo vaše podatke i dobijete njihovu kopiju",
      rectification: "Da se netačni podaci isprave, a nepotpuni dopune",
      erasure: "Da se vaši podaci izbrišu kada zakon to dozvoljava",
      restriction: "Da podatke samo čuvamo dok se sporno pitanje ne reši",
      portability: "Da podatke koje ste nam dali dobijete u mašinski čitljivom obliku ili da se pošalju drugom rukovaocu",
      objection: "Da uložite prigovor na obradu zasnovanu na legitimnom interesu, a uvek na direktni marketing",
      automated_decision: "Da se na vas ne primenjuje odluka doneta isključivo automatizovano koja na vas značajno utiče",
      withdraw_consent: "Da u svakom trenutku povučete pristanak",
      complaint: "Da podnesete pritužbu nadzornom organu",
    },
    notListed: (rights) => `Politika organizacije ne navodi ova prava, ali vam ih zakon svejedno daje: ${rights}.`,
    noneListed: "Organizacija nije navela koja prava pruža. Zakon vam daje sva prava navedena ispod.",
    within: (duration) => `u roku od ${genitive(duration)}`,
    withoutUndueDelay: "bez nepotrebnog odlaganja",
    immediately: "u svakom trenutku, sa trenutnim dejstvom",
    forClients: (activities) =>
      `Za usluge koje pružamo u ime klijenata (${activities}) rukovalac je klijent. Zahteve u vezi sa tim uslugama upućujte njemu; ako ih pošaljete nama, prosledićemo ih klijentu.`,
    onReceipt: "čim primimo zahtev",
    ours: (deadline) => `${deadline} (naša obaveza)`,
    informationTiming: "prilikom prikupljanja podataka; za podatke iz drugih izvora, videti „Odakle potiču podaci“",
    legalDeadline: (response, extension, article) =>
      `Zakon nam daje ${response} od prijema zahteva da postupimo po njemu. Ako je zahtev složen ili zahteva ima mnogo, rok možemo produžiti za još ${extension}; o tome vas obaveštavamo u prvom roku, uz razloge (${article}).`,
    promiseWins: "Gde je u tabeli naveden kraći rok, to je naša obaveza i poštujemo je.",
    channelsTitle: "Kako da podnesete zahtev",
    channel: { email: "E-pošta", post: "Pošta", in_person: "Lično", phone: "Telefon", web_form: "Obrazac na internet stranici", account: "Vaš nalog" },
    accountValue: "u podešavanjima naloga",
    webFormValue: "obrazac na našoj internet stranici",
    noChannels: "Organizacija nije navela kako se podnosi zahtev. Koristite kontakt podatke iznad.",
    free: "Zahtevi su besplatni.",
    freeUnstated: "Organizacija nije navela da li su zahtevi besplatni. Zakon ih čini besplatnim, osim ako su očigledno neosnovani ili preterani.",
    identity: "Pre nego što postupimo, proveravamo da zahtev dolazi od vas. Možemo tražiti podatke kojima potvrđujete identitet.",
    representatives: "Lice koje ste ovlastili, ili roditelj odnosno staratelj deteta, može podneti zahtev umesto vas.",
    refusal: (article) =>
      `Ako je zahtev očigledno neosnovan ili preteran, naročito zato što se ponavlja, možemo ga odbiti ili naplatiti razumnu naknadu. Reći ćemo vam zašto (${article}).`,
    objection: (activities, article) =>
      `Pravo na prigovor (${article}): kada se oslanjamo na legitimne interese (${activities}), možete u svakom trenutku uložiti prigovor iz razloga koji se tiču vaše posebne situacije. Tada prestajemo sa obradom, osim ako pokažemo opravdane razloge koji pretežu ili su podaci potrebni za pravne zahteve.`,
    objectionMarketing: "Na direktni marketing možete uložiti prigovor u svakom trenutku, bez obrazloženja, sa trenutnim dejstvom: tada prestajemo da koristimo podatke u tu svrhu.",
  },
  consent: {
    intro: (article) => `Kada se oslanjamo na vaš pristanak, možete ga povući u svakom trenutku, sa trenutnim dejstvom, jednako lako kao što ste ga dali (${article}).`,
    howTitle: (activity) => activity,
    how: "Kako da ga povučete",
    withdraw: {
      unsubscribe_link: () => "link za odjavu u svakoj poruci koju šaljemo",
      account_settings: () => "podešavanja vašeg naloga",
      preference_centre: () => "naš centar za podešavanje privatnosti",
      email: (c) => (c ? `poruka e-pošte na ${c}` : "poruka e-pošte nama"),
      post: (c) => (c ? `pismo na adresu ${c}` : "pismo nama"),
      phone: (c) => (c ? `poziv na broj ${c}` : "telefonski poziv"),
      in_person: (c) => (c ? `lično, na adresi ${c}` : "lično, u našim prostorijama"),
      device_settings: () => "isključivanje dozvole u podešavanjima uređaja ili pregledača",
      cookie_banner: () => "podešavanja kolačića na našoj stranici",
    },
    noChannels: "Organizacija nije navela kako se ovaj pristanak povlači; pišite na kontakt iznad.",
    earlier: "Povlačenje pristanka ne utiče na zakonitost obrade pre povlačenja.",
    none: "Nijedna obrada se ne zasniva na vašem pristanku.",
    ageGate: (below, requires) =>
      requires === "parental_consent"
        ? `Ako imate manje od ${below} godina, pristanak mora dati ili odobriti roditelj ili staratelj.`
        : `Ako imate manje od ${below} godina, ne možemo prihvatiti vaš pristanak.`,
    forClients: (activities) =>
      `Za usluge koje pružamo u ime klijenata (${activities}) rukovalac je klijent i on određuje da li je potreban vaš pristanak. Pristanak dat za te usluge povlačite kod tog klijenta; ako izjavu o povlačenju pošaljete nama, prosledićemo je klijentu.`,
  },
  complaint: {
    intro: (article) => `Ako smatrate da vaše podatke koristimo protivno zakonu, možete podneti pritužbu nadzornom organu (${article}):`,
    terms: { name: "Organ", address: "Adresa", web: "Internet stranica", email: "E-pošta", phone: "Telefon" },
    missing: "Organizacija nije navela nadzorni organ. Pritužbu možete podneti organu u državi u kojoj živite ili radite, ili u kojoj je došlo do povrede.",
    court: "Možete se obratiti i sudu. Možete se prvo obratiti nama, ali to nije obavezno.",
    ours: (deadline) => `Na pritužbe koje pošaljete nama odgovaramo ${deadline}.`,
  },
  requirement: {
    intro: "Za svaku svrhu: da li ste dužni da nam date podatke i šta se dešava ako ih ne date.",
    caption: "Da li su podaci obavezni?",
    columns: ["Svrha", "Obaveza", "Ako ih ne date"],
    kinds: {
      statutory: "Obavezni po zakonu",
      contractual: "Obavezni po ugovoru",
      contract_prerequisite: "Potrebni za zaključenje ugovora sa nama",
      voluntary: "Dobrovoljni",
    },
    kindMissing: "nije navedeno",
    consequenceMissing: "nije navedeno",
  },
  automated: {
    none: "Ne donosimo odluke o vama isključivo na osnovu automatizovane obrade, uključujući profilisanje, koje proizvode pravne posledice ili na vas na sličan način značajno utiču.",
    notStated:
      "Organizacija nije navela da li donosi odluke isključivo na osnovu automatizovane obrade, uključujući profilisanje, koje proizvode pravne posledice ili na vas na sličan način značajno utiču.",
    noneFor: (activities) => `Za ove svrhe ne donosimo odluke isključivo na osnovu automatizovane obrade, uključujući profilisanje: ${activities}.`,
    notStatedFor: (activities) => `Organizacija nije navela da li za ove svrhe donosi odluke isključivo na osnovu automatizovane obrade: ${activities}.`,
    terms: { logic: "Kako se odluka donosi", significance: "Šta to znači za vas" },
    title: (activity) => activity,
    profiling: (activities) => `Profilisanje (procenu ličnih aspekata kao što su interesovanja ili ponašanje) koristimo za: ${activities}.`,
    right: (article) => `Možete tražiti da automatizovanu odluku preispita čovek, da iznesete svoj stav i da je osporite (${article}).`,
  },
  sources: {
    intro: "Ako ispod nije drugačije navedeno, podatke prikupljamo od vas. Za ove svrhe neki podaci potiču od drugih:",
    caption: "Svrhe za koje neki podaci potiču iz drugih izvora",
    columns: ["Svrha", "Izvor", "Vrste podataka koje se obrađuju u ovoj aktivnosti"],
    notNamed: "Organizacija nije navela izvor.",
    allDirect: "Sve podatke prikupljamo neposredno od vas.",
    allDirectOwn: "Za naše svrhe sve podatke prikupljamo neposredno od vas.",
    forClients: (activities) => `Za usluge koje pružamo u ime klijenata (${activities}) rukovalac je klijent i on vas obaveštava odakle potiču podaci.`,
    timing: (article) =>
      `Kada podatke o vama dobijemo od drugih, obaveštavamo vas u razumnom roku, a najkasnije u roku od mesec dana; ako podatke koristimo da bismo vas kontaktirali, najkasnije prilikom prvog kontakta; ako nameravamo da ih dostavimo drugom primaocu, najkasnije kada ih prvi put dostavimo (${article}).`,
  },
  cookies: {
    intro: "Naše internet stranice koriste kolačiće navedene ispod.",
    caption: "Kolačići na našim internet stranicama",
    columns: ["Kolačić", "Pružalac", "Svrha", "Trajanje", "Vrsta", "Traži se pristanak"],
    category: { necessary: "Neophodni", preferences: "Podešavanja", analytics: "Statistika", marketing: "Marketing", social: "Društvene mreže" },
    consent: {
      consent: "Da",
      strictly_necessary: "Ne: neophodan",
      legitimate_interests: "Ne: organizacija se oslanja na svoj legitimni interes",
    },
    session: "do zatvaranja pregledača",
    lifetimeMissing: "nije navedeno",
    thirdParty: (country) => (country ? `treće lice, ${country}` : "treće lice"),
    none: "Nismo naveli nijedan kolačić niti sličnu tehnologiju.",
    banner: "Koje kolačiće prihvatate birate u obaveštenju o kolačićima, a izbor možete promeniti u svakom trenutku.",
    browser: "Kolačiće možete blokirati ili obrisati u podešavanjima pregledača.",
  },
  security: {
    intro: "Podatke štitimo, između ostalog, ovim merama:",
    none: "Organizacija nije opisala svoje mere zaštite.",
    every: (duration) => ADVERBS[duration] ?? `jednom u ${duration}`,
  },
  document: {
    terms: {
      edition: "Izdanje",
      approved: "Odobreno",
      approver: "Odobrio",
      effective: "Na snazi od",
      nextReview: "Sledeća revizija",
      reviewEvery: "Revidira se",
      announced: "Izmene se objavljuju putem",
      acceptance: "Izmene",
    },
    missing: (items) => `Organizacija nije navela ${items}.`,
    missingItems: { edition: "izdanje", approved: "datum odobrenja", approver: "ko je odobrio obaveštenje", review: "kada će biti sledeća revizija" },
    revisionsCaption: "Istorija izmena",
    revisionColumns: ["Izdanje", "Datum", "Izmene", "Odobrio"],
    noRevisions: "Istorija izmena nije zabeležena.",
    laws: "Propisi:",
    announced: { email: "e-pošte", website: "naše internet stranice", app: "aplikacije", account: "vašeg naloga" },
    acceptance: {
      explicit: "Pre korišćenja usluge tražimo da novu verziju izričito prihvatite.",
      notice_only: "Nove verzije se objavljuju; ne tražimo da ih ponovo prihvatite.",
      continued_use: "Nove verzije se objavljuju ovde.",
    },
  },
};
