import { readFile } from "node:fs/promises";
import type { z } from "zod";
import { RegistruError } from "../errors.ts";
import { formatFileProblem, readYaml, sortByPosition, valueAt, type FileProblem } from "./input-file.ts";
import type { ManifestPath, SourcePosition } from "./positions.ts";
import { checkReferences } from "./references.ts";
import { manifestSchema, type Manifest } from "./schema.ts";

export type ManifestProblem = FileProblem;

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

export const formatProblem = formatFileProblem;

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
  const read = readYaml(source, file);
  if ("problems" in read) throw new ManifestInvalid(read.problems);
  const { value: input, locate } = read;
  const problem = (path: ManifestPath, message: string, key = false): ManifestProblem => ({
    file,
    ...locate(path, { key }),
    path: formatPath(path),
    message,
  });

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

const depth = (issues: z.core.$ZodIssue[]) => Math.max(0, ...issues.map((i) => i.path.length + (i.code === "invalid_type" ? 0 : 1)));
const unionMessage = (issue: z.core.$ZodIssue) => (issue.message === "Invalid input" ? "value has the wrong form here" : issue.message);
