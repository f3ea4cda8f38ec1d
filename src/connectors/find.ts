import { RegistruError } from "../errors.ts";
import { tableKey } from "./graph.ts";
import type { Systems } from "./connect.ts";
import { callHttpSystem } from "./http.ts";
import type { NormalisedIdentities } from "./identities.ts";
import { manualTask, type ManualLookup, type ManualTask } from "./manual.ts";
import type { FindPlan, PlanStep, TablePlan } from "./plan.ts";
import { checkPlanSchema } from "./preflight.ts";
import { remoteTables } from "./remote-find.ts";
import type { Query, Row } from "./sql/dialect.ts";
import type { SqlTransaction } from "./sql/driver.ts";
import { batches, selectByKeys } from "./sql/queries.ts";
import { isSqlKind, type SystemKind } from "./systems.ts";
import { jsonValue, keyString, type JsonValue } from "./values.ts";

export interface FoundRow {
  primaryKey: JsonValue;
  /** Declared fields only (column → value); lookup columns that are not declared fields stay out. */
  fields: Record<string, JsonValue>;
}

export interface FoundTable {
  system: string;
  kind: SystemKind;
  table: string;
  primaryKey: string;
  /** Column → taxonomy id. */
  fields: Record<string, string>;
  rows: FoundRow[];
  count: number;
}

export interface RemoteFind {
  system: string;
  requestId: string;
  /** accepted: the system will call back (202); failed: its callback said it could not answer. */
  status: "done" | "accepted" | "failed";
  /** For "accepted": the token the callback must carry (see verifyCallback). */
  token?: string;
  /** For "failed": the system's own words. */
  reason?: string;
}

/** An HTTP system's answer that came by callback, given back to a find run again. */
export interface RemoteAnswer {
  status: "done" | "failed";
  result?: unknown;
  reason?: string;
}

export interface FindResult {
  tables: FoundTable[];
  /** `system.table` → rows found. */
  counts: Record<string, number>;
  manualTasks: ManualTask[];
  remote: RemoteFind[];
  stats: { queries: number; keysLookedUp: number };
}

export interface FindOptions {
  /** Sent to HTTP systems as the idempotency key. */
  requestId?: string;
  /** Offered to HTTP systems for an asynchronous answer: where to POST it and the token it must bear. */
  callback?: (system: string) => { url: string; token: string };
  /** HTTP systems that already answered by callback: their answer is used, they are not called again. */
  answers?: ReadonlyMap<string, RemoteAnswer>;
  /** Sees each statement before it runs (its values are personal data: never log them). */
  onQuery?: (system: string, query: Query) => void;
}

/**
 * Runs a plan: every lookup is `key IN (batch)` on an indexed column, checked before the first
 * query, each SQL system read in one consistent snapshot. Steps in a loop of references repeat
 * until they find no new key values. HTTP and manual systems come last, with the identities and
 * the key values found for their references.
 */
export async function findSubject(systems: Systems, plan: FindPlan, identities: NormalisedIdentities, opts: FindOptions = {}): Promise<FindResult> {
  await checkPlanSchema(systems, plan);
  const run = new FindRun(systems, plan, identities, opts.onQuery);
  try {
    for (const group of groups(plan.steps.filter((s) => isSqlKind(s.kind)))) {
      const loop = group[0]!.cycle !== undefined;
      let again = true;
      while (again) again = (await run.steps(group)) && loop;
    }
    await run.commit();
  } finally {
    await run.rollback();
  }
  const remote: RemoteFind[] = [];
  const manualTasks: ManualTask[] = [];
  const tables = plan.tables.filter((t) => isSqlKind(t.kind)).map((t) => foundTable(t, [...(run.rows.get(tableKey(t))?.values() ?? [])]));
  for (const systemId of [...new Set(plan.steps.filter((s) => !isSqlKind(s.kind)).map((s) => s.system))]) {
    const lookups = plan.steps.filter((s) => s.system === systemId).map((s) => ({ table: s.table, ...run.lookup(s) }));
    const spec = systems.spec(systemId);
    if (spec.kind === "manual") {
      const task = manualTask(spec, lookups);
      if (task) manualTasks.push(task);
      continue;
    }
    const answer = opts.answers?.get(systemId);
    if (answer) {
      remote.push({ system: systemId, requestId: opts.requestId ?? "", status: answer.status, ...(answer.reason && { reason: answer.reason }) });
      if (answer.status === "done") tables.push(...remoteTables(spec, plan, answer.result));
      continue;
    }
    const callback = opts.callback?.(systemId);
    const outcome = await callHttpSystem(systems.http(systemId), "find", remotePayload(lookups), { clock: systems.clock, requestId: opts.requestId, callbackUrl: callback?.url, callbackToken: callback?.token });
    remote.push({ system: systemId, requestId: outcome.requestId, status: outcome.status, ...(outcome.status === "accepted" ? { token: outcome.token } : {}) });
    if (outcome.status === "done") tables.push(...remoteTables(spec, plan, outcome.result));
  }
  const counts = Object.fromEntries(tables.map((t) => [`${t.system}.${t.table}`, t.count]));
  return { tables, counts, manualTasks, remote, stats: { queries: run.queries, keysLookedUp: run.keysLookedUp } };
}

/** Consecutive steps of the same loop run together; every other step is a group of one. */
function groups(steps: PlanStep[]): PlanStep[][] {
  const out: PlanStep[][] = [];
  for (const step of steps) {
    const last = out[out.length - 1];
    if (last && step.cycle !== undefined && last[0]!.cycle === step.cycle) last.push(step);
    else out.push([step]);
  }
  return out;
}

class FindRun {
  readonly rows = new Map<string, Map<string, Row>>();
  private readonly queried = new Map<number, Set<string>>();
  private readonly transactions = new Map<string, SqlTransaction>();
  queries = 0;
  keysLookedUp = 0;

  constructor(
    private readonly systems: Systems,
    private readonly plan: FindPlan,
    private readonly identities: NormalisedIdentities,
    private readonly onQuery?: FindOptions["onQuery"],
  ) {}

  /** Runs the steps once; true when any of them looked up a key it had not looked up before. */
  async steps(group: PlanStep[]): Promise<boolean> {
    let any = false;
    for (const step of group) any = (await this.step(step)) || any;
    return any;
  }

  /** The values a step looks up: the identities given, or the referenced column of the rows found so far. */
  keys(step: PlanStep): unknown[] {
    if ("identity" in step.source) return this.identities[step.source.identity] ?? [];
    const { parent } = step.source.reference;
    const values = new Map<string, unknown>();
    for (const row of this.rows.get(tableKey(parent))?.values() ?? []) {
      const v = row[parent.column];
      if (v !== null && v !== undefined) values.set(keyString(v), v);
    }
    return [...values.values()];
  }

  lookup(step: PlanStep): ManualLookup {
    const by = "identity" in step.source ? step.source.identity : `${step.source.reference.parent.system}.${step.source.reference.parent.table}.${step.source.reference.parent.column}`;
    return { column: step.key, by, values: this.keys(step).map(keyString) };
  }

  private async step(step: PlanStep): Promise<boolean> {
    const seen = this.queried.get(step.index) ?? new Set<string>();
    this.queried.set(step.index, seen);
    const fresh = this.keys(step).filter((v) => !seen.has(keyString(v)));
    if (fresh.length === 0) return false;
    fresh.forEach((v) => seen.add(keyString(v)));
    const table = this.table(step);
    const found = this.rows.get(tableKey(step)) ?? new Map<string, Row>();
    this.rows.set(tableKey(step), found);
    const tx = await this.transaction(step.system);
    const driver = this.systems.sql(step.system);
    for (const keys of batches(fresh)) {
      this.queries++;
      this.keysLookedUp += keys.length;
      const query = selectByKeys(driver.dialect, step.table, table.select, step.key, keys);
      this.onQuery?.(step.system, query);
      for (const row of await tx.rows(query)) {
        found.set(keyString(row[table.primaryKey]), row);
      }
    }
    return true;
  }

  private table(step: PlanStep): TablePlan {
    const table = this.plan.tables.find((t) => tableKey(t) === tableKey(step));
    if (!table) throw new RegistruError("connector_plan_invalid", `plan has no table ${tableKey(step)}`, 500);
    return table;
  }

  private async transaction(system: string) {
    let tx = this.transactions.get(system);
    if (!tx) {
      tx = await this.systems.sql(system).begin("read");
      this.transactions.set(system, tx);
    }
    return tx;
  }

  async commit() {
    for (const tx of this.transactions.values()) await tx.commit();
  }

  /** After commit this is a no-op: transactions ignore a second ending. */
  async rollback() {
    await Promise.allSettled([...this.transactions.values()].map((tx) => tx.rollback()));
  }
}

function foundTable(table: TablePlan, rows: Row[]): FoundTable {
  return {
    system: table.system,
    kind: table.kind,
    table: table.table,
    primaryKey: table.primaryKey,
    fields: table.fields,
    rows: rows.map((r) => ({ primaryKey: jsonValue(r[table.primaryKey]), fields: Object.fromEntries(Object.keys(table.fields).map((c) => [c, jsonValue(r[c])])) })),
    count: rows.length,
  };
}

/** The HTTP protocol's find body: identities per kind and referenced key values per `table.column`. */
function remotePayload(lookups: Array<{ table: string } & ManualLookup>) {
  const identities: Record<string, string[]> = {};
  const references: Record<string, string[]> = {};
  for (const l of lookups) {
    if (l.by.includes(".")) references[`${l.table}.${l.column}`] = [...(references[`${l.table}.${l.column}`] ?? []), ...l.values];
    else if (l.values.length > 0) identities[l.by] = l.values;
  }
  return { identities, references, tables: [...new Set(lookups.map((l) => l.table))] };
}
