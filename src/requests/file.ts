import { parseInputFile, type InputFileKind } from "../manifest/index.ts";
import { requestInput, type RequestInput } from "./input.ts";

export { formatFileProblem, InputFileInvalid as RequestFileInvalid, type FileProblem } from "../manifest/index.ts";

const REQUEST_FILE: InputFileKind = { code: "request_file_invalid", noun: "request" };

/** Reads a request typed in by staff (a letter, a call: S0-17) from YAML, in the shape of the API body. */
export function parseRequestFile(source: string, file: string): RequestInput {
  return parseInputFile(source, file, REQUEST_FILE, requestInput).data;
}
