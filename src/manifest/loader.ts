import { readFile } from "node:fs/promises";
import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { RegistruError } from "../errors.ts";
import { locator, type ManifestPath, type SourcePosition } from "./positions.ts";
import { checkReferences } from "./references.ts";
import { manifestSchema, type Manifest } from "./schema.ts";

export interface ManifestProblem extends SourcePosition {
  file: string;
  path: string;
  message: string;
}

export interface LoadedManifest {
  manifest: Manifest;
  file: string;
  source: string;
  /** Line and column of a manifest path, for lint findings. */
  locate(path: ManifestPath): SourcePosition;
}

export class ManifestInvalid extends RegistruError {
  constructor(readonly problems: ManifestProblem[]) {
    super("manifest_invalid", `manifest is invalid: ${problems.length} problem(s)`, 422, { problems });
  }
}

export const formatProblem = (p: ManifestProblem) => `${p.file}:${p.line}:${p.col}: ${p.message}${p.path ? ` (at ${p.path})` : ""}`;

export const formatPath = (path: ManifestPath) =>
  path.map((step, i) => (typeof step === "number" ? `[${step}]` : i === 0 ? step : `.${step}`)).join("");

export async function loadManifestFile(file: string): Promise<LoadedManifest> {
  let source: string;
  try {
    source = await readFile(file, "utf8");
  } catch {
    throw new RegistruError("manifest_unreadable", `cannot read manifest ${file}`, 400);
  }
  return parseManifest(source, file);
}

/** Parses and validates a manifest; every problem carries file, line and column. */
export function parseManifest(source: string, file = "registru.yaml"): LoadedManifest {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ManifestInvalid(
      doc.errors.map((e) => {
        const pos = e.linePos?.[0] ?? { line: 1, col: 1 };
        return { file, line: pos.line, col: pos.col, path: "", message: `YAML: ${firstLine(e.message)}` };
      }),
    );
  }
  const locate = locator(doc, lineCounter);
  const problem = (path: ManifestPath, message: string, key = false): ManifestProblem => ({
    file,
    ...locate(path, { key }),
    path: formatPath(path),
    message,
  });

  const input = toPlainValue(doc, file, source, lineCounter);
  const parsed = manifestSchema.safeParse(input);
  if (!parsed.success) {
    throw new ManifestInvalid(sortByPosition(parsed.error.issues.flatMap((i) => describe(i, problem, input))));
  }
  const references = checkReferences(parsed.data);
  if (references.length > 0) {
    throw new ManifestInvalid(sortByPosition(references.map((r) => problem(r.path, r.message))));
  }
  return { manifest: parsed.data, file, source, locate: (path) => locate(path) };
}

/** Unresolvable aliases and alias bombs fail here, not in the schema: report them as YAML errors. */
function toPlainValue(doc: ReturnType<typeof parseDocument>, file: string, source: string, lineCounter: LineCounter): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const alias = /Unresolved alias.*: (\S+)$/.exec(message)?.[1];
    const at = alias ? source.indexOf(`*${alias}`) : -1;
    const pos = at >= 0 ? lineCounter.linePos(at) : { line: 1, col: 1 };
    throw new ManifestInvalid([{ file, ...pos, path: "", message: `YAML: ${firstLine(message)}` }]);
  }
}

type Problem = (path: ManifestPath, message: string, key?: boolean) => ManifestProblem;

function describe(issue: z.core.$ZodIssue, problem: Problem, input: unknown): ManifestProblem[] {
  const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
  if (issue.code !== "unrecognized_keys" && path.length > 0 && valueAt(input, path) === undefined) {
    return [problem(path, `missing required key "${String(path[path.length - 1])}"`)];
  }
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((k) => problem([...path, k], `unknown key "${k}"`, true));
    case "invalid_union": {
      // Report the branch that got furthest: its message is the useful one.
      const best = issue.errors.reduce((a, b) => (depth(b) > depth(a) ? b : a), issue.errors[0] ?? []);
      if (issue.errors.length === 0 || depth(best) <= path.length) return [problem(path, unionMessage(issue))];
      return best.flatMap((i) => describe({ ...i, path: [...issue.path, ...i.path] } as z.core.$ZodIssue, problem, input));
    }
    case "invalid_value":
      return [problem(path, `expected one of: ${issue.values.map(String).join(", ")}`)];
    default:
      if (issue.code === "invalid_type" && issue.expected === "string" && /received (number|boolean)/.test(issue.message)) {
        return [problem(path, `${issue.message}; put the value in quotes (YAML reads +40..., 0123 or yes as numbers or booleans)`)];
      }
      return [problem(path, issue.message)];
  }
}

function valueAt(input: unknown, path: ManifestPath): unknown {
  let node = input;
  for (const step of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[step];
  }
  return node;
}

const depth = (issues: z.core.$ZodIssue[]) => Math.max(0, ...issues.map((i) => i.path.length + (i.code === "invalid_type" ? 0 : 1)));
const unionMessage = (issue: z.core.$ZodIssue) => (issue.message === "Invalid input" ? "value has the wrong form here" : issue.message);
const firstLine = (s: string) => (s.split("\n")[0] ?? s).replace(/ at line \d+, column \d+:?$/, "");
const sortByPosition = (ps: ManifestProblem[]) => ps.sort((a, b) => a.line - b.line || a.col - b.col);
