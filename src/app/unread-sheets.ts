/**
 * Worksheets with data that no input read (note `sheets_not_read`). The reader reads one sheet of
 * a workbook, the first visible one or the one a source names, so a workbook with a sheet per
 * month would otherwise report January alone without a word. The inputs of one workbook (a
 * source per sheet) are taken together; hidden sheets are never named (see `otherSheetsWithData`).
 */
import path from 'node:path';
import { makeIssue, type Issue } from '../errors/issue.js';
import type { ReaderInfo } from '../ingest/types.js';
import { MAX_SHEETS_PROBED } from '../ingest/xlsx/read-xlsx.js';

/** Sheets named in the note, at most; the rest are counted. */
const NAMES_SHOWN = 10;

interface Book {
  display: string;
  sheets: readonly string[];
  read: Set<string>;
  filled: Set<string>;
  unprobed: number;
}

/** One note per workbook that has visible sheets with data no input read. */
export function unreadSheets(files: readonly { spec: { path: string; display: string }; info: ReaderInfo }[]): Issue[] {
  const books = new Map<string, Book>();
  for (const f of files) {
    if (f.info.format !== 'xlsx' || f.info.sheet === null) continue;
    const key = path.resolve(f.spec.path);
    let b = books.get(key);
    if (!b) books.set(key, (b = { display: f.spec.display, sheets: f.info.sheets, read: new Set(), filled: new Set(), unprobed: 0 }));
    b.read.add(f.info.sheet);
    b.unprobed = Math.max(b.unprobed, f.info.otherSheetsUnprobed ?? 0);
    for (const s of f.info.otherSheetsWithData ?? []) b.filled.add(s);
  }
  const out: Issue[] = [];
  for (const b of books.values()) {
    const unread = b.sheets.filter((s) => b.filled.has(s) && !b.read.has(s));
    if (unread.length === 0 && b.unprobed === 0) continue;
    const more = unread.length - NAMES_SHOWN;
    const names = unread.slice(0, NAMES_SHOWN).map((s) => JSON.stringify(s)).join(', ') + (more > 0 ? ` and ${more} more` : '');
    const read = b.sheets.filter((s) => b.read.has(s)).map((s) => JSON.stringify(s)).join(', ');
    const parts: string[] = [];
    if (unread.length > 0) parts.push(`other sheets with data, not read: ${names}`);
    if (b.unprobed > 0) parts.push(`${b.unprobed} ${unread.length > 0 ? 'further' : 'other'} sheets, past the first ${MAX_SHEETS_PROBED}, not looked at`);
    out.push(makeIssue('sheets_not_read', { file: b.display }, {
      message: `the workbook has ${parts.join(', and ')} (read: ${read})`,
      // every such sheet (at most MAX_SHEETS_PROBED), for scripts and the Russian message
      value: unread.length > 0 ? unread.map((s) => JSON.stringify(s)).join(', ') : null,
      hint: 'to read them, list the workbook under `sources:` in kpi.config.yaml once per sheet, each with `sheet: NAME`',
    }));
  }
  return out;
}
