import type { Jurisdiction } from "../../law/index.ts";
import { toCyrillic } from "../../notices/index.ts";
import type { LetterLanguage, OutcomeRow, SubjectRequest } from "../model.ts";
import { requestDeadline } from "../deadlines.ts";
import { articlesFor } from "./articles.ts";
import type { Letter, LetterBlock, LetterKind } from "./letter.ts";
import { en } from "./texts/en.ts";
import { ro } from "./texts/ro.ts";
import { sr } from "./texts/sr.ts";
import type { LetterTexts } from "./texts/types.ts";

/** The request's number as the subject reads it ("no. 2026-007"); the full id stays in the facts for the controller. */
const ref = (entryId: string) => entryId.replace(/^request-/, "");

export interface AuthorityContact {
  name: string;
  address?: string;
  website?: string;
  email?: string;
}

/** What every letter about one request needs to know. */
export interface LetterContext {
  entryId: string;
  request: SubjectRequest;
  organisation: { name: string; email?: string };
  jurisdiction: Jurisdiction;
  /** The complaint authority in the letter's language; the law's, or the manifest's for other EU states. */
  authority?: AuthorityContact;
  /** Names of things that must stay as written in a Cyrillic letter (companies, people, staff's own words). */
  keep?: string[];
}

const catalogs: Record<"ro" | "sr" | "en", LetterTexts> = { ro, sr, en };
export const textsFor = (lang: LetterLanguage): LetterTexts => catalogs[lang === "sr-Cyrl" ? "sr" : lang];

// In a Serbian sentence the month is in the genitive ("23. novembra 2026."); Intl gives the nominative.
const SERBIAN_MONTHS = ["januara", "februara", "marta", "aprila", "maja", "juna", "jula", "avgusta", "septembra", "oktobra", "novembra", "decembra"];

export function formatDate(at: Date | string, lang: LetterLanguage, timeZone: string): string {
  if (lang === "sr" || lang === "sr-Cyrl") {
    const [y, m, d] = new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date(at)).split("-").map(Number);
    return `${d}. ${SERBIAN_MONTHS[m! - 1]} ${y}.`;
  }
  return new Intl.DateTimeFormat(textsFor(lang).locale, { dateStyle: "long", timeZone }).format(new Date(at));
}

export function formatAmount(amount: number, currency: string, lang: LetterLanguage): string {
  return new Intl.NumberFormat(textsFor(lang).locale, { style: "currency", currency }).format(amount);
}

function head(c: LetterContext, t: LetterTexts, lang: LetterLanguage, opts: { onBehalf?: boolean } = {}): LetterBlock[] {
  const r = c.request;
  const date = formatDate(r.receivedAt, lang, c.jurisdiction.timeZone);
  const articles = articlesFor(c.jurisdiction);
  const blocks: LetterBlock[] = [
    { kind: "paragraph", text: t.greeting },
    { kind: "paragraph", text: t.asked({ date, org: c.organisation.name, right: r.right, article: articles.right(r.right) }) },
  ];
  if (r.representative && opts.onBehalf !== false) blocks.push({ kind: "paragraph", text: t.onBehalf(r.representative) });
  return blocks;
}

function tail(c: LetterContext, t: LetterTexts): LetterBlock[] {
  const blocks: LetterBlock[] = [];
  if (c.authority) {
    const a = c.authority;
    const contacts = [a.address, a.website, a.email].filter((x): x is string => Boolean(x));
    blocks.push({ kind: "paragraph", text: t.authority({ article: articlesFor(c.jurisdiction).complaint, name: a.name, contacts }) });
  }
  const sender = [c.organisation.name, c.organisation.email].filter(Boolean).join("\n");
  blocks.push({ kind: "paragraph", text: `${t.closing}\n${sender}` });
  return blocks;
}

/** Serbian Cyrillic letters are written in Latin and transliterated, leaving names and quoted text as written. */
function finish(c: LetterContext, lang: LetterLanguage, kind: LetterKind, subject: string, title: string, blocks: LetterBlock[]): Letter {
  if (lang !== "sr-Cyrl") return { kind, language: lang, subject, title, blocks };
  const r = c.request;
  const keep = [c.organisation.name, r.subject.name, r.representative?.name, r.decision?.reasons, r.extension?.reason, r.outcome?.summary, ...(c.keep ?? [])].filter(
    (s): s is string => Boolean(s),
  );
  const cyr = (s: string) => toCyrillic(s, keep);
  const converted = blocks.map((b): LetterBlock => {
    if (b.kind === "paragraph") return { kind: "paragraph", text: cyr(b.text) };
    if (b.kind === "facts") return { kind: "facts", items: b.items.map((i) => ({ term: cyr(i.term), value: i.value })) };
    return { kind: "table", columns: b.columns.map(cyr), rows: b.rows.map((row) => row.map((cell, i) => (i === 0 ? cell : cyr(cell)))) };
  });
  return { kind, language: lang, subject: cyr(subject), title: cyr(title), blocks: converted };
}

export function extensionLetter(c: LetterContext): Letter {
  const lang = c.request.language;
  const t = textsFor(lang);
  const due = requestDeadline(c.request).due;
  const body = t.extension.body({ article: articlesFor(c.jurisdiction).response, regime: c.jurisdiction.regime, date: formatDate(due, lang, c.jurisdiction.timeZone) });
  const blocks = [...head(c, t, lang), { kind: "paragraph", text: body } as const, { kind: "paragraph", text: t.reasons(c.request.extension?.reason ?? "") } as const, ...tail(c, t)];
  return finish(c, lang, "extension", t.extension.subject(c.organisation.name, ref(c.entryId)), t.extension.title(ref(c.entryId)), blocks);
}

export function decisionLetter(c: LetterContext): Letter {
  const lang = c.request.language;
  const t = textsFor(lang);
  const d = c.request.decision!;
  const ground = d.ground ?? "manifestly_unfounded";
  const article = articlesFor(c.jurisdiction).refusal;
  // The rejection letter names the representative itself.
  const blocks: LetterBlock[] = head(c, t, lang, { onBehalf: d.kind !== "representative_rejected" });
  let kind: LetterKind;
  let texts: { subject(org: string, id: string): string; title(id: string): string };
  if (d.kind === "fee") {
    kind = "fee";
    texts = t.fee;
    blocks.push({ kind: "paragraph", text: t.fee.body({ ground, article, amount: formatAmount(d.fee!.amount, d.fee!.currency, lang) }) });
  } else if (d.kind === "refused") {
    kind = "refusal";
    texts = t.refusal;
    blocks.push({ kind: "paragraph", text: t.refusal.body({ ground, article }) });
  } else {
    kind = "representative_rejected";
    texts = t.representativeRejected;
    const rep = c.request.representative!;
    blocks.push({ kind: "paragraph", text: t.representativeRejected.body(rep) });
  }
  blocks.push({ kind: "paragraph", text: t.reasons(d.reasons) }, ...tail(c, t));
  return finish(c, lang, kind, texts.subject(c.organisation.name, ref(c.entryId)), texts.title(ref(c.entryId)), blocks);
}

export function forwardedLetter(c: LetterContext, p: { activity: string }): Letter {
  const lang = c.request.language;
  const t = textsFor(lang);
  const to = c.request.forwardedTo!;
  const at = formatDate(to.at, lang, c.jurisdiction.timeZone);
  const blocks: LetterBlock[] = [
    ...head(c, t, lang),
    { kind: "paragraph", text: t.forwarded.body({ activity: p.activity, controller: to.name, article: articlesFor(c.jurisdiction).processor, date: at }) },
    { kind: "paragraph", text: t.forwarded.contact({ name: to.name, email: to.email }) },
    ...tail(c, t),
  ];
  return finish({ ...c, keep: [...(c.keep ?? []), to.name, p.activity] }, lang, "forwarded", t.forwarded.subject(c.organisation.name, ref(c.entryId)), t.forwarded.title(ref(c.entryId)), blocks);
}

/** The request as the client controller receives it, in the organisation's own language. */
export function controllerForwardLetter(c: LetterContext, p: { activity: string; language: LetterLanguage }): Letter {
  const lang = p.language;
  const t = textsFor(lang);
  const r = c.request;
  const l = t.controllerForward.labels;
  const tz = c.jurisdiction.timeZone;
  const facts = [
    { term: l.request, value: c.entryId },
    { term: l.right, value: `${t.rightName[r.right]} (${articlesFor(c.jurisdiction).right(r.right)})` },
    { term: l.received, value: formatDate(r.receivedAt, lang, tz) },
    { term: l.channel, value: t.channel[r.channel] },
    { term: l.email, value: r.subject.email },
    ...optionalFact(l.name, r.subject.name),
    ...optionalFact(l.phone, r.subject.phone),
    ...optionalFact(l.customerId, r.subject.customerId),
    ...optionalFact("CNP", r.subject.cnp),
    ...optionalFact("JMBG", r.subject.jmbg),
    ...optionalFact(l.details, r.details.text),
    ...optionalFact(l.fields, r.details.fields && Object.entries(r.details.fields).map(([k, v]) => `${k} = ${v}`).join("; ")),
    ...optionalFact(l.purposes, r.details.purposes?.join(", ")),
    ...optionalFact(l.representative, r.representative && `${r.representative.name} (${r.representative.relationship}), ${r.representative.proof.reference}`),
  ];
  const date = formatDate(r.receivedAt, lang, tz);
  const blocks: LetterBlock[] = [
    { kind: "paragraph", text: t.greeting },
    { kind: "paragraph", text: t.controllerForward.body({ org: c.organisation.name, activity: p.activity, date, article: articlesFor(c.jurisdiction).processor }) },
    { kind: "facts", items: facts },
    { kind: "paragraph", text: t.controllerForward.told },
    { kind: "paragraph", text: `${t.closing}\n${[c.organisation.name, c.organisation.email].filter(Boolean).join("\n")}` },
  ];
  const cyrContext = { ...c, request: { ...r, language: lang }, keep: [...(c.keep ?? []), p.activity] };
  return finish(cyrContext, lang, "controller_forward", t.controllerForward.subject(c.organisation.name, ref(c.entryId)), t.controllerForward.title, blocks);
}

const optionalFact = (term: string, value: string | undefined) => (value ? [{ term, value }] : []);

const DATA_RIGHTS = new Set(["access", "portability", "erasure", "rectification", "restriction"]);

/** The final answer: what was done, per system and table, what was kept and why (S4-15). */
export function responseLetter(c: LetterContext): Letter {
  const r = c.request;
  const lang = r.language;
  const t = textsFor(lang);
  const o = r.outcome ?? { rows: [] };
  const blocks: LetterBlock[] = [...head(c, t, lang), { kind: "paragraph", text: t.response.intro }, { kind: "paragraph", text: t.response.done[r.right] }];
  if (o.summary) blocks.push({ kind: "paragraph", text: o.summary });
  if (o.package) blocks.push({ kind: "paragraph", text: t.response.packageAt(o.package.url, formatDate(o.package.expiresAt, lang, c.jurisdiction.timeZone)) });
  if (o.rows.length) blocks.push({ kind: "table", columns: [...t.response.columns], rows: o.rows.map((row) => outcomeCells(row, t)) });
  else if (DATA_RIGHTS.has(r.right)) blocks.push({ kind: "paragraph", text: t.response.nothingFound });
  for (const row of o.rows) {
    for (const k of row.kept ?? []) blocks.push({ kind: "paragraph", text: t.response.kept({ where: where(row), count: k.count, reason: k.reason, basis: k.basis }) });
  }
  if (o.notified?.length) blocks.push({ kind: "paragraph", text: t.response.notified(o.notified.map((n) => n.name), articlesFor(c.jurisdiction).notification) });
  blocks.push(...tail(c, t));
  const keep = [...o.rows.flatMap((row) => [where(row), ...(row.kept ?? []).map((k) => k.basis ?? "")]), ...(o.notified ?? []).map((n) => n.name)];
  return finish({ ...c, keep: [...(c.keep ?? []), ...keep] }, lang, "response", t.response.subject(c.organisation.name, ref(c.entryId)), t.response.title(ref(c.entryId)), blocks);
}

const where = (row: OutcomeRow) => `${row.system}.${row.table}`;

function outcomeCells(row: OutcomeRow, t: LetterTexts): string[] {
  const a = t.response.actions;
  const done = (["exported", "rectified", "erased", "anonymised", "restricted"] as const).filter((k) => row[k]).map((k) => `${a[k]}: ${row[k]}`);
  const kept = (row.kept ?? []).map((k) => `${k.count} (${t.response.keptShort[k.reason]})`);
  return [where(row), String(row.found), done.join(", ") || "—", kept.join(", ") || "0"];
}

export function codeMessage(c: LetterContext, code: string, minutes: number): { subject: string; text: string } {
  const lang = c.request.language;
  const t = textsFor(lang);
  const subject = t.code.subject(c.organisation.name);
  const text = t.code.body({ org: c.organisation.name, right: c.request.right, id: ref(c.entryId), code, minutes });
  if (lang !== "sr-Cyrl") return { subject, text };
  const keep = [c.organisation.name];
  return { subject: toCyrillic(subject, keep), text: toCyrillic(text, keep) };
}
