/**
 * Cell text in the styles real Russian exports use: dotted and ISO dates, `12 500,00` amounts,
 * CSV quoting. Written for throughput (the generator emits millions of cells): table lookups
 * and string concatenation, no `Date` objects, no `Intl`, no regular expressions per value.
 */

const PAD2: readonly string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? '0' : '') + i);
const PAD3: readonly string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/** The two-digit text of 0…99. */
export function pad2(n: number): string {
  return PAD2[n] as string;
}

/** Milliseconds in a day. */
export const MS_DAY = 86_400_000;

/** A calendar date and time of day split out of epoch ms (UTC arithmetic: the wall clock as written). */
export interface Civil {
  y: number;
  m: number;
  d: number;
  hh: number;
  mi: number;
  ss: number;
}

/**
 * Split epoch ms into `out` (reused: one object per generator, not per row). Days → civil date is
 * Howard Hinnant's `civil_from_days`, exact for the proleptic Gregorian calendar.
 */
export function toCivil(ms: number, out: Civil): Civil {
  const days = Math.floor(ms / MS_DAY);
  let sec = Math.floor((ms - days * MS_DAY) / 1000);
  out.hh = Math.floor(sec / 3600);
  sec -= out.hh * 3600;
  out.mi = Math.floor(sec / 60);
  out.ss = sec - out.mi * 60;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  out.d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  out.m = mp < 10 ? mp + 3 : mp - 9;
  out.y = yoe + era * 400 + (out.m <= 2 ? 1 : 0);
  return out;
}

/** `05.03.2024` (1C, Bitrix) — with ` 15:31` when `time`. */
export function dottedDate(c: Civil, time: boolean): string {
  const s = PAD2[c.d]! + '.' + PAD2[c.m]! + '.' + c.y;
  return time ? s + ' ' + PAD2[c.hh]! + ':' + PAD2[c.mi]! : s;
}

/** `2024-03-05` — with ` 15:31:07` when `time`. */
export function isoDate(c: Civil, time: boolean): string {
  const s = c.y + '-' + PAD2[c.m]! + '-' + PAD2[c.d]!;
  return time ? s + ' ' + PAD2[c.hh]! + ':' + PAD2[c.mi]! + ':' + PAD2[c.ss]! : s;
}

/**
 * Kopecks → `12 500,00` as 1C and Bitrix print money: groups of three split by `sep` (a space,
 * or the no-break space U+00A0 that Excel-ru writes), decimal comma, `-` in front of negatives.
 */
export function rubAmount(cents: number, sep: string): string {
  const neg = cents < 0;
  let v = Math.abs(Math.trunc(cents));
  const frac = PAD2[v % 100]!;
  v = Math.floor(v / 100);
  let out = '';
  while (v >= 1000) {
    out = sep + PAD3[v % 1000]! + out;
    v = Math.floor(v / 1000);
  }
  return (neg ? '-' : '') + v + out + ',' + frac;
}

/**
 * Quote a CSV cell when it must be (it holds the delimiter, a quote, CR or LF), doubling
 * embedded quotes (RFC 4180). `always` quotes every cell, as Bitrix24's CSV export does.
 */
export function csvCell(s: string, delim: number, always: boolean): string {
  let needs = always;
  let quotes = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34) {
      needs = true;
      quotes = true;
      break;
    }
    if (c === delim || c === 10 || c === 13) needs = true;
  }
  if (!needs) return s;
  return '"' + (quotes ? s.split('"').join('""') : s) + '"';
}
