import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { CsvTokenizer, splitAt } from '../../../src/ingest/csv/csv-tokenizer.js';
import { countLineBreaks } from '../../../src/ingest/csv/line-breaks.js';
import type { RawRow } from '../../../src/ingest/types.js';
import { chunks } from '../../helpers/chunks.js';

/** Characters that stress a CSV reader: quotes, every delimiter, line breaks, Cyrillic, spaces. */
const CHARS = ['a', 'b', 'Z', '1', ' ', '"', ',', ';', '\t', '|', '\r', '\n', 'Я', 'ё', '€', '😀'];
const cell = fc.array(fc.constantFrom(...CHARS), { maxLength: 8 }).map((cs) => cs.join(''));
const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 8 });
const eol = fc.constantFrom('\n', '\r\n', '\r');

/** RFC 4180 writer: quote a cell holding a quote, the delimiter or a line break (or, by chance,
 *  any cell); a lone empty cell is written `""` so the row is not an empty line. */
function write(rows: string[][], d: string, eols: string[], quoteAll: boolean[], trailing: boolean): { text: string; starts: number[]; ends: number[] } {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  rows.forEach((row, i) => {
    starts.push(text.length);
    text += row
      .map((c, j) => {
        const must = c.includes('"') || c.includes(d) || c.includes('\r') || c.includes('\n') || (row.length === 1 && c === '');
        return must || quoteAll[(i + j) % quoteAll.length] ? `"${c.replaceAll('"', '""')}"` : c;
      })
      .join(d);
    ends.push(text.length);
    if (i < rows.length - 1 || trailing) text += eols[i % eols.length];
  });
  return { text, starts, ends };
}

/** The records and issues of `parts` fed in turn to one tokenizer. */
function tokenize(parts: string[], delimiter: string, maxRecordChars: number): { got: RawRow[]; issues: unknown[] } {
  const t = new CsvTokenizer({ delimiter, maxRecordChars });
  const got: RawRow[] = [];
  for (const p of parts) t.push(p, (r) => got.push(r));
  t.end((r) => got.push(r));
  return { got, issues: t.issues };
}

describe('CsvTokenizer round trip (property)', () => {
  it('RFC-4180-written tables come back cell for cell, with physical lines and raw text, however chunked', () => {
    fc.assert(
      fc.property(
        table,
        fc.constantFrom(',', ';', '\t', '|'),
        fc.array(eol, { minLength: 1, maxLength: 3 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 12 }),
        (rows, d, eols, quoteAll, trailing, cuts) => {
          const { text, starts, ends } = write(rows, d, eols, quoteAll, trailing);
          const t = new CsvTokenizer({ delimiter: d });
          const got: RawRow[] = [];
          const out = (r: RawRow): void => {
            got.push(r);
          };
          for (const c of chunks(text, cuts)) t.push(c, out);
          t.end(out);
          expect(got.map((r) => r.cells)).toEqual(rows);
          expect(got.map((r) => r.line)).toEqual(starts.map((s) => 1 + countLineBreaks(text, 0, s)));
          expect(got.map((r) => r.raw)).toEqual(starts.map((s, i) => text.slice(s, ends[i])));
          expect(t.issues).toEqual([]);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('any text at all: chunking never changes the rows or the issues, and the records tile the input', () => {
    const anyText = fc.array(fc.constantFrom(...CHARS), { maxLength: 60 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(anyText, fc.array(fc.nat(), { maxLength: 10 }), fc.integer({ min: 1, max: 30 }), (text, cuts, max) => {
        const whole = tokenize([text], ',', max);
        expect(tokenize(chunks(text, cuts), ',', max)).toEqual(whole);
        // Nothing is lost or reordered: the raw texts and one terminator after each tile the
        // input, and every line is 1 + the line breaks before the record.
        let pos = 0;
        for (const r of whole.got) {
          expect(r.line).toBe(1 + countLineBreaks(text, 0, pos));
          expect(text.startsWith(r.raw!, pos)).toBe(true);
          pos += r.raw!.length;
          pos += text.startsWith('\r\n', pos) ? 2 : pos < text.length ? 1 : 0;
        }
        expect(pos).toBe(text.length);
      }),
      { numRuns: 1500 },
    );
  });

  it('lines of quoted cells read the same whole and one character at a time, whatever the cell limit', () => {
    // pieces that make lines of quoted cells (`"a";"";"Я"`), and many ways to just miss one
    const piece = fc.constantFrom('"', '";"', '"";""', 'a', 'Я', ';', '""', ' ', '\n', '\r', '\r\n', '"x"', '"";"');
    const text = fc.array(piece, { maxLength: 40 }).map((ps) => ps.join(''));
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 40 }), (t, max) => {
        expect(tokenize([t], ';', max)).toEqual(tokenize([...t], ';', max));
      }),
      { numRuns: 3000 },
    );
  });

  it('splitAt cuts a line exactly as String.prototype.split does', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...CHARS), maxLength: 40 }), fc.constantFrom(',', ';', '\t', '|'), (text, d) => {
        expect(splitAt(text, d)).toEqual(text.split(d));
      }),
      { numRuns: 2000 },
    );
  });
});
