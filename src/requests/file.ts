import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from "yaml";
import { RegistruError } from "../errors.ts";
import { requestInput, type RequestInput } from "./input.ts";

export interface FileProblem {
  file: string;
  line: number;
  col: number;
  message: string;
  path: string;
}

/** A staff-entry file that does not describe a request; every problem has its line and column. */
export class RequestFileInvalid extends RegistruError {
  constructor(readonly problems: FileProblem[]) {
    super("request_file_invalid", `the request file is invalid: ${problems.length} problem(s)`, 400, { problems });
  }
}

/** Where a path sits in the YAML source; a missing key points at the nearest object that exists. */
function locate(doc: Document, lines: LineCounter, path: (string | number)[]) {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]);
  }
  return { line: 1, col: 1 };
}

/** Where an unknown key is written (its key, not the object around it). */
function locateKey(doc: Document, lines: LineCounter, path: (string | number)[], key: string) {
  const parent = path.length ? doc.getIn(path, true) : doc.contents;
  const pair = isMap(parent) ? parent.items.find((p) => isScalar(p.key) && String(p.key.value) === key) : undefined;
  const range = isScalar(pair?.key) ? pair.key.range : undefined;
  return range ? lines.linePos(range[0]) : locate(doc, lines, path);
}

/** Reads a request typed in by staff (a letter, a call: S0-17) from YAML, in the shape of the API body. */
export function parseRequestFile(source: string, file: string): RequestInput {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, uniqueKeys: true });
  if (doc.errors.length) {
    throw new RequestFileInvalid(doc.errors.map((e) => ({ file, ...(e.linePos?.[0] ?? { line: 1, col: 1 }), path: "", message: `YAML: ${e.message.split("\n")[0]}` })));
  }
  const parsed = requestInput.safeParse(doc.toJS({ maxAliasCount: 100 }));
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.flatMap((i): FileProblem[] => {
    const path = i.path.map((p) => (typeof p === "symbol" ? String(p) : p));
    if (i.code === "unrecognized_keys") {
      return i.keys.map((k) => ({ file, ...locateKey(doc, lines, path, k), path: [...path, k].join("."), message: `unknown key "${k}"` }));
    }
    return [{ file, ...locate(doc, lines, path), path: path.join("."), message: i.message }];
  });
  throw new RequestFileInvalid(problems.sort((a, b) => a.line - b.line || a.col - b.col));
}

export const formatFileProblem = (p: FileProblem) => `${p.file}:${p.line}:${p.col}: ${p.message}${p.path ? ` (at ${p.path})` : ""}`;
