/** The `--rejects` file in pieces (src/app/rejects.ts) is the whole file, CSV or JSON. */
import { describe, expect, it } from 'vitest';
import { csvCell, renderRejects } from '../../src/app/rejects.js';
import type { RejectRow } from '../../src/app/stats.js';

const HEAD = ['file', 'sheet', 'line', 'kind', 'code', 'column', 'value', 'reason', 'raw'] as const;

function row(k: number): RejectRow {
  return { file: 'calls.csv', sheet: null, line: k + 2, kind: 'calls', code: 'bad_date', column: 'Дата', value: k % 5 ? `v${k}` : null, reason: 'a date, "quoted"', raw: `=${k};"a,b"\nnext` } as unknown as RejectRow;
}

describe('renderRejects', () => {
  it.each([0, 1, 2000, 2001, 4500])('%d rows: the JSON pieces are JSON.stringify of them all', (n) => {
    const rows = Array.from({ length: n }, (_, k) => row(k));
    expect([...renderRejects(rows, true)].join('')).toBe(JSON.stringify(rows, null, 2) + '\n');
  });

  it.each([0, 1, 2001])('%d rows: the CSV is a header and one line per row', (n) => {
    const rows = Array.from({ length: n }, (_, k) => row(k));
    const whole = [HEAD.join(','), ...rows.map((r) => HEAD.map((h) => csvCell((r as unknown as Record<string, string | number | null>)[h] ?? null)).join(','))].join('\n') + '\n';
    expect([...renderRejects(rows, false)].join('')).toBe(whole);
  });
});
