import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Benchmark } from "./index.ts";

const bin = fileURLToPath(new URL("../bin/registru.js", import.meta.url));
const RUNS = 3;

/** The baseline: the smallest Node HTTP server answering /health, started the same way. */
const baselineScript = `require("node:http").createServer((q, s) => s.end("ok")).listen(0, "127.0.0.1", function () {
  console.log("running at http://127.0.0.1:" + this.address().port);
});`;

/** Milliseconds from spawning the process to the first 200 from /health. */
async function timeToHealth(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { env: { ...process.env, LOG_LEVEL: "warn", ...env }, stdio: ["ignore", "pipe", "inherit"] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on("data", (d: Buffer) => {
        const m = /running at (http:\/\/\S+)/.exec(d.toString());
        if (m) resolve(m[1]!);
      });
      child.on("exit", (code) => reject(new Error(`process exited with ${code}`)));
    });
    const res = await fetch(`${url}/health`);
    if (res.status !== 200) throw new Error(`/health answered ${res.status}`);
    return performance.now() - started;
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export const startupBenchmark: Benchmark = {
  name: "startup",
  description: "time from process start to /health on PGlite (target: first start under 10 s)",
  async run() {
    const baseline: number[] = [];
    const fresh: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      baseline.push(await timeToHealth(["-e", baselineScript], {}));
      const dataDir = mkdtempSync(join(tmpdir(), "registru-bench-"));
      const env = { DATABASE_URL: "", REGISTRU_DATA_DIR: dataDir };
      fresh.push(await timeToHealth([bin, "start", "--port", "0"], env));
      warm.push(await timeToHealth([bin, "start", "--port", "0"], env));
      rmSync(dataDir, { recursive: true, force: true });
    }
    const b = median(baseline);
    const row = (label: string, xs: number[]) =>
      `${label.padEnd(44)} ${median(xs).toFixed(0).padStart(7)} ms   ${(median(xs) / b).toFixed(1).padStart(6)}x baseline`;
    process.stdout.write(`${row("baseline: bare node:http server", baseline)}\n`);
    process.stdout.write(`${row("first start (new data dir, 5 examples loaded)", fresh)}\n`);
    process.stdout.write(`${row("restart (existing data dir)", warm)}\n`);
    const verdict = median(fresh) < 10_000 ? "met" : "MISSED";
    process.stdout.write(`target first start < 10 s: ${verdict} (median of ${RUNS})\n`);
  },
};
