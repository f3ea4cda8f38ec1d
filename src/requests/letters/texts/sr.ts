import type { RequestRight } from "../../model.ts";
import type { LetterTexts } from "./types.ts";

/** ZZPL's own terms: rukovalac (controller), obrađivač (processor), lice na koje se podaci odnose (data subject). */
const rightName: Record<RequestRight, string> = {
  access: "pravo na pristup",
  rectification: "pravo na ispravku i dopunu",
  erasure: "pravo na brisanje podataka o ličnosti",
  restriction: "pravo na ograničenje obrade",
  portability: "pravo na prenosivost podataka",
  objection: "pravo na prigovor",
  automated_decision: "pravo da se na vas ne primenjuje odluka doneta isključivo na osnovu automatizovane obrade",
  withdraw_consent: "pravo na opoziv pristanka",
  complaint: "pritužba ili pitanje u vezi sa obradom vaših podataka o ličnosti",
};

const ground = { manifestly_unfounded: "očigledno neosnovan", excessive: "preteran" };

export const sr: LetterTexts = {
  locale: "sr-Latn-RS",
  rightName,
  channel: { web_form: "veb-obrazac", api: "API", email: "imejl", post: "pošta", phone: "telefon", in_person: "lično" },
  greeting: "Poštovani,",
  closing: "S poštovanjem,",
  asked: ({ date, org, right, article }) =>
    right === "complaint"
      ? `Dana ${date} uputili ste rukovaocu ${org} pritužbu ili pitanje u vezi sa obradom vaših podataka o ličnosti.`
      : `Dana ${date} podneli ste rukovaocu ${org} zahtev koji se odnosi na ${rightName[right]} (${article}).`,
  onBehalf: ({ name, relationship }) => `Zahtev je u vaše ime podneo zastupnik ${name} (${relationship}).`,
  reasons: (text) => `Naši razlozi: ${text}`,
  authority: ({ article, name, contacts }) =>
    `Ako niste zadovoljni našim odgovorom, imate pravo da podnesete pritužbu nadzornom organu (${article}): ${[name, ...contacts].join(", ")}, kao i pravo na sudsku zaštitu.`,
  response: {
    title: (id) => `Odgovor na vaš zahtev br. ${id}`,
    subject: (org, id) => `${org}: odgovor na zahtev br. ${id}`,
    intro: "Ovim pismom vas obaveštavamo šta smo preduzeli.",
    done: {
      access: "Pretražili smo sve sisteme u kojima čuvamo podatke o ličnosti. U tabeli ispod navedeno je gde smo pronašli podatke o vama.",
      rectification: "Ispravili smo vaše podatke kako ste tražili.",
      erasure: "Izbrisali smo ili anonimizovali vaše podatke, osim onih koje smo dužni da čuvamo; oni su navedeni u nastavku, sa razlogom čuvanja.",
      restriction: "Označili smo vaše podatke kao ograničene: čuvamo ih, ali ih više ne obrađujemo, osim u slučajevima koje zakon dozvoljava.",
      portability: "Vaši podaci su pripremljeni u strukturisanom, uobičajeno korišćenom i mašinski čitljivom formatu.",
      objection: "Prestali smo da obrađujemo vaše podatke u svrhe na koje ste uložili prigovor.",
      automated_decision: "Odluku je preispitalo fizičko lice u našoj organizaciji.",
      withdraw_consent: "Evidentirali smo opoziv vašeg pristanka; obrada zasnovana na njemu je prestala. Opoziv ne utiče na zakonitost obrade pre opoziva.",
      complaint: "Razmotrili smo vašu pritužbu ili pitanje.",
    },
    packageAt: (url, until) => `Kopija vaših podataka dostupna je na adresi ${url} do ${until}`,
    nothingFound: "Nismo pronašli podatke o ličnosti koji se odnose na vas.",
    columns: ["Sistem / tabela", "Pronađeno zapisa", "Šta smo uradili", "Zadržano"],
    actions: { exported: "izvezeno", rectified: "ispravljeno", erased: "izbrisano", anonymised: "anonimizovano", restricted: "ograničeno" },
    kept: ({ where, count, reason, basis }) => `Zadržavamo zapise iz ${where} (${count}) jer ${keptReason[reason]}${basis ? `: ${basis}` : ""}.`,
    notified: (names, article) => `O ovoj promeni obavestili smo primaoce kojima su podaci otkriveni (${article}): ${names.join("; ")}.`,
    keptShort: { legal_obligation: "zakonska obaveza", legal_claims: "pravni zahtevi", legal_hold: "čuvanje zbog postupka", contract: "ugovor", other: "drugi razlog" },
  },
  extension: {
    title: (id) => `Vaš zahtev br. ${id}: potrebno nam je više vremena`,
    subject: (org, id) => `${org}: produženje roka za zahtev br. ${id}`,
    body: ({ article, regime, date }) =>
      `Potrebno nam je više vremena da odgovorimo. U skladu sa ${article}, rok produžavamo za ${regime === "GDPR" ? "još dva meseca" : "još 60 dana"}; odgovorićemo vam najkasnije do ${date}`,
  },
  refusal: {
    title: (id) => `Vaš zahtev br. ${id}: odbijanje postupanja po zahtevu`,
    subject: (org, id) => `${org}: vaš zahtev br. ${id}`,
    body: ({ ground: g, article }) => `Nećemo postupiti po ovom zahtevu jer je ${ground[g]} (${article}).`,
  },
  fee: {
    title: (id) => `Vaš zahtev br. ${id}: potrebno je platiti naknadu`,
    subject: (org, id) => `${org}: naknada za zahtev br. ${id}`,
    body: ({ ground: g, article, amount }) =>
      `Ovaj zahtev je ${ground[g]} (${article}). Po njemu možemo postupiti uz naknadu nužnih administrativnih troškova u iznosu od ${amount}. Nastavićemo po prijemu uplate; do tada rok za odgovor miruje.`,
  },
  representativeRejected: {
    title: (id) => `Vaš zahtev br. ${id}: ovlašćenje nije dokazano`,
    subject: (org, id) => `${org}: vaš zahtev br. ${id}`,
    body: ({ name, relationship }) =>
      `Zahtev je u vaše ime podneo zastupnik ${name} (${relationship}). Priloženi dokument ne dokazuje da to lice može da vas zastupa, pa ne možemo da postupimo po zahtevu. Vi ili zastupnik sa valjanim punomoćjem možete ponovo podneti zahtev.`,
  },
  forwarded: {
    title: (id) => `Vaš zahtev br. ${id} prosleđen je rukovaocu`,
    subject: (org, id) => `${org}: vaš zahtev br. ${id} je prosleđen`,
    body: ({ activity, controller, article, date }) =>
      `Za ovu obradu (${activity}) mi smo samo obrađivač koji postupa u ime rukovaoca ${controller} (${article}), a rukovalac odlučuje o vašim podacima. Ne smemo sami da odgovorimo na zahtev: dana ${date} prosledili smo ga rukovaocu, koji će vam odgovoriti.`,
    contact: ({ name, email }) => `Kontakt rukovaoca: ${name}, ${email}.`,
  },
  controllerForward: {
    title: "Zahtev lica na koje se podaci odnose, prosleđen od vašeg obrađivača",
    subject: (org, id) => `${org}: zahtev lica br. ${id} za vas kao rukovaoca`,
    body: ({ org, activity, date, article }) =>
      `Mi, ${org}, obrađujemo podatke o ličnosti u vaše ime kao obrađivač (${activity}). Dana ${date} primili smo zahtev lica na koje se podaci odnose u vezi sa ovom obradom. U skladu sa našim ugovorom i ${article}, prosleđujemo vam ga bez odgovora; pomoći ćemo vam da po njemu postupite prema vašim dokumentovanim uputstvima.`,
    labels: {
      request: "Zahtev",
      right: "Pravo",
      received: "Primljen",
      channel: "Kanal",
      email: "Imejl",
      name: "Ime",
      phone: "Telefon",
      customerId: "Broj korisnika",
      details: "Detalji",
      fields: "Podaci za ispravku",
      purposes: "Svrhe",
      representative: "Zastupnik",
    },
    told: "Licu na koje se podaci odnose saopšteno je da ste vi rukovalac i da ćete mu odgovoriti.",
  },
  code: {
    subject: (org) => `${org}: potvrdite zahtev`,
    body: ({ org, right, id, code, minutes }) =>
      `Poštovani,\n\nNeko, verovatno vi, upotrebio je ovu imejl adresu da ${right === "complaint" ? `uputi rukovaocu ${org} pritužbu ili pitanje u vezi sa obradom podataka o ličnosti` : `podnese rukovaocu ${org} zahtev koji se odnosi na ${rightName[right]}`}. Da biste potvrdili zahtev br. ${id}, unesite kod:\n\n    ${code}\n\nKod važi ${minutes} minuta. Ako niste podneli ovaj zahtev, zanemarite ovu poruku: bez koda nećemo ništa preduzeti.`,
  },
};

const keptReason = {
  legal_obligation: "nas zakon obavezuje da ih čuvamo",
  legal_claims: "su potrebni za podnošenje, ostvarivanje ili odbranu pravnih zahteva",
  legal_hold: "su predmet obaveze čuvanja u pravnom postupku",
  contract: "su potrebni za izvršenje ugovora zaključenog sa vama",
  other: "postoji navedeni razlog",
};
