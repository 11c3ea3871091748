/** The progress line of big inputs (src/app/progress.ts): when it shows, what it says, that it goes. */
import { describe, it, expect } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { progressText, terminalProgress, wantsProgress, PROGRESS_MIN_BYTES } from '../../src/app/progress.js';
import type { ReaderInfo } from '../../src/ingest/types.js';
import { tempDir } from '../helpers/cli.js';

const base = { quiet: false, format: null, output: null };

describe('wantsProgress', () => {
  it.each([
    ['a terminal, table output', base, {}, true, true],
    ['a pipe or cron (stderr not a TTY)', base, {}, false, false],
    ['-q', { ...base, quiet: true }, {}, true, false],
    ['-O json', { ...base, format: 'json' }, {}, true, false],
    ['-o report.json', { ...base, output: 'out/report.json' }, {}, true, false],
    ['-O csv', { ...base, format: 'csv' }, {}, true, true],
    ['TERM=dumb', base, { TERM: 'dumb' }, true, false],
  ] as const)('%s → %s', (_what, o, env, tty, want) => {
    expect(wantsProgress(o, env, tty)).toBe(want);
  });
});

describe('progressText', () => {
  it('shows rows, MB/s and the time left when bytes are known', () => {
    expect(progressText('leads.csv', 412_000, 40e6, 120e6, 2)).toBe('kpi: reading leads.csv — 412 000 rows, 20.0 MB/s, ETA 4 s');
  });
  it('shows rows per second when bytes are not known (XLSX)', () => {
    expect(progressText('sales.xlsx', 30_000, null, null, 3)).toBe('kpi: reading sales.xlsx — 30 000 rows, 10 000 rows/s');
  });
});

describe('terminalProgress', () => {
  const csv: ReaderInfo = { format: 'csv', encoding: 'utf-8', encodingGuessed: false, delimiter: ';', sheet: null, sheets: [] };

  function fakeOut() {
    const writes: string[] = [];
    return { writes, out: { write: (s: string) => writes.push(s), columns: 200 } };
  }

  it('draws while a big file is read, throttled by the clock, and erases itself at the end', () => {
    const dir = tempDir();
    const file = path.join(dir, 'big.csv');
    writeFileSync(file, Buffer.alloc(PROGRESS_MIN_BYTES + 1, 0x61));
    let now = 0;
    const { writes, out } = fakeOut();
    const p = terminalProgress(out, () => now)!.start({ path: file, display: 'big.csv', kind: 'leads', source: null }, csv)!;
    const row = { line: 1, cells: ['x'], raw: 'x'.repeat(99) };
    for (let i = 0; i < 2048 * 10; i++) {
      if (i % 2048 === 0) now += 100; // 100 ms per 2048 rows: a redraw every 250 ms at most
      p.row(row);
    }
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.length).toBeLessThan(10);
    expect(writes[0]).toMatch(/^\r\x1b\[Kkpi: reading big\.csv — [\d ]+ rows, [\d.]+ MB\/s, ETA \d+ s$/);
    p.done();
    expect(writes.at(-1)).toBe('\r\x1b[K');
  });

  it('says nothing for small files or standard input', () => {
    const dir = tempDir({ 'small.csv': 'a;b\n1;2\n' });
    const { writes, out } = fakeOut();
    const tp = terminalProgress(out, () => 0);
    expect(tp.start({ path: path.join(dir, 'small.csv'), display: 'small.csv', kind: null, source: null }, csv)).toBeNull();
    expect(tp.start({ path: '-', display: '<stdin>', kind: null, source: null }, csv)).toBeNull();
    expect(writes).toEqual([]);
  });
});
