/**
 * The user-facing failures of the XLSX reader, built in one place so every message has the same
 * shape (`FILE: not a valid XLSX (why)`) and carries an issue with a stable code.
 */
import { makeIssue } from '../../errors/issue.js';
import { KpiError, inputError } from '../../errors/kpi-error.js';

/** Inflated-size ceiling for a worksheet part: 1 GiB. */
export const SHEET_SIZE_LIMIT = 1024 * 1024 * 1024;
/** Inflated-size ceiling for every other part we read (sharedStrings, styles, workbook, rels): 256 MiB. */
export const PART_SIZE_LIMIT = 256 * 1024 * 1024;
/** Sheets up to this inflated size are pre-scanned for `<mergeCell>`; larger ones report no merges. */
export const MERGE_SCAN_LIMIT = 64 * 1024 * 1024;
/**
 * Longest piece of XML held while waiting for its end: one `<row>`, one shared-string item, or
 * the text before the first element (16 Mi characters). Real rows are kilobytes; without this a
 * sheet that opens a row and never closes it would be buffered up to the 1 GiB part limit.
 */
export const ELEMENT_SIZE_LIMIT = 16 * 1024 * 1024;
/**
 * Zip-bomb ratio guard for worksheets: once a sheet has inflated past {@link RATIO_GRACE}, it may
 * not grow faster than {@link MAX_INFLATE_RATIO} bytes per compressed byte. Real sheets inflate
 * 5–20×; deflate bombs 150–1000× (fixed-Huffman back-references give ~159×). Without the guard a
 * 1 GiB sheet of empty elements takes ~20 s to scan before the size limit stops it. Apache POI
 * uses the same 100× (after only 100 KiB; the grace here is larger, to spare regular sheets).
 */
export const MAX_INFLATE_RATIO = 100;
/** Inflated bytes a worksheet may produce before {@link MAX_INFLATE_RATIO} applies. */
export const RATIO_GRACE = 64 * 1024 * 1024;
/** Excel's last row: a sheet row numbered beyond it is no Excel sheet. */
export const MAX_SHEET_ROW = 1_048_576;

/** Human form of a byte count for messages (`1 GiB`, `256 MiB`, `12.5 KiB`). */
export function formatBytes(n: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const shown = Number.isInteger(v) ? String(v) : v.toFixed(1);
  return `${shown} ${units[u] ?? 'bytes'}`;
}

/** A damaged, truncated or non-XLSX file: exit 3, never a stack trace. */
export function invalidXlsx(file: string, reason: string): KpiError {
  const message = `${file}: not a valid XLSX (${reason})`;
  const issue = makeIssue('file_unreadable', { file }, {
    message,
    expected: 'an .xlsx workbook (Office Open XML spreadsheet)',
    hint: 'open the file in Excel or LibreOffice and save it again as .xlsx, or export it as CSV',
  });
  return inputError(message, { issue });
}

/** A part that inflates (or claims to inflate) beyond its limit: a likely zip bomb. */
export function xlsxTooLarge(file: string, part: string, limit: number, declared: boolean): KpiError {
  const how = declared ? 'declares an inflated size over' : 'inflates to more than';
  const message = `${file}: refusing to read XLSX part ${part}: it ${how} the ${formatBytes(limit)} limit`;
  const issue = makeIssue('xlsx_too_large', { file }, {
    message,
    value: part,
    expected: `at most ${formatBytes(limit)} uncompressed`,
    hint: 'split the workbook, or export the sheet as CSV',
  });
  return inputError(message, { issue });
}

/**
 * A part whose content passes a structural limit (an element over {@link ELEMENT_SIZE_LIMIT}, a
 * row past {@link MAX_SHEET_ROW}, too many shared strings): a damaged or hostile file, refused
 * like a zip bomb (`xlsx_too_large`, exit 3) before it can exhaust memory or time.
 */
export function xlsxOverLimit(file: string, part: string, why: string, expected: string): KpiError {
  const message = `${file}: refusing to read XLSX part ${part}: ${why}`;
  const issue = makeIssue('xlsx_too_large', { file }, {
    message,
    value: part,
    expected,
    hint: 'open the file in Excel or LibreOffice and save it again as .xlsx, or export the sheet as CSV',
  });
  return inputError(message, { issue });
}

/** The file could not be opened or read at all. */
export function unreadableFile(file: string, cause: unknown): KpiError {
  const code = (cause as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') {
    const message = `${file}: file not found`;
    return inputError(message, { issue: makeIssue('file_not_found', { file }, { message }) });
  }
  const why = cause instanceof Error ? cause.message : String(cause);
  const message = `${file}: cannot read the file (${why})`;
  return inputError(message, { issue: makeIssue('file_unreadable', { file }, { message }) });
}

/** True for errors that are already user-facing, so wrappers pass them through unchanged. */
export function isKpiError(e: unknown): e is KpiError {
  return e instanceof KpiError;
}
