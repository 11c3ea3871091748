/**
 * An input path that is a pipe or a device, not a regular file — `/dev/stdin`, bash's
 * `<(gunzip -c calls.csv.gz)` — is read once, as standard input is: it cannot be read twice or
 * at an offset (it used to fail with "cannot be read (ESPIPE)").
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, kpi, tempDir, type RunResult } from '../helpers/cli.js';

const CALLS = [
  'Call Start Time,Call Type,Call Owner,From,To,Call Duration (in seconds),Status',
  '2024-01-01 09:00:10,Inbound,Морозова Татьяна,89160250791,+74951234568,0,NO ANSWER',
  '2024-01-01 09:01:09,Outbound,Смирнов Алексей,103,+79126708687,514,ANSWERED',
  '2024-01-01 09:05:00,Outbound,Смирнов Алексей,103,+79160250791,60,ANSWERED',
].join('\n');

const ARGS = ['-p', '2024-01', '-O', 'json', '--no-config', '--today', '2024-02-01'];

/** `cat FILE | kpi ARGS…` through a real pipe (a test runner's stdin is a socket, not a pipe). */
function piped(file: string, args: string[]): RunResult {
  const r = spawnSync('sh', ['-c', 'f="$1"; shift; cat "$f" | "$@"', 'sh', file, process.execPath, BIN, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', TZ: 'UTC', NO_COLOR: '1', LANG: 'C' },
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!existsSync('/dev/stdin') || !existsSync('/bin/sh'))('inputs that are pipes', () => {
  it('--calls /dev/stdin reads the piped text as the same file would read', () => {
    const dir = tempDir({ 'calls.csv': CALLS });
    const file = kpi(['report', '--calls', path.join(dir, 'calls.csv'), ...ARGS]);
    const viaPipe = piped(path.join(dir, 'calls.csv'), ['report', '--calls', '/dev/stdin', ...ARGS]);
    expect(file.code).toBe(0);
    expect(viaPipe.stderr).not.toContain('ESPIPE');
    expect(viaPipe.code).toBe(0);
    const rows = (s: string) => JSON.stringify(JSON.parse(s).rows);
    expect(rows(viaPipe.stdout)).toBe(rows(file.stdout));
    expect(JSON.parse(viaPipe.stdout).rows.length).toBeGreaterThan(0);
  });

  it('an XLSX workbook through a pipe is refused with a hint, not misread', () => {
    const r = piped(path.join(ROOT, 'fixtures/demo/invoices.xlsx'), ['report', '--invoices', '/dev/stdin', ...ARGS]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('/dev/stdin: XLSX cannot be read from a pipe');
    expect(r.stderr).toContain('save it to a file');
  });

  // libuv gives a spawned process a socket, not a pipe, for its stdin on Linux
  it.runIf(process.platform === 'linux')('a socket named as a path (a spawned process\'s stdin) is refused with the hint to pass -', () => {
    const r = kpi(['report', '--calls', '/dev/stdin', ...ARGS], { input: CALLS });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('pass - instead');
    const dash = kpi(['report', '--calls', '-', ...ARGS], { input: CALLS });
    expect(dash.code).toBe(0);
  });
});
