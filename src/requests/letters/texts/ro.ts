import type { RequestRight } from "../../model.ts";
import type { LetterTexts } from "./types.ts";

const rightName: Record<RequestRight, string> = {
  access: "dreptul de acces",
  rectification: "dreptul la rectificare",
  erasure: "dreptul la ștergerea datelor („dreptul de a fi uitat”)",
  restriction: "dreptul la restricționarea prelucrării",
  portability: "dreptul la portabilitatea datelor",
  objection: "dreptul la opoziție",
  automated_decision: "dreptul de a nu face obiectul unei decizii bazate exclusiv pe prelucrarea automată",
  withdraw_consent: "dreptul de a vă retrage consimțământul",
  complaint: "o plângere sau o întrebare privind prelucrarea datelor dumneavoastră cu caracter personal",
};

const ground = { manifestly_unfounded: "vădit nefondată", excessive: "excesivă" };

export const ro: LetterTexts = {
  locale: "ro-RO",
  rightName,
  channel: { web_form: "formular web", api: "API", email: "e-mail", post: "poștă", phone: "telefon", in_person: "în persoană" },
  greeting: "Bună ziua,",
  closing: "Cu stimă,",
  asked: ({ date, org, right, article }) =>
    right === "complaint"
      ? `La data de ${date} ați transmis către ${org} o plângere sau o întrebare privind prelucrarea datelor dumneavoastră cu caracter personal.`
      : `La data de ${date} ați depus la ${org} o cerere privind ${rightName[right]} (${article}).`,
  onBehalf: ({ name, relationship }) => `Cererea a fost depusă în numele dumneavoastră de ${name} (${relationship}).`,
  reasons: (text) => `Motivele noastre: ${text}`,
  authority: ({ article, name, contacts }) =>
    `Dacă nu sunteți mulțumit(ă) de răspunsul nostru, aveți dreptul să depuneți o plângere la autoritatea de supraveghere (${article}): ${[name, ...contacts].join(", ")}, precum și dreptul de a vă adresa instanței de judecată.`,
  response: {
    title: (id) => `Răspuns la cererea dumneavoastră nr. ${id}`,
    subject: (org, id) => `${org}: răspuns la cererea nr. ${id}`,
    intro: "Prin această scrisoare vă comunicăm măsurile pe care le-am luat.",
    done: {
      access: "Am căutat în toate sistemele în care păstrăm date cu caracter personal. Tabelul de mai jos arată unde am găsit date despre dumneavoastră.",
      rectification: "Am rectificat datele dumneavoastră conform solicitării.",
      erasure: "Am șters sau am anonimizat datele dumneavoastră, cu excepția celor pe care suntem obligați să le păstrăm, enumerate mai jos împreună cu motivul.",
      restriction: "Am marcat datele dumneavoastră ca restricționate: le păstrăm, dar nu le mai prelucrăm decât în cazurile permise de lege.",
      portability: "Datele dumneavoastră sunt pregătite într-un format structurat, utilizat în mod curent și care poate fi citit automat.",
      objection: "Am încetat prelucrarea datelor dumneavoastră în scopurile la care v-ați opus.",
      automated_decision: "Decizia a fost reanalizată de o persoană din cadrul organizației noastre.",
      withdraw_consent: "Am înregistrat retragerea consimțământului; prelucrarea întemeiată pe acesta a încetat. Retragerea nu afectează legalitatea prelucrării efectuate înainte de retragere.",
      complaint: "Am analizat plângerea sau întrebarea dumneavoastră.",
    },
    packageAt: (url, until) => `Copia datelor dumneavoastră este disponibilă la adresa ${url} până la ${until}.`,
    nothingFound: "Nu am găsit date cu caracter personal despre dumneavoastră.",
    columns: ["Sistem / tabel", "Înregistrări găsite", "Ce am făcut", "Păstrate"],
    actions: { exported: "exportate", rectified: "rectificate", erased: "șterse", anonymised: "anonimizate", restricted: "restricționate" },
    kept: ({ where, count, reason, basis }) => `Păstrăm înregistrările din ${where} (${count}) deoarece ${keptReason[reason]}${basis ? `: ${basis}` : ""}.`,
    notified: (names, article) => `Am informat despre această modificare destinatarii cărora le-au fost divulgate datele (${article}): ${names.join("; ")}.`,
    keptShort: { legal_obligation: "obligație legală", legal_claims: "drepturi în instanță", legal_hold: "conservare legală", contract: "contract", other: "alt motiv" },
  },
  extension: {
    title: (id) => `Cererea dumneavoastră nr. ${id}: avem nevoie de mai mult timp`,
    subject: (org, id) => `${org}: prelungirea termenului pentru cererea nr. ${id}`,
    body: ({ article, regime, date }) =>
      `Avem nevoie de mai mult timp pentru a vă răspunde. În temeiul ${article}, prelungim termenul cu ${regime === "GDPR" ? "încă două luni" : "încă 60 de zile"}; vă vom răspunde cel târziu la data de ${date}.`,
  },
  refusal: {
    title: (id) => `Cererea dumneavoastră nr. ${id}: refuzul de a da curs cererii`,
    subject: (org, id) => `${org}: cererea dumneavoastră nr. ${id}`,
    body: ({ ground: g, article }) => `Nu vom da curs acestei cereri, deoarece este ${ground[g]} (${article}).`,
  },
  fee: {
    title: (id) => `Cererea dumneavoastră nr. ${id}: o taxă este datorată`,
    subject: (org, id) => `${org}: taxă pentru cererea nr. ${id}`,
    body: ({ ground: g, article, amount }) =>
      `Această cerere este ${ground[g]} (${article}). Îi putem da curs în schimbul unei taxe rezonabile de ${amount}, care acoperă costurile administrative. Vom continua după primirea plății; până atunci, termenul de răspuns este suspendat.`,
  },
  representativeRejected: {
    title: (id) => `Cererea dumneavoastră nr. ${id}: împuternicirea nu este dovedită`,
    subject: (org, id) => `${org}: cererea dumneavoastră nr. ${id}`,
    body: ({ name, relationship }) =>
      `Cererea a fost depusă în numele dumneavoastră de ${name} (${relationship}). Documentul prezentat nu dovedește că această persoană vă poate reprezenta, astfel că nu putem da curs cererii. Dumneavoastră sau un reprezentant cu o împuternicire valabilă puteți depune din nou cererea.`,
  },
  forwarded: {
    title: (id) => `Cererea dumneavoastră nr. ${id} a fost transmisă operatorului`,
    subject: (org, id) => `${org}: cererea dumneavoastră nr. ${id} a fost transmisă`,
    body: ({ activity, controller, article, date }) =>
      `Pentru această prelucrare (${activity}) acționăm doar ca persoană împuternicită, în numele operatorului ${controller} (${article}), care decide asupra datelor dumneavoastră. Nu putem răspunde noi cererii: la data de ${date} am transmis-o operatorului, care vă va răspunde.`,
    contact: ({ name, email }) => `Datele de contact ale operatorului: ${name}, ${email}.`,
  },
  controllerForward: {
    title: "Cererea unei persoane vizate, transmisă de persoana dumneavoastră împuternicită",
    subject: (org, id) => `${org}: cererea persoanei vizate nr. ${id}, pentru dumneavoastră ca operator`,
    body: ({ org, activity, date, article }) =>
      `Noi, ${org}, prelucrăm date cu caracter personal în numele dumneavoastră, ca persoană împuternicită (${activity}). La data de ${date} am primit cererea unei persoane vizate privind această prelucrare. Conform contractului nostru și ${article}, v-o transmitem fără să îi răspundem; vă vom ajuta să o soluționați pe baza instrucțiunilor dumneavoastră documentate.`,
    labels: {
      request: "Cererea",
      right: "Dreptul",
      received: "Primită la",
      channel: "Canal",
      email: "E-mail",
      name: "Nume",
      phone: "Telefon",
      customerId: "Cod client",
      details: "Detalii",
      fields: "Date de rectificat",
      purposes: "Scopuri",
      representative: "Reprezentant",
    },
    told: "Persoana vizată a fost informată că dumneavoastră sunteți operatorul și că îi veți răspunde.",
  },
  code: {
    subject: (org) => `${org}: confirmați cererea`,
    body: ({ org, right, id, code, minutes }) =>
      `Bună ziua,\n\nCineva, probabil dumneavoastră, a folosit această adresă de e-mail pentru a ${right === "complaint" ? `transmite către ${org} ${rightName[right]}` : `depune la ${org} o cerere privind ${rightName[right]}`}. Pentru a confirma cererea nr. ${id}, introduceți codul:\n\n    ${code}\n\nCodul este valabil ${minutes} de minute. Dacă nu ați depus această cerere, ignorați mesajul: fără cod nu vom face nimic.`,
  },
};

const keptReason = {
  legal_obligation: "o obligație legală ne impune să le păstrăm",
  legal_claims: "sunt necesare pentru constatarea, exercitarea sau apărarea unui drept în instanță",
  legal_hold: "fac obiectul unei obligații de conservare într-o procedură legală",
  contract: "sunt necesare pentru executarea contractului încheiat cu dumneavoastră",
  other: "există motivul indicat",
};
