/**
 * bench/phases-ab.ts: two builds' linking and report building, alternating in one process. Here
 * both "builds" are this checkout's dist/ (npm test builds first), on a small invoice register.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alternate, formatPhases, phasesOf, type PhaseTimes } from '../../bench/phases-ab.js';
import { repoRoot } from '../../bench/paths.js';
import { tempDir } from '../helpers/cli.js';

const REGISTER = 'number,date,client,amount,manager\n' +
  Array.from({ length: 300 }, (_, i) => `INV-${i >> 1},2024-${String(1 + (i % 12)).padStart(2, '0')}-10,Client ${i % 17},${100 + i}.50,Manager ${i % 3}`).join('\n') + '\n';

describe('phases-ab', () => {
  it('takes the medians of each side over alternating runs', () => {
    const seq = (xs: number[]) => {
      let k = 0;
      return (): PhaseTimes => ({ link: xs[k]!, build: 10 * xs[k++]! });
    };
    const calls: string[] = [];
    const a = seq([5, 1, 3]);
    const b = seq([7, 9, 8]);
    const r = alternate(() => (calls.push('a'), a()), () => (calls.push('b'), b()), 3);
    expect(calls.join('')).toBe('ababab');
    expect(r).toEqual({ a: { link: 3, build: 30 }, b: { link: 8, build: 80 } });
    expect(formatPhases(r, '/tmp/base/dist', 3)).toBe('this build: link 3 ms, build 30 ms\n/tmp/base/dist: link 8 ms, build 80 ms\n(medians of 3 alternating runs)');
  });

  it('loads a file with a build and times its linking and building', async () => {
    const dir = tempDir({ 'inv.csv': REGISTER });
    const run = await phasesOf(join(repoRoot(), 'dist'), 'invoices', join(dir, 'inv.csv'), 'manager');
    const t = run();
    expect(t.link).toBeGreaterThanOrEqual(0);
    expect(t.build).toBeGreaterThan(0);
  });

  it('runs from the command line, and refuses a bad kind with its usage', () => {
    const dir = tempDir({ 'inv.csv': REGISTER });
    const script = join(repoRoot(), 'dist', 'bench', 'phases-ab.js');
    const ok = spawnSync(process.execPath, [script, 'invoices', join(dir, 'inv.csv'), join(repoRoot(), 'dist'), '--runs', '2'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^this build: link \d+ ms, build \d+ ms\n.*dist: link \d+ ms, build \d+ ms\n\(medians of 2 alternating runs\)\n$/);
    const bad = spawnSync(process.execPath, [script, 'orders', 'x', 'y'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('usage: phases-ab.js');
  });
});
