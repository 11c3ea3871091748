/** The runner's flags (`npm run bench -- --quick`, …), parsed into one typed object. */
import type { Kind } from './datasets.js';
import { DEFAULT_SEED, KINDS, SCALE_SIZE, STANDARD_SIZES } from './workloads.js';
import { SHAPE_NAMES } from './shapes.js';

/** What the runner was asked to do. */
export interface RunArgs {
  sizes: number[];
  kinds: Kind[];
  runs: number;
  seed: number;
  /** Where datasets and results.json go. */
  outDir: string;
  /** Also time Miller, sqlite3 and csvkit when installed (one run each, 1M rows at most). */
  others: boolean;
  /** Also time kpi alone on other export shapes (bench/shapes.ts), at the largest size asked for. */
  shapes: boolean;
  /** With `--shape NAME`: only these shapes (null: all of them). */
  shapeNames: string[] | null;
}

/** The usage text printed on a bad flag. */
export const RUN_USAGE = `usage: npm run bench -- [--quick] [--scale] [--only leads|calls|invoices] [--runs N]
                        [--seed N] [--rows N,N…] [--out DIR] [--others] [--shapes] [--shape NAME]…
  --quick   100k rows only, 1 run
  --scale   add 5M rows (time and memory at 100k, 1M, 5M)
  --others  also time Miller, sqlite3 and csvkit where installed (1 run each, ≤ 1M rows)
  --shapes  also time kpi on other export shapes: an Asterisk CDR, a HubSpot lead list, an issue
            on every row, the issue's own plain-header files (1 run each, at the largest size,
            ≤ 1M rows)
  --shape   only this shape (repeatable; implies --shapes): ${SHAPE_NAMES.join(', ')}`;

function positiveInt(flag: string, v: string): number {
  const n = Number(v.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag}: "${v}" is not a positive integer`);
  return n;
}

/** Parse runner flags; throws an Error whose message names the bad flag. */
export function parseRunArgs(argv: readonly string[], defaultOut: string): RunArgs {
  const a: RunArgs = { sizes: [...STANDARD_SIZES], kinds: [...KINDS], runs: 3, seed: DEFAULT_SEED, outDir: defaultOut, others: false, shapes: false, shapeNames: null };
  let quick = false;
  let scale = false;
  let rows: number[] | null = null;
  let runs: number | null = null;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--quick': quick = true; break;
      case '--scale': scale = true; break;
      case '--others': a.others = true; break;
      case '--shapes': a.shapes = true; break;
      case '--shape': {
        const name = value();
        if (!SHAPE_NAMES.includes(name)) throw new Error(`--shape: expected one of ${SHAPE_NAMES.join(', ')}, got "${name}"`);
        a.shapes = true;
        (a.shapeNames ??= []).push(name);
        break;
      }
      case '--runs': runs = positiveInt(flag, value()); break;
      case '--seed': {
        const v = value();
        const n = Number(v);
        if (!Number.isInteger(n)) throw new Error(`--seed: "${v}" is not an integer`);
        a.seed = n;
        break;
      }
      case '--rows': rows = value().split(',').map((s) => positiveInt(flag, s.trim())); break;
      case '--out': a.outDir = value(); break;
      case '--only': {
        const k = value();
        if (!(KINDS as readonly string[]).includes(k)) throw new Error(`--only: expected ${KINDS.join('|')}, got "${k}"`);
        a.kinds = [k as Kind];
        break;
      }
      default: throw new Error(`unknown flag ${flag}`);
    }
  }
  if (quick) {
    a.sizes = [STANDARD_SIZES[0]!];
    a.runs = 1;
  }
  if (rows) a.sizes = rows;
  if (scale && !a.sizes.includes(SCALE_SIZE)) a.sizes.push(SCALE_SIZE);
  if (runs !== null) a.runs = runs;
  a.sizes.sort((x, y) => x - y);
  return a;
}
