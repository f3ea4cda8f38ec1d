import { LineCounter, parseDocument } from "yaml";
import { RegistruError } from "../errors.ts";
import { locator } from "../manifest/positions.ts";
import { assessmentInput } from "./record.ts";

export interface FileProblem {
  file: string;
  line: number;
  col: number;
  path: string;
  message: string;
}

/** A DPIA file that does not describe an assessment; every problem has its line and column. */
export class AssessmentFileInvalid extends RegistruError {
  constructor(readonly problems: FileProblem[]) {
    super("dpia_file_invalid", `the assessment file is invalid: ${problems.length} problem(s)`, 400, { problems });
  }
}

export const formatFileProblem = (p: FileProblem) => `${p.file}:${p.line}:${p.col}: ${p.message}${p.path ? ` (at ${p.path})` : ""}`;

export interface AssessmentFile {
  value: unknown;
  /** Where a dotted path ("risks.0.likelihood") of the document is written, for errors found later. */
  problemAt(path: string, message: string): FileProblem;
}

/** Reads an assessment written in YAML, in the API's shape; shape errors stop here with their positions. */
export function parseAssessmentFile(source: string, file: string): AssessmentFile {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, uniqueKeys: true });
  if (doc.errors.length) {
    throw new AssessmentFileInvalid(doc.errors.map((e) => ({ file, ...(e.linePos?.[0] ?? { line: 1, col: 1 }), path: "", message: `YAML: ${e.message.split("\n")[0]}` })));
  }
  const locate = locator(doc, lines);
  const steps = (path: string) => (path ? path.split(".").map((s) => (/^\d+$/.test(s) ? Number(s) : s)) : []);
  const problemAt = (path: string, message: string, key = false): FileProblem => ({ file, ...locate(steps(path), { key }), path, message });
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new AssessmentFileInvalid([{ file, line: 1, col: 1, path: "", message: `YAML: ${(e instanceof Error ? e.message : String(e)).split("\n")[0]}` }]);
  }
  const parsed = assessmentInput.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap((i) => {
      const path = i.path.map(String).join(".");
      if (i.code === "unrecognized_keys") return i.keys.map((k) => problemAt(path ? `${path}.${k}` : k, `unknown key "${k}"`, true));
      if (i.path.length && valueAt(value, i.path) === undefined) return [problemAt(path, `missing required key "${String(i.path.at(-1))}"`)];
      return [problemAt(path, i.message)];
    });
    throw new AssessmentFileInvalid(problems.sort((a, b) => a.line - b.line || a.col - b.col));
  }
  return { value, problemAt };
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let node = input;
  for (const step of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[step];
  }
  return node;
}
