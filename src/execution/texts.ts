import type { LetterLanguage } from "../requests/index.ts";
import { toCyrillic } from "../notices/index.ts";

type Base = "ro" | "sr" | "en";

/** What the executor writes into outcomes, summaries and notices to recipients, per letter language. */
interface ExecutionTexts {
  processorOnly: string;
  obligation(basis: string, period: string): string;
  until(date: string): string;
  withdrawn(purposes: string[]): string;
  nothingToWithdraw: string;
  objectionReviewed(purposes: string[]): string;
  byHand: string;
  reviewDecision: string;
  answerQuestion: string;
  notice: {
    subject(org: string, id: string): string;
    body(p: { org: string; id: string; change: "rectification" | "erasure" | "restriction"; activities: string[]; identity: string; article: string }): string;
  };
}

const change = {
  en: { rectification: "rectified", erasure: "erased", restriction: "restricted the processing of" },
  ro: { rectification: "a rectificat", erasure: "a șters", restriction: "a restricționat prelucrarea" },
  sr: { rectification: "ispravio", erasure: "izbrisao", restriction: "ograničio obradu" },
};

const texts: Record<Base, ExecutionTexts> = {
  en: {
    processorOnly: "processed on behalf of a client controller; only the controller can instruct us to change them (GDPR Art. 28(3))",
    obligation: (basis, period) => `${basis} (${period})`,
    until: (date) => `kept until ${date}`,
    withdrawn: (purposes) => `We recorded the withdrawal of your consent for: ${purposes.join("; ")}.`,
    nothingToWithdraw: "We found no consent of yours still in force for the purposes named.",
    objectionReviewed: (purposes) => `A person at our organisation assessed your objection to: ${purposes.join("; ")}.`,
    byHand: "Fields we could not match to a system were corrected by our staff.",
    reviewDecision: "A person at our organisation reviewed the decision.",
    answerQuestion: "Our answer is given below.",
    notice: {
      subject: (org, id) => `${org}: data-subject request ${id} — please act on it in your systems`,
      body: ({ org, id, change: c, activities, identity, article }) =>
        `Dear Sir or Madam,\n\nFollowing the data-subject request ${id}, ${org} ${change.en[c]} the personal data of the data subject identified by ${identity} in: ${activities.join("; ")}.\n\nWe disclosed this data to you. As ${article} requires us to tell you, please do the same in your systems, and confirm to us when it is done.\n\nKind regards,\n${org}\n`,
    },
  },
  ro: {
    processorOnly: "prelucrate în numele unui client operator; doar operatorul ne poate instrui să le modificăm (art. 28 alin. (3) din GDPR)",
    obligation: (basis, period) => `${basis} (${period})`,
    until: (date) => `păstrate până la ${date}`,
    withdrawn: (purposes) => `Am înregistrat retragerea consimțământului dumneavoastră pentru: ${purposes.join("; ")}.`,
    nothingToWithdraw: "Nu am găsit niciun consimțământ al dumneavoastră încă valabil pentru scopurile indicate.",
    objectionReviewed: (purposes) => `O persoană din organizația noastră a analizat opoziția dumneavoastră față de: ${purposes.join("; ")}.`,
    byHand: "Câmpurile pe care nu le-am putut asocia unui sistem au fost corectate de personalul nostru.",
    reviewDecision: "Decizia a fost reanalizată de o persoană din organizația noastră.",
    answerQuestion: "Răspunsul nostru este mai jos.",
    notice: {
      subject: (org, id) => `${org}: cererea persoanei vizate ${id} — vă rugăm să o aplicați în sistemele dumneavoastră`,
      body: ({ org, id, change: c, activities, identity, article }) =>
        `Stimată doamnă, stimate domn,\n\nÎn urma cererii persoanei vizate ${id}, ${org} ${change.ro[c]} datele cu caracter personal ale persoanei vizate identificate prin ${identity} în: ${activities.join("; ")}.\n\nV-am divulgat aceste date. Potrivit ${article}, vă comunicăm acest lucru: vă rugăm să procedați la fel în sistemele dumneavoastră și să ne confirmați când ați terminat.\n\nCu stimă,\n${org}\n`,
    },
  },
  sr: {
    processorOnly: "obrađuju se u ime klijenta rukovaoca; samo rukovalac može da nam naloži da ih izmenimo (ZZPL čl. 45)",
    obligation: (basis, period) => `${basis} (${period})`,
    until: (date) => `čuvaju se do ${date}`,
    withdrawn: (purposes) => `Evidentirali smo opoziv vašeg pristanka za: ${purposes.join("; ")}.`,
    nothingToWithdraw: "Nismo pronašli vaš pristanak koji je još na snazi za navedene svrhe.",
    objectionReviewed: (purposes) => `Lice u našoj organizaciji razmotrilo je vaš prigovor na: ${purposes.join("; ")}.`,
    byHand: "Polja koja nismo mogli da povežemo sa sistemom ispravilo je naše osoblje.",
    reviewDecision: "Odluku je preispitalo fizičko lice u našoj organizaciji.",
    answerQuestion: "Naš odgovor je u nastavku.",
    notice: {
      subject: (org, id) => `${org}: zahtev lica ${id} — molimo da postupite po njemu u svojim sistemima`,
      body: ({ org, id, change: c, activities, identity, article }) =>
        `Poštovani,\n\nPo zahtevu lica na koje se podaci odnose ${id}, ${org} je ${change.sr[c]} podatke o ličnosti lica identifikovanog sa ${identity} u: ${activities.join("; ")}.\n\nOve podatke smo vam otkrili. U skladu sa ${article} vas o tome obaveštavamo: molimo da isto učinite u svojim sistemima i da nam potvrdite kada to bude urađeno.\n\nS poštovanjem,\n${org}\n`,
    },
  },
};

export const baseOf = (lang: LetterLanguage): Base => (lang === "sr-Cyrl" ? "sr" : lang);
export const executionTexts = (lang: LetterLanguage): ExecutionTexts => texts[baseOf(lang)];

/** Serbian Cyrillic is the Latin text transliterated, with names kept as written. */
export const inScript = (lang: LetterLanguage, text: string, keep: string[] = []) => (lang === "sr-Cyrl" ? toCyrillic(text, keep) : text);
