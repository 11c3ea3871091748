/** Cutting a CSV file for a second thread (src/app/parallel/split.ts) and comparing the parts' column states. */
import { describe, it, expect } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { lineAt, planSplit, splittable } from '../../src/app/parallel/split.js';
import { partsAgree } from '../../src/app/parallel/part.js';
import type { ColumnState } from '../../src/app/cells.js';
import { tempDir } from '../helpers/cli.js';

function file(text: string | Buffer): string {
  const p = path.join(tempDir(), 'f.csv');
  writeFileSync(p, text);
  return p;
}

describe('lineAt: the tokenizer\'s physical line at a byte', () => {
  it.each([
    ['LF', 'a\nb\nc\n', 4, 3],
    ['CRLF counts once', 'a\r\nb\r\nc\r\n', 6, 3],
    ['lone CR', 'a\rb\rc\r', 4, 3],
    ['mixed', 'a\r\nb\rc\nd', 7, 4],
    ['at the start', 'abc\n', 0, 1],
  ])('%s', (_what, text, end, line) => {
    expect(lineAt(file(text), end)).toBe(line);
  });

  it('counts across read chunks, with a CR LF split between them', () => {
    const text = 'x'.repeat((1 << 20) - 1) + '\r\n' + 'y\n'.repeat(10);
    expect(lineAt(file(text), text.length)).toBe(12);
    const cr = 'x'.repeat((1 << 20) - 1) + '\ry\n';
    expect(lineAt(file(cr), cr.length)).toBe(3);
  });
});

describe('planSplit', () => {
  it('cuts just after a line feed past the middle', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => `row ${i};${'z'.repeat(i % 17)}`).join('\n') + '\n';
    const p = file(rows);
    const start = planSplit(p, rows.length, 0)!;
    expect(start).toBeGreaterThan(rows.length / 2);
    expect(rows[start - 1]).toBe('\n');
  });

  it('refuses small files, files without a line feed after the middle, and a `sep=` line', () => {
    const rows = 'a;b\n'.repeat(100);
    expect(planSplit(file(rows), rows.length)).toBeNull();
    const one = 'x'.repeat(100_000);
    expect(planSplit(file(one), one.length, 0)).toBeNull();
    const sep = 'a'.repeat(60) + '\nsep=;\n' + 'b'.repeat(50);
    expect(planSplit(file(sep), sep.length, 0)).toBeNull();
  });

  it.each([
    ['utf-8', true],
    ['utf-8-bom', true],
    ['windows-1251', true],
    ['koi8-r', true],
    ['cp437', true],
    ['utf-16le', false],
    ['utf-16be', false],
    ['shift_jis', false],
  ])('encoding %s splittable: %s', (enc, want) => expect(splittable(enc)).toBe(want));
});

describe('partsAgree', () => {
  const date = (sensitive: boolean): ColumnState => ({ field: 'created_at', date: true, sensitive });
  const num = (format: string | null, undecided = false, conflicting = false, currencies: string[] = []): ColumnState => ({ field: 'amount', date: false, format, undecided, conflicting, currencies });
  it.each([
    ['plain dates and the same decimal mark', [date(false), num('decimal:,')], [date(false), num('decimal:,')], true],
    ['no evidence in the second part', [date(false), num('decimal:,')], [date(false), num(null)], true],
    ['no evidence in the first part', [num(null)], [num('decimal:.')], true],
    ['slashed or ten-digit dates in the second part', [date(false)], [date(true)], false],
    ['other decimal marks', [num('decimal:,')], [num('decimal:.')], false],
    ['undecided second part', [num(null)], [num(null, true)], false],
    ['conflicting first part', [num('decimal:,', false, true)], [num('decimal:,')], false],
    ['a currency the first part also has', [num('decimal:,', false, false, ['RUB', 'USD'])], [num('decimal:,', false, false, ['USD'])], true],
    ['a currency only the second part has', [num('decimal:,', false, false, ['RUB'])], [num('decimal:,', false, false, ['USD'])], false],
  ])('%s → %s', (_what, a, b, want) => expect(partsAgree(a, b)).toBe(want));
});
