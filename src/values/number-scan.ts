/**
 * One char-code pass over a number text (SPEC §2, SPEC-DECISIONS #23): sign, parentheses,
 * currency marks, digits with `,` `.` and space-like group separators, an optional exponent.
 * It records the digits and where the separators fell, then classifies the value by what its
 * separators prove about the decimal mark:
 *
 *   EV_NONE      no mark, or only space groups: `1234`, `1 234`, `1E5`
 *   EV_COMMA     the comma must be the decimal mark: `1 234,56`, `1.234,5`, `0,500`, `12,5`
 *   EV_DOT       the dot must be: `1,234.56`, `1,234,567` (a repeated mark groups), `3.14`
 *   EV_AMBIG_*   one mark followed by exactly three digits after 1–3 digits: `1,200`, `3.500`
 *
 * An exponent form's single mark is its decimal point (`1.03444E11`, as Salesforce writes).
 *
 * Results live in module scratch ({@link ns}): no allocation per value.
 */

export const EV_NONE = 0;
export const EV_COMMA = 1;
export const EV_DOT = 2;
export const EV_AMBIG_COMMA = 3;
export const EV_AMBIG_DOT = 4;

/** Currency codes of the recognized marks (`₽ р. руб. RUB RUR`, `$ USD`, `€ EUR`, `£ GBP`). */
export const CURRENCIES = ['', 'RUB', 'USD', 'EUR', 'GBP'] as const;

/**
 * Largest magnitude accepted: beyond it the value in integer minor units (× 100) would leave the
 * exactly representable integers. No real amount or quantity comes near it.
 */
export const MAX_ABS = 9e13;

const T_COMMA = 1;
const T_DOT = 2;
const T_SPACE = 3;
const MAX_SEPS = 16;

/** The last scanned number. */
export const ns = {
  neg: false,
  /** Significant digits as an integer (≤ 15 digits), trailing zeros held back in `zeros`. */
  mant: 0,
  mantDigits: 0,
  zeros: 0,
  overflow: false,
  /** Digits after the last separator. */
  tail: 0,
  exp: 0,
  hasExp: false,
  /** The body's first digit is `0` (`0,500`, `05,123`): no one starts a digit group that way. */
  firstZero: false,
  /** Index into {@link CURRENCIES}; 0 when no mark. */
  currency: 0,
  nSep: 0,
  sepType: new Uint8Array(MAX_SEPS),
  /** Digits between the previous separator (or the start) and this one. */
  sepGroup: new Uint8Array(MAX_SEPS),
  ev: EV_NONE,
  /** For EV_NONE / EV_COMMA / EV_DOT: whether the last separator is the decimal mark. */
  lastIsDecimal: false,
};

function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0x2009 || c === 0x202f;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0x410 && c <= 0x44f) || c === 0x401 || c === 0x451;
}
function lower(c: number): number {
  return (c >= 65 && c <= 90) || (c >= 0x410 && c <= 0x42f) ? c + 32 : c;
}
/** Case-insensitive: is text[i, e) exactly `word` (lowercase)? */
function wordIs(text: string, i: number, e: number, word: string): boolean {
  if (e - i !== word.length) return false;
  for (let k = 0; k < word.length; k++) if (lower(text.charCodeAt(i + k)) !== word.charCodeAt(k)) return false;
  return true;
}

const WORDS: readonly [string, number][] = [['руб', 1], ['р', 1], ['rub', 1], ['rur', 1], ['usd', 2], ['eur', 3], ['gbp', 4]];

/** A currency mark at i: returns the index after it (and sets `found`), or i when none. */
let found = 0;
function currencyAt(text: string, i: number, end: number): number {
  const c = text.charCodeAt(i);
  found = c === 0x20bd ? 1 : c === 36 ? 2 : c === 0x20ac ? 3 : c === 0xa3 ? 4 : 0;
  if (found !== 0) return i + 1;
  let e = i;
  while (e < end && isLetter(text.charCodeAt(e))) e++;
  if (e === i) return i;
  for (const [w, code] of WORDS) {
    if (wordIs(text, i, e, w)) {
      found = code;
      // `р.` / `руб.` carry an abbreviation dot; it is part of the mark, not a decimal point.
      return code === 1 && e < end && text.charCodeAt(e) === 46 && !isDigit(text.charCodeAt(e + 1)) ? e + 1 : e;
    }
  }
  return i;
}

/** Scan `text`; false when it is not a number in any accepted form. */
export function scanNumber(text: string): boolean {
  let i = 0;
  let end = text.length;
  while (i < end && isWs(text.charCodeAt(i))) i++;
  while (end > i && isWs(text.charCodeAt(end - 1))) end--;
  if (end - i >= 2 && text.charCodeAt(i) === 34 && text.charCodeAt(end - 1) === 34) {
    i++;
    end--;
  }
  ns.neg = false;
  ns.mant = ns.mantDigits = ns.zeros = ns.tail = ns.exp = ns.currency = ns.nSep = 0;
  ns.overflow = ns.hasExp = ns.firstZero = false;
  let sign = false;
  let paren = 0; // 1 open, 2 closed
  // Prefix: whitespace, one sign, one '(', currency marks — in any order (`-$5`, `$-5`, `($5)`).
  for (;;) {
    if (i >= end) return false;
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) break;
    if (isWs(c)) i++;
    else if (c === 45 || c === 43 || c === 0x2212) {
      if (sign) return false;
      sign = true;
      ns.neg = c !== 43;
      i++;
    } else if (c === 40 && paren === 0) {
      paren = 1;
      i++;
    } else {
      const k = currencyAt(text, i, end);
      if (k === i) break;
      if (ns.currency !== 0 && ns.currency !== found) return false;
      ns.currency = found;
      i = k;
    }
  }
  i = scanBody(text, i, end);
  if (i < 0) return false;
  // Suffix: whitespace, currency marks, a trailing minus, the closing ')'.
  while (i < end) {
    const c = text.charCodeAt(i);
    if (isWs(c)) i++;
    else if ((c === 45 || c === 0x2212) && !sign) {
      sign = true;
      ns.neg = true;
      i++;
    } else if (c === 41 && paren === 1) {
      paren = 2;
      i++;
    } else {
      const k = currencyAt(text, i, end);
      if (k === i || (ns.currency !== 0 && ns.currency !== found)) return false;
      ns.currency = found;
      i = k;
    }
  }
  if (paren === 1 || (paren === 2 && sign)) return false;
  if (paren === 2) ns.neg = true;
  return classify();
}

/**
 * Digits, separators and exponent from i; returns the index after the body or -1. The
 * significant digits gather in locals (trailing zeros held back, so `1 000 000` stays exact)
 * and are written to {@link ns} once.
 */
function scanBody(text: string, i: number, end: number): number {
  let group = 0;
  let any = false;
  let mant = 0;
  let mantDigits = 0;
  let zeros = 0;
  let overflow = false;
  let nSep = 0;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (c === 48) {
        if (!any) ns.firstZero = true;
        if (mantDigits > 0) zeros++;
      } else if (mantDigits + zeros >= 15) {
        overflow = true;
      } else {
        mant = zeros === 0 ? mant * 10 + (c - 48) : mant * (POW10[zeros + 1] as number) + (c - 48);
        mantDigits += zeros + 1;
        zeros = 0;
      }
      group++;
      any = true;
      i++;
      continue;
    }
    const t = c === 44 ? T_COMMA : c === 46 ? T_DOT : isWs(c) && any && isDigit(text.charCodeAt(i + 1)) ? T_SPACE : 0;
    if (t !== 0) {
      // A separator must be followed by a digit: `1.` and `1,,2` are not numbers.
      if (!isDigit(text.charCodeAt(i + 1)) || nSep === MAX_SEPS) return -1;
      ns.sepType[nSep] = t;
      ns.sepGroup[nSep++] = group;
      group = 0;
      i++;
      continue;
    }
    if ((c === 101 || c === 69) && any) {
      let k = i + 1;
      const s = text.charCodeAt(k);
      const negExp = s === 45 || s === 0x2212;
      if (negExp || s === 43) k++;
      let e = 0;
      const k0 = k;
      while (k < end && isDigit(text.charCodeAt(k)) && k - k0 < 4) e = e * 10 + text.charCodeAt(k++) - 48;
      // No exponent digits: the letter starts a suffix (`5EUR`), checked by the caller.
      if (k > k0) {
        ns.exp = negExp ? -e : e;
        ns.hasExp = true;
        i = k;
      }
    }
    break;
  }
  ns.mant = mant;
  ns.mantDigits = mantDigits;
  ns.zeros = zeros;
  ns.overflow = overflow;
  ns.nSep = nSep;
  if (!any) return -1;
  ns.tail = group;
  return i;
}

/** Decide what the separators prove (see the module comment); false when they are malformed. */
function classify(): boolean {
  const n = ns.nSep;
  ns.ev = EV_NONE;
  ns.lastIsDecimal = false;
  if (n === 0) return true;
  let commas = 0;
  let dots = 0;
  let spaces = 0;
  for (let k = 0; k < n; k++) {
    const t = ns.sepType[k];
    if (t === T_COMMA) commas++;
    else if (t === T_DOT) dots++;
    else spaces++;
  }
  const last = ns.sepType[n - 1] as number;
  const marks = commas + dots;
  let decimal = 0; // the mark type that is the decimal point in this value, 0 for none
  if (ns.hasExp) {
    if (spaces > 0 || marks > 1) return false;
    decimal = last;
  } else if (commas > 0 && dots > 0) {
    if (last === T_SPACE || (last === T_COMMA ? commas : dots) !== 1) return false;
    decimal = last;
  } else if (marks >= 2) {
    decimal = 0; // a repeated mark groups: the other one is the decimal point
  } else if (marks === 1) {
    if (last === T_SPACE) return false; // `1,234 567`
    const intDigits = ns.sepGroup[0] as number;
    if (spaces === 0 && ns.tail === 3 && intDigits >= 1 && intDigits <= 3 && !ns.firstZero) {
      ns.ev = last === T_COMMA ? EV_AMBIG_COMMA : EV_AMBIG_DOT;
      return true;
    }
    decimal = last;
  }
  if (!groupsValid(decimal !== 0)) return false;
  if (decimal !== 0) {
    ns.ev = decimal === T_COMMA ? EV_COMMA : EV_DOT;
    ns.lastIsDecimal = true;
  } else if (marks >= 2) {
    ns.ev = commas > 0 ? EV_DOT : EV_COMMA;
  }
  return true;
}

/** Grouping separators: first group 1–3 digits, later groups exactly 3. */
function groupsValid(lastIsDecimal: boolean): boolean {
  const n = ns.nSep;
  const grouping = lastIsDecimal ? n - 1 : n;
  if (grouping === 0) return true;
  const type = ns.sepType[0];
  const g0 = ns.sepGroup[0] as number;
  if (g0 < 1 || g0 > 3) return false;
  for (let k = 1; k < grouping; k++) if (ns.sepType[k] !== type || ns.sepGroup[k] !== 3) return false;
  // The group closing the grouped part ends at the decimal mark or at the end.
  return lastIsDecimal ? ns.sepGroup[n - 1] === 3 : ns.tail === 3;
}

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * The value of the last scan, reading its last separator as the decimal mark or not; NaN when it
 * has more than 15 significant digits or exceeds {@link MAX_ABS}.
 */
export function scannedValue(lastIsDecimal: boolean): number {
  if (ns.overflow) return NaN;
  const frac = lastIsDecimal ? ns.tail : 0;
  if (ns.mantDigits + Math.max(0, ns.zeros - frac) > 15) return NaN;
  if (ns.mant === 0) return 0;
  const e10 = ns.zeros - frac + ns.exp;
  // One exact integer times or over one exact power of ten: a single, correct rounding.
  const v =
    e10 >= 0 ? (e10 <= 22 ? ns.mant * (POW10[e10] as number) : Number(`${ns.mant}e${e10}`))
    : -e10 <= 22 ? ns.mant / (POW10[-e10] as number) : Number(`${ns.mant}e${e10}`);
  if (!(v <= MAX_ABS)) return NaN;
  return ns.neg ? -v : v;
}
