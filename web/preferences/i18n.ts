export const LANGUAGES = ["ro", "sr", "sr-Cyrl", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

export type DecisionWord = "given" | "refused" | "withdrawn" | "expired" | "none";

export interface UiText {
  title: string;
  intro: (organisation: string) => string;
  activitiesHeading: string;
  cookiesHeading: string;
  cookieNames: string;
  decision: Record<DecisionWord, string>;
  status: (decision: string, date: string) => string;
  reconsent: string;
  save: string;
  saving: string;
  saved: string;
  nothingChanged: string;
  saveFailed: string;
  stale: string;
  loading: string;
  loadFailed: string;
  invalidLink: string;
  noLink: string;
  noChoicesYet: string;
  openBanner: string;
  rateLimited: string;
  historyHeading: string;
  historyColumns: { date: string; purpose: string; decision: string; method: string; version: string };
  historyEmpty: string;
  methods: Record<string, string>;
  policyVersion: (version: number) => string;
  notice: string;
  nothingToDecide: string;
}

const ro: UiText = {
  title: "Opțiunile dumneavoastră privind consimțământul",
  intro: (o) =>
    `Aici vedeți pentru ce vă cere ${o} consimțământul și îl puteți da sau retrage oricând. Retragerea este la fel de simplă ca acordarea și are efect imediat; nu afectează prelucrarea făcută înainte.`,
  activitiesHeading: "Prelucrări care au nevoie de consimțământul dumneavoastră",
  cookiesHeading: "Cookie-uri pe site-urile noastre",
  cookieNames: "Cookie-uri",
  decision: { given: "Consimțământ dat", refused: "Refuzat", withdrawn: "Consimțământ retras", expired: "Consimțământ expirat", none: "Nicio decizie încă" },
  status: (d, date) => `${d} pe ${date}`,
  reconsent:
    "Este nevoie din nou de consimțământ: acest scop s-a schimbat după ce v-ați dat consimțământul, iar consimțământul anterior nu acoperă schimbarea. Bifați caseta pentru a-l da din nou.",
  save: "Salvează opțiunile",
  saving: "Se salvează…",
  saved: "Opțiunile dumneavoastră au fost salvate.",
  nothingChanged: "Nu este nimic de salvat: nu ați schimbat nicio opțiune.",
  saveFailed: "Opțiunile nu au putut fi salvate. Vă rugăm să încercați din nou.",
  stale:
    "Politica de confidențialitate s-a schimbat cât timp pagina era deschisă. Am încărcat textul nou; vă rugăm să vă verificați opțiunile și să salvați din nou.",
  loading: "Se încarcă opțiunile…",
  loadFailed: "Opțiunile nu au putut fi încărcate. Vă rugăm să încercați din nou mai târziu.",
  invalidLink: "Acest link nu este valid. Cereți organizației un link nou.",
  noLink: "Deschideți această pagină din linkul primit de la organizație.",
  noChoicesYet: "Încă nu există opțiuni înregistrate pentru acest browser. Folosiți bannerul de cookie-uri pentru a vă face alegerile.",
  openBanner: "Deschide setările cookie-urilor",
  rateLimited: "Prea multe încercări. Așteptați un minut și încercați din nou.",
  historyHeading: "Istoricul deciziilor dumneavoastră",
  historyColumns: { date: "Data", purpose: "Scopul", decision: "Decizia", method: "Cum", version: "Versiunea politicii" },
  historyEmpty: "Nicio decizie înregistrată încă.",
  methods: {
    banner_accept_all: "Bannerul de cookie-uri: acceptă tot",
    banner_reject_all: "Bannerul de cookie-uri: refuză tot",
    banner_custom: "Bannerul de cookie-uri: alegere proprie",
    form: "Formular web",
    app_registration: "Înregistrare în aplicație",
    paper_scan: "Formular pe hârtie, semnat",
    gpc: "Semnal din browser (Global Privacy Control)",
    unsubscribe_link: "Link de dezabonare",
    preference_centre: "Centrul de preferințe",
    notice_acceptance: "Acceptarea notei de informare",
    staff_entry: "Înregistrat de personalul organizației",
    expiry: "Expirare automată",
  },
  policyVersion: (v) => `Versiunea ${v} a politicii de confidențialitate`,
  notice: "Citiți nota de informare completă",
  nothingToDecide: "Organizația nu vă cere în prezent consimțământul pentru nicio prelucrare.",
};

const sr: UiText = {
  title: "Vaši izbori o pristanku",
  intro: (o) =>
    `Ovde vidite za šta ${o} traži vaš pristanak i možete ga dati ili povući u bilo kom trenutku. Povlačenje je jednako jednostavno kao davanje i deluje odmah; ne utiče na obradu izvršenu pre toga.`,
  activitiesHeading: "Obrade za koje je potreban vaš pristanak",
  cookiesHeading: "Kolačići na našim sajtovima",
  cookieNames: "Kolačići",
  decision: { given: "Pristanak dat", refused: "Odbijeno", withdrawn: "Pristanak povučen", expired: "Pristanak istekao", none: "Još bez odluke" },
  status: (d, date) => `${d}: ${date}`,
  reconsent:
    "Potreban je novi pristanak: ova svrha se promenila otkako ste dali pristanak, a raniji pristanak ne pokriva promenu. Označite polje da biste ga ponovo dali.",
  save: "Sačuvaj izbore",
  saving: "Čuvanje…",
  saved: "Vaši izbori su sačuvani.",
  nothingChanged: "Nema šta da se sačuva: niste promenili nijedan izbor.",
  saveFailed: "Izbori nisu sačuvani. Pokušajte ponovo.",
  stale: "Politika privatnosti se promenila dok je stranica bila otvorena. Učitali smo novi tekst; proverite svoje izbore i sačuvajte ih ponovo.",
  loading: "Učitavanje izbora…",
  loadFailed: "Izbori nisu mogli da se učitaju. Pokušajte ponovo kasnije.",
  invalidLink: "Ovaj link nije važeći. Zatražite novi link od organizacije.",
  noLink: "Otvorite ovu stranicu preko linka koji vam je poslala organizacija.",
  noChoicesYet: "Za ovaj pregledač još nema zabeleženih izbora. Koristite baner za kolačiće da biste izabrali.",
  openBanner: "Otvori podešavanja kolačića",
  rateLimited: "Previše pokušaja. Sačekajte minut i pokušajte ponovo.",
  historyHeading: "Istorija vaših odluka",
  historyColumns: { date: "Datum", purpose: "Svrha", decision: "Odluka", method: "Način", version: "Verzija politike" },
  historyEmpty: "Još nema zabeleženih odluka.",
  methods: {
    banner_accept_all: "Baner za kolačiće: prihvati sve",
    banner_reject_all: "Baner za kolačiće: odbij sve",
    banner_custom: "Baner za kolačiće: sopstveni izbor",
    form: "Veb obrazac",
    app_registration: "Registracija u aplikaciji",
    paper_scan: "Potpisani papirni obrazac",
    gpc: "Signal pregledača (Global Privacy Control)",
    unsubscribe_link: "Link za odjavu",
    preference_centre: "Centar za izbore o pristanku",
    notice_acceptance: "Prihvatanje obaveštenja o privatnosti",
    staff_entry: "Uneo zaposleni u organizaciji",
    expiry: "Automatski istek",
  },
  policyVersion: (v) => `Verzija ${v} politike privatnosti`,
  notice: "Pročitajte celo obaveštenje o privatnosti",
  nothingToDecide: "Organizacija trenutno ne traži vaš pristanak ni za jednu obradu.",
};

const srCyrl: UiText = {
  title: "Ваши избори о пристанку",
  intro: (o) =>
    `Овде видите за шта ${o} тражи ваш пристанак и можете га дати или повући у било ком тренутку. Повлачење је једнако једноставно као давање и делује одмах; не утиче на обраду извршену пре тога.`,
  activitiesHeading: "Обраде за које је потребан ваш пристанак",
  cookiesHeading: "Колачићи на нашим сајтовима",
  cookieNames: "Колачићи",
  decision: { given: "Пристанак дат", refused: "Одбијено", withdrawn: "Пристанак повучен", expired: "Пристанак истекао", none: "Још без одлуке" },
  status: (d, date) => `${d}: ${date}`,
  reconsent:
    "Потребан је нови пристанак: ова сврха се променила откако сте дали пристанак, а ранији пристанак не покрива промену. Означите поље да бисте га поново дали.",
  save: "Сачувај изборе",
  saving: "Чување…",
  saved: "Ваши избори су сачувани.",
  nothingChanged: "Нема шта да се сачува: нисте променили ниједан избор.",
  saveFailed: "Избори нису сачувани. Покушајте поново.",
  stale: "Политика приватности се променила док је страница била отворена. Учитали смо нови текст; проверите своје изборе и сачувајте их поново.",
  loading: "Учитавање избора…",
  loadFailed: "Избори нису могли да се учитају. Покушајте поново касније.",
  invalidLink: "Овај линк није важећи. Затражите нови линк од организације.",
  noLink: "Отворите ову страницу преко линка који вам је послала организација.",
  noChoicesYet: "За овај прегледач још нема забележених избора. Користите банер за колачиће да бисте изабрали.",
  openBanner: "Отвори подешавања колачића",
  rateLimited: "Превише покушаја. Сачекајте минут и покушајте поново.",
  historyHeading: "Историја ваших одлука",
  historyColumns: { date: "Датум", purpose: "Сврха", decision: "Одлука", method: "Начин", version: "Верзија политике" },
  historyEmpty: "Још нема забележених одлука.",
  methods: {
    banner_accept_all: "Банер за колачиће: прихвати све",
    banner_reject_all: "Банер за колачиће: одбиј све",
    banner_custom: "Банер за колачиће: сопствени избор",
    form: "Веб образац",
    app_registration: "Регистрација у апликацији",
    paper_scan: "Потписани папирни образац",
    gpc: "Сигнал прегледача (Global Privacy Control)",
    unsubscribe_link: "Линк за одјаву",
    preference_centre: "Центар за изборе о пристанку",
    notice_acceptance: "Прихватање обавештења о приватности",
    staff_entry: "Унео запослени у организацији",
    expiry: "Аутоматски истек",
  },
  policyVersion: (v) => `Верзија ${v} политике приватности`,
  notice: "Прочитајте цело обавештење о приватности",
  nothingToDecide: "Организација тренутно не тражи ваш пристанак ни за једну обраду.",
};

const en: UiText = {
  title: "Your consent choices",
  intro: (o) =>
    `Here you can see what ${o} asks your consent for, and give or withdraw it at any time. Withdrawing is as easy as giving and takes effect at once; it does not affect what was done before.`,
  activitiesHeading: "Uses of your data that need your consent",
  cookiesHeading: "Cookies on our websites",
  cookieNames: "Cookies",
  decision: { given: "Consent given", refused: "Refused", withdrawn: "Consent withdrawn", expired: "Consent expired", none: "Not decided yet" },
  status: (d, date) => `${d} on ${date}`,
  reconsent:
    "Consent needed again: this purpose has changed since you gave your consent, and your earlier consent does not cover the change. Tick the box to give it again.",
  save: "Save my choices",
  saving: "Saving…",
  saved: "Your choices are saved.",
  nothingChanged: "Nothing to save: you have not changed any choice.",
  saveFailed: "Your choices could not be saved. Please try again.",
  stale: "The privacy policy changed while this page was open. We have loaded the new text; please check your choices and save again.",
  loading: "Loading your choices…",
  loadFailed: "Your choices could not be loaded. Please try again later.",
  invalidLink: "This link is not valid. Ask the organisation for a new one.",
  noLink: "Open this page from the link the organisation sent you.",
  noChoicesYet: "No choices are recorded for this browser yet. Use the cookie banner to make your choices.",
  openBanner: "Open cookie settings",
  rateLimited: "Too many attempts. Please wait a minute and try again.",
  historyHeading: "History of your decisions",
  historyColumns: { date: "Date", purpose: "Purpose", decision: "Decision", method: "How", version: "Policy version" },
  historyEmpty: "No decisions recorded yet.",
  methods: {
    banner_accept_all: "Cookie banner: accept all",
    banner_reject_all: "Cookie banner: reject all",
    banner_custom: "Cookie banner: own choice",
    form: "Web form",
    app_registration: "Registration in the app",
    paper_scan: "Signed paper form",
    gpc: "Browser signal (Global Privacy Control)",
    unsubscribe_link: "Unsubscribe link",
    preference_centre: "Preference centre",
    notice_acceptance: "Accepting the privacy notice",
    staff_entry: "Recorded by the organisation's staff",
    expiry: "Expired automatically",
  },
  policyVersion: (v) => `Privacy policy version ${v}`,
  notice: "Read the full privacy notice",
  nothingToDecide: "The organisation does not currently ask your consent for anything.",
};

export const TEXT: Record<Language, UiText> = { ro, sr, "sr-Cyrl": srCyrl, en };

/** BCP 47 tags for the lang attribute and Intl. */
export const htmlLang = (lang: Language) => (lang === "sr" ? "sr-Latn" : lang);

/** "ro-RO" → ro, "sr-Cyrl-RS" → sr-Cyrl, "sr" / "sr-Latn" → sr; anything else → undefined. */
export function languageOf(tag: string | null | undefined): Language | undefined {
  if (!tag) return undefined;
  const t = tag.trim().toLowerCase();
  if (t.startsWith("sr-cyrl")) return "sr-Cyrl";
  const base = t.split(/[-_]/)[0];
  return LANGUAGES.find((l) => l === base);
}

export function formatDateTime(iso: string, lang: Language): string {
  const locale = lang === "en" ? "en-GB" : lang === "sr" ? "sr-Latn" : lang;
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short" }).format(new Date(iso));
}
