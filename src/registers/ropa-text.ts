import type { Language } from "../manifest/index.ts";

export interface RopaText {
  controllerRecord: string;
  processorRecord: string;
  organisation: string;
  controllerColumns: string[];
  processorColumns: string[];
  identity: { controller: string; contact: string; dpo: string; noDpo: string; generated: string; version: string };
  eachClient: string;
  none: string;
  notStated: string;
  draft: string;
}

const en: RopaText = {
  controllerRecord: "Record of processing activities — controller (GDPR Art. 30(1))",
  processorRecord: "Record of processing activities — processor (GDPR Art. 30(2))",
  organisation: "Organisation",
  controllerColumns: ["Activity", "Purpose", "Legal basis", "Data subjects", "Personal data", "Special / criminal data", "Recipients", "Transfers outside the EEA and safeguards", "Erasure time limits", "Source"],
  processorColumns: ["Processing", "On behalf of (controllers)", "Categories of processing", "Personal data", "Sub-processors and recipients", "Transfers outside the EEA and safeguards", "Erasure time limits"],
  identity: { controller: "Controller", contact: "Contact", dpo: "Data protection officer", noDpo: "No DPO appointed", generated: "Generated", version: "Policy version" },
  eachClient: "each client controller, under its own data-processing agreement",
  none: "none",
  notStated: "not stated",
  draft: "draft, not yet in force",
};

const ro: RopaText = {
  controllerRecord: "Registrul activităților de prelucrare — operator (art. 30 alin. (1) GDPR)",
  processorRecord: "Registrul activităților de prelucrare — persoană împuternicită (art. 30 alin. (2) GDPR)",
  organisation: "Organizația",
  controllerColumns: ["Activitate", "Scop", "Temei juridic", "Persoane vizate", "Date cu caracter personal", "Date speciale / penale", "Destinatari", "Transferuri în afara SEE și garanții", "Termene de ștergere", "Sursa"],
  processorColumns: ["Prelucrare", "În numele (operatori)", "Categorii de prelucrări", "Date cu caracter personal", "Subîmputerniciți și destinatari", "Transferuri în afara SEE și garanții", "Termene de ștergere"],
  identity: { controller: "Operator", contact: "Contact", dpo: "Responsabil cu protecția datelor", noDpo: "Nu este numit un DPO", generated: "Generat", version: "Versiunea politicii" },
  eachClient: "fiecare operator client, în baza propriului acord de prelucrare",
  none: "niciunul",
  notStated: "nu este precizat",
  draft: "proiect, încă neaplicat",
};

const sr: RopaText = {
  controllerRecord: "Evidencija radnji obrade — rukovalac (ZZPL čl. 47 st. 1)",
  processorRecord: "Evidencija radnji obrade — obrađivač (ZZPL čl. 47 st. 2)",
  organisation: "Organizacija",
  controllerColumns: ["Radnja obrade", "Svrha", "Pravni osnov", "Lica na koja se podaci odnose", "Podaci o ličnosti", "Posebne vrste / krivični podaci", "Primaoci", "Prenos van EEP i mere zaštite", "Rokovi za brisanje", "Izvor"],
  processorColumns: ["Obrada", "U ime (rukovaoci)", "Vrste obrade", "Podaci o ličnosti", "Podobrađivači i primaoci", "Prenos van EEP i mere zaštite", "Rokovi za brisanje"],
  identity: { controller: "Rukovalac", contact: "Kontakt", dpo: "Lice za zaštitu podataka o ličnosti", noDpo: "Lice za zaštitu podataka nije određeno", generated: "Generisano", version: "Verzija politike" },
  eachClient: "svaki klijent rukovalac, po sopstvenom ugovoru o obradi",
  none: "nema",
  notStated: "nije navedeno",
  draft: "nacrt, još nije na snazi",
};

export const ropaText = (lang: Language): RopaText => (lang === "ro" ? ro : lang.startsWith("sr") ? sr : en);
