/** The note sheets_not_read (src/app/unread-sheets.ts): worksheets with data that no input read. */
import { describe, it, expect } from 'vitest';
import { unreadSheets } from '../../src/app/unread-sheets.js';
import type { ReaderInfo } from '../../src/ingest/types.js';

const xlsx = (sheet: string, sheets: string[], others: string[] = [], unprobed = 0): ReaderInfo => ({
  format: 'xlsx', encoding: null, encodingGuessed: false, delimiter: null, sheet, sheets,
  ...(others.length > 0 ? { otherSheetsWithData: others } : {}), ...(unprobed > 0 ? { otherSheetsUnprobed: unprobed } : {}),
});
const file = (path: string, info: ReaderInfo) => ({ spec: { path, display: path }, info });
const MONTHS = ['Jan', 'Feb', 'Mar', 'Notes'];

describe('unreadSheets', () => {
  it('names, per workbook, the sheets with data that no input of it read, in tab order', () => {
    const issues = unreadSheets([
      file('a.xlsx', xlsx('Jan', MONTHS, ['Mar', 'Feb'])),
      file('b.csv', { format: 'csv', encoding: 'utf-8', encodingGuessed: false, delimiter: ';', sheet: null, sheets: [] }),
      file('a.xlsx', xlsx('Mar', MONTHS, ['Jan', 'Feb'])),
    ]);
    expect(issues.map((i) => [i.code, i.severity, i.file, i.value, i.message])).toEqual([
      ['sheets_not_read', 'info', 'a.xlsx', '"Feb"', 'the workbook has other sheets with data, not read: "Feb" (read: "Jan", "Mar")'],
    ]);
  });

  it('says nothing when every sheet with data is read, or there is no other', () => {
    expect(unreadSheets([file('a.xlsx', xlsx('Jan', MONTHS, ['Feb'])), file('a.xlsx', xlsx('Feb', MONTHS, ['Jan']))])).toEqual([]);
    expect(unreadSheets([file('a.xlsx', xlsx('Jan', MONTHS))])).toEqual([]);
  });

  it('names ten sheets and counts the rest, and the sheets not looked at', () => {
    const many = Array.from({ length: 30 }, (_, i) => `S${i + 1}`);
    const [one] = unreadSheets([file('a.xlsx', xlsx('S1', many, many.slice(1, 13), 17))]);
    expect(one!.value).toBe(many.slice(1, 13).map((s) => `"${s}"`).join(', '));
    expect(one!.message).toBe('the workbook has other sheets with data, not read: "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9", "S10", "S11" and 2 more, and 17 further sheets, past the first 64, not looked at (read: "S1")');
    const [two] = unreadSheets([file('a.xlsx', xlsx('S1', many, [], 17))]);
    expect(two!.message).toBe('the workbook has 17 other sheets, past the first 64, not looked at (read: "S1")');
    expect(two!.value).toBeNull();
  });
});
