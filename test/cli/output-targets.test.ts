/**
 * `-o PATH` where PATH is not a plain file, and standard output that cannot be written. A device
 * or a FIFO is written in place, as `> PATH` would (a temp file renamed over it used to replace
 * it with a plain file); a symlink is written through, and stays. A failed write is one `kpi:`
 * line with a hint and exit 3, never a stack trace (`> /dev/full` used to crash with one).
 * Devices are made with mknod in the test's own temp folder, so these tests need root.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, lstatSync, openSync, readdirSync, readFileSync, readlinkSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, kpi, tempDir, type RunResult } from '../helpers/cli.js';

const env = { PATH: process.env.PATH ?? '', TZ: 'UTC', NO_COLOR: '1', LANG: 'C' };
const INPUT = path.join(ROOT, 'fixtures/errors/duplicate_across_files-a.csv');
const REPORT = ['report', INPUT, '--no-config', '-O', 'csv', '--today', '2026-11-28', '-q'];
const EXPECTED = kpi(REPORT).stdout;

/** A character device in `dir` (1,3 is null, 1,7 is full), or false when it cannot be made or opened here. */
function device(dir: string, name: string, minor: 3 | 7): string | false {
  const p = path.join(dir, name);
  if (process.getuid?.() !== 0 || spawnSync('mknod', [p, 'c', '1', String(minor)]).status !== 0) return false;
  try {
    closeSync(openSync(p, 'w')); // a nodev mount refuses to open it
    return p;
  } catch {
    return false;
  }
}

const devices = device(tempDir(), 'probe', 3) !== false;
const fifos = spawnSync('mkfifo', [path.join(tempDir(), 'probe')]).status === 0;

function tempFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.startsWith('.kpi-tmp-'));
}

function expectOneLineError(r: RunResult, what: RegExp): void {
  expect(r.code).toBe(3);
  expect(r.stderr).toMatch(what);
  expect(r.stderr).toMatch(/\n {2}hint: /);
  expect(r.stderr).not.toMatch(/\n\s+at |Error:/);
}

describe('-o a device, a FIFO or a symlink', () => {
  it.skipIf(!devices)('a null device is written in place and stays a device', () => {
    const dir = tempDir();
    const out = device(dir, 'mynull', 3) as string;
    const r = kpi([...REPORT, '-o', 'mynull'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(lstatSync(out).isCharacterDevice()).toBe(true);
    expect(tempFiles(dir)).toEqual([]);
  });

  it.skipIf(!devices)('a full device fails with exit 3, the path and ENOSPC, and stays a device', () => {
    const dir = tempDir();
    const out = device(dir, 'myfull', 7) as string;
    expectOneLineError(kpi([...REPORT, '-o', 'myfull'], { cwd: dir }), /^kpi: cannot write myfull: no space left on device \(ENOSPC\)\n/);
    expect(lstatSync(out).isCharacterDevice()).toBe(true);
    expect(tempFiles(dir)).toEqual([]);
  });

  it.skipIf(!fifos)('a FIFO delivers the report to its reader and stays a FIFO', async () => {
    const dir = tempDir();
    const fifo = path.join(dir, 'fifo');
    spawnSync('mkfifo', [fifo]);
    // the reader is a process of its own, so a kpi that never opens the FIFO cannot hang the test
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'ignore'] });
    let text = '';
    reader.stdout.on('data', (d) => (text += d));
    const read = new Promise((resolve) => reader.on('exit', resolve));
    const child = spawn(process.execPath, [BIN, ...REPORT, '-o', 'fifo'], { env, cwd: dir, stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    const timer = setTimeout(() => reader.kill(), 2000);
    await read;
    clearTimeout(timer);
    expect(code).toBe(0);
    expect(text).toBe(EXPECTED);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(tempFiles(dir)).toEqual([]);
  });

  it('a dangling symlink creates the file it names and stays a symlink', () => {
    const dir = tempDir();
    symlinkSync('missing-target', path.join(dir, 'link.csv'));
    const r = kpi([...REPORT, '-o', 'link.csv'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(lstatSync(path.join(dir, 'link.csv')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(path.join(dir, 'link.csv'))).toBe('missing-target');
    expect(readFileSync(path.join(dir, 'missing-target'), 'utf8')).toBe(EXPECTED);
    expect(tempFiles(dir)).toEqual([]);
  });

  it('a symlink to a file replaces that file and stays a symlink', () => {
    const dir = tempDir({ 'real.csv': 'old\n' });
    symlinkSync('real.csv', path.join(dir, 'link.csv'));
    expect(kpi([...REPORT, '-o', 'link.csv'], { cwd: dir }).code).toBe(0);
    expect(lstatSync(path.join(dir, 'link.csv')).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(dir, 'real.csv'), 'utf8')).toBe(EXPECTED);
    expect(tempFiles(dir)).toEqual([]);
  });

  it('a symlink loop and a folder fail with exit 3, leaving them as they were', () => {
    const dir = tempDir();
    symlinkSync('loop2', path.join(dir, 'loop1'));
    symlinkSync('loop1', path.join(dir, 'loop2'));
    expectOneLineError(kpi([...REPORT, '-o', 'loop1'], { cwd: dir }), /^kpi: cannot write loop1: .*\(ELOOP\)\n/);
    expect(readlinkSync(path.join(dir, 'loop1'))).toBe('loop2');
    expectOneLineError(kpi([...REPORT, '-o', dir], { cwd: dir }), /\(EISDIR\)\n/);
    expect(tempFiles(dir)).toEqual([]);
  });
});

describe('standard output that cannot be written', () => {
  /** `kpi ARGS > DEVICE`, stderr captured. */
  function toDevice(dev: string, args: string[], extra: Record<string, string> = {}): RunResult {
    const fd = openSync(dev, 'w');
    try {
      const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...env, ...extra }, cwd: ROOT, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
      return { code: r.status ?? -1, stdout: '', stderr: r.stderr };
    } finally {
      closeSync(fd);
    }
  }

  it.skipIf(!devices)('a full device is one line with a hint and exit 3, for report and inspect, even with KPI_DEBUG=1', () => {
    const full = device(tempDir(), 'myfull', 7) as string;
    const message = /^kpi: cannot write to standard output: no space left on device \(ENOSPC\)\n {2}hint: [^\n]+\n/;
    expectOneLineError(toDevice(full, ['report', INPUT, '--no-config', '-O', 'json', '--today', '2026-11-28', '-q']), message);
    expectOneLineError(toDevice(full, ['inspect', INPUT, '--no-config']), message);
    expectOneLineError(toDevice(full, ['report', INPUT, '--no-config', '--today', '2026-11-28', '-q'], { KPI_DEBUG: '1' }), message);
  });

  it.skipIf(!devices)('a null device takes it all: exit 0', () => {
    const nul = device(tempDir(), 'mynull', 3) as string;
    const r = toDevice(nul, ['report', INPUT, '--no-config', '-O', 'json', '--today', '2026-11-28', '-q']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});
