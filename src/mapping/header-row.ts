/**
 * Header-row search: exports put titles, report parameters, blank rows or Excel's `sep=;` above
 * the header (1C «Период: …», «Параметры:», QuickBooks report titles). EXPORT-FORMATS §0.4 says
 * to scan the first ~25 rows; we scan 30.
 */
import type { Kind } from '../records/types.js';
import { KINDS } from '../records/types.js';
import { normalizeHeader } from './header.js';
import { headerAliasIndex } from './alias-table.js';

/** How many leading rows are considered. */
export const HEADER_SCAN_ROWS = 30;

/** Why a row is, or is not, a header candidate — `inspect` shows it. */
export interface HeaderRowScore {
  /** 0-based index into the rows given. */
  index: number;
  /** Non-empty cells. */
  filled: number;
  /** True when no cell is a number or a date and at least 2 are filled. */
  candidate: boolean;
  /** Most fields of one kind the row's cells name through exact aliases. */
  aliasMatches: number;
  /** The kind that gave `aliasMatches` (null when 0). */
  kind: Kind | null;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * True when a cell reads as a number, amount, date, time or phone: at least one digit and
 * nothing but digits, separators, signs, brackets, `%`, currency marks and the ISO `T`/`Z`.
 * A char-code scan, no regex: every leading row's every cell passes through here.
 */
export function looksLikeValue(s: string): boolean {
  let digits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) { digits++; continue; }
    switch (c) {
      case 32: case 0xa0: case 0x2009: case 0x202f: // spaces, NBSP, thin spaces
      case 46: case 44: case 58: case 47: case 45: case 43: case 0x2212: // . , : / - + −
      case 40: case 41: case 37: case 39: // ( ) % '
      case 84: case 90: // T Z (ISO date-times)
      case 0x20bd: case 36: case 0x20ac: case 0xa3: // ₽ $ € £
        continue;
      default:
        return false;
    }
  }
  return digits > 0;
}

/** Longest cell compared with the header aliases (the longest alias is under 60 characters). */
const MAX_HEADER_CHARS = 1000;

/** Score every leading row as a header candidate. */
export function scoreHeaderRows(rows: readonly (readonly string[])[]): HeaderRowScore[] {
  const index = headerAliasIndex();
  const out: HeaderRowScore[] = [];
  const n = Math.min(rows.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < n; r++) {
    const row = rows[r]!;
    let filled = 0;
    let valueLike = false;
    const perKind = new Map<Kind, Set<string>>();
    const strongPerKind = new Map<Kind, Set<string>>();
    for (const raw of row) {
      const cell = raw.trim();
      if (cell === '') continue;
      filled++;
      if (looksLikeValue(cell)) { valueLike = true; continue; }
      // no header name is this long: normalizing a hostile cell of megabytes would take seconds
      if (cell.length > MAX_HEADER_CHARS) continue;
      for (const hit of index.get(normalizeHeader(cell)) ?? []) {
        let set = perKind.get(hit.kind);
        if (!set) perKind.set(hit.kind, (set = new Set()));
        set.add(hit.field);
        if (hit.weak) continue;
        let strong = strongPerKind.get(hit.kind);
        if (!strong) strongPerKind.set(hit.kind, (strong = new Set()));
        strong.add(hit.field);
      }
    }
    const candidate = filled >= 2 && !valueLike;
    let aliasMatches = 0;
    let strongMatches = 0;
    let kind: Kind | null = null;
    if (candidate) {
      // most fields named; of as many, most named by a kind's own (not generic) headers
      for (const k of KINDS) {
        const m = perKind.get(k)?.size ?? 0;
        const st = strongPerKind.get(k)?.size ?? 0;
        if (m > aliasMatches || (m > 0 && m === aliasMatches && st > strongMatches)) { aliasMatches = m; strongMatches = st; kind = k; }
      }
    }
    out.push({ index: r, filled, candidate, aliasMatches, kind });
  }
  return out;
}

/** Number of fields up to the last non-empty cell (trailing empty cells do not count). */
function fieldCount(row: readonly string[]): number {
  for (let i = row.length - 1; i >= 0; i--) if (row[i]!.trim() !== '') return i + 1;
  return 0;
}

function distinctFilled(row: readonly string[]): number {
  return new Set(row.map((c) => c.trim()).filter((c) => c !== '')).size;
}

/** Finds the header row among the first rows (title rows like `Период: 01.05.2026 - 31.05.2026`,
 *  «Параметры:», blank rows, Excel `sep=` lines above). Returns the 0-based index into `rows`, or -1
 *  when no row looks like a header (headerless). A row is a header when it has ≥ 2 non-empty text cells,
 *  no cell parses as a number/date, and it maps the most known aliases of any kind; with no alias
 *  matches at all, the first row that has ≥ 2 non-empty, non-numeric, distinct cells and is followed
 *  by a row with a similar field count. Exported scoring so inspect can show it. */
export function findHeaderRow(rows: readonly (readonly string[])[]): number {
  const scores = scoreHeaderRows(rows);
  let best = -1;
  let bestMatches = 0;
  for (const s of scores) {
    if (s.candidate && s.aliasMatches > bestMatches) { best = s.index; bestMatches = s.aliasMatches; }
  }
  if (best >= 0) return best;
  for (const s of scores) {
    if (!s.candidate) continue;
    const row = rows[s.index]!;
    if (distinctFilled(row) < 2) continue;
    let next: readonly string[] | null = null;
    for (let i = s.index + 1; i < rows.length && next === null; i++) if (fieldCount(rows[i]!) > 0) next = rows[i]!;
    if (!next) continue;
    // "Similar" tolerates blank trailing cells in data rows, but not a 2-cell title over a
    // 10-column table.
    const a = fieldCount(row);
    const b = fieldCount(next);
    if (Math.abs(a - b) <= Math.max(1, Math.ceil(a / 4))) return s.index;
  }
  return -1;
}
