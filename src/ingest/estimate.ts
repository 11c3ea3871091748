/**
 * How many rows a CSV input holds, estimated from its size and the bytes of its first rows, so
 * the record tables and hash sets can be allocated once at about the right size instead of being
 * regrown (each regrowth briefly holds the old and the new copy).
 */
import { statSync } from 'node:fs';
import type { RawRow, ReaderInfo } from './types.js';

/** Estimated data rows of the input (0 when unknown: stdin, XLSX, no sample rows). */
export function estimateRows(path: string, info: ReaderInfo, sample: readonly RawRow[]): number {
  if (path === '-' || info.format !== 'csv' || sample.length === 0) return 0;
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return 0;
  }
  const perChar = info.encoding !== null && /^utf-?16/i.test(info.encoding) ? 2 : 1;
  const utf8 = info.encoding !== null && /^utf-?8/i.test(info.encoding);
  let bytes = 0;
  for (const r of sample) {
    const raw = r.raw ?? '';
    // + 2: the line terminator (CRLF at most)
    bytes += (utf8 ? Buffer.byteLength(raw, 'utf8') : raw.length * perChar) + 2;
  }
  const perRow = bytes / sample.length;
  // a little headroom: later rows may be shorter than the first ones
  return perRow > 0 ? Math.ceil((size / perRow) * 1.05) : 0;
}
