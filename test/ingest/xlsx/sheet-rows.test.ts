import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { RawRow } from '../../../src/ingest/types.js';
import { KpiError } from '../../../src/errors/kpi-error.js';
import { SheetRowScanner } from '../../../src/ingest/xlsx/sheet-rows.js';
import type { CellContext } from '../../../src/ingest/xlsx/sheet-rows.js';
import { parseSharedStrings, SharedStringsParser } from '../../../src/ingest/xlsx/shared-strings.js';
import { MergeCollector, parseRange } from '../../../src/ingest/xlsx/merges.js';

const ctx: CellContext = {
  file: 'f.xlsx',
  sharedStrings: ['zero', 'one', ''],
  styles: [{ kind: 'number' }, { kind: 'date', time: false }, { kind: 'zeros', width: 6 }],
  date1904: false,
};

const wrap = (rows: string, prefix = '') =>
  `<?xml version="1.0"?><${prefix}worksheet xmlns${prefix ? ':' + prefix.slice(0, -1) : ''}="ns"><${prefix}dimension ref="A1"/>` +
  `<${prefix}sheetData>${rows}</${prefix}sheetData><${prefix}mergeCells count="0"/></${prefix}worksheet>`;

/** Scan XML delivered in the given chunk sizes (cycled). */
function scan(xml: string, sizes: readonly number[] = [xml.length], c: CellContext = ctx): RawRow[] {
  const s = new SheetRowScanner(c);
  const rows: RawRow[] = [];
  let p = 0;
  for (let i = 0; p < xml.length; i++) {
    const n = Math.max(1, sizes[i % sizes.length] ?? 1);
    rows.push(...s.push(xml.slice(p, p + n)));
    p += n;
  }
  s.finish();
  return rows;
}

const SAMPLE = wrap(
  '<row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r></is></c></row>' +
    '<row r="3" hidden="1"><c r="B3" s="1"><v>45356</v></c><c r="C3" s="2"><v>42</v></c></row>' +
    '<row><c><v>1</v></c><c t="b"><v>0</v></c><c t="e"><v>#DIV/0!</v></c><c t="str"><f>A4</f><v>&lt;x&gt;</v></c></row>' +
    '<row r="6"/><row><!-- a comment --><c r="B7" t="s"><v>2</v></c><c r="D7"><f>1+1</f><v>2</v></c></row>' +
    '<row r="8"><c r="A8" s="1"/><c r="B8"><v></v></c><c r="C8"><extLst><ext/></extLst></c></row>',
);

const EXPECTED: RawRow[] = [
  { line: 1, cells: ['zero', null, 'inline'] },
  { line: 3, cells: [null, { t: 'd', v: Date.UTC(2024, 2, 5), text: '2024-03-05' }, { t: 'n', v: 42, text: '000042' }] },
  { line: 4, cells: [{ t: 'n', v: 1, text: '1' }, { t: 'b', v: false, text: 'FALSE' }, { t: 'e', text: '#DIV/0!' }, '<x>'] },
  { line: 7, cells: [null, null, null, { t: 'n', v: 2, text: '2' }] }, // empty shared string → null
];

describe('SheetRowScanner', () => {
  it('yields real row numbers, typed cells and null gaps; skips blank rows', () => {
    expect(scan(SAMPLE)).toEqual(EXPECTED);
  });

  it('keeps cells past a gap of more than FAR_GAP columns apart (a value in XFD is not 16,384 cells)', () => {
    const n = (v: number) => ({ t: 'n', v, text: String(v) });
    const rows = scan(wrap(
      '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="XFD1" t="inlineStr"><is><t>far</t></is></c></row>' +
        '<row r="2"><c r="XFC2"><v>3</v></c><c r="XFD2"><v>4</v></c></row>' + // far cells only
        '<row r="3"><c r="A3"><v>5</v></c><c r="JW3"><v>6</v></c></row>' + // JW = 283: a gap of 281 columns
        '<row r="4"><c r="A4"><v>7</v></c><c r="IX4"><v>8</v></c></row>' + // IX = 258: a gap of 256, kept in cells
        '<row r="5"><c r="A5"><v>9</v></c><c r="XFD5"><v>10</v></c><c r="XFA5"><v>11</v></c><c r="B5"><v>12</v></c></row>', // out of order
    ));
    expect(rows[0]).toEqual({ line: 1, cells: [n(1), n(2)], far: { cols: [16383], cells: ['far'] } });
    expect(rows[1]).toEqual({ line: 2, cells: [], far: { cols: [16382, 16383], cells: [n(3), n(4)] } });
    expect(rows[2]).toEqual({ line: 3, cells: [n(5)], far: { cols: [282], cells: [n(6)] } });
    expect(rows[3]!.far).toBeUndefined();
    expect(rows[3]!.cells).toHaveLength(258);
    // a far reference out of order spreads the row: every cell in its column
    const r5 = rows[4]!;
    expect(r5.far).toBeUndefined();
    expect(r5.cells).toHaveLength(16384);
    expect([r5.cells[0], r5.cells[1], r5.cells[16380], r5.cells[16383]]).toEqual([n(9), n(12), n(11), n(10)]);
    expect(r5.cells.filter((c) => c !== null)).toHaveLength(4);
  });

  it('gives the same rows however the text is split into chunks', () => {
    for (const size of [1, 2, 3, 7, 13, 64]) expect(scan(SAMPLE, [size])).toEqual(EXPECTED);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 80 }), { minLength: 1, maxLength: 20 }), (sizes) => {
        expect(scan(SAMPLE, sizes)).toEqual(EXPECTED);
      }),
    );
  });

  it('reads x:-prefixed elements', () => {
    const xml = wrap('<x:row r="2"><x:c r="B2" t="s"><x:v>1</x:v></x:c><x:c r="C2" t="inlineStr"><x:is><x:t>i</x:t></x:is></x:c></x:row>', 'x:');
    expect(scan(xml, [5])).toEqual([{ line: 2, cells: [null, 'one', 'i'] }]);
  });

  it('is done at </sheetData> and ignores what follows', () => {
    const s = new SheetRowScanner(ctx);
    expect(s.push(wrap('<row r="1"><c><v>1</v></c></row>'))).toHaveLength(1);
    expect(s.done).toBe(true);
    expect(s.push('<row r="9"><c><v>9</v></c></row>')).toEqual([]);
  });

  it('handles an empty <sheetData/>', () => {
    expect(scan('<worksheet><sheetData/></worksheet>')).toEqual([]);
  });

  it.each([
    ['a sheet cut inside its data', wrap('<row r="1"><c><v>1</v></c></row>').slice(0, 60), /ends before its <\/sheetData>/],
    ['a shared string index out of range', wrap('<row r="1"><c r="A1" t="s"><v>7</v></c></row>'), /cell A1 refers to shared string 7, but the workbook has 3/],
    ['a column beyond XFD', wrap('<row r="1"><c r="XFE1"><v>1</v></c></row>'), /beyond column XFD in row 1/],
    ['an unterminated cell', wrap('<row r="2"><c r="A2"><v>1</v></row>'), /unterminated cell in row 2/],
  ])('%s → not a valid XLSX', (_what, xml, message) => {
    const err = (() => {
      try {
        scan(xml);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(KpiError);
    expect((err as KpiError).exitCode).toBe(3);
    expect((err as KpiError).message).toMatch(/^f\.xlsx: not a valid XLSX/);
    expect((err as KpiError).message).toMatch(message);
  });

  it('keeps a non-numeric <v> of a number cell as text instead of inventing a number', () => {
    expect(scan(wrap('<row r="1"><c r="A1"><v>n/a</v></c></row>'))).toEqual([{ line: 1, cells: ['n/a'] }]);
  });

  it('19-digit ids keep their digits; 17-digit float noise is cleaned, exponent forms kept', () => {
    const xml = wrap('<row r="1"><c><v>9007199254740993123</v></c><c><v>0.30000000000000004</v></c><c><v>1.1000000000000001</v></c><c><v>40513.351388888892</v></c><c><v>1E-7</v></c></row>');
    expect(scan(xml)[0]?.cells.map((c) => (c && typeof c === 'object' ? c.text : c))).toEqual([
      '9007199254740993123',
      '0.30000000000000004', // a different double from 0.3: kept
      '1.1', // the same double as 1.1: Excel's 17-digit noise
      '40513.35138888889', // the shortest text for the same double
      '1E-7',
    ]);
  });
});

describe('SharedStringsParser', () => {
  const XML =
    '<?xml version="1.0"?><sst xmlns="ns" count="4"><si><t>a</t></si><si/><si><r><t>b</t></r><r><t xml:space="preserve"> c</t></r></si>' +
    '<si><t>d&amp;e</t><rPh><t>ph</t></rPh></si></sst>';

  it('keeps item order and indexes, empty items included', () => {
    expect(parseSharedStrings(XML)).toEqual(['a', '', 'b c', 'd&e']);
  });

  it('is independent of chunk boundaries', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), (size) => {
        const p = new SharedStringsParser();
        for (let i = 0; i < XML.length; i += size) p.push(XML.slice(i, i + size));
        expect(p.finish()).toEqual(['a', '', 'b c', 'd&e']);
      }),
    );
  });
});

describe('merges', () => {
  it.each([
    ['A1:B2', { top: 1, left: 1, bottom: 2, right: 2 }],
    ['C3', { top: 3, left: 3, bottom: 3, right: 3 }],
    ['$AA$10:$AB$12', { top: 10, left: 27, bottom: 12, right: 28 }],
    ['B2:A1', { top: 1, left: 1, bottom: 2, right: 2 }],
    ['A0:B1', null],
    ['nonsense', null],
  ])('parseRange(%j)', (ref, expected) => {
    expect(parseRange(ref)).toEqual(expected);
  });

  it('MergeCollector finds merges whatever the chunking', () => {
    const xml = Buffer.from(wrap('<row r="1"><c><v>1</v></c></row>').replace('<mergeCells count="0"/>', '<mergeCells count="2"><mergeCell ref="A1:C1"/><mergeCell ref="B3:B4"/></mergeCells>'));
    for (const size of [1, 3, 9, 10, 11, 50, xml.length]) {
      const m = new MergeCollector();
      for (let i = 0; i < xml.length; i += size) m.push(xml.subarray(i, i + size));
      expect(m.result()).toEqual([
        { top: 1, left: 1, bottom: 1, right: 3 },
        { top: 3, left: 2, bottom: 4, right: 2 },
      ]);
    }
  });
});
