import { buildReferenceGraph, tableKey, type SystemSpec } from "../connectors/index.ts";
import type { Manifest, ProcessingActivity, RetentionRule } from "../manifest/index.ts";
import { findEventSource, parseTrigger, sameSystemTarget, type EventTerm } from "./events.ts";

export type EndAction = "delete" | "anonymise" | "delete_or_anonymise";

/** One period of an activity's rule: kept `keep` after the trigger; `inactivity` is `retention.inactive`. */
export interface Period {
  activity: string;
  name: "retention" | "inactivity";
  keep: string;
  /** As the manifest writes it: `latest(contract_end, payment_settled)`. */
  after: string;
  combine: "latest" | "earliest";
  terms: EventTerm[];
}

/** A table with its own rule: a row expires when, for every activity, one of its periods has run out. */
export interface OwnRule {
  kind: "own";
  system: string;
  table: string;
  primaryKey: string;
  activities: Array<{ activity: string; periods: Period[] }>;
  action: EndAction;
  /** What the manifest asks that is not enforced for this table (e.g. an inactivity rule without a column). */
  notes: string[];
}

/** A table without a rule of its own, under a parent that has one: its rows go with their parent row. */
export interface InheritedRule {
  kind: "inherited";
  system: string;
  table: string;
  primaryKey: string;
  parent: string;
  fk: string;
  parentColumn: string;
}

export type TableRule = OwnRule | InheritedRule;

export interface NotEnforceable {
  system: string;
  table: string;
  activities: string[];
  reason: string;
}

export interface RetentionRules {
  /** Children before parents: a parent's references are settled when its turn comes. */
  rules: TableRule[];
  notEnforceable: NotEnforceable[];
}

const KEYWORD_REASONS: Record<string, string> = {
  statutory: "keep: statutory names no period Registru can count (state the law's period as a duration)",
  contract_duration: "keep: contract_duration has no end event to count from (state keep: P0D, after: contract_end)",
  until_withdrawn: "keep: until_withdrawn ends with a consent withdrawal, not a date in this table",
  until_purpose_fulfilled: "keep: until_purpose_fulfilled names no period",
  session: "keep: session data is not meant to be stored in a database",
};

const ACTIONS: Record<string, EndAction> = { delete: "delete", anonymise: "anonymise", delete_or_anonymise: "delete_or_anonymise" };

const activitiesOf = (activity: string | string[]) => (Array.isArray(activity) ? activity : [activity]);
const primaryKey = (spec: NonNullable<SystemSpec["tables"]>[string]) => spec.primary_key ?? "id";

type Resolved = { ok: true; periods: Period[]; action: EndAction; notes: string[] } | { ok: false; reason: string } | { ok: "none" };

/** One activity's rule for one table: its periods with their event columns, or why it cannot be enforced. */
function resolveActivity(system: SystemSpec, table: string, activity: ProcessingActivity | undefined, id: string): Resolved {
  if (!activity) return { ok: false, reason: `activity "${id}" is not declared` };
  const r: RetentionRule | undefined = activity.retention;
  if (!r) return { ok: "none" };
  if (!r.keep.startsWith("P")) return { ok: false, reason: `activity "${id}": ${KEYWORD_REASONS[r.keep] ?? `keep: ${r.keep} names no period`}` };
  if (!r.after) return { ok: false, reason: `activity "${id}": keep ${r.keep} says how long but not after which event` };
  const action = r.then ? ACTIONS[r.then] : undefined;
  if (!action) return { ok: false, reason: r.then ? `activity "${id}": then: ${r.then} is not something Registru does to a database (delete, anonymise or delete_or_anonymise)` : `activity "${id}" does not say what happens when the period ends (then)` };
  const main = period(system, table, id, "retention", r.keep, r.after);
  if (typeof main === "string") return { ok: false, reason: `activity "${id}": ${main}` };
  const notes: string[] = [];
  const periods = [main];
  if (r.inactive) {
    const inactive = period(system, table, id, "inactivity", r.inactive.keep, r.inactive.after);
    if (typeof inactive === "string") notes.push(`activity "${id}": the inactivity rule is not enforced: ${inactive}`);
    else periods.push(inactive);
  }
  return { ok: true, periods, action, notes };
}

function period(system: SystemSpec, table: string, activity: string, name: Period["name"], keep: string, after: string): Period | string {
  const trigger = parseTrigger(after);
  const terms: EventTerm[] = [];
  for (const event of trigger.events) {
    const source = findEventSource(system, table, event);
    if (!source) return `no column of ${system.id}.${table} or of the tables it references is mapped to event.${event}`;
    terms.push({ event, source });
  }
  return { activity, name, keep, after, combine: trigger.combine, terms };
}

/** Several activities share a table: the row stays while any of them keeps it; the mildest end action wins. */
const combineActions = (actions: EndAction[]): EndAction =>
  actions.every((a) => a === actions[0]) ? actions[0]! : actions.includes("anonymise") ? "anonymise" : "delete_or_anonymise";

/**
 * The retention rules of the policy in force, per table of its SQL systems. What cannot be
 * enforced is reported with the reason, never guessed: keywords without a period, a missing
 * start event or end action, an event no column records.
 */
export function retentionRules(manifest: Manifest): RetentionRules {
  const activities = new Map(manifest.activities.map((a) => [a.id, a]));
  const sql = (manifest.systems ?? []).filter((s) => ["postgres", "mysql", "mariadb", "sqlite"].includes(s.kind));
  const resolved = new Map<string, TableRule | NotEnforceable | "none">();
  const specs = new Map<string, { system: SystemSpec; table: string }>();
  for (const system of sql) {
    for (const [table, spec] of Object.entries(system.tables ?? {})) {
      const key = tableKey({ system: system.id, table });
      specs.set(key, { system, table });
      const ids = activitiesOf(spec.activity);
      const results = ids.map((id) => ({ id, r: resolveActivity(system, table, activities.get(id), id) }));
      const failed = results.find((x) => x.r.ok === false);
      const base = { system: system.id, table, activities: ids };
      if (failed) resolved.set(key, { ...base, reason: (failed.r as { reason: string }).reason });
      else if (results.every((x) => x.r.ok === "none")) resolved.set(key, "none");
      else if (results.some((x) => x.r.ok === "none")) {
        const none = results.filter((x) => x.r.ok === "none").map((x) => x.id);
        resolved.set(key, { ...base, reason: `activity "${none.join('", "')}" states no retention, so how long it needs the rows is unknown` });
      } else {
        const ok = results.map((x) => ({ id: x.id, r: x.r as Extract<Resolved, { ok: true }> }));
        resolved.set(key, {
          kind: "own",
          system: system.id,
          table,
          primaryKey: primaryKey(spec),
          activities: ok.map((x) => ({ activity: x.id, periods: x.r.periods })),
          action: combineActions(ok.map((x) => x.r.action)),
          notes: ok.flatMap((x) => x.r.notes),
        });
      }
    }
  }
  // Tables without a rule inherit their parent's (following chains of such tables upwards).
  const inherit = (key: string, seen: Set<string>): TableRule | NotEnforceable => {
    const current = resolved.get(key)!;
    if (current !== "none") return current;
    const { system, table } = specs.get(key)!;
    const spec = system.tables![table]!;
    const base = { system: system.id, table, activities: activitiesOf(spec.activity) };
    for (const [fk, target] of Object.entries(spec.belongs_to ?? {})) {
      const parent = sameSystemTarget(system.id, target);
      const parentKey = parent && tableKey({ system: system.id, table: parent.table });
      if (!parent || !parentKey || !specs.has(parentKey) || seen.has(parentKey)) continue;
      const p = inherit(parentKey, new Set([...seen, key]));
      if ("kind" in p) {
        const rule: InheritedRule = { kind: "inherited", system: system.id, table, primaryKey: primaryKey(spec), parent: parent.table, fk, parentColumn: parent.column };
        resolved.set(key, rule);
        return rule;
      }
    }
    const reason = `activity "${base.activities.join('", "')}" states no retention and the table has no parent in the same system with a rule to follow`;
    const out = { ...base, reason };
    resolved.set(key, out);
    return out;
  };
  const all = [...specs.keys()].map((k) => inherit(k, new Set()));
  return {
    rules: processingOrder(manifest.systems ?? [], all.filter((r): r is TableRule => "kind" in r)),
    notEnforceable: all.filter((r): r is NotEnforceable => !("kind" in r)),
  };
}

/** Children before parents (depth-first over `belongs_to`, across systems); loops keep the manifest's order. */
function processingOrder(systems: SystemSpec[], rules: TableRule[]): TableRule[] {
  const graph = buildReferenceGraph(systems);
  const byKey = new Map(rules.map((r) => [tableKey(r), r]));
  const out: TableRule[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (key: string) => {
    if (state.has(key)) return;
    state.set(key, "visiting");
    for (const ref of graph.referencedBy.get(key) ?? []) visit(tableKey(ref.child));
    state.set(key, "done");
    const rule = byKey.get(key);
    if (rule) out.push(rule);
  };
  for (const key of graph.nodes.keys()) visit(key);
  return out;
}

export const describePeriod = (p: Period) => `${p.activity}${p.name === "inactivity" ? " (inactive)" : ""}: ${p.keep} after ${p.after}`;
