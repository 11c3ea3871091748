/**
 * The work after reading, two builds against each other in one process: each build loads the
 * same file once, then links the records and builds the report in turn with the other, `runs`
 * times each, and the medians are printed. Linking and building run after the reading thread has
 * finished, on one thread, so what they lose comes off the wall time whole; and a shared machine
 * moves whole runs by ±30 % from one minute to the next, while two builds alternating in one
 * process see the same spells (docs/performance.md, fifteenth session).
 *
 *   node dist/bench/phases-ab.js <leads|calls|invoices> <file> <other-dist> [--runs 8] [--by manager]
 *
 * `other-dist` is another checkout's `dist/` (`git worktree add /tmp/base <commit>`, then
 * `npm run build` there); this checkout's `dist/` is the first build.
 */
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Kind } from './datasets.js';
import { isMain, repoRoot } from './paths.js';
import { median } from './stats.js';

/** One build's link and build times (ms) for one repetition. */
export interface PhaseTimes {
  link: number;
  build: number;
}

/** Load `file` with the build in `dist`; returns a function that links and builds once, timed. */
export async function phasesOf(dist: string, kind: Kind, file: string, by: string | null): Promise<() => PhaseTimes> {
  const load = async <T>(m: string): Promise<T> => (await import(pathToFileURL(join(dist, 'src', m)).href)) as T;
  // another build's modules: their types are that build's, not this one's
  type Any = any;
  const { makeContext, parallelRun, pipeRun } = await load<Any>('app/context.js');
  const { loadInputs } = await load<Any>('app/load.js');
  const { engineOptions } = await load<Any>('app/linked-run.js');
  const { resolveSpan } = await load<Any>('period/span.js');
  const { linkRecords } = await load<Any>('kpi/link.js');
  const { buildReport } = await load<Any>('report/build.js');
  const o: Record<string, unknown> = {
    leads: [], calls: [], invoices: [], config: null, noConfig: true, period: '2024-01..2025-12', begin: null, end: null,
    interval: null, today: '2026-01-15', groupBy: by, compare: null, format: 'json', output: null, layout: null,
    csvDialect: null, lang: null, color: 'never', strict: false, rejects: null, explain: false, quiet: true, demo: false, force: false,
  };
  o[kind] = [file];
  const ctx = await makeContext([], o, {}, process.cwd());
  const loaded = await loadInputs(ctx.inputs, ctx.settings, { keepRaw: false, lenient: false, progress: null, parallel: parallelRun(ctx, {}), pipe: pipeRun({}) });
  const span = resolveSpan({ period: o.period, begin: null, end: null, interval: null, today: ctx.today, weekStart: 'monday', dataMin: null, dataMax: null });
  return () => {
    let t = performance.now();
    const linked = linkRecords(loaded.tables, { conversionWindowDays: ctx.config.conversion_window_days, useInvoiceWinRule: loaded.has.invoices });
    const link = performance.now() - t;
    t = performance.now();
    buildReport(linked, { columns: span.columns, weekStart: 'monday', today: ctx.today, groupBy: by, compare: null, defaultCompare: false, sparkline: false, only: null, compute: engineOptions(ctx, loaded) });
    return { link, build: performance.now() - t };
  };
}

/** Run both builds in turn `runs` times; the medians of each. */
export function alternate(a: () => PhaseTimes, b: () => PhaseTimes, runs: number): { a: PhaseTimes; b: PhaseTimes } {
  const ta: PhaseTimes[] = [];
  const tb: PhaseTimes[] = [];
  for (let r = 0; r < runs; r++) {
    ta.push(a());
    tb.push(b());
  }
  const med = (xs: PhaseTimes[]): PhaseTimes => ({ link: median(xs.map((x) => x.link)), build: median(xs.map((x) => x.build)) });
  return { a: med(ta), b: med(tb) };
}

/** One line per build: `this build: link 423 ms, build 237 ms`. */
export function formatPhases(r: { a: PhaseTimes; b: PhaseTimes }, other: string, runs: number): string {
  const line = (name: string, t: PhaseTimes) => `${name}: link ${t.link.toFixed(0)} ms, build ${t.build.toFixed(0)} ms`;
  return `${line('this build', r.a)}\n${line(other, r.b)}\n(medians of ${runs} alternating runs)`;
}

if (isMain(import.meta.url)) {
  const [kind, file, other, ...rest] = process.argv.slice(2);
  const opt = (name: string): string | null => {
    const at = rest.indexOf(name);
    return at >= 0 ? (rest[at + 1] ?? null) : null;
  };
  const runs = Number(opt('--runs') ?? 8);
  if ((kind !== 'leads' && kind !== 'calls' && kind !== 'invoices') || !file || !other || !(runs >= 1)) {
    console.error('usage: phases-ab.js <leads|calls|invoices> <file> <other-dist> [--runs 8] [--by manager]');
    process.exit(2);
  }
  const by = opt('--by');
  const a = await phasesOf(join(repoRoot(), 'dist'), kind, resolve(file), by);
  const b = await phasesOf(resolve(other), kind, resolve(file), by);
  console.log(formatPhases(alternate(a, b, runs), resolve(other), runs));
}
