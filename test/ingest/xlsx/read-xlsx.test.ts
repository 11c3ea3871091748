import { describe, it, expect } from 'vitest';
import { cellText } from '../../../src/ingest/types.js';
import { KpiError } from '../../../src/errors/kpi-error.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_SHEETS_PROBED, MERGE_SCAN_LIMIT, readXlsx } from '../../../src/ingest/xlsx/read-xlsx.js';
import { buildPackage, patchDeclaredSize, worksheetXml } from './support/build-package.js';
import { fixture, readAll, row } from './support/read-all.js';

const utc = Date.UTC;

describe('readXlsx: cell types (exceljs cell-types.xlsx)', () => {
  it('types every cell as Excel stored it', async () => {
    const { rows, info } = await readAll(fixture('cell-types.xlsx'));
    expect(info).toEqual({ format: 'xlsx', encoding: null, encodingGuessed: false, delimiter: null, sheet: 'Types', sheets: ['Types'] });
    const value = (line: number) => row(rows, line).cells[1];
    expect(row(rows, 1).cells).toEqual(['Kind', 'Value']);
    expect(value(2)).toEqual({ t: 'n', v: 4563, text: '4563' });
    expect(value(3)).toEqual({ t: 'n', v: 1234.5, text: '1234.5' });
    expect(value(4)).toBe('00123'); // a number stored as text stays text, zeros and all
    expect(value(5)).toBe('4563');
    expect(value(6)).toEqual({ t: 'b', v: true, text: 'TRUE' });
    expect(value(7)).toEqual({ t: 'b', v: false, text: 'FALSE' });
    expect(value(8)).toEqual({ t: 'n', v: 9126, text: '9126' }); // formula: the cached result
    expect(value(9)).toBe('number!'); // t="str"
    expect(value(10)).toEqual({ t: 'e', text: '#REF!' });
    expect(value(11)).toBe('ООО «Ромашка»'); // rich-text runs joined
    expect(value(12)).toEqual({ t: 'n', v: 123456789, text: '0123456789' }); // 0000000000 format
    expect(value(13)).toBe('line1\r\nline2');
  });
});

describe('readXlsx: dates', () => {
  it('reads 1900-system dates as wall-clock ms with no zone shift; [h]:mm:ss stays a number', async () => {
    const { rows } = await readAll(fixture('dates-1900.xlsx'));
    expect(row(rows, 2).cells).toEqual([
      { t: 'd', v: utc(2024, 2, 5), text: '2024-03-05' },
      { t: 'd', v: utc(2024, 2, 5, 14, 7, 9), text: '2024-03-05 14:07:09' },
      { t: 'd', v: utc(2024, 11, 31), text: '2024-12-31' }, // built-in format 14
      { t: 'n', v: 1.5, text: '1.5' },
      { t: 'n', v: 1234.5, text: '1234.5' },
    ]);
    expect(row(rows, 3).cells).toEqual([
      { t: 'd', v: utc(1999, 11, 31), text: '1999-12-31' },
      { t: 'd', v: utc(2000, 0, 1), text: '2000-01-01 00:00:00' }, // a date-time format keeps midnight
      { t: 'd', v: utc(2024, 1, 29), text: '2024-02-29' },
      { t: 'n', v: 0.25, text: '0.25' },
      { t: 'n', v: -42, text: '-42' },
    ]);
  });

  it('reads the 1904 date system', async () => {
    const { rows } = await readAll(fixture('dates-1904.xlsx'));
    expect(row(rows, 2).cells[0]).toEqual({ t: 'd', v: utc(2024, 2, 5, 14, 7, 9), text: '2024-03-05 14:07:09' });
    expect(row(rows, 3).cells[0]).toEqual({ t: 'd', v: utc(1904, 0, 1), text: '1904-01-01 00:00:00' });
  });

  const day = (y: number, m: number, d: number, h = 0, mi = 0) => utc(y, m - 1, d, h, mi);
  it.each([
    [1, 'serial 1', { t: 'd', v: day(1900, 1, 1), text: '1900-01-01' }],
    [2, 'serial 59', { t: 'd', v: day(1900, 2, 28), text: '1900-02-28' }],
    [3, 'serial 60, the phantom 1900-02-29', { t: 'd', v: day(1900, 2, 28), text: '1900-02-28' }],
    [4, 'serial 61', { t: 'd', v: day(1900, 3, 1), text: '1900-03-01' }],
    [5, 'time only', { t: 'd', v: day(1899, 12, 31, 12), text: '1899-12-31 12:00:00' }],
    [6, '17-digit serial rounds to the second', { t: 'd', v: day(2024, 3, 5, 14, 7), text: '2024-03-05 14:07:00' }],
    [7, 'negative serial: not a date', { t: 'n', v: -1, text: '-1' }],
    [8, 'after 9999-12-31: not a date', { t: 'n', v: 2958466, text: '2958466' }],
    [9, 'built-in 46 [h]:mm:ss is a duration', { t: 'n', v: 1.5, text: '1.5' }],
    [10, 'custom [h]:mm is a duration', { t: 'n', v: 1.5, text: '1.5' }],
    [11, 'date-time format at midnight', { t: 'd', v: day(2024, 3, 5), text: '2024-03-05 00:00:00' }],
    [12, 'money with quoted letters', { t: 'n', v: 1234.5, text: '1234.5' }],
    [13, 'h:mm AM/PM', { t: 'd', v: day(1899, 12, 31, 18), text: '1899-12-31 18:00:00' }],
    [14, 'locale-bracketed Russian date', { t: 'd', v: day(2024, 3, 5), text: '2024-03-05' }],
    [15, 'rounds up across midnight', { t: 'd', v: day(2024, 3, 6), text: '2024-03-06 00:00:00' }],
  ])('serial-edges row %i: %s', async (line, _what, expected) => {
    const { rows } = await readAll(fixture('serial-edges.xlsx'));
    expect(row(rows, line).cells).toEqual([expected]);
  });
});

describe('readXlsx: Google-Sheets-style package (hand-zipped)', () => {
  it('handles missing r attributes, gaps, inline strings, 19-digit ids and padded ИНН', async () => {
    const { rows } = await readAll(fixture('google-sheets.xlsx'));
    expect(rows.map((r) => r.line)).toEqual([1, 2, 5, 6, 8, 9, 10]); // rows 3-4 absent, 7 empty
    expect(row(rows, 1).cells).toEqual(['Id', 'ИНН', 'Name', 'Amount']);
    expect(row(rows, 2).cells).toEqual([
      { t: 'n', v: 1234567890123456789, text: '1234567890123456789' },
      { t: 'n', v: 123456789, text: '0123456789' },
      'Inline & co',
      { t: 'n', v: 1500.5, text: '1500.5' },
    ]);
    expect(row(rows, 5).cells).toEqual([{ t: 'n', v: 4563, text: '4563' }, null, 'ООО «Ромашка»', 'rich inline']);
    expect(row(rows, 6).cells).toEqual(['AT&T <US> "q" \'a\' Пр', 'line1\r\nline2', '_x000D_ literal', '漢字']);
    expect(row(rows, 8).cells).toEqual([null, null, '  padded  ']); // '' shared string is empty
    expect(row(rows, 9).cells).toEqual([
      { t: 'n', v: 1.23456789012346e18, text: '1.23456789012346E+18' }, // exponent kept as written
      { t: 'n', v: 7707083893, text: '7707083893' },
      { t: 'b', v: true, text: 'TRUE' },
      { t: 'e', text: '#N/A' },
    ]);
    expect(row(rows, 10).cells).toEqual([
      { t: 'n', v: -5, text: '-5' }, // negative numbers are not zero-padded
      '-5x',
      { t: 'd', v: utc(2024, 2, 5, 14, 7, 9), text: '2024-03-05 14:07:09' }, // t="d" ISO cell
      { t: 'n', v: 2.55, text: '2.55' }, // float noise of Excel's 17-digit writes removed
    ]);
  });

  it('reads x:-prefixed SpreadsheetML (OpenXML SDK style)', async () => {
    const { rows, merges } = await readAll(fixture('prefixed-namespace.xlsx'));
    expect(rows).toEqual([
      { line: 1, cells: ['Name', 'inline'] },
      { line: 2, cells: [{ t: 'n', v: 42, text: '42' }, { t: 'd', v: utc(2024, 2, 5), text: '2024-03-05' }] },
    ]);
    expect(merges).toEqual([{ top: 3, left: 1, bottom: 3, right: 2 }]);
  });
});

describe('readXlsx: sheets', () => {
  it('defaults to the first sheet and lists all', async () => {
    const { info, rows } = await readAll(fixture('named-sheets.xlsx'));
    expect(info.sheet).toBe('Summary');
    expect(info.sheets).toEqual(['Summary', 'Leads', 'Звонки']);
    expect(rows).toEqual([{ line: 1, cells: ['Report built 2024-01-01'] }]);
  });

  it.each([
    ['Leads', 'Leads'],
    ['leads', 'Leads'],
    ['ЗВОНКИ', 'Звонки'],
  ])('picks sheet %s → %s', async (wanted, name) => {
    const { info, rows } = await readAll(fixture('named-sheets.xlsx'), wanted);
    expect(info.sheet).toBe(name);
    expect(rows.length).toBeGreaterThan(0);
    if (name === 'Leads') expect(rows[1]).toEqual({ line: 2, cells: [{ t: 'n', v: 1, text: '1' }, 'first'] });
  });

  it('names the other visible sheets that hold a value (otherSheetsWithData)', async () => {
    expect((await readAll(fixture('named-sheets.xlsx'))).info.otherSheetsWithData).toEqual(['Leads', 'Звонки']);
    expect((await readAll(fixture('named-sheets.xlsx'), 'Leads')).info.otherSheetsWithData).toEqual(['Summary', 'Звонки']);
    // hidden sheets are lookups, by intent: never named, whichever sheet is read
    expect((await readAll(fixture('hidden-first-sheet.xlsx'))).info.otherSheetsWithData).toBeUndefined();
    expect((await readAll(fixture('hidden-first-sheet.xlsx'), 'Lookup')).info.otherSheetsWithData).toEqual(['Visible']);
  });

  it('leaves out sheets without a value, and sheets that cannot be read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpi-sheets-'));
    try {
      const cell = (ref: string, v: string) => `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`;
      const file = join(dir, 'book.xlsx');
      writeFileSync(file, buildPackage({ sheets: [
        { name: 'Data', xml: worksheetXml(`<row r="1">${cell('A1', 'x')}</row>`) },
        { name: 'Empty', xml: worksheetXml('') },
        // styled cells without a value, as a formatted template sheet has them
        { name: 'Blank', xml: worksheetXml('<row r="1"><c r="A1" s="0"/><c r="B1" t="inlineStr"><is><t></t></is></c></row><row r="2"/>') },
        { name: 'Broken', xml: '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x' },
        { name: 'Later', xml: worksheetXml(`<row r="7">${cell('C7', 'y')}</row>`) },
      ] }));
      const { info, rows } = await readAll(file);
      expect(info.sheet).toBe('Data');
      expect(rows).toEqual([{ line: 1, cells: ['x'] }]);
      expect(info.otherSheetsWithData).toEqual(['Later']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('an empty first sheet', () => {
    const cell = (ref: string, v: string) => `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`;
    const data = (v: string) => worksheetXml(`<row r="1">${cell('A1', 'Дата')}${cell('B1', v)}</row>`);
    const EMPTY = [
      ['no rows', worksheetXml('')],
      ['styled cells without a value', worksheetXml('<row r="1"><c r="A1" s="0"/><c r="B1" t="inlineStr"><is><t></t></is></c></row><row r="2"/>')],
      ['cells of spaces only', worksheetXml(`<row r="1">${cell('A1', '  ')}</row><row r="3">${cell('C3', ' ')}</row>`)],
    ] as const;
    const withBook = async (sheets: Parameters<typeof buildPackage>[0]['sheets'], fn: (file: string) => Promise<void>) => {
      const dir = mkdtempSync(join(tmpdir(), 'kpi-sheets-'));
      try {
        const file = join(dir, 'book.xlsx');
        writeFileSync(file, buildPackage({ sheets }));
        await fn(file);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };

    it.each(EMPTY)('is passed over by default (%s): the first visible sheet with data is read', async (_what, xml) => {
      await withBook([
        { name: 'Cover', xml },
        { name: 'Lookup', xml: data('hidden'), state: 'hidden' },
        { name: 'March', xml: data('march') },
        { name: 'Blank', xml: worksheetXml('') },
        { name: 'April', xml: data('april') },
      ], async (file) => {
        const { info, rows } = await readAll(file);
        expect(info.sheet).toBe('March');
        expect(rows).toEqual([{ line: 1, cells: ['Дата', 'march'] }]);
        // the sheet read is not among the others; the empty ones and the hidden one never are
        expect(info.otherSheetsWithData).toEqual(['April']);
      });
    });

    it('is read when every visible sheet is empty (a hidden one with data aside)', async () => {
      await withBook([
        { name: 'Cover', xml: worksheetXml('') },
        { name: 'Lookup', xml: data('hidden'), state: 'hidden' },
        { name: 'Blank', xml: EMPTY[2][1] },
      ], async (file) => {
        const { info, rows } = await readAll(file);
        expect(info.sheet).toBe('Cover');
        expect(rows).toEqual([]);
        expect(info.otherSheetsWithData).toBeUndefined();
      });
    });

    it('is read when a source names it, and the sheets with data are then the others', async () => {
      await withBook([{ name: 'Cover', xml: worksheetXml('') }, { name: 'March', xml: data('march') }], async (file) => {
        const { info, rows } = await readAll(file, 'cover');
        expect(info.sheet).toBe('Cover');
        expect(rows).toEqual([]);
        expect(info.otherSheetsWithData).toEqual(['March']);
      });
    });

    it('that cannot be read still fails: it is not passed over as empty', async () => {
      await withBook([
        { name: 'Broken', xml: '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>' },
        { name: 'March', xml: data('march') },
      ], async (file) => {
        const err = await readAll(file).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(KpiError);
        expect((err as KpiError).exitCode).toBe(3);
      });
    });
  });

  it(`looks at ${MAX_SHEETS_PROBED} other sheets at most, and counts the rest`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpi-sheets-'));
    try {
      const file = join(dir, 'book.xlsx');
      const sheet = (i: number) => ({ name: `S${i}`, xml: worksheetXml(`<row r="1"><c r="A1"><v>${i}</v></c></row>`) });
      writeFileSync(file, buildPackage({ sheets: Array.from({ length: MAX_SHEETS_PROBED + 6 }, (_, i) => sheet(i + 1)) }));
      const { info } = await readAll(file, 'S3');
      expect(info.otherSheetsWithData).toHaveLength(MAX_SHEETS_PROBED);
      expect(info.otherSheetsWithData?.slice(0, 3)).toEqual(['S1', 'S2', 'S4']);
      expect(info.otherSheetsUnprobed).toBe(5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a blank sheet name means the default sheet', async () => {
    expect((await readAll(fixture('named-sheets.xlsx'), '  ')).info.sheet).toBe('Summary');
  });

  it('a missing sheet is exit 3 naming the sheets that exist', async () => {
    const err = await readAll(fixture('named-sheets.xlsx'), 'Calls', 'book.xlsx').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KpiError);
    const k = err as KpiError;
    expect(k.exitCode).toBe(3);
    expect(k.issue?.code).toBe('sheet_not_found');
    expect(k.message).toBe('book.xlsx: no sheet named "Calls"; the workbook has "Summary", "Leads", "Звонки"');
  });

  it('skips hidden and very hidden sheets by default, but a name still selects them', async () => {
    const first = await readAll(fixture('hidden-first-sheet.xlsx'));
    expect(first.info.sheet).toBe('Visible');
    expect(first.info.sheets).toEqual(['Lookup', 'Secret', 'Visible']);
    expect(first.rows).toEqual([{ line: 1, cells: ['visible data'] }]);
    const named = await readAll(fixture('hidden-first-sheet.xlsx'), 'Lookup');
    expect(named.rows).toEqual([{ line: 1, cells: ['hidden data'] }]);
  });

  it('ignores chartsheets (absolute relationship targets)', async () => {
    const { info, rows } = await readAll(fixture('chartsheet-first.xlsx'));
    expect(info.sheets).toEqual(['Data']);
    expect(rows).toEqual([{ line: 1, cells: ['data'] }]);
  });
});

describe('readXlsx: rows', () => {
  it('hidden rows are data like any other', async () => {
    const { rows } = await readAll(fixture('hidden-rows.xlsx'));
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rows.map((r) => cellText(r.cells[1] ?? null))).toEqual(['Status', 'won', 'lost', 'won', 'lost', 'won']);
  });

  it('a pivoted report: merged headers known up front, real row numbers, #REF! as content', async () => {
    const { merges, rows, info } = await readAll(fixture('pivot-merged.xlsx'));
    expect(info.sheet).toBe('Отчёт');
    expect(merges).toEqual(
      expect.arrayContaining([
        { top: 1, left: 1, bottom: 1, right: 7 },
        { top: 3, left: 1, bottom: 4, right: 1 },
        { top: 3, left: 2, bottom: 3, right: 3 },
        { top: 3, left: 4, bottom: 3, right: 5 },
        { top: 3, left: 6, bottom: 3, right: 7 },
      ]),
    );
    expect(merges).toHaveLength(5);
    expect(rows.map((r) => r.line)).toEqual([1, 3, 4, 5, 6, 7]); // row 2 is blank
    expect(row(rows, 3).cells).toEqual(['Менеджер', 'Январь 2024', null, 'Февраль 2024', null, 'Март 2024']);
    expect(row(rows, 4).cells.map(cellText)).toEqual(['', 'Кол-во', 'Сумма', 'Кол-во', 'Сумма', 'Кол-во', 'Сумма']);
    expect(row(rows, 7).cells[0]).toBe('Итого');
    expect(row(rows, 7).cells[5]).toEqual({ t: 'e', text: '#REF!' });
  });

  it('rows can be iterated twice with the same result', async () => {
    const r = await readXlsx(fixture('pivot-merged.xlsx'), { file: 'p.xlsx' }, []);
    const pass = async () => {
      const out = [];
      for await (const x of r.rows) out.push(x);
      return out;
    };
    const a = await pass();
    const b = await pass();
    expect(a.length).toBe(6);
    expect(b).toEqual(a);
  });

  it('a sheet over the pre-scan limit reports no merges, and its rows still read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpi-xlsx-'));
    try {
      const path = join(dir, 'big-declared.xlsx');
      const bytes = patchDeclaredSize(readFileSync(fixture('pivot-merged.xlsx')), 'xl/worksheets/sheet1.xml', MERGE_SCAN_LIMIT + 1);
      writeFileSync(path, bytes);
      const { merges, rows, issues } = await readAll(path);
      expect(merges).toEqual([]);
      expect(rows.map((r) => r.line)).toEqual([1, 3, 4, 5, 6, 7]);
      expect(issues).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
