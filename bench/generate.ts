/**
 * The benchmark's data generator: seeded, streaming exports of leads (Bitrix24 CSV), calls
 * (3CX/Zoho-style CSV) and invoices (1C CSV and XLSX) into `bench/out/`, reused when already
 * generated with the same size and seed.
 *
 *   node dist/bench/generate.js [--rows 100000,1000000] [--scale] [--seed 1] [--only leads] [--out DIR]
 *
 * The modules it builds on: prng (sfc32), clients (the shared client base), leads / calls /
 * invoices (one row source per export), write-csv / write-xlsx (streaming writers), datasets
 * (naming and reuse).
 */
import { ensureDataset, sizeLabel, type Dataset, type Kind } from './datasets.js';
import { benchOutDir, isMain } from './paths.js';
import { DEFAULT_SEED, KINDS, planWorkloads, SCALE_SIZE, STANDARD_SIZES } from './workloads.js';

export { ensureDataset, datasetPath, generateTo, sizeLabel, GENERATOR_VERSION } from './datasets.js';
export type { Dataset, DatasetSpec, Format, Kind } from './datasets.js';

/** What the generator CLI was asked for. */
export interface GenerateArgs {
  sizes: number[];
  kinds: Kind[];
  seed: number;
  outDir: string;
}

/** Parse `--rows`, `--scale`, `--seed`, `--only`, `--out`; throws with a usage message on bad input. */
export function parseGenerateArgs(argv: readonly string[], defaultOut: string): GenerateArgs {
  const a: GenerateArgs = { sizes: [...STANDARD_SIZES], kinds: [...KINDS], seed: DEFAULT_SEED, outDir: defaultOut };
  let scale = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--rows') {
      a.sizes = value().split(',').map((s) => {
        const n = Number(s.trim().replace(/_/g, ''));
        if (!Number.isInteger(n) || n < 1) throw new Error(`--rows: "${s}" is not a positive integer`);
        return n;
      });
    } else if (flag === '--scale') scale = true;
    else if (flag === '--seed') {
      const n = Number(value());
      if (!Number.isInteger(n)) throw new Error('--seed needs an integer');
      a.seed = n;
    } else if (flag === '--only') {
      const k = value();
      if (!(KINDS as readonly string[]).includes(k)) throw new Error(`--only: expected ${KINDS.join('|')}, got "${k}"`);
      a.kinds = [k as Kind];
    } else if (flag === '--out') a.outDir = value();
    else throw new Error(`unknown flag ${flag}`);
  }
  if (scale && !a.sizes.includes(SCALE_SIZE)) a.sizes.push(SCALE_SIZE);
  return a;
}

/** Ensure every dataset the arguments name; logs each one to `log`. */
export async function generateAll(a: GenerateArgs, log: (line: string) => void): Promise<Dataset[]> {
  const out: Dataset[] = [];
  for (const w of planWorkloads(a.sizes, a.kinds, a.seed)) {
    const d = await ensureDataset(w, a.outDir);
    const mb = (d.bytes / 1e6).toFixed(1);
    log(`${d.reused ? 'reused   ' : 'generated'} ${w.name} ${sizeLabel(w.rows)} rows  ${mb} MB  ${d.path}` +
      (d.reused ? '' : `  (${d.seconds.toFixed(1)} s)`));
    out.push(d);
  }
  return out;
}

if (isMain(import.meta.url)) {
  try {
    await generateAll(parseGenerateArgs(process.argv.slice(2), benchOutDir()), (l) => console.log(l));
  } catch (e) {
    console.error(`bench generate: ${(e as Error).message}`);
    process.exitCode = 2;
  }
}
