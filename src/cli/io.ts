/** Exit codes: 0 fine, 1 findings (lint errors, broken chain), 2 bad input (file:line:col on stderr). */
export const ExitCode = { ok: 0, findings: 1, badInput: 2, failure: 3 } as const;

export interface Io {
  out(line: string): void;
  err(line: string): void;
  exit(code: number): void;
  readonly code: number;
}

export function processIo(): Io {
  let code = 0;
  // `registru ... | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(code);
  });
  return {
    out: (line) => void process.stdout.write(`${line}\n`),
    err: (line) => void process.stderr.write(`${line}\n`),
    exit: (c) => void (code = Math.max(code, c)),
    get code() {
      return code;
    },
  };
}
