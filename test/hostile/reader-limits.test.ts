/**
 * The readers' limits against hostile input (src/ingest), unit by unit and with small limits so
 * the edges are exact: a CSV record that never ends, a header longer than the detection sample,
 * an XLSX element that never closes, rows past Excel's last, too many shared strings, and the
 * zip-bomb ratio guard.
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strToU8 } from 'fflate';
import type { RawRow } from '../../src/ingest/types.js';
import { KpiError } from '../../src/errors/kpi-error.js';
import { CsvLineTooLong, DEFAULT_MAX_LINE_CHARS } from '../../src/ingest/csv/tokenizer.js';
import { CsvTokenizer } from '../../src/ingest/csv/csv-tokenizer.js';
import { readCsv } from '../../src/ingest/csv/read-csv.js';
import { detectDelimiter } from '../../src/ingest/csv/delimiter.js';
import { SheetRowScanner, type CellContext } from '../../src/ingest/xlsx/sheet-rows.js';
import { MAX_SHARED_STRINGS, SharedStringsParser } from '../../src/ingest/xlsx/shared-strings.js';
import { ELEMENT_SIZE_LIMIT, MAX_INFLATE_RATIO, MAX_SHEET_ROW, RATIO_GRACE } from '../../src/ingest/xlsx/read-xlsx.js';
import { findEntry, inflateEntry, readZipIndex } from '../../src/ingest/xlsx/zip.js';
import { rawZip } from '../ingest/xlsx/support/zip-bomb.js';
import { structuredBomb } from './support/deflate-bomb.js';

/** Tokenize `text` in chunks of `chunk` characters; the records, or the error thrown. */
function tokenize(text: string, chunk: number, maxLineChars: number, maxRecordChars: number): RawRow[] | CsvLineTooLong {
  const t = new CsvTokenizer({ delimiter: ';', maxRecordChars, maxLineChars });
  const rows: RawRow[] = [];
  try {
    for (let i = 0; i < text.length; i += chunk) t.push(text.slice(i, i + chunk), (r) => rows.push(r));
    t.end((r) => rows.push(r));
    return rows;
  } catch (e) {
    if (e instanceof CsvLineTooLong) return e;
    throw e;
  }
}

describe('CSV: a record longer than maxLineChars stops the read at its line', () => {
  it('the documented defaults', () => {
    expect(DEFAULT_MAX_LINE_CHARS).toBe(8 * 1024 * 1024);
    expect(ELEMENT_SIZE_LIMIT).toBe(16 * 1024 * 1024);
    expect([MAX_SHEET_ROW, MAX_SHARED_STRINGS, MAX_INFLATE_RATIO, RATIO_GRACE]).toEqual([1_048_576, 4 * 1024 * 1024, 100, 64 * 1024 * 1024]);
  });

  it.each([
    // [what, text, longest record, longest quoted cell, line of the error or null]
    ['a record of exactly the limit is read', 'a;b\n' + 'x'.repeat(20) + '\nc;d\n', 20, 10, null],
    ['one character more is refused, at its line', 'a;b\n' + 'x'.repeat(21) + '\nc;d\n', 20, 10, 2],
    ['a last line without a line break, too', 'a;b\nc;d\n' + 'y'.repeat(25), 20, 10, 3],
    ['a quoted cell spanning lines counts whole, from its first line', 'a;b\n"12345\n67890\n12345\n67890\n1"\nc;d\n', 20, 100, 2],
    ['an unclosed quote is re-read as a literal first (it fits)', 'a;b\n"xyz;1\nc;d\n', 20, 10, null],
    ['a line of delimiters only is a record like any other', 'a;b\n' + ';'.repeat(30) + '\n', 20, 10, 2],
  ] as const)('%s', (_what, text, limit, cell, line) => {
    for (const chunk of [1, 3, 7, 1000]) {
      const r = tokenize(text, chunk, limit, cell);
      if (line === null) expect(Array.isArray(r), `chunk ${chunk}`).toBe(true);
      else {
        expect(r, `chunk ${chunk}`).toBeInstanceOf(CsvLineTooLong);
        expect((r as CsvLineTooLong).line).toBe(line);
      }
    }
  });

  it('readCsv turns it into exit 3 file_unreadable with the file and line', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kpi-limits-'));
    const file = path.join(dir, 'long.csv');
    writeFileSync(file, 'ID;Дата\n1;2\n' + 'z'.repeat(5000) + '\n3;4\n');
    const { rows } = await readCsv({ path: file }, { file: 'long.csv', maxLineChars: 1000 }, []);
    const err = await (async () => {
      try {
        for await (const r of rows) void r;
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(KpiError);
    const k = err as KpiError;
    expect([k.exitCode, k.issue?.code, k.issue?.line, k.issue?.file]).toEqual([3, 'file_unreadable', 3, 'long.csv']);
    expect(k.message).toMatch(/^long\.csv:3: error\[file_unreadable\] the record starting here runs past/);
  });
});

describe('CSV: a header longer than the 64 KiB detection sample still shows its delimiter', () => {
  it.each([';', '\t', '|', ','])('%j', (d) => {
    const header = Array.from({ length: 9000 }, (_, i) => `Поле ${i}`).join(d);
    expect(header.length).toBeGreaterThan(64 * 1024);
    const sample = header.slice(0, 64 * 1024); // what the reader sees: the header cut, no line end
    expect(detectDelimiter(sample, null, { truncated: true }).delimiter).toBe(d);
  });

  it('with complete records to go by, a cut last record is still ignored', () => {
    const sample = 'a;b;c\n1;2;3\n4;5;6\nx,y,z,w,v,u,t'; // the cut tail would vote for ","
    expect(detectDelimiter(sample, null, { truncated: true }).delimiter).toBe(';');
  });
});

const ctx: CellContext = { file: 'f.xlsx', sharedStrings: [], styles: [{ kind: 'number' }], date1904: false };
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

function scanSheet(xml: string, chunk: number, maxElementChars: number): RawRow[] {
  const s = new SheetRowScanner(ctx, 'xl/worksheets/sheet1.xml', maxElementChars);
  const rows: RawRow[] = [];
  for (let i = 0; i < xml.length; i += chunk) rows.push(...s.push(xml.slice(i, i + chunk)));
  s.finish();
  return rows;
}

function failure(f: () => unknown): KpiError | null {
  try {
    f();
    return null;
  } catch (e) {
    if (e instanceof KpiError) return e;
    throw e;
  }
}

describe('XLSX: unfinished elements and impossible rows are refused (xlsx_too_large)', () => {
  const row = (r: number, t: string) => `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${t}</t></is></c></row>`;

  it.each([
    ['rows under the limit are read', `<worksheet ${NS}><sheetData>${row(1, 'a'.repeat(100))}${row(2, 'b')}</sheetData></worksheet>`, null],
    ['a row longer than the limit', `<worksheet ${NS}><sheetData>${row(1, 'a')}${row(2, 'b'.repeat(300))}</sheetData></worksheet>`, /row 2 runs past 200 bytes of XML text without ending/],
    ['text that never opens a root element', '<'.repeat(300), /the text before <sheetData> runs past/],
    ['a comment that never closes', `<worksheet ${NS}><sheetData><!--` + 'x'.repeat(300), /row 1 runs past/],
    ['a row past Excel\'s last', `<worksheet ${NS}><sheetData>${row(1, 'a')}${row(1_048_577, 'b')}</sheetData></worksheet>`, /row 1048577 is past Excel's last row, 1048576/],
    ['an empty row past Excel\'s last', `<worksheet ${NS}><sheetData><row r="1048576"/><row/></sheetData></worksheet>`, /row 1048577 is past/],
  ] as const)('%s', (_what, xml, re) => {
    // The limit is on what waits unfinished between chunks: real chunks are an inflater's output,
    // and a complete element that arrives in one piece is parsed like any other.
    for (const chunk of [5, 64]) {
      const err = failure(() => scanSheet(xml, chunk, 200));
      if (re === null) expect(err, `chunk ${chunk}`).toBeNull();
      else {
        expect(err?.issue?.code, `chunk ${chunk}`).toBe('xlsx_too_large');
        expect(err?.exitCode).toBe(3);
        expect(err?.message).toMatch(/^f\.xlsx: refusing to read XLSX part xl\/worksheets\/sheet1\.xml: /);
        expect(err?.message).toMatch(re);
      }
    }
  });

  it.each([
    ['three items with a limit of three', 3, 1000, '<si><t>a</t></si><si/><si><t>c</t></si>', null],
    ['four items with a limit of three', 3, 1000, '<si><t>a</t></si><si/><si><t>c</t></si><si/>', /it holds more than 3 shared strings/],
    ['an item longer than the element limit', 10, 200, `<si><t>${'q'.repeat(300)}</t></si>`, /string item 0 runs past 200 bytes/],
  ] as const)('shared strings: %s', (_what, maxItems, maxElementChars, items, re) => {
    for (const chunk of [7, 50]) {
      const p = new SharedStringsParser({ file: 'f.xlsx', maxItems, maxElementChars });
      const xml = `<sst ${NS}>${items}</sst>`;
      const err = failure(() => {
        for (let i = 0; i < xml.length; i += chunk) p.push(xml.slice(i, i + chunk));
      });
      if (re === null) expect(p.finish()).toEqual(['a', '', 'c']);
      else {
        expect(err?.issue?.code).toBe('xlsx_too_large');
        expect(err?.message).toMatch(/^f\.xlsx: refusing to read XLSX part xl\/sharedStrings\.xml: /);
        expect(err?.message).toMatch(re);
      }
    }
  });
});

describe('zip: the inflate-ratio guard', () => {
  async function inflateAll(data: Uint8Array, declared: number, guard: { maxRatio: number; afterBytes: number } | null): Promise<number | KpiError> {
    const dir = mkdtempSync(path.join(tmpdir(), 'kpi-ratio-'));
    const file = path.join(dir, 'z.xlsx');
    writeFileSync(file, rawZip([{ name: 'part.xml', data, method: 8, declaredSize: declared }]));
    const fh = await open(file);
    try {
      const index = await readZipIndex(fh, 'z.xlsx');
      let total = 0;
      for await (const c of inflateEntry(fh, index, findEntry(index, 'part.xml')!, 1 << 30, 'z.xlsx', guard)) total += c.length;
      return total;
    } catch (e) {
      if (e instanceof KpiError) return e;
      throw e;
    } finally {
      await fh.close();
    }
  }

  const bomb = structuredBomb(strToU8('<a>'), strToU8('<x/>'), 8 * 1024 * 1024, strToU8('</a>')); // ~159:1

  it('a part inflating at ~159:1 is refused once past the grace, whatever it declares', async () => {
    const r = await inflateAll(bomb, 100, { maxRatio: 100, afterBytes: 1024 * 1024 });
    expect(r).toBeInstanceOf(KpiError);
    expect((r as KpiError).issue?.code).toBe('xlsx_too_large');
    expect((r as KpiError).message).toBe('z.xlsx: refusing to read XLSX part part.xml: it inflates to more than 100 times its compressed size (a zip bomb?)');
  });

  it('the same part is read in full without the guard, or under a higher ratio, or within the grace', async () => {
    const size = 3 + 8 * 1024 * 1024 + 4;
    expect(await inflateAll(bomb, 100, null)).toBeGreaterThanOrEqual(size - 8);
    expect(await inflateAll(bomb, 100, { maxRatio: 200, afterBytes: 1024 * 1024 })).toBeGreaterThanOrEqual(size - 8);
    expect(await inflateAll(bomb, 100, { maxRatio: 100, afterBytes: 16 * 1024 * 1024 })).toBeGreaterThanOrEqual(size - 8);
  });
});
