import type { Counts, TableEvidence } from "./evidence.ts";
import type { NotEnforceable } from "./rules.ts";

type Evidence = Omit<TableEvidence, "done" | "cursor">;

const ACTION_WORDS: Record<string, string> = {
  delete: "delete",
  anonymise: "anonymise",
  delete_or_anonymise: "delete, or anonymise if referenced",
  "with parent": "goes with",
};

/** One line per table and one per period: what expires, why, and what happens (`would` for a plan). */
export function evidenceLines(tables: readonly Evidence[], mode: "plan" | "run"): string[] {
  const lines: string[] = [];
  const verb = (done: string, planned: string) => (mode === "run" ? done : planned);
  for (const t of tables) {
    const c = t.counts;
    const what = t.rule === "inherited" ? `${ACTION_WORDS["with parent"]} ${t.with}` : (ACTION_WORDS[t.action] ?? t.action);
    const parts = [`expired ${c.expired}`];
    const add = (n: number, text: string) => n > 0 && parts.push(`${text} ${n}`);
    add(c.held, "held");
    add(c.deleted, verb("deleted", "to delete"));
    add(c.anonymised, verb("anonymised", "to anonymise"));
    add(c.already_anonymised, "already anonymised");
    add(c.kept_referenced, "kept (still referenced)");
    lines.push(`${t.system}.${t.table}\t${what}\t${parts.join(", ")}`);
    for (const p of t.periods) lines.push(`  ${p.label}: event on or before ${p.cutoff}: ${t.by_rule[p.label] ?? 0}`);
  }
  return lines;
}

export const notEnforceableLines = (items: readonly NotEnforceable[]) => items.map((n) => `${n.system}.${n.table}: not enforceable automatically: ${n.reason}`);

export function totals(tables: readonly Evidence[]): Counts {
  const sum: Counts = { expired: 0, held: 0, deleted: 0, anonymised: 0, already_anonymised: 0, kept_referenced: 0 };
  for (const t of tables) for (const [k, v] of Object.entries(t.counts)) sum[k as keyof Counts] += v;
  return sum;
}
