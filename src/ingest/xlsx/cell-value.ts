/**
 * One worksheet cell's value: its type attribute, raw `<v>` text and style turned into a `Cell`.
 * Pure. Empty text becomes null (an empty cell), never `''`.
 */
import type { Cell, TypedCell } from '../types.js';
import { padZeros, PLAIN_NUMBER } from './number-format.js';
import { formatWallMs, parseIsoWall, serialToWallMs } from './serial-date.js';
import type { CellStyles } from './styles.js';
import { invalidXlsx } from './xlsx-errors.js';
import { decodeCellText, decodeEntities, richText } from './xml-text.js';
import type { TextTags } from './xml-text.js';

/** Cell `t` attribute values as small integers (compared per cell). */
export const TYPE = { n: 0, s: 1, str: 2, inlineStr: 3, b: 4, e: 5, d: 6 } as const;

/** Excel's last column (XFD). A larger column reference means a corrupt file, not a wide one. */
export const MAX_COLUMN = 16_384;

/** What decoding a sheet's cells needs from the rest of the workbook. */
export interface CellContext {
  /** The file as the user named it, for messages. */
  file: string;
  sharedStrings: readonly string[];
  styles: CellStyles;
  /** `workbook.xml` `date1904`: serials count from 1904-01-01. */
  date1904: boolean;
}

const TRUE_CELL: TypedCell = Object.freeze({ t: 'b', v: true, text: 'TRUE' });
const FALSE_CELL: TypedCell = Object.freeze({ t: 'b', v: false, text: 'FALSE' });

/** `C7`-style reference for messages. */
export function cellRef(row: number, col: number): string {
  let letters = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters + row;
}

/**
 * Decode one cell. `raw` is the `<v>` text (still XML-escaped); for inline strings the `<is>`
 * content is passed as `s[from, to)` instead.
 */
export function decodeCell(
  ctx: CellContext,
  type: number,
  raw: string,
  style: number,
  row: number,
  col: number,
  s: string,
  from: number,
  to: number,
  tags: TextTags,
): Cell {
  switch (type) {
    case TYPE.s: {
      const idx = Number(raw);
      const str = Number.isInteger(idx) && idx >= 0 ? ctx.sharedStrings[idx] : undefined;
      if (str === undefined) {
        throw invalidXlsx(ctx.file, `cell ${cellRef(row, col)} refers to shared string ${raw}, but the workbook has ${ctx.sharedStrings.length}`);
      }
      return str === '' ? null : str;
    }
    case TYPE.inlineStr: {
      const text = richText(s, from, to, tags);
      return text === '' ? null : text;
    }
    case TYPE.str: {
      const text = decodeCellText(raw);
      return text === '' ? null : text;
    }
    case TYPE.b: {
      const v = raw.trim();
      if (v === '1' || v === 'true') return TRUE_CELL;
      if (v === '0' || v === 'false') return FALSE_CELL;
      return v === '' ? null : decodeEntities(v); // not a boolean after all: keep what is written
    }
    case TYPE.e: {
      const text = decodeEntities(raw).trim();
      return text === '' ? null : { t: 'e', text };
    }
    case TYPE.d: {
      const text = decodeEntities(raw).trim();
      if (text === '') return null;
      const iso = parseIsoWall(text);
      return iso ? { t: 'd', v: iso.ms, text: formatWallMs(iso.ms, iso.time) } : text;
    }
    default:
      return numberCell(ctx, raw, style);
  }
}

/** A numeric `<v>`: a date under a date format, zero-padded under `000…`, else the number as written. */
function numberCell(ctx: CellContext, raw: string, style: number): Cell {
  let text = raw;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  if (isSpace(first) || isSpace(last)) text = text.trim();
  if (text === '') return null;
  const v = Number(text);
  // Not a number after all (a broken writer): keep the text rather than invent a value.
  if (Number.isNaN(v)) return decodeEntities(text);
  const fmt = ctx.styles[style] ?? PLAIN_NUMBER;
  if (fmt.kind === 'date') {
    const ms = serialToWallMs(v, ctx.date1904);
    if (ms !== null) return { t: 'd', v: ms, text: formatWallMs(ms, fmt.time) };
    // Excel shows such serials as ##### rather than a date: hand on the number.
  } else if (fmt.kind === 'zeros') {
    return { t: 'n', v, text: padZeros(text, fmt.width) };
  }
  return { t: 'n', v, text: numberText(text, v) };
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * The `<v>` text as written (a 19-digit id keeps every digit; `4563` stays `4563`), except the
 * binary-float noise Excel writes for decimals: `2.5499999999999998` is the same double as
 * `2.55` and is shown as `2.55`, so it reads as such. Only decimal texts of 16+ significant digits
 * whose shortest round-trip form is shorter are rewritten; integers and exponent forms never are.
 */
export function numberText(text: string, v: number): string {
  if (text.length < 17 || text.indexOf('.') < 0) return text;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) | 0x20;
    if (c === 101 /* e */) return text;
  }
  const short = String(v);
  return short.length < text.length && short.indexOf('e') < 0 ? short : text;
}

/** Digits → integer; 0 for anything else (treated as "attribute absent"). */
export function parseUint(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return 0;
    n = n * 10 + c;
  }
  return n;
}

/** Column number of an A1 reference (`C7` → 3, `AA10` → 27); 0 when there are no letters. */
export function columnOfRef(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) | 0x20;
    if (c < 97 || c > 122) break;
    n = n * 26 + (c - 96);
    if (n > MAX_COLUMN) return MAX_COLUMN + 1;
  }
  return n;
}

/** The `t` attribute value in `s[from, to)` as a TYPE code; unknown types read as numbers. */
export function typeCode(s: string, from: number, to: number): number {
  const c = s.charCodeAt(from);
  const len = to - from;
  if (c === 115 /* s */) return len === 1 ? TYPE.s : TYPE.str;
  if (c === 98 /* b */) return TYPE.b;
  if (c === 101 /* e */) return TYPE.e;
  if (c === 105 /* i */) return TYPE.inlineStr;
  if (c === 100 /* d */) return TYPE.d;
  return TYPE.n;
}
