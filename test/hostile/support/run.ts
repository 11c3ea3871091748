/**
 * Run the built binary on hostile input, optionally with a capped heap, and check the contract
 * every failure must keep (SPEC §6, SPEC-DECISIONS #26): the documented exit code, nothing on
 * stdout when the run aborts, the file (and line) named on stderr, no stack trace, done in time.
 */
import { spawnSync } from 'node:child_process';
import { expect } from 'vitest';
import { BIN, ROOT } from '../../helpers/cli.js';

export interface Run {
  code: number;
  /** The signal that ended the process (SIGKILL when it ran out of time), else null. */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface RunOptions {
  cwd?: string;
  /** `--max-old-space-size` in MB: the run must fit (a V8 heap overflow is a crash, not an exit code). */
  heapMb?: number;
  /** Killed (SIGKILL: a busy process never runs its SIGTERM handler) after this long. */
  timeoutMs?: number;
  env?: Record<string, string>;
}

/** The shared flags every hostile run uses: no stray config, a fixed today. */
export const BASE = ['--no-config', '--today', '2026-11-27'];

export function run(args: readonly string[], o: RunOptions = {}): Run {
  const node = o.heapMb ? [`--max-old-space-size=${o.heapMb}`] : [];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [...node, BIN, ...args], {
    cwd: o.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? '', TZ: 'UTC', NO_COLOR: '1', LANG: 'C', ...o.env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: o.timeoutMs ?? 20_000,
    killSignal: 'SIGKILL',
  });
  return { code: r.status ?? -1, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', ms: performance.now() - t0 };
}

/** No V8 or Node stack frames on stderr (they are for KPI_DEBUG=1 only). */
export function expectNoStack(r: Run): void {
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr).not.toMatch(/FATAL ERROR|JavaScript heap out of memory|internal error/);
}

/**
 * A run that refused its input: the exit code, stdout empty (exit 2 and 3 abort before output),
 * `kpi: FILE[:LINE]` on stderr, no stack trace, not killed.
 */
export function expectRefusal(r: Run, exit: number, file: string, line: number | null = null): void {
  expect(r.signal, `killed after ${Math.round(r.ms)} ms`).toBeNull();
  expect(r.code, r.stderr).toBe(exit);
  expect(r.stdout).toBe('');
  expect(r.stderr).toContain(line === null ? file : `${file}:${line}`);
  expectNoStack(r);
}

/** A run that went through: exit 0, no stack trace; returns the parsed JSON on stdout. */
export function expectJson(r: Run): unknown {
  expect(r.signal, `killed after ${Math.round(r.ms)} ms`).toBeNull();
  expect(r.code, r.stderr).toBe(0);
  expectNoStack(r);
  return JSON.parse(r.stdout) as unknown;
}
