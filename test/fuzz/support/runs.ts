/**
 * Run counts for the property tests: the default keeps the whole fuzz suite to about a minute;
 * `FUZZ_RUNS=N` scales every property (N is the run count of a property whose default is 100).
 */
export function fuzzRuns(defaultRuns: number): number {
  const raw = process.env.FUZZ_RUNS;
  if (raw === undefined || raw === '') return defaultRuns;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`FUZZ_RUNS must be a positive number, got ${JSON.stringify(raw)}`);
  return Math.max(1, Math.round((defaultRuns * n) / 100));
}

/** fast-check's seed, fixed with `FUZZ_SEED=` to replay a failure; random otherwise. */
export function fuzzSeed(): number | undefined {
  const raw = process.env.FUZZ_SEED;
  return raw === undefined || raw === '' ? undefined : Number(raw);
}
