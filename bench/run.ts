/**
 * `npm run bench`: generate (or reuse) the exports, time `kpi report -O json` over each against
 * DuckDB (CSV) or exceljs (XLSX), time `kpi --version`, check the issue's goals, print a table,
 * and write `bench/out/results.json` and `bench/out/results.md`.
 *
 *   npm run bench -- [--quick] [--scale] [--only leads|calls|invoices] [--runs N] [--seed N] [--rows N,N] [--others] [--shapes] [--shape NAME]
 *
 * Needs `npm run build` first (the npm script does it): it times the built `dist/bin/kpi.js`.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { ensureDataset } from './datasets.js';
import { goalsFor, LIMITS } from './goals.js';
import { killLiveProcesses, rssMethod, timeProcess } from './measure.js';
import { timeOtherTools } from './others.js';
import { timeShapes } from './shapes.js';
import { benchOutDir, benchScript, isMain, kpiBin, repoRoot } from './paths.js';
import { renderMarkdown, renderTable } from './render.js';
import type { BenchResults, WorkloadResult } from './results.js';
import { parseRunArgs, RUN_USAGE, type RunArgs } from './run-args.js';
import { runWorkload } from './run-workload.js';
import { median } from './stats.js';
import { planWorkloads } from './workloads.js';

/** Ten `kpi --version` runs: start-up time is what a user feels on every command. */
async function timeVersion(bin: string, cwd: string): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < 10; i++) {
    const r = await timeProcess(process.execPath, [bin, '--version'], { cwd, timeoutMs: 30_000 });
    if (r.exitCode !== 0) throw new Error(`kpi --version failed: exit ${r.exitCode} ${r.stderr.trim()}`);
    out.push(Math.round(r.wallMs * 10) / 10);
  }
  return out;
}

/** Run the whole benchmark; returns the results (also written to `args.outDir`). */
export async function runBench(args: RunArgs, log: (line: string) => void): Promise<BenchResults> {
  const root = repoRoot();
  const bin = kpiBin();
  for (const f of [bin, benchScript('duckdb-child'), benchScript('exceljs-child')]) {
    if (!existsSync(f)) throw new Error(`${f} is missing: run \`npm run build\` first (npm run bench does)`);
  }
  mkdirSync(args.outDir, { recursive: true });
  const loadBefore = loadavg();
  log(`kpi bench: sizes ${args.sizes.join(', ')}; ${args.runs} run(s); seed ${args.seed}; peak RSS by ${rssMethod()}; load ${loadBefore.map((x) => x.toFixed(1)).join(' ')}`);
  const versionRuns = await timeVersion(bin, root);
  const plan = planWorkloads(args.sizes, args.kinds, args.seed);
  const results: WorkloadResult[] = [];
  for (const w of plan) {
    const d = await ensureDataset(w, args.outDir);
    log(`${d.reused ? 'reusing' : `generated (${d.seconds.toFixed(1)} s)`} ${d.path} (${(d.bytes / 1e6).toFixed(1)} MB)`);
    results.push(await runWorkload(w, d, {
      runs: args.runs, kpiBin: bin, script: benchScript, cwd: root, timeoutMs: 15 * 60_000, log,
    }));
  }
  for (const r of results) r.goals = goalsFor(r, results);
  const others = args.others ? await timeOtherTools(results, args.outDir, log) : [];
  const shapes = args.shapes ? await timeShapes(Math.min(1_000_000, Math.max(...args.sizes)), args.seed, args.outDir, bin, log, args.shapeNames) : [];
  const cpu = cpus();
  const versionMedian = median(versionRuns);
  const res: BenchResults = {
    schema: 'kpi-bench/1',
    generated_at: new Date().toISOString(),
    machine: {
      cpus: cpu.length,
      cpu_model: cpu[0]?.model.trim() ?? 'unknown',
      mem_gib: Math.round(totalmem() / 2 ** 30),
      node: process.versions.node,
      platform: `${process.platform}-${process.arch}`,
      load_before: loadBefore,
      load_after: loadavg(),
    },
    rss_method: rssMethod(),
    seed: args.seed,
    runs: args.runs,
    version: { median_ms: versionMedian, runs_ms: versionRuns, goal_ms: LIMITS.versionMs, met: versionMedian < LIMITS.versionMs },
    workloads: results,
    others,
    shapes,
  };
  writeFileSync(join(args.outDir, 'results.json'), JSON.stringify(res, null, 2) + '\n');
  writeFileSync(join(args.outDir, 'results.md'), renderMarkdown(res));
  return res;
}

if (isMain(import.meta.url)) {
  const stop = (): void => {
    killLiveProcesses();
    process.exit(130);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let args: RunArgs;
  try {
    args = parseRunArgs(process.argv.slice(2), benchOutDir());
  } catch (e) {
    console.error(`bench: ${(e as Error).message}\n${RUN_USAGE}`);
    process.exit(2);
  }
  try {
    const res = await runBench(args, (l) => console.error(l));
    console.log(renderTable(res));
    console.log(`results: ${join(args.outDir, 'results.json')}, ${join(args.outDir, 'results.md')}`);
    const failed = res.workloads.filter((w) => w.kpi.error !== null);
    if (failed.length) {
      console.error(`bench: ${failed.length} workload(s) failed: ${failed.map((w) => `${w.name} ${w.rows}: ${w.kpi.error}`).join('; ')}`);
      process.exitCode = 1;
    }
  } catch (e) {
    console.error(`bench: ${(e as Error).message}`);
    process.exitCode = 1;
  }
}
