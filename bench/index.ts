import { consentBenchmark } from "./consent.ts";
import { requestsBenchmark } from "./requests.ts";
import { retentionBenchmark } from "./retention.ts";
import { startupBenchmark } from "./startup.ts";

export interface Benchmark {
  name: string;
  description: string;
  run(): Promise<void>;
}

const benchmarks: Benchmark[] = [startupBenchmark, consentBenchmark, retentionBenchmark, requestsBenchmark];

export async function runBenchmarks(names: string[]): Promise<number> {
  const unknown = names.filter((n) => !benchmarks.some((b) => b.name === n));
  if (unknown.length > 0) {
    process.stderr.write(`unknown benchmark(s): ${unknown.join(", ")}; known: ${benchmarks.map((b) => b.name).join(", ")}\n`);
    return 2;
  }
  for (const b of benchmarks.filter((b) => names.length === 0 || names.includes(b.name))) {
    process.stdout.write(`\n# ${b.name}: ${b.description}\n`);
    await b.run();
  }
  return 0;
}
