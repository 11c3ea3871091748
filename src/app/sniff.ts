/**
 * Decide a file's format by its first bytes, never by its extension (EXPORT-FORMATS §0.2):
 * Bitrix24 "Excel" is HTML in a .xls (read by src/ingest/html/ when it holds a table), real .xls
 * is OLE, a CSV may be named .xlsx.
 */
export type Sniffed =
  | { format: 'xlsx' }
  | { format: 'csv' }
  /** An HTML document: read when it holds a table of at least two rows (src/ingest/html/), else refused with {@link HTML_NOT_A_TABLE}. */
  | { format: 'html' }
  | { format: 'unsupported'; what: string; hint: string };

/** What an HTML document without a table of at least two rows is refused as (`format_unsupported`). */
export const HTML_NOT_A_TABLE = {
  what: 'an HTML document without a table of records (kpi reads an HTML table of two rows or more, as Bitrix24 "Export to Excel" writes)',
  hint: 'use the CSV export, or open the file in Excel and save as .xlsx',
} as const;

function startsWith(b: Uint8Array, sig: number[]): boolean {
  if (b.length < sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (b[i] !== sig[i]) return false;
  return true;
}

/** Share of the head that is control characters no text file has (UTF-16 judged by code units). */
function binaryScore(b: Uint8Array): number {
  const n = Math.min(b.length, 8192);
  if (n === 0) return 0;
  const le = utf16Pattern(b);
  if (le !== null) {
    let bad = 0;
    const units = n >> 1;
    for (let i = 0; i + 1 < n; i += 2) {
      const u = le ? b[i]! | (b[i + 1]! << 8) : (b[i]! << 8) | b[i + 1]!;
      if (u < 9 || (u > 13 && u < 32)) bad++;
    }
    return units ? bad / units : 0;
  }
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (c < 9 || (c > 13 && c < 32 && c !== 26 && c !== 27)) bad++;
  }
  return bad / n;
}

/** UTF-16 by its NUL pattern: true = little-endian, false = big-endian, null = not UTF-16. */
function utf16Pattern(b: Uint8Array): boolean | null {
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return true;
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return false;
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenNul++;
    if (b[i + 1] === 0) oddNul++;
  }
  const half = n / 2;
  if (oddNul > half * 0.2 && evenNul < half * 0.05) return true;
  if (evenNul > half * 0.2 && oddNul < half * 0.05) return false;
  return null;
}

/** Sniff the first bytes (≥ 512 recommended). */
export function sniffFormat(head: Uint8Array): Sniffed {
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return { format: 'xlsx' };
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) {
    return { format: 'unsupported', what: 'a legacy Excel .xls (OLE) workbook', hint: 'open it in Excel or LibreOffice and save as .xlsx or .csv' };
  }
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) return { format: 'unsupported', what: 'a PDF document', hint: 'export the data from the source system as CSV or XLSX' };
  if (startsWith(head, [0x1f, 0x8b])) return { format: 'unsupported', what: 'a gzip archive', hint: 'unpack it first (gunzip)' };
  if (startsWith(head, [0x52, 0x61, 0x72, 0x21])) return { format: 'unsupported', what: 'a RAR archive', hint: 'unpack it first' };
  if (startsWith(head, [0x37, 0x7a, 0xbc, 0xaf])) return { format: 'unsupported', what: 'a 7-Zip archive', hint: 'unpack it first' };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47]) || startsWith(head, [0xff, 0xd8, 0xff])) return { format: 'unsupported', what: 'an image', hint: 'export the data as CSV or XLSX' };
  // HTML disguised as .xls (Bitrix24 "Export to Excel"): read if it holds a table (open-table.ts)
  const text = Buffer.from(head.subarray(0, 512)).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart().toLowerCase();
  if (text.startsWith('<html') || text.startsWith('<!doctype html') || text.startsWith('<table') || (text.startsWith('<meta') && text.includes('html'))) {
    return { format: 'html' };
  }
  if (text.startsWith('<?xml') && text.includes('urn:schemas-microsoft-com:office:spreadsheet')) {
    return { format: 'unsupported', what: 'an Excel 2003 XML spreadsheet', hint: 'open it in Excel or LibreOffice and save as .xlsx or .csv' };
  }
  if (binaryScore(head) > 0.05) return { format: 'unsupported', what: 'binary data, not a text table', hint: 'check that this is the exported CSV or XLSX file' };
  return { format: 'csv' };
}
