import { Command, CommanderError } from "commander";
import { isRegistruError } from "../errors.ts";
import { formatProblem, ManifestInvalid } from "../manifest/index.ts";
import { registruVersion } from "../version.ts";
import { registerApiKeyCommands } from "./commands/apikeys.ts";
import { registerAssessmentCommands } from "./commands/assessments.ts";
import { registerAuditCommands } from "./commands/audit.ts";
import { registerBreachCommands } from "./commands/breaches.ts";
import { registerConsentCommands } from "./commands/consent.ts";
import { registerSystemCommands } from "./commands/connectors.ts";
import { registerDatabaseCommands } from "./commands/database.ts";
import { registerDiff } from "./commands/diff.ts";
import { registerDocumentCommands } from "./commands/documents.ts";
import { registerLawCommands } from "./commands/law.ts";
import { registerLint } from "./commands/lint.ts";
import { registerRequestCommands } from "./commands/requests.ts";
import { registerRetentionCommands } from "./commands/retention.ts";
import { registerSecurityCommands } from "./commands/security.ts";
import { registerStaffCommands } from "./commands/staff.ts";
import { registerStart } from "./commands/start.ts";
import { registerVendorCommands } from "./commands/vendors.ts";
import { registerWebhookCommands } from "./commands/webhooks.ts";
import { ExitCode, processIo, type Io } from "./io.ts";

export function buildProgram(io: Io) {
  const program = new Command("registru")
    .description("Registru: a privacy policy is a list of promises; this keeps them.")
    .version(registruVersion)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
  registerStart(program);
  registerLint(program, io);
  registerDatabaseCommands(program, io);
  registerAuditCommands(program, io);
  registerConsentCommands(program, io);
  registerApiKeyCommands(program, io);
  registerRequestCommands(program, io);
  registerBreachCommands(program, io);
  registerWebhookCommands(program, io);
  registerLawCommands(program, io);
  registerDiff(program, io);
  registerDocumentCommands(program, io);
  registerAssessmentCommands(program, io);
  registerVendorCommands(program, io);
  registerSecurityCommands(program, io);
  registerSystemCommands(program, io);
  registerRetentionCommands(program, io);
  registerStaffCommands(program, io);
  return program;
}

/** Runs the CLI and returns the exit code; errors become one clear line each, never a stack trace. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  try {
    await buildProgram(io).parseAsync(argv);
    return io.code;
  } catch (e) {
    return reportError(e, io);
  }
}

function reportError(e: unknown, io: Io): number {
  if (e instanceof CommanderError) {
    return e.exitCode === 0 ? ExitCode.ok : ExitCode.badInput;
  }
  if (e instanceof ManifestInvalid) {
    for (const p of e.problems) io.err(formatProblem(p));
    return ExitCode.badInput;
  }
  if (isRegistruError(e)) {
    io.err(`registru: ${e.message} [${e.code}]`);
    return e.status < 500 ? ExitCode.badInput : ExitCode.failure;
  }
  io.err(`registru: unexpected error: ${e instanceof Error ? e.message : String(e)}`);
  return ExitCode.failure;
}
