/**
 * Declared date formats (config `date_format`, SPEC-DECISIONS #41): date-fns-style patterns are
 * validated and compiled once at config load, then matched per value by a char-code walk.
 *
 * Supported tokens: `yyyy` `yy` `y`, `M` `MM` (number) `MMM` `MMMM` (month name, en/ru), `d` `dd`,
 * `H` `HH`, `h` `hh` + `a` (AM/PM), `m` `mm`, `s` `ss`, `S…` (fraction), `E…` (weekday name,
 * ignored), `X…`/`x…` (offset: `Z`, `±HH`, `±HHmm`, `±HH:mm`), `'quoted literal'`, and any
 * other non-letter as a literal (a space matches any run of whitespace). Numeric fields accept
 * one or two digits unless the next field follows without a separator (`yyyyMMdd`), then they are
 * fixed width. `Y` (week-year) and `D` (day-of-year) are refused with "did you mean yyyy/dd?":
 * copying `DD.MM.YYYY` from a spreadsheet would otherwise give wrong dates, not errors.
 * The special pattern `excel` reads Excel serial numbers stored as text (1900 system).
 */
import { letterCode, letterRunEnd, lookupWord, W_AMPM, W_MONTH, W_WEEKDAY } from './date-words.js';

/** One compiled step. Numeric fields carry their digit bounds. */
type Op =
  | { t: 'lit'; c: number }
  | { t: 'space' }
  | { t: 'num'; f: 'y' | 'yy' | 'M' | 'd' | 'H' | 'h' | 'm' | 's' | 'S'; min: number; max: number }
  | { t: 'monthName' }
  | { t: 'weekday' }
  | { t: 'ampm' }
  | { t: 'offset' };

/** A compiled declared pattern. */
export interface DatePattern {
  source: string;
  excel: boolean;
  ops: Op[];
  hasTime: boolean;
}

/** Parts of the last successful {@link matchPattern}; `off` (minutes) counts only with `hasOffset`. */
export const matched = { y: 0, mo: 0, d: 0, h: 0, mi: 0, s: 0, ms: 0, off: 0, hasOffset: false, hasTime: false, pm: -1 };

const NUMERIC: Record<string, { lens: number[]; f: 'y' | 'yy' | 'M' | 'd' | 'H' | 'h' | 'm' | 's' | 'S' }> = {
  y: { lens: [1, 3, 4], f: 'y' },
  M: { lens: [1, 2], f: 'M' },
  d: { lens: [1, 2], f: 'd' },
  H: { lens: [1, 2], f: 'H' },
  h: { lens: [1, 2], f: 'h' },
  m: { lens: [1, 2], f: 'm' },
  s: { lens: [1, 2], f: 's' },
};

/** Compile `pattern`, or return the reason it is not acceptable. */
export function compileDatePattern(pattern: string): DatePattern | string {
  if (pattern.trim().toLowerCase() === 'excel') return { source: pattern, excel: true, ops: [], hasTime: false };
  const ops: Op[] = [];
  const seen = new Set<string>();
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i] as string;
    if (ch === "'") {
      const close = pattern.indexOf("'", i + 1);
      if (close < 0) return `unclosed quote in "${pattern}"`;
      if (close === i + 1) ops.push({ t: 'lit', c: 39 });
      for (let k = i + 1; k < close; k++) ops.push({ t: 'lit', c: pattern.charCodeAt(k) });
      i = close + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      ops.push(/\s/.test(ch) ? { t: 'space' } : { t: 'lit', c: pattern.charCodeAt(i) });
      i++;
      continue;
    }
    let j = i;
    while (pattern[j] === ch) j++;
    const run = pattern.slice(i, j);
    const n = j - i;
    i = j;
    if (ch === 'Y' || ch === 'D') return `"${run}" is a week-year/day-of-year token in date-fns; did you mean yyyy/dd?`;
    if (ch === 'y' && n === 2) ops.push({ t: 'num', f: 'yy', min: 2, max: 2 });
    else if (ch === 'y' && n === 4) ops.push({ t: 'num', f: 'y', min: 4, max: 4 });
    else if ((ch === 'M' || ch === 'L') && (n === 3 || n === 4)) ops.push({ t: 'monthName' });
    else if (ch === 'S' && n <= 9) ops.push({ t: 'num', f: 'S', min: 1, max: 9 });
    else if (ch === 'E' && n <= 4) ops.push({ t: 'weekday' });
    else if (ch === 'a' && n <= 5) ops.push({ t: 'ampm' });
    else if ((ch === 'X' || ch === 'x') && n <= 5) ops.push({ t: 'offset' });
    else {
      const spec = NUMERIC[ch === 'L' ? 'M' : ch];
      if (spec === undefined || !spec.lens.includes(n)) return `unknown date token "${run}" in "${pattern}"`;
      ops.push({ t: 'num', f: spec.f, min: ch === 'y' ? 1 : n === 2 && (ch === 'm' || ch === 's') ? 2 : 1, max: ch === 'y' ? 4 : 2 });
    }
    seen.add(ch === 'L' ? 'M' : ch);
  }
  if (!seen.has('y') || !seen.has('M') || !seen.has('d')) {
    const hint = seen.has('m') && !seen.has('M') ? ' (mm is minutes; did you mean MM?)' : '';
    return `"${pattern}" needs a year (yyyy), a month (MM) and a day (dd)${hint}`;
  }
  if (seen.has('h') && !seen.has('a')) return `"${pattern}" has a 12-hour "h" without "a" (AM/PM); did you mean HH?`;
  // Numeric fields with no separator between them (yyyyMMdd, HHmmss) are fixed width.
  for (let k = 0; k < ops.length; k++) {
    const op = ops[k] as Op;
    const glued = ops[k + 1]?.t === 'num' || (k > 0 && ops[k - 1]?.t === 'num');
    if (op.t === 'num' && op.f !== 'S' && glued) op.min = op.max = op.f === 'y' ? 4 : 2;
  }
  return { source: pattern, excel: false, ops, hasTime: seen.has('H') || seen.has('h') };
}

function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0x2009 || c === 0x202f;
}

/** Read min..max digits at i into `digits`; returns the end index or -1. */
let digits = 0;
function readDigits(text: string, i: number, end: number, min: number, max: number): number {
  let v = 0;
  let k = i;
  while (k < end && k - i < max) {
    const d = text.charCodeAt(k) - 48;
    if (d < 0 || d > 9) break;
    v = v * 10 + d;
    k++;
  }
  if (k - i < min) return -1;
  digits = v;
  return k;
}

/** A word at i of the given kind; stores its value in `digits`, returns the end (after an optional '.'). */
function readWord(text: string, i: number, end: number, kind: number, nextIsDot: boolean): number {
  const e = letterRunEnd(text, i, end);
  if (e === i) return -1;
  const w = lookupWord(text, i, e);
  if (Math.floor(w / 100) !== kind) return -1;
  digits = w % 100;
  return !nextIsDot && e < end && text.charCodeAt(e) === 46 ? e + 1 : e;
}

function readOffset(text: string, i: number, end: number): number {
  const c = text.charCodeAt(i);
  if (c === 90 || c === 122) {
    matched.off = 0;
    matched.hasOffset = true;
    return i + 1;
  }
  if (c !== 43 && c !== 45 && c !== 0x2212) return -1;
  let k = readDigits(text, i + 1, end, 2, 2);
  if (k < 0) return -1;
  const hh = digits;
  let mm = 0;
  if (k < end && text.charCodeAt(k) === 58) k++;
  const k2 = readDigits(text, k, end, 2, 2);
  if (k2 > 0) {
    mm = digits;
    k = k2;
  } else if (text.charCodeAt(k - 1) === 58) return -1;
  if (hh > 18 || mm > 59) return -1;
  matched.off = (c === 43 ? 1 : -1) * (hh * 60 + mm);
  matched.hasOffset = true;
  return k;
}

/** ` H:mm[:ss]` after a date-only pattern (Decision #41). Returns the end index or -1. */
function readTimeTail(text: string, i: number, end: number): number {
  let k = i;
  while (k < end && isWs(text.charCodeAt(k))) k++;
  if (k === i) return -1;
  k = readDigits(text, k, end, 1, 2);
  if (k < 0) return -1;
  matched.h = digits;
  if (text.charCodeAt(k) !== 58 || (k = readDigits(text, k + 1, end, 2, 2)) < 0) return -1;
  matched.mi = digits;
  if (k < end && text.charCodeAt(k) === 58) {
    if ((k = readDigits(text, k + 1, end, 2, 2)) < 0) return -1;
    matched.s = digits;
  }
  matched.hasTime = true;
  return k;
}

/** Match `text` against a compiled non-excel pattern; on true, {@link matched} holds the parts. */
export function matchPattern(p: DatePattern, text: string): boolean {
  let i = 0;
  let end = text.length;
  while (i < end && isWs(text.charCodeAt(i))) i++;
  while (end > i && isWs(text.charCodeAt(end - 1))) end--;
  matched.h = matched.mi = matched.s = matched.ms = 0;
  matched.off = 0;
  matched.hasOffset = false;
  matched.hasTime = p.hasTime;
  matched.pm = -1;
  const ops = p.ops;
  for (let k = 0; k < ops.length; k++) {
    const op = ops[k] as Op;
    if (i < 0 || (i >= end && op.t !== 'space')) return false;
    switch (op.t) {
      case 'lit': {
        const c = text.charCodeAt(i);
        if (c !== op.c && !(letterCode(c) !== 0 && (c | 32) === (op.c | 32))) return false;
        i++;
        break;
      }
      case 'space': {
        const s = i;
        while (i < end && isWs(text.charCodeAt(i))) i++;
        if (i === s) return false;
        break;
      }
      case 'monthName':
      case 'weekday': {
        const next = ops[k + 1];
        i = readWord(text, i, end, op.t === 'monthName' ? W_MONTH : W_WEEKDAY, next?.t === 'lit' && next.c === 46);
        if (op.t === 'monthName') matched.mo = digits;
        break;
      }
      case 'ampm':
        i = readWord(text, i, end, W_AMPM, false);
        matched.pm = digits;
        break;
      case 'offset':
        i = readOffset(text, i, end);
        break;
      case 'num': {
        const s = i;
        i = readDigits(text, i, end, op.min, op.max);
        if (i >= 0) store(op.f, digits, i - s);
        break;
      }
    }
  }
  if (i < 0) return false;
  if (i < end && (p.hasTime || readTimeTail(text, i, end) !== end)) return false;
  if (matched.pm >= 0) {
    if (matched.h < 1 || matched.h > 12) return false;
    matched.h = (matched.h % 12) + matched.pm;
  }
  return true;
}

/** Store a numeric field; `count` is its digit count (the fraction's scale depends on it). */
function store(f: string, v: number, count: number): void {
  switch (f) {
    case 'y': matched.y = v; break;
    case 'yy': matched.y = 2000 + v; break;
    case 'M': matched.mo = v; break;
    case 'd': matched.d = v; break;
    case 'H': case 'h': matched.h = v; break;
    case 'm': matched.mi = v; break;
    case 's': matched.s = v; break;
    default: matched.ms = count >= 3 ? Math.floor(v / 10 ** (count - 3)) : v * 10 ** (3 - count);
  }
}
