/**
 * Cell-level rules of the XLSX workbook (SPEC §5, SPEC-DECISIONS #46, #48): typed numbers with a
 * number format per metric kind, dates as date cells, text as string cells that keep their value
 * exactly, formula-like text marked for the quotePrefix style, a bold header row with a frozen
 * pane and an autofilter, and sheet names Excel accepts.
 */
import type { Cell, Workbook, Worksheet } from 'exceljs';
import type { MetricKind } from '../kpi/registry.js';
import { MS_PER_DAY, type Day } from '../period/types.js';
import { isFormulaLike } from './neutralize.js';

/** Number formats by metric kind: ratios stay fractions shown as percent (Decision #46). */
export const VALUE_FORMAT: Record<MetricKind, string> = {
  count: '0',
  money: '#,##0.00',
  money_per_client: '#,##0.00',
  ratio: '0.0%',
  minutes: '0.0',
};

/** Signed formats for Δ cells; a ratio Δ is a fraction too, so `+5.0%` reads as points. */
export const DELTA_FORMAT: Record<MetricKind, string> = {
  count: '+0;-0;0',
  money: '+#,##0.00;-#,##0.00;0.00',
  money_per_client: '+#,##0.00;-#,##0.00;0.00',
  ratio: '+0.0%;-0.0%;0.0%',
  minutes: '+0.0;-0.0;0.0',
};

/** Δ% (delta_pct) and other plain fractions. */
export const PCT_FORMAT = '+0.0%;-0.0%;0.0%';
export const DATE_FORMAT = 'yyyy-mm-dd';
export const INT_FORMAT = '0';

/**
 * The Text number format (built-in id 49) marks formula-like text cells. exceljs cannot write the
 * `quotePrefix` style attribute, so xlsx-package.ts adds it to every cell format with id 49 after
 * the fact; no other cell in the workbook uses this format, so the marker is unambiguous.
 */
export const QUOTE_PREFIX_FORMAT = '@';

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** True when `s` holds `_xHHHH_` at `i`, which a spreadsheet reader would decode as a character. */
function escapeAt(s: string, i: number): boolean {
  if (s.charCodeAt(i + 1) !== 120 /* x */ || s.charCodeAt(i + 6) !== 95 /* _ */) return false;
  for (let k = i + 2; k < i + 6; k++) if (!isHex(s.charCodeAt(k))) return false;
  return true;
}

function hex4(c: number): string {
  return c.toString(16).toUpperCase().padStart(4, '0');
}

/**
 * `s` encoded the way Excel stores text in XML (ECMA-376 ST_Xstring): CR and other control
 * characters XML cannot carry become `_x000D_`, and a literal `_xHHHH_` gets its underscore
 * escaped as `_x005F_`. Without this, exceljs drops control characters, XML parsing turns CRLF
 * into LF, and a group named `_x0041_` would read back as `A`: values would not survive.
 */
export function ooxmlText(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string | null = null;
    if ((c < 32 && c !== 9 && c !== 10) || c === 0xfffe || c === 0xffff) rep = `_x${hex4(c)}_`;
    else if (c === 95 /* _ */ && escapeAt(s, i)) rep = '_x005F_';
    if (rep === null) continue;
    out += s.slice(from, i) + rep;
    from = i + 1;
  }
  return from === 0 ? s : out + s.slice(from);
}

/** Characters an Excel cell holds; a longer text makes Excel "repair" the file on opening. */
export const EXCEL_MAX_TEXT = 32_767;

/**
 * `s` as a cell can hold it: past {@link EXCEL_MAX_TEXT} characters it is cut (never inside a
 * surrogate pair) and ends in `…`, so the cut shows. Only hostile input gets there — a 100 KB
 * cell quoted as an issue's value, a channel name of a whole paragraph; JSON keeps it whole.
 */
export function cellText(s: string): string {
  if (s.length <= EXCEL_MAX_TEXT) return s;
  let end = EXCEL_MAX_TEXT - 1;
  const last = s.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return s.slice(0, end) + '…';
}

/**
 * A string cell holding `s` unchanged (but cut at Excel's limit, {@link cellText}); formula-like
 * text gets the quotePrefix style (#48).
 */
export function setText(cell: Cell, s: string | null): void {
  if (s === null || s === '') return;
  cell.value = ooxmlText(cellText(s));
  if (isFormulaLike(s)) cell.numFmt = QUOTE_PREFIX_FORMAT;
}

/** A number cell with `format`; null (and NaN/∞, which a sheet cannot hold) stays empty. */
export function setNumber(cell: Cell, v: number | null | undefined, format: string): void {
  if (v === null || v === undefined || !Number.isFinite(v)) return;
  cell.value = v;
  cell.numFmt = format;
}

/** A date cell for a calendar day (UTC midnight, which exceljs turns into the day's serial). */
export function setDay(cell: Cell, day: Day | null): void {
  if (day === null) return;
  cell.value = new Date(day * MS_PER_DAY);
  cell.numFmt = DATE_FORMAT;
}

/**
 * Row 1 as a bold text header with a bottom rule. Rows are committed as they are written (the
 * workbook is streamed), so a sheet's views, filter and widths are set before its header.
 */
export function writeHeader(ws: Worksheet, heads: readonly string[]): void {
  const row = ws.getRow(1);
  heads.forEach((h, i) => {
    const cell = row.getCell(i + 1);
    setText(cell, h);
    cell.font = { bold: true };
    cell.border = { bottom: { style: 'thin' } };
  });
  row.commit();
}

/**
 * A new sheet whose header row (and first `labelColumns` columns) stay in view when scrolling. A
 * streamed sheet takes its views when it is made.
 */
export function addSheet(wb: Workbook, name: string, labelColumns: number): Worksheet {
  return wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: labelColumns, ySplit: 1 }] });
}

/** An autofilter over the table of `columns` × `lastRow` rows, header included. */
export function frameTable(ws: Worksheet, columns: number, lastRow: number): void {
  if (columns > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, lastRow), column: columns } };
}

/** Column widths in characters, clamped so one long name cannot make a column unusable. */
export function setWidths(ws: Worksheet, widths: readonly number[]): void {
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = Math.min(60, Math.max(8, Math.ceil(w) + 2));
  });
}

/** Characters Excel forbids in sheet names. */
const FORBIDDEN = new Set(['[', ']', ':', '*', '?', '/', '\\']);

/**
 * A valid, unique sheet name for `title` (Decision #46): forbidden characters and control
 * characters become `_`, no leading or trailing apostrophe, at most 31 characters (never cutting
 * a surrogate pair), not the reserved `History`, and unique case-insensitively: `taken` holds
 * the lower-cased names in use, and the result joins it. Clashes get ` (2)`, ` (3)`, … within
 * the limit.
 */
export function sheetName(title: string, taken: Set<string>): string {
  let s = '';
  for (const ch of title) s += FORBIDDEN.has(ch) || ch.charCodeAt(0) < 32 ? '_' : ch;
  s = s.trim().replace(/^'+|'+$/g, '').trim();
  if (s === '' || s.toLowerCase() === 'history') s = s === '' ? 'Sheet' : `${s}_`;
  const cut = (x: string, max: number) => {
    if (x.length <= max) return x;
    const hi = x.charCodeAt(max - 1);
    return x.slice(0, hi >= 0xd800 && hi <= 0xdbff ? max - 1 : max).replace(/'+$/, '');
  };
  let name = cut(s, 31);
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = cut(s, 31 - ` (${n})`.length) + ` (${n})`;
  taken.add(name.toLowerCase());
  return name;
}
