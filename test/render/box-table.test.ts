/**
 * kpi's box tables draw what cli-table3 drew (the library they replace: its layout is quadratic in
 * the rows), character for character, for any text: colour codes, line breaks, wide characters.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import Table from 'cli-table3';
import stringWidth from 'string-width';
import { boxTable, isNarrow, textWidth, type Align, type BoxTableOptions } from '../../src/render/box-table.js';

/** What cli-table3 draws for the same table and options. */
function reference(head: string[], rows: string[][], o: BoxTableOptions): string {
  const chars: Record<string, string> = {};
  for (const [k, v] of Object.entries(o.chars ?? {})) chars[k.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())] = v;
  const t = new Table({ head, style: { head: [], border: [], compact: o.compact ?? false }, colAligns: [...(o.aligns ?? [])] as Align[], chars });
  for (const r of rows) t.push(r);
  return t.toString();
}

const pieces = [
  'a', 'Z', '7', ' ', '-', '—', 'Иванов', 'ООО «Ромашка»', '▲ +12', '▼', '▁▃█', '1 234,56', '…', '№', '≈',
  '古', '😀', 'e\u0301', '\u200b', '\t', '\n', '\r', '©', '\u00ad',
  '\u001b[1m', '\u001b[22m', '\u001b[2m', '\u001b[31m', '\u001b[39m', '\u001b[42m', '\u001b[0m', '\u001b[4m',
];
const cell = fc.array(fc.constantFrom(...pieces), { maxLength: 6 }).map((p) => p.join(''));
const align = fc.constantFrom<Align | undefined>('left', 'right', 'center', undefined);

describe('boxTable', () => {
  it('draws what cli-table3 draws, for any cells, alignments and compactness', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((n) =>
          fc.record({
            head: fc.array(cell, { minLength: n, maxLength: n }),
            rows: fc.array(fc.array(cell, { minLength: n, maxLength: n }), { maxLength: 6 }),
            aligns: fc.array(align, { maxLength: n }),
            compact: fc.boolean(),
            bare: fc.boolean(),
          }),
        ),
        ({ head, rows, aligns, compact, bare }) => {
          const o: BoxTableOptions = { aligns, compact, ...(bare ? { chars: { mid: '', leftMid: '', midMid: '', rightMid: '' } } : {}) };
          expect(boxTable(head, rows, o)).toBe(reference(head, rows, o));
        },
      ),
      { numRuns: 600 },
    );
  });

  it('draws the report-shaped table the dashboard draws', () => {
    const head = ['\u001b[1mВходящие продажи\u001b[22m', 'окт. 2026', 'нояб. 2026*', 'Δ пред.', 'тренд'];
    const rows = [
      ['Входящие звонки', '1 204', '~1 311', '\u001b[32m▲ +107 (8,9%)\u001b[39m', '▁▅█'],
      ['\u001b[2m  Иванов И.\u001b[22m', '—', 'н/д', '—', ''],
    ];
    const o: BoxTableOptions = { compact: true, aligns: ['left', 'right', 'right'] };
    expect(boxTable(head, rows, o)).toBe(reference(head, rows, o));
  });

  it('draws a head alone, and nothing for nothing', () => {
    expect(boxTable(['a', 'bb'], [])).toBe(reference(['a', 'bb'], [], {}));
    expect(boxTable([], [])).toBe('');
  });

  it('draws no line for a rule of empty characters (inspect\'s table has no separators)', () => {
    const o: BoxTableOptions = { chars: { mid: '', leftMid: '', midMid: '', rightMid: '' } };
    const text = boxTable(['#', 'header'], [['1', 'ID'], ['2', 'Дата']], o);
    expect(text).toBe(reference(['#', 'header'], [['1', 'ID'], ['2', 'Дата']], o));
    expect(text.split('\n')).toHaveLength(5);
    expect(text.split('\n').every((l) => l !== '')).toBe(true);
  });

  it('takes no time per row above the rows (a thousand-group report)', () => {
    // cli-table3 took ~100 s on 40,000 rows; this has to finish within the test's timeout
    const rows = Array.from({ length: 40_000 }, (_, i) => [`  Manager ${i}`, String(i), '—']);
    const text = boxTable(['Outbound', '2024-01', 'Δ'], rows, { compact: true, aligns: ['left', 'right'] });
    expect(text.split('\n')).toHaveLength(40_000 + 4);
    expect(text.split('\n')[3]).toBe('│   Manager 0     │       0 │ — │');
  });
});

describe('textWidth', () => {
  it('counts a narrow character as one column, as string-width does', () => {
    for (let c = 0; c < 0x3000; c++) {
      if (!isNarrow(c)) continue;
      const s = String.fromCharCode(c);
      expect(stringWidth(s), `U+${c.toString(16)}`).toBe(1);
      expect(stringWidth(`a${s}1${s}#`), `U+${c.toString(16)} in text`).toBe(5);
    }
  });

  it('measures any text as string-width does, colour codes and line breaks aside', () => {
    fc.assert(
      fc.property(fc.oneof(cell, fc.string(), fc.string({ unit: 'grapheme' })), (s) => {
        const plain = s.replace(/\u001b\[(?:\d*;){0,5}\d*m/g, '');
        expect(textWidth(s)).toBe(Math.max(...plain.split('\n').map((l) => stringWidth(l))));
      }),
      { numRuns: 1000 },
    );
  });
});
