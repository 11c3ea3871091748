/**
 * The position tokenizer (src/ingest/csv/positions.ts), which a reading worker runs: its pieces,
 * unpacked, must be exactly the string tokenizer's rows — cells, lines, raw text — and its issues
 * the same, for any text (well-formed or not) however it is cut into chunks.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { CsvLineTooLong } from '../../../src/ingest/csv/tokenizer.js';
import { CsvTokenizer } from '../../../src/ingest/csv/csv-tokenizer.js';
import { PositionTokenizer, unpackPiece, type Piece } from '../../../src/ingest/csv/positions.js';
import { completeCells, type RawRow } from '../../../src/ingest/types.js';
import { hashText, lastHash } from '../../../src/ingest/row-hash.js';
import { chunks } from '../../helpers/chunks.js';

/** Characters that stress a CSV reader: quotes, delimiters, every line end, Cyrillic, astral. */
const CHARS = ['a', 'b', '1', ' ', '"', '""', ',', ';', '\r', '\n', '\r\n', 'Я', '😀', 'x"y', '"\n'];
const text = fc.array(fc.constantFrom(...CHARS), { maxLength: 60 }).map((cs) => cs.join(''));

function byStrings(parts: string[], delimiter: string, maxRecordChars?: number) {
  const t = new CsvTokenizer({ delimiter, maxRecordChars });
  const rows: RawRow[] = [];
  for (const p of parts) t.push(p, (r) => rows.push(r));
  t.end((r) => rows.push(r));
  return { rows, issues: t.issues };
}

function byPositions(parts: string[], delimiter: string, maxRecordChars?: number, skip = 0, numbered: number[] | null = null) {
  const t = new PositionTokenizer({ delimiter, maxRecordChars });
  if (numbered !== null) t.numberColumns(numbered);
  const pieces: Piece[] = [];
  for (const p of parts) t.push(p, (x) => pieces.push(x));
  t.end((x) => pieces.push(x));
  const rows: RawRow[] = [];
  for (const p of pieces) skip = unpackPiece(p, rows, skip);
  return { rows, issues: t.issues, pieces };
}

describe('PositionTokenizer', () => {
  it('gives the string tokenizer rows and issues for any text, however chunked (property)', () => {
    fc.assert(
      fc.property(text, fc.constantFrom(',', ';'), fc.array(fc.nat(), { maxLength: 10 }), fc.constantFrom(undefined, 4, 12), (s, d, cuts, max) => {
        const parts = chunks(s, cuts);
        const want = byStrings(parts, d, max);
        const got = byPositions(parts, d, max);
        // each row carries its raw text's duplicate-check hash, as the loader would compute it, and
        // is marked a repeat exactly when an earlier record had the same raw text
        const raws = new Set<string>();
        for (const r of got.rows) {
          hashText(r.raw!);
          expect([r.h1, r.h2]).toEqual([lastHash().h1, lastHash().h2]);
          expect(r.repeat).toBe(raws.has(r.raw!) ? 1 : 0);
          raws.add(r.raw!);
          delete r.h1;
          delete r.h2;
          delete r.repeat;
          // no column numbered: no ids
          expect(r.ids).toBeNull();
          delete r.ids;
          delete r.idAt;
        }
        expect(got.rows).toEqual(want.rows);
        expect(got.issues).toEqual(want.issues);
      }),
      { numRuns: 3000 },
    );
  });

  it('cuts out only the wanted columns\' cells, and completeCells fills in the others as the full unpack has them (property)', () => {
    fc.assert(
      fc.property(text, fc.constantFrom(',', ';'), fc.array(fc.nat(), { maxLength: 10 }), fc.array(fc.boolean(), { maxLength: 8 }), fc.boolean(), (s, d, cuts, mask, numbered) => {
        const parts = chunks(s, cuts);
        const t = new PositionTokenizer({ delimiter: d });
        if (numbered) t.numberColumns([1]);
        const pieces: Piece[] = [];
        for (const p of parts) t.push(p, (x) => pieces.push(x));
        t.end((x) => pieces.push(x));
        const want = Uint8Array.from(mask, (b) => (b ? 1 : 0));
        const full: RawRow[] = [];
        const some: RawRow[] = [];
        for (const p of pieces) {
          unpackPiece(p, full, 0);
          unpackPiece(p, some, 0, 0, want);
        }
        expect(some.length).toBe(full.length);
        some.forEach((r, i) => {
          const f = full[i]!;
          // columns past the mask are not wanted either
          expect(r.cells).toEqual(f.cells.map((c, j) => (want[j] === 1 ? c : null)));
          expect(r.partialText !== undefined).toBe(f.cells.some((_, j) => want[j] !== 1));
          expect([r.line, r.raw, r.h1, r.h2, r.repeat]).toEqual([f.line, f.raw, f.h1, f.h2, f.repeat]);
          // the numbered cells' ids read as before
          if (numbered) expect(r.ids![r.idAt!]).toBe(f.ids![f.idAt!]);
          else expect(r.ids).toBeNull();
          completeCells(r);
          expect(r.cells).toEqual(f.cells);
          expect(r.partialText).toBeUndefined();
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('numbers the cells of the asked columns: one id per distinct text, in first-seen order', () => {
    // `!…` is written as it is, unquoted: `x""y` so written reads as `x""y`, and must not share
    // an id with the quoted `"x""y"`, which reads as `x"y`
    const cells = fc.array(fc.constantFrom('', 'a', 'Я', 'a b', '"q"', 'x"y', '!x""y', 'long name of a company', 'long name of a company 2'), { minLength: 1, maxLength: 4 });
    const write = (c: string) => (c.startsWith('!') ? c.slice(1) : c.includes('"') ? `"${c.replaceAll('"', '""')}"` : c);
    fc.assert(
      fc.property(fc.array(cells, { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 6 }), (rows, cuts) => {
        const text = rows.map((r) => r.map(write).join(',')).join('\n') + '\n';
        const parts = chunks(text, cuts);
        const got = byPositions(parts, ',', undefined, 0, [1, -1, 0]).rows;
        expect(got.map(({ h1: _a, h2: _b, repeat: _e, ids: _c, idAt: _d, ...r }) => r)).toEqual(byStrings(parts, ',').rows);
        const seen = [new Map<string, number>(), new Map<string, number>()];
        for (const r of got) {
          const idOf = (j: number) => r.ids![r.idAt! + j]!;
          expect(idOf(1)).toBe(-1); // column -1: never numbered
          for (const [j, col] of [[0, 1], [2, 0]] as const) {
            const cell = r.cells[col];
            const id = idOf(j);
            // empty and missing cells are left to the main thread
            if (cell === undefined || cell === '') {
              expect(id).toBe(-1);
              continue;
            }
            const m = seen[j === 0 ? 0 : 1]!;
            if (!m.has(cell as string)) m.set(cell as string, m.size);
            expect(id).toBe(m.get(cell as string));
          }
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('hands out one piece per push with records, pointing into the text it carries', () => {
    const { pieces } = byPositions(['a,b\n"c ""q""",d\r\n', 'e,', 'f\n'], ',');
    expect(pieces.map((p) => p.text)).toEqual(['a,b\n"c ""q""",d\r\n', 'e,f\n']);
    const QUOTED = '"c ""q""",d'; // the second record's raw text
    const h = (text: string) => {
      hashText(text);
      return [lastHash().h1 | 0, lastHash().h2 | 0];
    };
    // line, raw start, raw end, hash, repeat mark, cells, then (start, end) per cell; an escaped
    // cell's start is ~start
    expect([...pieces[0]!.ints]).toEqual([1, 0, 3, ...h('a,b'), 0, 2, 0, 1, 2, 3, 2, 4, 15, ...h(QUOTED), 0, 2, ~5, 12, 14, 15]);
    expect([...pieces[1]!.ints]).toEqual([3, 0, 3, ...h('e,f'), 0, 2, 0, 1, 2, 3]);
  });

  it('marks a record that repeats any earlier one, until told to stop', () => {
    const t = new PositionTokenizer({ delimiter: ',' });
    const pieces: Piece[] = [];
    t.push('h,x\na,1\nb,2\na,1\n', (p) => pieces.push(p));
    t.stopRepeats();
    t.push('a,1\nh,x\n', (p) => pieces.push(p));
    t.end((p) => pieces.push(p));
    const rows: RawRow[] = [];
    for (const p of pieces) unpackPiece(p, rows, 0);
    expect(rows.map((r) => [r.line, r.repeat])).toEqual([
      [1, 0],
      [2, 0],
      [3, 0],
      [4, 1],
      [5, -1],
      [6, -1],
    ]);
  });

  it('stops marking but keeps each record\'s hash when the main thread checks repeats itself', () => {
    const t = new PositionTokenizer({ delimiter: ',' });
    const pieces: Piece[] = [];
    t.push('h,x\na,1\n', (p) => pieces.push(p));
    t.stopRepeats(true);
    t.push('a,1\nb,2\n', (p) => pieces.push(p));
    t.end((p) => pieces.push(p));
    const rows: RawRow[] = [];
    for (const p of pieces) unpackPiece(p, rows, 0);
    const hash = (text: string) => {
      hashText(text);
      return [lastHash().h1, lastHash().h2];
    };
    expect(rows.map((r) => [r.line, r.repeat, r.h1, r.h2])).toEqual([
      [1, 0, ...hash('h,x')],
      [2, 0, ...hash('a,1')],
      [3, -1, ...hash('a,1')],
      [4, -1, ...hash('b,2')],
    ]);
  });

  it('keeps the cells of a record in progress right when consumed text is dropped', () => {
    // the quoted cell with `""` starts in one push and its record ends two pushes later
    const parts = ['x,y\n1,"a""', 'b",', '"c""d"', ',e\n2,f'];
    expect(byPositions(parts, ',').rows.map(({ h1: _a, h2: _b, repeat: _e, ids: _c, idAt: _d, ...r }) => r)).toEqual(byStrings(parts, ',').rows);
    expect(byPositions(parts, ',').rows[1]!.cells).toEqual(['1', 'a"b', 'c"d', 'e']);
  });

  it('drops the first `skip` records when unpacking (an Excel sep= line)', () => {
    const got = byPositions(['sep=;\na;b\n', 'c;d\n'], ';', undefined, 1);
    expect(got.rows.map((r) => [r.line, r.cells])).toEqual([
      [2, ['a', 'b']],
      [3, ['c', 'd']],
    ]);
  });

  it('refuses a record past the line limit as the string tokenizer does', () => {
    const t = new PositionTokenizer({ delimiter: ',', maxLineChars: 10 });
    expect(() => t.push('ok\n' + 'x'.repeat(20), () => {})).toThrow(CsvLineTooLong);
  });
});
