import type { Clock } from "../clock.ts";
import type { RegisterEvent } from "../registers/index.ts";
import type { BreachStatus } from "./kind.ts";
import { breachClock, type BreachClock } from "./clock.ts";
import { assessRisk, flaggedCategories, requiredNotifications } from "./risk.ts";
import type { StoredBreach } from "./service.ts";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function clockJson(c: BreachClock) {
  return {
    now: c.now.toISOString(),
    nextDue: iso(c.nextDue),
    authority: { ...c.authority, due: c.authority.due.toISOString(), notifiedAt: iso(c.authority.notifiedAt) },
    processor: c.processor && {
      ...c.processor,
      due: iso(c.processor.due),
      processorAwareAt: c.processor.processorAwareAt.toISOString(),
      toldControllerAt: iso(c.processor.toldControllerAt),
    },
  };
}
export type ClockJson = ReturnType<typeof clockJson>;

/** The derived side of an entry: the risk level, what it requires, the Art. 9/10 categories. */
export function assessmentJson(e: StoredBreach) {
  const b = e.data;
  const risk = b.risk ? assessRisk(b.risk) : null;
  return {
    risk,
    required: risk ? requiredNotifications(risk.level) : null,
    ...flaggedCategories(b.data_categories),
  };
}

export function breachSummaryJson(e: StoredBreach, clock: Clock) {
  return {
    id: e.entryId,
    title: e.data.title,
    status: e.status as BreachStatus,
    revision: e.revision,
    awareAt: e.data.aware_at,
    dueAt: iso(e.dueAt),
    riskLevel: e.data.risk ? assessRisk(e.data.risk).level : null,
    clock: clockJson(breachClock(e.data, clock)),
  };
}

export function breachDetailJson(e: StoredBreach, timeline: RegisterEvent[], clock: Clock) {
  return {
    ...breachSummaryJson(e, clock),
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
    breach: e.data,
    assessment: assessmentJson(e),
    timeline: timeline.map((t) => ({ ...t, at: t.at.toISOString() })),
  };
}
