import { describe, it, expect } from 'vitest';
import type { TokenizerIssue } from '../../../src/ingest/csv/tokenizer.js';
import { CsvTokenizer } from '../../../src/ingest/csv/csv-tokenizer.js';
import { countLineBreaks } from '../../../src/ingest/csv/line-breaks.js';
import type { RawRow } from '../../../src/ingest/types.js';

/** Tokenize `chunks` in order; returns rows and issues. */
function tokenize(chunks: readonly string[], delimiter = ',', maxRecordChars?: number): { rows: RawRow[]; issues: TokenizerIssue[] } {
  const t = new CsvTokenizer({ delimiter, maxRecordChars });
  const rows: RawRow[] = [];
  const out = (r: RawRow): void => {
    rows.push(r);
  };
  for (const c of chunks) t.push(c, out);
  t.end(out);
  return { rows, issues: [...t.issues] };
}

/** [line, cells] pairs, the compact form the tables below use. */
const shape = (rows: readonly RawRow[]): [number, unknown[]][] => rows.map((r) => [r.line, r.cells]);

describe('CsvTokenizer', () => {
  it.each<[string, string, [number, string[]][]]>([
    ['LF', 'a,b\n1,2\n', [[1, ['a', 'b']], [2, ['1', '2']]]],
    ['CRLF', 'a,b\r\n1,2\r\n', [[1, ['a', 'b']], [2, ['1', '2']]]],
    ['CR only (Excel for Mac)', 'a,b\r1,2\r', [[1, ['a', 'b']], [2, ['1', '2']]]],
    ['mixed endings', 'a\n1\r\n2\r3\n\n4', [[1, ['a']], [2, ['1']], [3, ['2']], [4, ['3']], [5, ['']], [6, ['4']]]],
    ['no final terminator', 'a,b\n1,2', [[1, ['a', 'b']], [2, ['1', '2']]]],
    ['empty input', '', []],
    ['only a line break: one blank record', '\n', [[1, ['']]]],
    ['blank records are yielded', 'a\n\n,\nb\n', [[1, ['a']], [2, ['']], [3, ['', '']], [4, ['b']]]],
    ['trailing delimiter at end of input', 'a,', [[1, ['a', '']]]],
    ['ragged rows stay ragged', 'a,b,c\n1\n1,2,3,4\n', [[1, ['a', 'b', 'c']], [2, ['1']], [3, ['1', '2', '3', '4']]]],
    ['RFC quoting with "" escapes', '"a ""b"" c","d,e",""\n', [[1, ['a "b" c', 'd,e', '']]]],
    ['quoted cell spanning lines', 'id,note\n1,"x\ny\r\nz"\n2,w\n', [[1, ['id', 'note']], [2, ['1', 'x\ny\r\nz']], [5, ['2', 'w']]]],
    ['quoted cell with CR-only break', '1,"x\ry"\r2,z\r', [[1, ['1', 'x\ry']], [3, ['2', 'z']]]],
    ['quoted last cell at end of input', '1,"x"', [[1, ['1', 'x']]]],
    ['quoted cell ending the line', '"a"\r\n"b"\n', [[1, ['a']], [2, ['b']]]],
    ['a quote inside an unquoted cell is literal', 'a "b" c,d\n', [[1, ['a "b" c', 'd']]]],
    ['space before a quote makes the cell unquoted', 'x, "a,b"\n', [[1, ['x', ' "a', 'b"']]]],
    ['FreePBX clid: quote, then other text', '2024-03-05,"User 9" <113>,113\n', [[1, ['2024-03-05', '"User 9" <113>', '113']]]],
    ['Asterisk clid: doubled quotes inside quotes', '""""" <client1>","client1",2\n', [[1, ['"" <client1>', 'client1', '2']]]],
  ])('%s', (_name, input, expected) => {
    expect(shape(tokenize([input]).rows)).toEqual(expected);
  });

  it('uses the given delimiter only', () => {
    expect(shape(tokenize(['a\tb,c\n'], '\t').rows)).toEqual([[1, ['a', 'b,c']]]);
    expect(shape(tokenize(['a;b,c|d\n'], ';').rows)).toEqual([[1, ['a', 'b,c|d']]]);
    expect(shape(tokenize(['a;b,c|d\n'], '|').rows)).toEqual([[1, ['a;b,c', 'd']]]);
  });

  it('keeps the raw text of each record, line terminator excluded', () => {
    const { rows } = tokenize(['id,note\r\n1,"x\r\ny ""q"""\r\n2,plain\r']);
    expect(rows.map((r) => r.raw)).toEqual(['id,note', '1,"x\r\ny ""q"""', '2,plain']);
  });

  const CASES = [
    'id,note,amount\r\n1,"multi\r\nline ""quoted""",10\r\n2,plain,20\r3,"x",\n\n4,"User 9" <113>,5\r\n',
    'Дата;Сумма\n05.03.2024;"1 234,56"\r\n"06.03.2024";780\r"a""b";"c\nd"',
    'a,"unclosed\nb,c\n',
  ];
  it.each(CASES.map((c, i) => [i, c] as const))('case %i gives the same rows at every split point', (_i, input) => {
    const d = input.includes(';') ? ';' : ',';
    const whole = tokenize([input], d);
    for (let k = 1; k < input.length; k++) {
      const split = tokenize([input.slice(0, k), input.slice(k)], d);
      expect(split.rows, `split at ${k}`).toEqual(whole.rows);
      expect(split.issues).toEqual(whole.issues);
    }
    expect(tokenize([...input], d).rows).toEqual(whole.rows);
  });

  describe('unclosed quotes', () => {
    it('at end of input: the quote becomes literal and the rest is still read', () => {
      const { rows, issues } = tokenize(['id,name\n1,ok\n2,"Vector\n3,North\n4,South\n']);
      expect(shape(rows)).toEqual([[1, ['id', 'name']], [2, ['1', 'ok']], [3, ['2', '"Vector']], [4, ['3', 'North']], [5, ['4', 'South']]]);
      expect(issues).toEqual([{ code: 'unclosed_quote', line: 3, value: '"Vector' }]);
    });

    it('reports the line where the cell opened, after multi-line cells of the same record', () => {
      const { rows, issues } = tokenize(['1,"a\nb","open\n2,x\n']);
      expect(shape(rows)).toEqual([[1, ['1', 'a\nb', '"open']], [3, ['2', 'x']]]);
      expect(issues.map((i) => i.line)).toEqual([2]);
    });

    it('past maxRecordChars mid-stream: re-read from the quote without waiting for the end', () => {
      const t = new CsvTokenizer({ delimiter: ',', maxRecordChars: 20 });
      const rows: RawRow[] = [];
      t.push('1,"stray\n', (r) => rows.push(r));
      expect(rows).toHaveLength(0); // the quote may still close
      for (let i = 2; i <= 6; i++) t.push(`${i},row\n`, (r) => rows.push(r));
      expect(shape(rows).slice(0, 3)).toEqual([[1, ['1', '"stray']], [2, ['2', 'row']], [3, ['3', 'row']]]);
      t.end((r) => rows.push(r));
      expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(t.issues).toEqual([{ code: 'unclosed_quote', line: 1, value: '"stray' }]);
    });

    it('a closing quote more than maxRecordChars away counts as unclosed, however the input is chunked', () => {
      const input = `1,"${'x'.repeat(30)}",2\n3,4\n`;
      const whole = tokenize([input], ',', 20);
      expect(whole.issues).toHaveLength(1);
      expect(whole.rows[0]!.cells).toEqual(['1', `"${'x'.repeat(30)}"`, '2']);
      expect(tokenize([...input], ',', 20)).toEqual(whole);
      expect(tokenize([input], ',', 40).issues).toHaveLength(0);
    });

    it('a stray quote whose "closing" quote opens a cell on a later line does not glue lines', () => {
      const { rows, issues } = tokenize(['1,"Vector,100\n2,"North",200\n']);
      expect(shape(rows)).toEqual([[1, ['1', '"Vector', '100']], [2, ['2', 'North', '200']]]);
      expect(issues).toEqual([{ code: 'unclosed_quote', line: 1, value: '"Vector' }]);
    });
  });

  it('a \\r at the end of a chunk waits for the next one (\\r\\n is one line break)', () => {
    const t = new CsvTokenizer({ delimiter: ',' });
    const rows: RawRow[] = [];
    t.push('a,b\r', (r) => rows.push(r));
    expect(rows).toHaveLength(0);
    t.push('\nc,d\r\n', (r) => rows.push(r));
    t.end((r) => rows.push(r));
    expect(shape(rows)).toEqual([[1, ['a', 'b']], [2, ['c', 'd']]]);
  });

  it('rejects a delimiter that is not one character, and push after end', () => {
    expect(() => new CsvTokenizer({ delimiter: ';;' })).toThrow();
    const t = new CsvTokenizer({ delimiter: ',' });
    t.end(() => {});
    expect(() => t.push('a', () => {})).toThrow();
  });
});

describe('countLineBreaks', () => {
  it.each([
    ['a\nb', 1],
    ['a\r\nb', 1],
    ['a\rb', 1],
    ['\r\r\n\n', 3],
    ['none', 0],
  ])('%j → %i', (s, n) => {
    expect(countLineBreaks(s, 0, s.length)).toBe(n);
  });
});
