import { tableKey, type Reference, type ReferenceGraph, type TableNode, type TableRef } from "./graph.ts";
import { isSqlKind, type IdentityKind, type SystemKind } from "./systems.ts";

export type StepSource =
  /** Look the key column up with the identities of this kind the subject gave. */
  | { identity: IdentityKind }
  /** Look the key column up with `reference.parent.column` of the rows found by the `after` steps. */
  | { reference: Reference; after: number[] };

export interface PlanStep {
  index: number;
  system: string;
  kind: SystemKind;
  table: string;
  /** The lookup column (`WHERE key IN (...)`); it must be indexed. */
  key: string;
  source: StepSource;
  /** Steps with the same cycle id form a loop of references; they are repeated until no new keys appear. */
  cycle?: number;
}

export interface TablePlan extends TableRef {
  kind: SystemKind;
  primaryKey: string;
  fields: Record<string, string>;
  /** Primary key, declared fields, lookup columns and the columns later steps read. */
  select: string[];
}

export interface FindPlan {
  identities: IdentityKind[];
  /** In dependency order: a step comes after the steps whose rows it needs (loops aside). */
  steps: PlanStep[];
  tables: TablePlan[];
  /** References out of http and manual systems: Registru holds none of their rows, so cannot follow them. */
  notFollowed: Reference[];
}

/**
 * Plans, without touching a database, how to find every row of a subject: start at the tables
 * with an identity column for the identities given, then follow `belongs_to` from each found
 * row to the rows that reference it, across tables and systems, to any depth. Loops of
 * references (strongly connected tables) are marked so the executor repeats them to a fixpoint.
 */
export function planFind(graph: ReferenceGraph, identities: readonly IdentityKind[]): FindPlan {
  const { reached, edges, notFollowed } = reach(graph, identities);
  const components = orderedComponents(reached, edges);
  const steps: PlanStep[] = [];
  components.forEach((component, c) => {
    const selfReference = edges.some((e) => tableKey(e.parent) === component[0] && tableKey(e.child) === component[0]);
    const cyclic = component.length > 1 || selfReference;
    for (const key of component) {
      const node = reached.get(key)!;
      const base = { system: node.system, kind: node.kind, table: node.table, ...(cyclic ? { cycle: c } : {}) };
      for (const identity of identities) {
        const column = node.identity[identity];
        if (column) steps.push({ index: steps.length, ...base, key: column, source: { identity } });
      }
      const incoming = edges.filter((e) => tableKey(e.child) === key).sort((a, b) => orderOf(reached, a) - orderOf(reached, b) || a.child.column.localeCompare(b.child.column));
      for (const reference of incoming) steps.push({ index: steps.length, ...base, key: reference.child.column, source: { reference, after: [] } });
    }
  });
  for (const step of steps) {
    if ("reference" in step.source) {
      const parent = tableKey(step.source.reference.parent);
      step.source.after = steps.filter((s) => tableKey(s) === parent).map((s) => s.index);
    }
  }
  const tables = components.flat().map((key) => tablePlan(reached.get(key)!, steps, edges));
  return { identities: [...identities], steps, tables, notFollowed };
}

/** Tables reachable from the identity tables; http and manual tables are reached but not expanded. */
function reach(graph: ReferenceGraph, identities: readonly IdentityKind[]) {
  const reached = new Map<string, TableNode>();
  const queue: TableNode[] = [];
  const visit = (node: TableNode) => {
    if (reached.has(tableKey(node))) return;
    reached.set(tableKey(node), node);
    queue.push(node);
  };
  [...graph.nodes.values()].filter((n) => identities.some((k) => n.identity[k])).forEach(visit);
  const edges: Reference[] = [];
  const notFollowed: Reference[] = [];
  while (queue.length > 0) {
    const node = queue.shift()!;
    const references = graph.referencedBy.get(tableKey(node)) ?? [];
    if (!isSqlKind(node.kind)) {
      notFollowed.push(...references);
      continue;
    }
    for (const reference of references) {
      edges.push(reference);
      visit(graph.nodes.get(tableKey(reference.child))!);
    }
  }
  return { reached, edges, notFollowed };
}

/**
 * Strongly connected components (Tarjan) in topological order of their references, ties broken
 * by manifest order; http and manual tables last (nothing is followed out of them).
 */
function orderedComponents(nodes: Map<string, TableNode>, edges: Reference[]): string[][] {
  const children = new Map<string, string[]>();
  for (const e of edges) children.set(tableKey(e.parent), [...(children.get(tableKey(e.parent)) ?? []), tableKey(e.child)]);
  const componentOf = new Map<string, number>();
  const components: string[][] = [];
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const connect = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of children.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      componentOf.set(w, components.length);
      component.push(w);
    } while (w !== v);
    components.push(component.sort((a, b) => nodes.get(a)!.order - nodes.get(b)!.order));
  };
  for (const key of nodes.keys()) if (!index.has(key)) connect(key);

  // Kahn's algorithm over the components, picking the earliest-declared SQL component first.
  const indegree = components.map(() => 0);
  const successors = components.map(() => new Set<number>());
  for (const e of edges) {
    const [from, to] = [componentOf.get(tableKey(e.parent))!, componentOf.get(tableKey(e.child))!];
    if (from !== to && !successors[from]!.has(to)) {
      successors[from]!.add(to);
      indegree[to]!++;
    }
  }
  const rank = (c: number) => (isSqlKind(nodes.get(components[c]![0]!)!.kind) ? 0 : 1e9) + nodes.get(components[c]![0]!)!.order;
  const ordered: string[][] = [];
  const ready = components.map((_, c) => c).filter((c) => indegree[c] === 0);
  while (ready.length > 0) {
    ready.sort((a, b) => rank(a) - rank(b));
    const c = ready.shift()!;
    ordered.push(components[c]!);
    for (const s of successors[c]!) if (--indegree[s]! === 0) ready.push(s);
  }
  return ordered;
}

const orderOf = (nodes: Map<string, TableNode>, e: Reference) => nodes.get(tableKey(e.parent))!.order;

function tablePlan(node: TableNode, steps: PlanStep[], edges: Reference[]): TablePlan {
  const key = tableKey(node);
  const select = new Set([
    node.primaryKey,
    ...Object.keys(node.fields),
    ...steps.filter((s) => tableKey(s) === key).map((s) => s.key),
    ...edges.filter((e) => tableKey(e.parent) === key).map((e) => e.parent.column),
  ]);
  return { system: node.system, table: node.table, kind: node.kind, primaryKey: node.primaryKey, fields: node.fields, select: [...select] };
}
