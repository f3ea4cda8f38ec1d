import { isRegistruError } from "../errors.ts";
import { readInputFile, type InputFileKind } from "../manifest/index.ts";
import type { Issue } from "./risk.ts";

export { formatFileProblem, InputFileInvalid as BreachFileInvalid, type FileProblem } from "../manifest/index.ts";

const BREACH_FILE: InputFileKind = { code: "breach_file_invalid", noun: "breach" };

/**
 * Reads a breach described in YAML, in the API's shape. The value is checked by the service (the
 * schema and the policy in force); `explain` turns its `invalid_breach` paths into file:line:col.
 */
export function readBreachFile(source: string, file: string) {
  const input = readInputFile(source, file, BREACH_FILE);
  const explain = (e: unknown): unknown => {
    if (!isRegistruError(e) || e.code !== "invalid_breach" || !Array.isArray(e.details)) return e;
    return input.invalid((e.details as Issue[]).map((i) => input.problemAt(i.path, i.message, { key: i.message.startsWith("unknown key") })));
  };
  return { value: input.value, explain };
}
