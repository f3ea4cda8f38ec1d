import { main } from "../../src/cli/main.ts";
import type { Io } from "../../src/cli/io.ts";

/** Runs the CLI in-process and captures what it prints. */
export async function runCli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  let code = 0;
  const io: Io = {
    out: (l) => void out.push(l),
    err: (l) => void err.push(l),
    exit: (c) => void (code = Math.max(code, c)),
    get code() {
      return code;
    },
  };
  const exitCode = await main(["node", "registru", ...args], io);
  return { exitCode, stdout: out.join("\n"), stderr: err.join("\n") };
}
