import type { Language } from "../../manifest/index.ts";
import { breachArticles } from "../articles.ts";
import { contactPoint, type BreachOrganisation } from "../organisation.ts";
import { flaggedCategories } from "../risk.ts";
import type { StoredBreach } from "../service.ts";
import { ADVICE_KEYS, type AdviceKey } from "../text/index.ts";
import { authorityOf } from "./forms.ts";
import { Words } from "./words.ts";

export type LetterBlock = { kind: "paragraph"; text: string } | { kind: "list"; items: string[] };

/** The Art. 34 letter to the subjects, as data: rendered as plain text (e-mail) and as PDF (post). */
export interface SubjectLetter {
  language: Language;
  subject: string;
  title: string;
  blocks: LetterBlock[];
}

const ADVICE_BY_CATEGORY: Array<[RegExp, AdviceKey]> = [
  [/^credentials\./, "password"],
  [/^contact\.email$/, "email"],
  [/^contact\.phone$/, "phone"],
  [/^financial\.(bank_account|payment_card|transactions)$/, "financial"],
  [/^national_id\./, "national_id"],
  [/^contact\.(address|delivery_address|work_address)$/, "address"],
  [/^location\./, "location"],
  [/^(special|criminal)\./, "special"],
];

/** What the subjects can do themselves, by the data breached, in a fixed order. */
export function adviceFor(categories: string[]): AdviceKey[] {
  const keys = new Set(categories.flatMap((c) => ADVICE_BY_CATEGORY.filter(([re]) => re.test(c)).map(([, k]) => k)));
  return ADVICE_KEYS.filter((k) => keys.has(k));
}

/**
 * Art. 34(2) / ZZPL čl. 53(2): in clear and plain language, the nature of the breach, the
 * contact point, the likely consequences and the measures, plus what the subject can do.
 */
export function subjectLetter(e: StoredBreach, org: BreachOrganisation, lang: Language): SubjectLetter {
  const b = e.data;
  const w = new Words(lang, org.jurisdiction.timeZone);
  const t = w.t.letter;
  const m = org.manifest;
  const orgName = w.keep(m.organisation.trade_name ?? m.organisation.name);
  const flagged = flaggedCategories(b.data_categories);
  const contact = contactPoint(m);
  const details = [contact.email, w.keep(contact.phone), w.keep(contact.address)].filter((x): x is string => Boolean(x)).join(", ");
  const authority = authorityOf(m, org.jurisdiction, lang);
  const taken = w.pick(b.measures.taken)!;
  const proposed = w.pick(b.measures.proposed);
  const custom = w.pick(b.advice);
  const blocks: LetterBlock[] = [
    { kind: "paragraph", text: t.greeting },
    { kind: "paragraph", text: t.intro(orgName) },
    { kind: "paragraph", text: [w.pick(b.description)!, ...b.nature.map((n) => t.nature[n]), t.awareOn(w.date(b.aware_at))].join(" ") },
    { kind: "paragraph", text: [t.data(b.data_categories.map((c) => w.category(c, { prose: true })).join(", ")), ...(flagged.special.length || flagged.criminal.length ? [t.special] : [])].join(" ") },
    { kind: "paragraph", text: `${t.consequences} ${w.pick(b.consequences)!}` },
    { kind: "paragraph", text: `${t.measuresTaken} ${taken}` },
    ...(proposed ? [{ kind: "paragraph" as const, text: `${t.measuresProposed} ${proposed}` }] : []),
    { kind: "paragraph", text: t.adviceIntro },
    { kind: "list", items: [...adviceFor(b.data_categories).map((k) => t.advice[k]), ...(custom ? [custom] : []), t.adviceGeneral] },
    { kind: "paragraph", text: t.contact({ role: contact.role, name: w.keep(contact.name), details }) },
    ...(authority ? [{ kind: "paragraph" as const, text: t.complaint(authority.name, w.keep([authority.website, authority.email].filter(Boolean).join(", "))) }] : []),
    { kind: "paragraph", text: t.legalBasis(breachArticles(org.jurisdiction).subjects) },
    { kind: "paragraph", text: `${t.closing}\n${orgName}` },
  ];
  // A name or a Serbian date that ends in a full stop, at the end of a sentence: one stop, not two.
  const f = (s: string) => w.finish(s.replace(/(?<!\.)\.\.(?!\.)/g, "."));
  return {
    language: lang,
    subject: f(t.subject),
    title: f(t.title),
    blocks: blocks.map((x) => (x.kind === "paragraph" ? { kind: "paragraph", text: f(x.text) } : { kind: "list", items: x.items.map(f) })),
  };
}

export function subjectLetterText(l: SubjectLetter): string {
  const parts = [l.title, ...l.blocks.map((b) => (b.kind === "paragraph" ? b.text : b.items.map((i) => `- ${i}`).join("\n")))];
  return `${parts.join("\n\n")}\n`;
}

export async function subjectLetterPdf(l: SubjectLetter): Promise<Buffer> {
  const { PdfWriter } = await import("../../documents/pdf.ts");
  const pdf = new PdfWriter({ title: l.title, lang: l.language });
  pdf.heading(l.title, 1);
  for (const b of l.blocks) {
    if (b.kind === "paragraph") pdf.paragraph(b.text);
    else pdf.list(b.items);
  }
  return pdf.finish();
}
