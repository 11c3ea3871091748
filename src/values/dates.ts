/**
 * Date columns (SPEC §2, SPEC-DECISIONS #14, #22, #41): one parser per mapped column that first
 * observes every value, learning what the values alone cannot say — whether `1/12/2010` is
 * day- or month-first, whether 10-digit numbers are Unix seconds — and then parses each value
 * into a `Wall` (wall-clock ms in the configured zone, as if UTC).
 *
 * Rules the column applies:
 * - Each value is read in the one form that fits it (date-scan.ts lists them); a column may mix
 *   forms that are each unambiguous.
 * - Slashed dates: a first part > 12 is D/M evidence, a second part > 12 is M/D evidence. With
 *   neither, the column is `undecided`; with both, `conflicting`. Slashed values that the
 *   evidence cannot place parse to null, so the caller raises `date_ambiguous`, never a guess.
 * - 10-digit numbers are Unix seconds only while every value observed so far is a 10-digit
 *   number: in a mixed column they are more likely ids or phone numbers than dates.
 * - Values with an offset or `Z`, and Unix seconds, are instants converted to the zone's wall
 *   clock; everything else is already wall clock (a time in a DST gap is kept as written; the
 *   gap is resolved when converting to an instant, see timezone.ts).
 * - Dates outside 1900–2200 (calendar.ts) and impossible dates (31.02, month 13) are not dates.
 * - With `declared` patterns only those are used, tried in order: declared means declared. One
 *   declared text may hold several, `A | B` (see dateFormatAlternatives).
 */
import { MS_PER_DAY } from '../period/types.js';
import { daysFromCivil, wallInRange, wallOf } from './calendar.js';
import { describeDate, mergePatterns } from './date-describe.js';
import { compileDatePattern, matched, matchPattern, type DatePattern } from './date-pattern.js';
import { fast, FAST_LAYOUTS, fastSlash, fastWall, isIsoLayout, slash, SLASH_LAYOUTS } from './date-fast.js';
import { F_DIGITS10, F_DOT, F_ISO, F_SLASH } from './date-roles.js';
import { role, scan, scanDate } from './date-scan.js';
import { tok } from './date-tokens.js';
import { instantToWall } from './timezone.js';

export { formatWall, MAX_YEAR, MIN_YEAR } from './calendar.js';

/** A parsed date: wall-clock ms in the configured zone, and whether the text had a time. */
export interface ParsedDate {
  wall: number;
  hasTime: boolean;
}

/** One date column's detector and parser. Feed every value to `observe` before parsing. */
export interface DateColumn {
  /** Feed every value of the column first-to-last; returns false if the value is not a date in any form. */
  observe(text: string): boolean;
  /** True while the column's slashed dates all have both parts ≤ 12 (they cannot be parsed yet). */
  readonly undecided: boolean;
  /** True once both D/M and M/D evidence were seen (→ `date_ambiguous` error). */
  readonly conflicting: boolean;
  /** Parse one value with what has been learned; null → not a date (caller raises bad_date). */
  parse(text: string): ParsedDate | null;
  /** `parse(text)?.wall`, NaN when not a date; allocates nothing, and a value just observed is not scanned again. */
  wall(text: string): number;
  /** For `inspect`: the detected pattern(s) (`dd.MM.yyyy HH:mm`, `iso`, `unix`, …) joined by ` | `, or null. */
  format(): string | null;
}

/**
 * Config-load validation of a declared pattern (Decision #41): `YYYY`/`YY`/`DD`/`D` → "did you
 * mean yyyy/dd?", unknown tokens and patterns without year, month and day → an error text;
 * null when valid. Each alternative of `A | B` is checked, and an empty one is refused.
 */
export function validateDateFormat(pattern: string): string | null {
  for (const alt of dateFormatAlternatives(pattern)) {
    if (alt === '') return `an empty alternative in "${pattern}" (patterns are separated by " | ")`;
    const p = compileDatePattern(alt);
    if (typeof p === 'string') return p;
  }
  return null;
}

/**
 * The patterns of one declared text, tried in order. `inspect` shows a column of several layouts
 * as `A | B` and `kpi init` writes that text as it is (per field too), so a `|` outside a quoted
 * literal separates alternatives, exactly as a YAML list of them would; read as one pattern with
 * a literal `|` it matched nothing and every row was a `bad_date`. Text without one is returned
 * untouched.
 */
export function dateFormatAlternatives(pattern: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "'") quoted = !quoted;
    else if (c === '|' && !quoted) {
      parts.push(pattern.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (parts.length === 0) return [pattern];
  parts.push(pattern.slice(start).trim());
  return parts;
}

const EXCEL_EPOCH_SEC = daysFromCivil(1899, 12, 30) * 86_400;

/**
 * Excel serial (1900 system) stored as text — `45366`, `45366.5`, `45366,5` — → wall ms rounded
 * to the second (Excel's own precision), or null when the text is not one.
 */
function excelSerial(text: string): { wall: number; hasTime: boolean } | null {
  let i = 0;
  let end = text.length;
  while (i < end && text.charCodeAt(i) <= 32) i++;
  while (end > i && text.charCodeAt(end - 1) <= 32) end--;
  let serial = 0;
  let scale = 0; // 0 while in the integer part, then 10, 100, … for fraction digits
  for (let k = i; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c >= 48 && c <= 57) {
      if (scale === 0) serial = serial * 10 + (c - 48);
      else {
        serial += (c - 48) / scale;
        scale *= 10;
      }
    } else if ((c === 46 || c === 44) && scale === 0 && k > i && k + 1 < end) scale = 10;
    else return null;
  }
  // Serial 60 is Lotus' 29.02.1900, a day that never was; below it Excel is one day early.
  if (i === end || serial < 1 || Math.floor(serial) === 60) return null;
  const days = serial < 60 ? serial + 1 : serial;
  const wall = Math.round(EXCEL_EPOCH_SEC + days * 86_400) * 1000;
  return wallInRange(wall) ? { wall, hasTime: wall % MS_PER_DAY !== 0 } : null;
}

/** A cheap fingerprint of the last scanned value's layout, to keep one example per layout. */
function shapeKey(): number {
  let h = scan.form;
  for (let i = 0; i < tok.n; i++) {
    const x = role[i] === 0 ? 1000 + (tok.val[i] as number) : (role[i] as number) * 16 + Math.min(tok.len[i] as number, 15);
    h = (Math.imul(h, 31) + x) | 0;
  }
  return h;
}

/** Create the parser of one date column (`tz`: the configured IANA zone). */
export function createDateColumn(opts: { tz: string; declared?: readonly string[] | null; shortcuts?: boolean }): DateColumn {
  // `shortcuts: false` sends every value through the scanner (tests compare the two)
  const shortcuts = opts.shortcuts !== false;
  const { tz } = opts;
  const declared: DatePattern[] = (opts.declared ?? []).flatMap(dateFormatAlternatives).map((src) => {
    const p = compileDatePattern(src);
    if (typeof p === 'string') throw new RangeError(p);
    return p;
  });
  let dm = false;
  let md = false;
  let ambiguous = false;
  let allDigits10 = true;
  let sawDigits10 = false;
  let sawIso = false;
  let declaredHits = 0;
  const examples = new Map<number, string>();
  // The last observed value whose reading cannot change with later evidence (not slashed, not
  // ten digits), and its wall: the row's parse right after its observe then costs one `===`.
  let lastText: string | null = null;
  let lastWall = NaN;
  // Fixed layouts (date-fast.ts) the scanner has read once with the same result: their values
  // skip the scanner from then on (its example for the layout is recorded by then).
  const fastTrusted = new Uint8Array(FAST_LAYOUTS);
  // The same for slashed layouts, whose parts (not walls) the scanner must have agreed on.
  const slashTrusted = new Uint8Array(SLASH_LAYOUTS);

  /** Wall of a slashed date `a/b/y h:mi:s.ms`, read per the evidence; NaN when impossible. */
  function slashWall(a: number, b: number, y: number, h: number, mi: number, s: number, ms: number): number {
    const dayFirst = a > 12 ? true : b > 12 ? false : dm;
    if ((a > 12 && md) || (b > 12 && dm) || (dm && md)) return NaN;
    if (a <= 12 && b <= 12 && !dm && !md) return NaN;
    return wallOf(y, dayFirst ? b : a, dayFirst ? a : b, h, mi, s, ms);
  }

  /** Take a slashed date's evidence; false when it is no date in the reading its parts force. */
  function observeSlash(a: number, b: number, y: number, h: number, mi: number, s: number, ms: number): boolean {
    if (a === 0 || b === 0 || (a > 12 && b > 12)) return false;
    // The value must be a real date in the reading its own parts force (31/02 is no date);
    // with both parts ≤ 12 either reading is a valid day, so day-first checks year and time.
    const dayFirst = b <= 12;
    const w = wallOf(y, dayFirst ? b : a, dayFirst ? a : b, h, mi, s, ms);
    if (w !== w) return false;
    if (a > 12) dm = true;
    else if (b > 12) md = true;
    else ambiguous = true;
    return true;
  }

  /** Wall of the last scan, with slashed dates read per the evidence; NaN when impossible. */
  function scannedWall(): number {
    if (scan.form === F_DIGITS10) return allDigits10 ? instantToWall(scan.num * 1000, tz) : NaN;
    const w = scan.form === F_SLASH
      ? slashWall(scan.a, scan.b, scan.y, scan.h, scan.mi, scan.s, scan.ms)
      : wallOf(scan.y, scan.mo, scan.d, scan.h, scan.mi, scan.s, scan.ms);
    if (!scan.hasOffset || w !== w) return w; // a wall-clock time, or already NaN
    const local = instantToWall(w - scan.off * 60_000, tz);
    return wallInRange(local) ? local : NaN;
  }

  /** Parse with the declared patterns; the index of the one that matched, or -1. */
  function parseDeclared(text: string, out: { wall: number; hasTime: boolean }): number {
    for (let k = 0; k < declared.length; k++) {
      const p = declared[k] as DatePattern;
      if (p.excel) {
        const r = excelSerial(text);
        if (r === null) continue;
        out.wall = r.wall;
        out.hasTime = r.hasTime;
        return k;
      }
      if (!matchPattern(p, text)) continue;
      let w = wallOf(matched.y, matched.mo, matched.d, matched.h, matched.mi, matched.s, matched.ms);
      if (w !== w) continue;
      if (matched.hasOffset) w = instantToWall(w - matched.off * 60_000, tz);
      if (!wallInRange(w)) continue;
      out.wall = w;
      out.hasTime = matched.hasTime;
      return k;
    }
    return -1;
  }

  const probe = { wall: 0, hasTime: false };

  function observeAuto(text: string): boolean {
    if (!shortcuts) return observeScanned(text);
    const fw = fastWall(text);
    const layout = fast.layout;
    if (layout !== 0 && fastTrusted[layout] === 1) {
      allDigits10 = false;
      lastText = text;
      lastWall = fw;
      if (isIsoLayout(layout)) sawIso = true;
      return true;
    }
    if (layout === 0 && fastSlash(text)) {
      const sl = slash.layout;
      if (slashTrusted[sl] === 1) {
        allDigits10 = false;
        // the layout's example was recorded when the scanner read its first value
        return observeSlash(slash.a, slash.b, slash.y, slash.h, slash.mi, slash.s, 0);
      }
      const ok = observeScanned(text);
      if (ok && scan.form === F_SLASH && !scan.hasOffset && scan.ms === 0 && scan.a === slash.a && scan.b === slash.b && scan.y === slash.y
        && scan.h === slash.h && scan.mi === slash.mi && scan.s === slash.s) slashTrusted[sl] = 1;
      return ok;
    }
    const ok = observeScanned(text);
    if (layout !== 0 && ok && lastText === text && lastWall === fw && scan.form === (isIsoLayout(layout) ? F_ISO : F_DOT)) fastTrusted[layout] = 1;
    return ok;
  }

  function observeScanned(text: string): boolean {
    if (!scanDate(text)) {
      allDigits10 = false;
      return false;
    }
    if (scan.form === F_DIGITS10) {
      sawDigits10 = true;
      return allDigits10;
    }
    allDigits10 = false;
    if (scan.form === F_SLASH) {
      if (!observeSlash(scan.a, scan.b, scan.y, scan.h, scan.mi, scan.s, scan.ms)) return false;
    } else {
      const w = scannedWall();
      if (w !== w) return false;
      lastText = text;
      lastWall = w;
      if (scan.form === F_ISO) {
        sawIso = true;
        return true;
      }
    }
    const key = shapeKey();
    if (!examples.has(key)) examples.set(key, text);
    return true;
  }

  return {
    observe(text: string): boolean {
      if (declared.length === 0) return observeAuto(text);
      const k = parseDeclared(text, probe);
      if (k >= 0) {
        declaredHits |= 1 << Math.min(k, 30);
        lastText = text;
        lastWall = probe.wall;
      }
      return k >= 0;
    },
    get undecided(): boolean {
      return declared.length === 0 && ambiguous && !dm && !md;
    },
    get conflicting(): boolean {
      return declared.length === 0 && dm && md;
    },
    parse(text: string): ParsedDate | null {
      if (declared.length > 0) {
        const out = { wall: 0, hasTime: false };
        return parseDeclared(text, out) >= 0 ? out : null;
      }
      if (!scanDate(text)) return null;
      const wall = scannedWall();
      return wall === wall ? { wall, hasTime: scan.hasTime } : null;
    },
    wall(text: string): number {
      if (text === lastText) return lastWall;
      if (declared.length > 0) return parseDeclared(text, probe) >= 0 ? probe.wall : NaN;
      if (shortcuts) {
        const fw = fastWall(text);
        if (fast.layout !== 0) {
          if (fastTrusted[fast.layout] === 1) return fw;
        } else if (fastSlash(text) && slashTrusted[slash.layout] === 1) return slashWall(slash.a, slash.b, slash.y, slash.h, slash.mi, slash.s, 0);
      }
      return scanDate(text) ? scannedWall() : NaN;
    },
    format(): string | null {
      if (declared.length > 0) {
        const hit = declared.filter((_, k) => (declaredHits & (1 << Math.min(k, 30))) !== 0).map((p) => p.source);
        // none matched yet: the declared ones (a bad_date then says what was declared, not a guess)
        return (hit.length > 0 ? hit : declared.map((p) => p.source)).join(' | ');
      }
      const parts: string[] = [];
      if (sawIso) parts.push('iso');
      if (sawDigits10 && allDigits10) parts.push('unix');
      const described: string[] = [];
      for (const text of examples.values()) {
        const first = describeDate(text, dm || !md);
        if (first === null) continue;
        const isAmbiguousSlash = scan.form === F_SLASH && !dm && !md;
        described.push(isAmbiguousSlash ? `${first} or ${describeDate(text, false) ?? ''}` : first);
      }
      parts.push(...mergePatterns(described));
      return parts.length > 0 ? parts.join(' | ') : null;
    },
  };
}
