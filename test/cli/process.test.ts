/** Process hygiene (issue: trust under bad input): EPIPE, SIGINT, never overwrite an input. */
import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { BIN, kpi, ROOT, tempDir } from '../helpers/cli.js';

const env = { PATH: process.env.PATH ?? '', TZ: 'UTC', NO_COLOR: '1' };

describe('process hygiene', () => {
  it('`| head` closing stdout early exits 0 quietly (EPIPE)', async () => {
    const child = spawn(process.execPath, [BIN, 'report', '--demo', '-p', '2024-01..2025-12', '--today', '2026-01-10', '-O', 'csv', '--layout', 'tidy'], { env, cwd: ROOT });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((resolve) => {
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('exit', (c) => resolve(c));
    });
    expect(code).toBe(0);
    expect(err).not.toMatch(/EPIPE|\n\s+at /);
  });

  it('SIGINT while writing leaves no temp file behind', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, [BIN, 'report', '--demo', '-D', '-p', '2024-01..2025-12', '--today', '2026-01-10', '-o', path.join(dir, 'r.xlsx')], { env, cwd: ROOT });
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    // killed by the signal while computing (null), cleaned up while writing (130), or already done (0)
    expect([0, 130, null]).toContain(code);
    expect(readdirSync(dir).filter((f) => f.startsWith('.kpi-tmp-'))).toEqual([]);
  });

  it('refuses to write over an input file, through a symlink or another spelling of its path', () => {
    const dir = tempDir();
    copyFileSync(path.join(ROOT, 'fixtures/errors/bad_date.csv'), path.join(dir, 'leads.csv'));
    symlinkSync(path.join(dir, 'leads.csv'), path.join(dir, 'out.csv'));
    const before = readFileSync(path.join(dir, 'leads.csv'), 'utf8');
    for (const out of ['out.csv', './sub/../leads.csv', path.join(dir, 'leads.csv')]) {
      const r = kpi(['report', 'leads.csv', '--no-config', '--today', '2026-11-27', '-o', out], { cwd: dir });
      expect(r.code, out).toBe(2);
      expect(r.stderr).toMatch(/refusing to write/);
    }
    expect(readFileSync(path.join(dir, 'leads.csv'), 'utf8')).toBe(before);
  });

  it('SIGTERM ends a busy run at once (so `timeout` works)', async () => {
    const child = spawn(process.execPath, [BIN, 'report', '--demo', '-D', '-p', '2024-01..2025-12', '--today', '2026-01-10', '-O', 'json'], { env, cwd: ROOT });
    child.stdout.resume();
    await new Promise((r) => setTimeout(r, 800));
    const t0 = Date.now();
    child.kill('SIGTERM');
    await new Promise((resolve) => child.on('exit', resolve));
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('an unwritable output is exit 3 with the path', () => {
    const r = kpi(['report', 'fixtures/errors/bad_date.csv', '--no-config', '--today', '2026-11-27', '-o', '/nonexistent-dir/r.json']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('/nonexistent-dir/r.json');
  });
});
