import type { Clock } from "../../clock.ts";
import type { TableDocument } from "../../documents/table-export.ts";
import type { Language } from "../../manifest/index.ts";
import { breachArticles } from "../articles.ts";
import { authorityClock, processorClock } from "../clock.ts";
import type { BreachOrganisation } from "../organisation.ts";
import { assessRisk } from "../risk.ts";
import type { AuthorityNotification, Breach } from "../schema.ts";
import type { StoredBreach } from "../service.ts";
import { Words } from "./words.ts";

function authorityCell(b: Breach, w: Words, clock: Clock): string {
  const r = w.t.register;
  const sent = b.notifications.filter((n): n is AuthorityNotification => n.to === "authority");
  if (sent.length) {
    const lines = sent.map((n) => r.notified(w.instant(n.at), w.t.phase[n.phase], n.reference && w.keep(n.reference)));
    return [...lines, ...(sent[0]!.late ? [r.late] : [])].join("; ");
  }
  const decided = b.decisions?.notify_authority;
  if (decided && !decided.notify) return r.notRequired(w.pick(decided.reason)!);
  return r.pending(w.instant(authorityClock(b, clock).due));
}

function row(e: StoredBreach, org: BreachOrganisation, w: Words, clock: Clock): string[] {
  const b = e.data;
  const t = w.t;
  const subjectsTold = b.notifications.filter((n) => n.to === "subjects");
  const subjectsDecision = b.decisions?.notify_subjects;
  const risk = b.risk && assessRisk(b.risk);
  const pc = processorClock(b, clock);
  const measures = [w.pick(b.measures.taken), w.pick(b.measures.proposed)].filter(Boolean).join(" ");
  return [
    e.entryId,
    w.keep(b.title),
    w.instant(b.aware_at),
    w.occurrence(b.occurred_at),
    w.pick(b.description)!,
    w.list(b.nature.map((n) => t.nature[n])),
    w.list(b.data_categories.map((c) => w.category(c))),
    w.count(b.subjects_count),
    w.count(b.records_count),
    w.pick(b.consequences)!,
    measures,
    risk ? t.riskLevel[risk.level] : t.unknown,
    authorityCell(b, w, clock),
    subjectsTold.length
      ? subjectsTold.map((n) => t.register.subjectsTold(w.instant(n.at), w.number(n.count))).join("; ")
      : subjectsDecision && !subjectsDecision.notify
        ? t.form.decidedNotToInform(w.pick(subjectsDecision.reason)!)
        : t.none,
    pc ? w.keep(org.manifest.processors?.find((p) => p.id === pc.processor)?.name ?? pc.processor) + (pc.windowHours && (pc.state === "met" || pc.state === "missed") ? ` (${t.form.processorWindow(pc.windowHours, pc.state === "met")})` : "") : t.none,
    t.register.status[e.status as keyof typeof t.register.status] ?? e.status,
  ];
}

/** Art. 33(5) / ZZPL čl. 52(6): every breach with its facts, effects and remedial action, as one table. */
export function breachRegisterTable(entries: StoredBreach[], org: BreachOrganisation, lang: Language, clock: Clock): TableDocument {
  const w = new Words(lang, org.jurisdiction.timeZone);
  const r = w.t.register;
  const c = r.columns;
  const columns = [c.id, c.title, c.awareAt, c.occurredAt, c.facts, c.nature, c.data, c.subjects, c.records, c.effects, c.remedial, c.risk, c.authority, c.subjectsNotified, c.processor, c.status];
  const rows = entries.map((e) => row(e, org, w, clock));
  const f = (s: string) => w.finish(s);
  const name = w.keep(org.manifest.organisation.name);
  return {
    title: f(r.title),
    lang,
    facts: [
      { term: f(r.organisation), value: f(name) },
      { term: f(r.generated), value: f(w.instant(clock.now())) },
      { term: f(r.basisTerm), value: f(r.basis(breachArticles(org.jurisdiction).register)) },
    ],
    columns: columns.map(f),
    rows: rows.map((cells) => cells.map(f)),
  };
}
