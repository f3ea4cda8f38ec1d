import type { Clock } from "../../clock.ts";
import type { Language } from "../../manifest/index.ts";
import { breachArticles } from "../articles.ts";
import { processorClock } from "../clock.ts";
import { contactPoint, type BreachOrganisation } from "../organisation.ts";
import { assessRisk, flaggedCategories } from "../risk.ts";
import type { AuthorityNotification, Breach, NotificationPhase } from "../schema.ts";
import type { StoredBreach } from "../service.ts";
import { FORM_SECTIONS, type FormField, type FormSection } from "../text/index.ts";
import { authorityOf, formBasis, formLanguage } from "./forms.ts";
import { Words } from "./words.ts";

export interface FormFieldValue {
  id: FormField;
  label: string;
  value: string;
  /** The value as data (ISO instants, ids, numbers), for systems that read the JSON. */
  raw?: unknown;
}

export interface AuthorityForm {
  title: string;
  basis: string;
  language: Language;
  jurisdiction: string;
  authority: { name: string; address: string; email?: string; website?: string } | null;
  breachId: string;
  phase: NotificationPhase;
  generatedAt: string;
  facts: Array<{ term: string; value: string }>;
  sections: Array<{ id: FormSection; title: string; fields: FormFieldValue[] }>;
}

const authorityNotifications = (b: Breach) => b.notifications.filter((n): n is AuthorityNotification => n.to === "authority");

/** The phase of the next notification: initial, then follow-ups; after the final one, the final one again. */
export function nextPhase(b: Breach): NotificationPhase {
  const sent = authorityNotifications(b);
  if (sent.length === 0) return "initial";
  return sent.some((n) => n.phase === "final") ? "final" : "follow_up";
}

type Values = Partial<Record<FormField, { value: string | undefined; raw?: unknown }>>;

function values(e: StoredBreach, org: BreachOrganisation, w: Words, phase: NotificationPhase, clock: Clock): Values {
  const b = e.data;
  const t = w.t;
  const m = org.manifest;
  const o = m.organisation;
  const articles = breachArticles(org.jurisdiction);
  const contact = contactPoint(m);
  const flagged = flaggedCategories(b.data_categories);
  const sensitive = [...flagged.special.map((c) => `${w.category(c)} (${t.specialMark(org.jurisdiction.specialCategoryArticle)})`), ...flagged.criminal.map((c) => `${w.category(c)} (${t.specialMark(org.jurisdiction.criminalDataArticle)})`)];
  const p = b.reported_by_processor;
  const pc = processorClock(b, clock);
  const risk = b.risk && assessRisk(b.risk);
  const subjectsTold = b.notifications.filter((n) => n.to === "subjects");
  const subjectsDecision = b.decisions?.notify_subjects;
  const refs = authorityNotifications(b).flatMap((n) => (n.reference ? [w.keep(n.reference)] : []));
  return {
    type: { value: t.phase[phase], raw: phase },
    previous_references: { value: w.list(refs), raw: refs },
    name: { value: w.keep(o.name) },
    trade_register: { value: w.keep(o.trade_register) },
    tax_id: { value: w.keep(o.tax_id) },
    address: { value: w.keep(o.address) },
    email: { value: o.contact?.email },
    phone: { value: w.keep(o.contact?.phone) },
    contact_name: { value: w.keep(contact.name), raw: contact.role },
    contact_email: { value: contact.email },
    contact_phone: { value: w.keep(contact.phone) },
    occurred_at: { value: w.occurrence(b.occurred_at), raw: b.occurred_at },
    aware_at: { value: w.instant(b.aware_at), raw: b.aware_at },
    detection: { value: w.pick(b.detection) },
    delay_reason: { value: w.pick(b.delay_reason) },
    processor: { value: p && w.keep(m.processors?.find((x) => x.id === p.processor)?.name ?? p.processor), raw: p?.processor },
    processor_aware_at: { value: p && w.instant(p.processor_aware_at), raw: p?.processor_aware_at },
    processor_told_at: { value: p && (p.told_controller_at ? w.instant(p.told_controller_at) : t.form.notToldYet), raw: p?.told_controller_at },
    processor_window: {
      value: pc ? (pc.windowHours === null ? t.form.processorNoWindow : pc.state === "met" || pc.state === "missed" ? t.form.processorWindow(pc.windowHours, pc.state === "met") : t.form.processorWindowOpen(pc.windowHours, w.instant(pc.due!))) : undefined,
      raw: pc && { hours: pc.windowHours, state: pc.state },
    },
    description: { value: w.pick(b.description) },
    nature: { value: w.list(b.nature.map((n) => t.nature[n])), raw: b.nature },
    categories: { value: w.list(b.data_categories.map((c) => w.category(c))), raw: b.data_categories },
    special_categories: { value: sensitive.length ? sensitive.join(", ") : t.no, raw: [...flagged.special, ...flagged.criminal] },
    subject_categories: { value: w.list(b.subject_categories.map((s) => w.subjectCategory(s, m))), raw: b.subject_categories },
    subjects_count: { value: w.count(b.subjects_count), raw: b.subjects_count },
    records_count: { value: w.count(b.records_count), raw: b.records_count },
    consequences: { value: w.pick(b.consequences) },
    risk_level: {
      value: risk && (b.risk?.override ? t.form.overridden(t.riskLevel[risk.level], w.keep(b.risk.override.reason)) : `${t.riskLevel[risk.level]} (${t.assessment(t.riskScale[risk.likelihood], t.riskScale[risk.severity])})`),
      raw: risk,
    },
    measures_taken: { value: w.pick(b.measures.taken) },
    measures_proposed: { value: w.pick(b.measures.proposed) },
    subjects_informed: { value: subjectsTold.length ? t.yes : subjectsDecision ? t.no : t.form.notDecided, raw: subjectsTold.length > 0 },
    subjects_informed_how: { value: w.list(subjectsTold.map((n) => t.form.informed(w.instant(n.at), t.subjectChannel[n.channel], w.number(n.count)))), raw: subjectsTold },
    subjects_not_informed_reason: {
      value: subjectsDecision && !subjectsDecision.notify ? t.form.decidedNotToInform([subjectsDecision.exception && t.exception(articles)[subjectsDecision.exception], w.pick(subjectsDecision.reason)].filter(Boolean).join("; ")) : undefined,
      raw: subjectsDecision?.exception,
    },
    member_states: { value: b.cross_border?.member_states?.join(", "), raw: b.cross_border?.member_states },
    other_authorities: {
      value: b.cross_border?.other_authorities?.map((a) => w.keep([a.authority, a.reference, a.at && w.instant(a.at)].filter(Boolean).join(", "))).join("; "),
      raw: b.cross_border?.other_authorities,
    },
  };
}

/**
 * The notification to the supervisory authority with the fields of its form (ANSPDCP, Poverenik,
 * or the Art. 33(3) list), for the given phase (default: the next one to send). Every string is
 * final: a Serbian Cyrillic form is transliterated here, so JSON and PDF say the same.
 */
export function authorityForm(e: StoredBreach, org: BreachOrganisation, clock: Clock, opts: { lang?: Language; phase?: NotificationPhase } = {}): AuthorityForm {
  const lang = formLanguage(org.jurisdiction, opts.lang);
  const w = new Words(lang, org.jurisdiction.timeZone);
  const t = w.t;
  const phase = opts.phase ?? nextPhase(e.data);
  const v = values(e, org, w, phase, clock);
  const authority = authorityOf(org.manifest, org.jurisdiction, lang);
  if (authority) w.keep(authority.address);
  const now = clock.now();
  const f = (s: string) => w.finish(s);
  return {
    title: f(t.form.title),
    basis: f(formBasis(org.jurisdiction, lang)),
    language: lang,
    jurisdiction: org.jurisdiction.code,
    authority: authority ? { ...authority, name: f(authority.name) } : null,
    breachId: e.entryId,
    phase,
    generatedAt: now.toISOString(),
    facts: [
      ...(authority ? [{ term: f(t.form.to), value: f(`${authority.name}, ${authority.address}`) }] : []),
      { term: f(t.form.organisationFacts.breachId), value: e.entryId },
      { term: f(t.form.organisationFacts.generated), value: f(w.instant(now)) },
    ],
    sections: (Object.keys(FORM_SECTIONS) as FormSection[]).map((id) => ({
      id,
      title: f(t.form.sections[id]),
      fields: FORM_SECTIONS[id].map((field: FormField) => {
        const x = v[field];
        return { id: field, label: f(t.form.fields[field]), value: f(x?.value ?? t.none), ...(x?.raw !== undefined && { raw: x.raw }) };
      }),
    })),
  };
}

export async function authorityFormPdf(form: AuthorityForm): Promise<Buffer> {
  const { PdfWriter } = await import("../../documents/pdf.ts");
  const pdf = new PdfWriter({ title: `${form.title} — ${form.breachId}`, lang: form.language });
  pdf.heading(form.title, 1);
  pdf.paragraph(form.basis, { muted: true });
  pdf.facts(form.facts);
  for (const s of form.sections) {
    pdf.heading(s.title, 2);
    pdf.facts(s.fields.map((x) => ({ term: x.label, value: x.value })));
  }
  return pdf.finish();
}
