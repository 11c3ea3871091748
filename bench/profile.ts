/**
 * Where kpi's time goes: run `kpi report` on one generated file under `node --cpu-prof` and
 * print the self time per source file and per function (the top of a V8 CPU profile, without
 * opening DevTools).
 *
 *   node dist/bench/profile.js <leads|calls|invoices> <file> [--top 25]
 *
 * The `.cpuprofile` is kept in `bench/out/profiles/` for DevTools / speedscope.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kind } from './datasets.js';
import { benchOutDir, isMain, kpiModulesBin, repoRoot } from './paths.js';
import { kpiArgs } from './run-workload.js';

/** The parts of a V8 `.cpuprofile` the summary reads. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** One line of the summary: a name, its self time (ms) and share of all samples. */
export interface ProfileLine {
  name: string;
  selfMs: number;
  share: number;
}

/** Self time per function and per file, largest first. `root` shortens file URLs. */
export function summarizeProfile(p: CpuProfile, root: string): { total: number; byFunction: ProfileLine[]; byFile: ProfileLine[] } {
  const frames = new Map(p.nodes.map((n) => [n.id, n.callFrame]));
  const fn = new Map<string, number>();
  const file = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = (p.timeDeltas[i] ?? 0) / 1000;
    const f = frames.get(p.samples[i]!);
    if (!f) continue;
    total += dt;
    let where = f.url;
    if (where.startsWith('file://')) where = relative(root, fileURLToPath(where));
    if (!where) where = f.functionName.startsWith('(') ? f.functionName : '(native)';
    const name = `${f.functionName || '(anonymous)'}  ${where}${f.url ? `:${f.lineNumber + 1}` : ''}`;
    fn.set(name, (fn.get(name) ?? 0) + dt);
    file.set(where, (file.get(where) ?? 0) + dt);
  }
  const lines = (m: Map<string, number>): ProfileLine[] =>
    [...m].map(([name, selfMs]) => ({ name, selfMs, share: total ? selfMs / total : 0 })).sort((a, b) => b.selfMs - a.selfMs);
  return { total, byFunction: lines(fn), byFile: lines(file) };
}

function render(lines: ProfileLine[], top: number): string {
  return lines.slice(0, top).map((l) => `${(l.share * 100).toFixed(1).padStart(5)} %  ${l.selfMs.toFixed(0).padStart(6)} ms  ${l.name}`).join('\n');
}

if (isMain(import.meta.url)) {
  const [kind, file, ...rest] = process.argv.slice(2);
  const topAt = rest.indexOf('--top');
  const top = topAt >= 0 ? Number(rest[topAt + 1]) : 25;
  if ((kind !== 'leads' && kind !== 'calls' && kind !== 'invoices') || !file || !(top > 0)) {
    console.error('usage: profile.js <leads|calls|invoices> <file> [--top N]');
    process.exit(2);
  }
  const dir = join(benchOutDir(), 'profiles');
  mkdirSync(dir, { recursive: true });
  const before = new Set(readdirSync(dir));
  const r = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, kpiModulesBin(), ...kpiArgs(kind as Kind, file)], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) console.error(`kpi exited ${r.status}: ${r.stderr.trim().slice(0, 500)}`);
  const fresh = readdirSync(dir).filter((f) => !before.has(f) && f.endsWith('.cpuprofile'));
  const newest = fresh.sort((a, b) => statSync(join(dir, b)).mtimeMs - statSync(join(dir, a)).mtimeMs)[0];
  if (!newest) {
    console.error('no profile was written');
    process.exit(1);
  }
  const s = summarizeProfile(JSON.parse(readFileSync(join(dir, newest), 'utf8')) as CpuProfile, repoRoot());
  console.log(`profile ${join(dir, newest)}: ${s.total.toFixed(0)} ms sampled\n\nself time by file:\n${render(s.byFile, top)}\n\nself time by function:\n${render(s.byFunction, top)}`);
}
