import { taxonomy } from "../law/index.ts";
import type { ManifestPath } from "./positions.ts";
import type { Manifest } from "./schema.ts";

export interface ReferenceIssue {
  path: ManifestPath;
  message: string;
}

/**
 * Checks what a schema cannot: that every id a manifest uses is defined once and exists.
 * These are structural errors (the manifest means nothing if they fail), not legal findings.
 */
export function checkReferences(m: Manifest): ReferenceIssue[] {
  const issues: ReferenceIssue[] = [];
  const add = (path: ManifestPath, message: string) => issues.push({ path, message });

  const subjects = uniqueIds(m.subjects, ["subjects"], add);
  const activities = uniqueIds(m.activities, ["activities"], add);
  const processors = uniqueIds(m.processors ?? [], ["processors"], add);
  const recipients = uniqueIds(m.recipients ?? [], ["recipients"], add);
  const clients = uniqueIds(m.clients ?? [], ["clients"], add);
  uniqueIds(m.systems ?? [], ["systems"], add);
  uniqueIds(m.security_measures ?? [], ["security_measures"], add);
  const anyRecipient = new Set([...processors, ...recipients]);

  m.activities.forEach((a, i) => {
    const at = ["activities", i];
    a.subjects.forEach((s, j) => subjects.has(s) || add([...at, "subjects", j], `unknown subject category "${s}"; define it under subjects`));
    a.data.forEach((d, j) => taxonomy.has(d) || add([...at, "data", j], unknownCategory(d)));
    a.recipients?.forEach((r, j) => anyRecipient.has(r) || add([...at, "recipients", j], `unknown recipient "${r}"; define it under processors or recipients`));
    if (Array.isArray(a.transfers)) {
      a.transfers.forEach((t, j) => t.recipient && !anyRecipient.has(t.recipient) && add([...at, "transfers", j, "recipient"], `unknown recipient "${t.recipient}"`));
    }
    if (Array.isArray(a.controllers)) {
      a.controllers.forEach((c, j) => clients.has(c) || add([...at, "controllers", j], `unknown client controller "${c}"; define it under clients`));
    }
  });

  m.processors?.forEach((p, i) =>
    p.sub_processors?.forEach((s, j) => processors.has(s) || add(["processors", i, "sub_processors", j], `unknown processor "${s}"`)),
  );

  m.systems?.forEach((system, i) => {
    const tables = system.tables ?? {};
    for (const [name, table] of Object.entries(tables)) {
      const at = ["systems", i, "tables", name];
      for (const a of [table.activity].flat()) activities.has(a) || add([...at, "activity"], `unknown activity "${a}"`);
      for (const [column, category] of Object.entries(table.fields ?? {})) {
        if (!category.startsWith("event.") && !taxonomy.has(category)) add([...at, "fields", column], unknownCategory(category));
      }
      for (const [column, target] of Object.entries(table.belongs_to ?? {})) {
        const parts = target.split(".");
        const [targetSystem, targetTable] = parts.length === 3 ? [parts[0], parts[1]] : [system.id, parts[0]];
        const owner = m.systems?.find((s) => s.id === targetSystem);
        if (!owner?.tables?.[targetTable!]) add([...at, "belongs_to", column], `"${target}" names no table declared under systems`);
      }
    }
  });
  return issues;
}

function uniqueIds(items: ReadonlyArray<{ id: string }>, at: ManifestPath, add: (p: ManifestPath, m: string) => void) {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) add([...at, i, "id"], `duplicate id "${item.id}"`);
    seen.add(item.id);
  });
  return seen;
}

function unknownCategory(id: string) {
  const family = id.split(".")[0];
  const suggestions = [...taxonomy.keys()].filter((k) => k.startsWith(`${family}.`)).slice(0, 6);
  const hint = suggestions.length ? `; known in "${family}": ${suggestions.join(", ")}` : "; see `registru taxonomy`";
  return `unknown data category "${id}"${hint}`;
}
