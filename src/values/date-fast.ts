/**
 * The date layouts exports write a million times over — `2024-01-31 09:05:00`, `31.01.2024 09:05`
 * and their shorter forms — read straight from fixed character positions, without tokenizing.
 * A shortcut only: the column still sends each layout's first value through the full scanner
 * (date-scan.ts), which records its example and must agree with this reading before the shortcut
 * is trusted for that layout (see dates.ts), and anything unusual here — a non-digit, an hour of
 * 24, a 31st of February — is left to the scanner too.
 */
import { wallOf } from './calendar.js';

/** Layout of the last {@link fastWall} hit (1–11; 0 when it missed). */
export const fast = { layout: 0 };

/** Layouts a column tracks (`layout` < this). */
export const FAST_LAYOUTS = 12;

/** True for the ISO layouts (4–9); the others (1–3, 10–11) are `dd.MM.yyyy`. */
export function isIsoLayout(layout: number): boolean {
  return layout >= 4 && layout <= 9;
}

function d2(t: string, i: number): number {
  const a = t.charCodeAt(i) - 48;
  const b = t.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * Wall ms of `text` when it has one of the fixed layouts (`yyyy-MM-dd`, `dd.MM.yyyy`, either
 * followed by ` HH:mm` or ` HH:mm:ss`, ISO also with `T`, `dd.MM.yyyy` also with ` H:mm[:ss]`),
 * else NaN; {@link fast}.layout says which.
 */
export function fastWall(text: string): number {
  fast.layout = 0;
  const n = text.length;
  if (n < 10 || n > 19 || n === 11 || n === 12 || n === 13 || n === 14 || n === 17) return NaN;
  let y: number;
  let mo: number;
  let d: number;
  let layout: number;
  const c2 = text.charCodeAt(2);
  if (c2 === 46) {
    // dd.MM.yyyy
    if (text.charCodeAt(5) !== 46) return NaN;
    d = d2(text, 0);
    mo = d2(text, 3);
    const hi = d2(text, 6);
    const lo = d2(text, 8);
    if (hi < 0 || lo < 0) return NaN;
    y = hi * 100 + lo;
    layout = 1;
  } else {
    // yyyy-MM-dd
    if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return NaN;
    const hi = d2(text, 0);
    const lo = d2(text, 2);
    if (hi < 0 || lo < 0) return NaN;
    y = hi * 100 + lo;
    mo = d2(text, 5);
    d = d2(text, 8);
    layout = 4;
  }
  if (mo < 0 || d < 0) return NaN;
  let h = 0;
  let mi = 0;
  let s = 0;
  if (n > 10) {
    const sep = text.charCodeAt(10);
    if (sep === 84 && layout === 4) layout = 7; // ISO `T`
    else if (sep !== 32) return NaN;
    if (n === 15 || n === 18) {
      // `dd.MM.yyyy H:mm[:ss]`: 1C writes the hour without its leading zero
      if (layout !== 1 || text.charCodeAt(12) !== 58) return NaN;
      h = text.charCodeAt(11) - 48;
      mi = d2(text, 13);
      if (h < 0 || h > 9 || mi < 0) return NaN;
      layout = 10;
      if (n === 18) {
        if (text.charCodeAt(15) !== 58) return NaN;
        s = d2(text, 16);
        if (s < 0) return NaN;
        layout = 11;
      }
    } else {
      if (text.charCodeAt(13) !== 58) return NaN;
      h = d2(text, 11);
      mi = d2(text, 14);
      if (h < 0 || mi < 0) return NaN;
      layout += 1;
      if (n === 19) {
        if (text.charCodeAt(16) !== 58) return NaN;
        s = d2(text, 17);
        if (s < 0) return NaN;
        layout += 1;
      }
    }
  }
  const w = wallOf(y, mo, d, h, mi, s, 0);
  if (w === w) fast.layout = layout;
  return w;
}

/**
 * Parts of the last {@link fastSlash} hit. A slashed date's reading depends on the column's
 * evidence (is `1/12/2024` day- or month-first?), so the shortcut only cuts the text up; the
 * column applies its evidence to the parts as it does to the scanner's.
 */
export const slash = { layout: 0, a: 0, b: 0, y: 0, h: 0, mi: 0, s: 0 };

/** Slashed layouts a column tracks (`slash.layout` < this). */
export const SLASH_LAYOUTS = 21;

/** The digit at i, or -1. */
function d1(t: string, i: number): number {
  const a = t.charCodeAt(i) - 48;
  return a >= 0 && a <= 9 ? a : -1;
}

/**
 * Cut `a/b/yyyy`, optionally followed by ` H:mm`, ` HH:mm`, ` H:mm:ss` or ` HH:mm:ss`, where `a`
 * and `b` have one or two digits — `1/31/2024`, `31/01/2024 09:05` — into {@link slash}; false
 * for anything else. The layout (1–20) numbers the digit widths and the time form, so every text
 * of one layout has the same shape for the scanner (its example describes them all).
 */
export function fastSlash(text: string): boolean {
  slash.layout = 0;
  const n = text.length;
  if (n < 8 || n > 19) return false;
  let i = 0;
  let a = d1(text, 0);
  if (a < 0) return false;
  let x = d1(text, 1);
  if (x >= 0) {
    a = a * 10 + x;
    i = 2;
  } else i = 1;
  const aw = i;
  if (text.charCodeAt(i) !== 47) return false;
  let b = d1(text, ++i);
  if (b < 0) return false;
  x = d1(text, ++i);
  if (x >= 0) {
    b = b * 10 + x;
    i++;
  }
  const bw = i - aw - 1;
  if (text.charCodeAt(i) !== 47) return false;
  const hi = d2(text, i + 1);
  const lo = d2(text, i + 3);
  if (hi < 0 || lo < 0) return false;
  i += 5;
  let time = 0;
  let h = 0;
  let mi = 0;
  let s = 0;
  if (i < n) {
    if (text.charCodeAt(i) !== 32) return false;
    h = d1(text, ++i);
    if (h < 0) return false;
    x = d1(text, ++i);
    const hw = x >= 0 ? 2 : 1;
    if (x >= 0) {
      h = h * 10 + x;
      i++;
    }
    if (text.charCodeAt(i) !== 58) return false;
    mi = d2(text, i + 1);
    if (mi < 0) return false;
    i += 3;
    time = hw;
    if (i < n) {
      if (text.charCodeAt(i) !== 58) return false;
      s = d2(text, i + 1);
      if (s < 0) return false;
      i += 3;
      time = hw + 2;
    }
    if (i !== n) return false;
  }
  slash.a = a;
  slash.b = b;
  slash.y = hi * 100 + lo;
  slash.h = h;
  slash.mi = mi;
  slash.s = s;
  slash.layout = 1 + (aw - 1) + 2 * (bw - 1) + 4 * time;
  return true;
}
