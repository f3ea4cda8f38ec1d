import type { Parameters } from "fast-check";

/**
 * Fuzzing is reproducible by default: a fixed seed, so CI sees the same inputs every run.
 * REGISTRU_FUZZ_SEED picks another seed (a failure prints the seed and path to replay it) and
 * REGISTRU_FUZZ_RUNS multiplies the number of inputs, e.g. `REGISTRU_FUZZ_RUNS=20 npx vitest run test/fuzz`
 * for a longer search on a developer's machine. The time budgets grow with the multiplier.
 */
export const FUZZ_SEED = Number.parseInt(process.env.REGISTRU_FUZZ_SEED ?? "", 10) || 20_261_124;
export const FUZZ_SCALE = Math.max(1, Number(process.env.REGISTRU_FUZZ_RUNS ?? "1") || 1);

/** fast-check's parameters for one property: `runs` inputs at most, and at most `budgetMs` of work (then it stops, passing). */
export function fuzzParameters<T>(runs: number, budgetMs: number): Parameters<T> {
  return {
    seed: FUZZ_SEED,
    numRuns: Math.round(runs * FUZZ_SCALE),
    interruptAfterTimeLimit: budgetMs * FUZZ_SCALE,
    markInterruptAsFailure: false,
  };
}

/** The vitest timeout for a property with this budget: the budget, plus room for the one input that started last. */
export const testTimeout = (budgetMs: number) => budgetMs * FUZZ_SCALE + 30_000;
