/**
 * Merged ranges of a worksheet. `<mergeCells>` comes after `<sheetData>`, so knowing merges before
 * streaming rows takes a first pass over the inflated bytes; `MergeCollector` does it on raw
 * bytes with the native `Buffer#indexOf` (no UTF-8 decoding of the sheet) and keeps only the
 * bytes from `mergeCells` onwards, which are then parsed as text.
 */
import { findTags } from './xml-text.js';

/** A merged range, 1-based and inclusive. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const NEEDLE = Buffer.from('mergeCells', 'latin1');

/** Row and column of an A1 reference (`$` allowed), or null when it is not one. */
export function parseCellRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$/.exec(ref.trim());
  if (!m) return null;
  const [, letters = '', digits = ''] = m;
  let col = 0;
  for (const ch of letters.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  const row = Number(digits);
  return row > 0 ? { row, col } : null;
}

/** `B2:D3` → range; a single cell `B2` is a 1×1 range; malformed → null. */
export function parseRange(ref: string): CellRange | null {
  const [a = '', b = a] = ref.split(':');
  const p = parseCellRef(a);
  const q = parseCellRef(b);
  if (!p || !q) return null;
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}

/** Every `<mergeCell ref>` in a piece of sheet XML, in document order. */
export function parseMergeCells(xml: string): CellRange[] {
  const out: CellRange[] = [];
  for (const a of findTags(xml, 'mergeCell')) {
    const r = parseRange(a.get('ref') ?? '');
    if (r) out.push(r);
  }
  return out;
}

/** Feed a sheet's inflated bytes in order; `result` parses the merges found. */
export class MergeCollector {
  private tail: Buffer = Buffer.alloc(0);
  private readonly kept: Buffer[] = [];
  private found = false;

  push(chunk: Uint8Array): void {
    const b = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.found) {
      this.kept.push(b);
      return;
    }
    // Join the previous chunk's tail so a needle cut by the boundary is still found.
    const joined = this.tail.length > 0 ? Buffer.concat([this.tail, b]) : b;
    const i = joined.indexOf(NEEDLE);
    if (i >= 0) {
      this.found = true;
      // Back up to the '<' (and prefix) of the tag so the first element parses whole.
      const lt = joined.lastIndexOf(0x3c, i);
      this.kept.push(joined.subarray(lt >= 0 ? lt : i));
      return;
    }
    this.tail = Buffer.from(joined.subarray(Math.max(0, joined.length - NEEDLE.length)));
  }

  result(): CellRange[] {
    if (!this.found) return [];
    return parseMergeCells(Buffer.concat(this.kept).toString('utf8'));
  }
}
