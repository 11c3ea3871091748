/**
 * Chunks held while a long record or element is unfinished (src/ingest/held-text.ts): the policy
 * on its own, and the three streaming readers that use it — each must give the same output as
 * when the text arrives whole, release what it holds at the end, and scan a line of megabytes a
 * few times instead of once per chunk (which copied the line each time: seconds and a gigabyte
 * of garbage for a 10 MB file without line breaks).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HeldText, HOLD_FROM } from '../../src/ingest/held-text.js';
import { CsvTokenizer } from '../../src/ingest/csv/csv-tokenizer.js';
import { CsvLineTooLong } from '../../src/ingest/csv/tokenizer.js';
import { SheetRowScanner } from '../../src/ingest/xlsx/sheet-rows.js';
import type { CellContext } from '../../src/ingest/xlsx/cell-value.js';
import { SharedStringsParser } from '../../src/ingest/xlsx/shared-strings.js';
import type { RawRow } from '../../src/ingest/types.js';
import { cellText } from '../../src/ingest/types.js';

const CHUNK = 64 * 1024;

function chunks(text: string, size = CHUNK): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** How many offers released text (a scan each), spying on every reader's hold. */
function countReleases(): { releases: () => number; offers: () => number } {
  const spy = vi.spyOn(HeldText.prototype, 'offer');
  return {
    releases: () => spy.mock.results.filter((r) => r.type === 'return' && r.value !== null).length,
    offers: () => spy.mock.calls.length,
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('HeldText', () => {
  it('passes chunks straight through while the unfinished text is short', () => {
    const h = new HeldText();
    expect(h.offer('abc', 0, 100)).toBe('abc');
    expect(h.offer('def', HOLD_FROM - 1, Infinity)).toBe('def');
    expect(h.take()).toBe('');
  });

  it('holds chunks until they are as long as the unfinished text, then releases them joined', () => {
    const h = new HeldText();
    const open = HOLD_FROM;
    const part = 'x'.repeat(open / 4);
    expect(h.offer(part, open, Infinity)).toBeNull();
    expect(h.offer(part, open, Infinity)).toBeNull();
    expect(h.offer(part, open, Infinity)).toBeNull();
    expect(h.offer(part + 'y', open, Infinity)).toBe(part.repeat(4) + 'y');
    expect(h.take()).toBe(''); // released means emptied
  });

  it('releases early when holding more would pass the reader\'s limit, so the limit still trips', () => {
    const h = new HeldText();
    expect(h.offer('ab', HOLD_FROM, HOLD_FROM + 3)).toBeNull();
    expect(h.offer('cd', HOLD_FROM, HOLD_FROM + 3)).toBe('abcd');
  });

  it('take() hands over what is held at the end of input', () => {
    const h = new HeldText();
    expect(h.offer('tail', 2 * HOLD_FROM, Infinity)).toBeNull();
    expect(h.take()).toBe('tail');
  });
});

describe('CSV tokenizer: a record of megabytes', () => {
  function tokenize(parts: readonly string[], maxLineChars?: number): RawRow[] {
    const t = new CsvTokenizer({ delimiter: ';', maxLineChars });
    const rows: RawRow[] = [];
    for (const p of parts) t.push(p, (r) => rows.push(r));
    t.end((r) => rows.push(r));
    return rows;
  }
  const shape = (rows: RawRow[]) => rows.map((r) => [r.line, r.cells.map((c) => cellText(c).length)]);

  it.each([
    ['an unquoted line', 'ID;Имя\n1;' + 'я'.repeat(3 * HOLD_FROM) + '\r\n2;b\n'],
    // each quoted cell under the tokenizer's 1,000,000-character limit on one cell
    ['quoted cells with line breaks', 'ID;Имя\n1;' + Array(6).fill('"' + 'я\n'.repeat(HOLD_FROM / 4) + '"').join(';') + '\n2;b\n'],
    ['a last line without a line break', 'ID;Имя\n2;b\n1;' + 'я'.repeat(3 * HOLD_FROM)],
  ])('%s: the same records as in one piece, scanned a few times', (_what, text) => {
    const whole = tokenize([text]);
    const counter = countReleases();
    const chunked = tokenize(chunks(text));
    expect(shape(chunked)).toEqual(shape(whole));
    expect(chunked.map((r) => r.raw)).toEqual(whole.map((r) => r.raw));
    // one release (a scan of the whole record) per chunk without the hold
    expect(counter.offers()).toBe(chunks(text).length);
    expect(counter.releases()).toBeLessThan(counter.offers() / 2);
  });

  it('a line past the limit is still refused, at its line', () => {
    const text = 'ID;Имя\n1;b\n' + 'z'.repeat(3 * HOLD_FROM) + '\n3;c\n';
    let error: unknown = null;
    try {
      tokenize(chunks(text), 2 * HOLD_FROM);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CsvLineTooLong);
    expect((error as CsvLineTooLong).line).toBe(3);
  });
});

describe('XLSX: a row or shared string of megabytes', () => {
  const ctx: CellContext = { file: 'f.xlsx', sharedStrings: [], styles: [{ kind: 'number' }], date1904: false };
  const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const cell = (ref: string, t: string) => `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`;
  const big = 'я'.repeat(3 * HOLD_FROM);

  function scan(parts: readonly string[]): RawRow[] {
    const s = new SheetRowScanner(ctx, 'xl/worksheets/sheet1.xml');
    const rows: RawRow[] = [];
    parts.forEach((p, i) => rows.push(...s.push(p, i === parts.length - 1)));
    s.finish();
    return rows;
  }

  it('a sheet row: the same rows as in one piece, scanned a few times', () => {
    const xml = `<worksheet ${NS}><sheetData><row r="1">${cell('A1', 'ID')}${cell('B1', 'Имя')}</row>` +
      `<row r="2">${cell('A2', '1')}${cell('B2', big)}</row><row r="3">${cell('A3', '2')}</row></sheetData></worksheet>`;
    const counter = countReleases();
    const rows = scan(chunks(xml));
    expect(rows.map((r) => [r.line, r.cells.map((c) => cellText(c).length)])).toEqual([[1, [2, 3]], [2, [1, big.length]], [3, [1]]]);
    expect(counter.releases()).toBeLessThan(counter.offers() / 2);
  });

  it('the last chunk releases what is held: the sheet ends inside held text', () => {
    const xml = `<worksheet ${NS}><sheetData><row r="1">${cell('A1', big)}</row><row r="2">${cell('A2', 'x')}</row></sheetData></worksheet>`;
    // the end arrives in a chunk the hold keeps, then an empty last push (the decoder's flush)
    const rows = scan([...chunks(xml), '']);
    expect(rows.map((r) => r.line)).toEqual([1, 2]);
  });

  it('a shared string: the same table, the last chunk releasing the rest', () => {
    const xml = `<sst ${NS}><si><t>a</t></si><si><t>${big}</t></si><si><t>b</t></si></sst>`;
    const counter = countReleases();
    const p = new SharedStringsParser();
    const parts = chunks(xml);
    parts.forEach((part, i) => p.push(part, i === parts.length - 1));
    expect(p.finish().map((s) => s.length)).toEqual([1, big.length, 1]);
    expect(counter.releases()).toBeLessThan(counter.offers() / 2);
  });
});
