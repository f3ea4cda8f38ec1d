import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { RegistruError } from "../errors.ts";
import { locator, type ManifestPath, type SourcePosition } from "./positions.ts";

/** One problem of a YAML file, where it is written. */
export interface FileProblem extends SourcePosition {
  file: string;
  /** Dotted path of the value ("risks.0.likelihood"); empty for a YAML error. */
  path: string;
  message: string;
}

export const formatFileProblem = (p: FileProblem) => `${p.file}:${p.line}:${p.col}: ${p.message}${p.path ? ` (at ${p.path})` : ""}`;

export const sortByPosition = <P extends SourcePosition>(ps: P[]) => ps.sort((a, b) => a.line - b.line || a.col - b.col);

export interface YamlSource {
  /** The document as plain data. */
  value: unknown;
  locate: ReturnType<typeof locator>;
}

/** Parses YAML keeping positions; syntax errors, unresolved aliases and alias bombs come back as problems. */
export function readYaml(source: string, file: string): YamlSource | { problems: FileProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) return { problems: doc.errors.map((e) => yamlProblem(file, e.linePos?.[0], e.message)) };
  try {
    return { value: doc.toJS({ maxAliasCount: 100 }), locate: locator(doc, lineCounter) };
  } catch (e) {
    // These fail only when the value is built: point at the alias where it can be found.
    const message = e instanceof Error ? e.message : String(e);
    const alias = /Unresolved alias.*: (\S+)$/.exec(message)?.[1];
    const at = alias ? source.indexOf(`*${alias}`) : -1;
    return { problems: [yamlProblem(file, at >= 0 ? lineCounter.linePos(at) : undefined, message)] };
  }
}

const yamlProblem = (file: string, at: SourcePosition | undefined, message: string): FileProblem => ({
  file,
  ...(at ?? { line: 1, col: 1 }),
  path: "",
  message: `YAML: ${firstLine(message)}`,
});
const firstLine = (s: string) => (s.split("\n")[0] ?? s).replace(/ at line \d+, column \d+:?$/, "");

/** Which input file it is: the error code clients match on and the noun its message names. */
export interface InputFileKind {
  code: string;
  noun: string;
}

/** An input file that does not describe what it should; every problem has its line and column. */
export class InputFileInvalid extends RegistruError {
  constructor(
    kind: InputFileKind,
    readonly problems: FileProblem[],
  ) {
    super(kind.code, `the ${kind.noun} file is invalid: ${problems.length} problem(s)`, 400, { problems });
  }
}

export interface InputFile {
  /** The document as plain data, in the API's shape. */
  value: unknown;
  /** Where a dotted path ("risks.0.likelihood") is written, for problems found later; `key` points at the key itself. */
  problemAt(path: string | ManifestPath, message: string, opts?: { key?: boolean }): FileProblem;
  /** The file's error, its problems in source order. */
  invalid(problems: FileProblem[]): InputFileInvalid;
}

/** Reads a YAML file given on the command line in the API's shape; YAML errors stop here. */
export function readInputFile(source: string, file: string, kind: InputFileKind): InputFile {
  const invalid = (problems: FileProblem[]) => new InputFileInvalid(kind, sortByPosition(problems));
  const read = readYaml(source, file);
  if ("problems" in read) throw invalid(read.problems);
  const problemAt = (path: string | ManifestPath, message: string, { key = false } = {}): FileProblem => {
    const steps = typeof path === "string" ? stepsOf(path) : path;
    return { file, ...read.locate(steps, { key }), path: typeof path === "string" ? path : path.join("."), message };
  };
  return { value: read.value, problemAt, invalid };
}

/** Reads the file and checks it against the schema; shape errors stop here too, each at its place. */
export function parseInputFile<T>(source: string, file: string, kind: InputFileKind, schema: z.ZodType<T>): InputFile & { data: T } {
  const input = readInputFile(source, file, kind);
  const parsed = schema.safeParse(input.value);
  if (parsed.success) return { ...input, data: parsed.data };
  throw input.invalid(parsed.error.issues.flatMap((issue) => issueProblems(issue, input)));
}

/** Unknown keys at the key, missing keys at the object that lacks them, the rest at the value. */
function issueProblems(issue: z.core.$ZodIssue, input: InputFile): FileProblem[] {
  const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
  if (issue.code === "unrecognized_keys") return issue.keys.map((k) => input.problemAt([...path, k], `unknown key "${k}"`, { key: true }));
  // A refinement may name a path that is absent on purpose; any other issue there means the key is missing.
  if (issue.code !== "custom" && path.length > 0 && valueAt(input.value, path) === undefined) {
    return [input.problemAt(path, `missing required key "${String(path.at(-1))}"`)];
  }
  return [input.problemAt(path, issue.message)];
}

const stepsOf = (path: string): ManifestPath => (path ? path.split(".").map((s) => (/^\d+$/.test(s) ? Number(s) : s)) : []);

export function valueAt(input: unknown, path: ManifestPath): unknown {
  let node = input;
  for (const step of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[step];
  }
  return node;
}
