import { parseInputFile, type InputFile, type InputFileKind } from "../manifest/index.ts";
import { assessmentInput } from "./record.ts";

export { formatFileProblem, InputFileInvalid as AssessmentFileInvalid, type FileProblem } from "../manifest/index.ts";

const DPIA_FILE: InputFileKind = { code: "dpia_file_invalid", noun: "assessment" };

/** The file's value for the service, and where a path of it is written for the policy's objections. */
export type AssessmentFile = Pick<InputFile, "value" | "problemAt">;

/** Reads an assessment written in YAML, in the API's shape; shape errors stop here with their positions. */
export function parseAssessmentFile(source: string, file: string): AssessmentFile {
  // The service checks the value again, against the policy in force: it gets the value as written.
  const { value, problemAt } = parseInputFile(source, file, DPIA_FILE, assessmentInput);
  return { value, problemAt };
}
