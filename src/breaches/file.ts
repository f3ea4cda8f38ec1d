import { isMap, isNode, isPair, isScalar, LineCounter, parseDocument, type Document } from "yaml";
import { isRegistruError, RegistruError } from "../errors.ts";
import type { Issue } from "./risk.ts";

export interface FileProblem {
  file: string;
  line: number;
  col: number;
  path: string;
  message: string;
}

/** A breach file that does not describe a breach; every problem has its line and column. */
export class BreachFileInvalid extends RegistruError {
  constructor(readonly problems: FileProblem[]) {
    super("breach_file_invalid", `the breach file is invalid: ${problems.length} problem(s)`, 400, { problems });
  }
}

export const formatFileProblem = (p: FileProblem) => `${p.file}:${p.line}:${p.col}: ${p.message}${p.path ? ` (at ${p.path})` : ""}`;

const firstLine = (s: string) => (s.split("\n")[0] ?? s).replace(/ at line \d+, column \d+:?$/, "");

const steps = (path: string) => (path ? path.split(".").map((s) => (/^\d+$/.test(s) ? Number(s) : s)) : []);

/** Where a dotted path sits in the YAML source; a path that does not exist points at the nearest object that does. */
function locate(doc: Document, lines: LineCounter, path: string, atKey: boolean) {
  const p = steps(path);
  if (atKey && p.length) {
    const parent = p.length > 1 ? doc.getIn(p.slice(0, -1), true) : doc.contents;
    const pair = isMap(parent) ? parent.items.find((x) => isPair(x) && isScalar(x.key) && String(x.key.value) === String(p.at(-1))) : undefined;
    if (pair && isScalar(pair.key) && pair.key.range) return lines.linePos(pair.key.range[0]);
  }
  for (let n = p.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(p.slice(0, n), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]);
  }
  return { line: 1, col: 1 };
}

/**
 * Reads a breach described in YAML, in the API's shape. The value is checked by the service (the
 * schema and the policy in force); `explain` turns its `invalid_breach` paths into file:line:col.
 */
export function readBreachFile(source: string, file: string) {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, uniqueKeys: true });
  if (doc.errors.length) {
    throw new BreachFileInvalid(doc.errors.map((e) => ({ file, ...(e.linePos?.[0] ?? { line: 1, col: 1 }), path: "", message: `YAML: ${firstLine(e.message)}` })));
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new BreachFileInvalid([{ file, line: 1, col: 1, path: "", message: `YAML: ${firstLine(e instanceof Error ? e.message : String(e))}` }]);
  }
  const explain = (e: unknown): unknown => {
    if (!isRegistruError(e) || e.code !== "invalid_breach" || !Array.isArray(e.details)) return e;
    const problems = (e.details as Issue[]).map((i) => ({ file, ...locate(doc, lines, i.path, i.message.startsWith("unknown key")), path: i.path, message: i.message }));
    return new BreachFileInvalid(problems.sort((a, b) => a.line - b.line || a.col - b.col));
  };
  return { value, explain };
}
