/** The seed of every fuzz run unless FUZZ_SEED says otherwise, so `npm test` sends the same cases each time. */
const DEFAULT_SEED = 20261129;

/** How many cases a fuzz test sends and from which seed: `defaultRuns` in `npm test`, FUZZ_RUNS and FUZZ_SEED to change them. */
export function fuzzSettings(defaultRuns: number): { numRuns: number; seed: number } {
  const runs = Number(process.env.FUZZ_RUNS);
  const seed = Number(process.env.FUZZ_SEED || Number.NaN);
  return {
    numRuns: Number.isSafeInteger(runs) && runs > 0 ? runs : defaultRuns,
    seed: Number.isSafeInteger(seed) ? seed : DEFAULT_SEED,
  };
}
