/**
 * Number columns — amounts, costs, quantities, prices (SPEC §2, SPEC-DECISIONS #23, #54).
 *
 * The decimal mark is a property of the column, never guessed per value: each value's separators
 * either prove which mark is decimal (number-scan.ts) or leave it open (`1,200`). The column takes
 * the proven mark; while nothing proves it, ambiguous values cannot be parsed and the column is
 * `undecided` (→ `decimal_ambiguous`, hint `decimal_mark`). A declared mark decides up front, and
 * with `,` a dot groups thousands (`€ 3.500,00` = 3500).
 *
 * If a column proves both marks (`1,234.56` and `1.234,56`), it is `conflicting`; the mark with
 * more evidence (ties: the first seen) is used and the values that contradict it parse to null,
 * so each one is rejected visibly instead of being read a thousand times too large or small.
 */
import {
  CURRENCIES, EV_AMBIG_COMMA, EV_AMBIG_DOT, EV_COMMA, EV_DOT, EV_NONE, ns, scannedValue, scanNumber,
} from './number-scan.js';

export { MAX_ABS } from './number-scan.js';

/** One number column's detector and parser. Feed every value to `observe` before parsing. */
export interface NumberColumn {
  /** Feed every value first-to-last; false when the value is not a number in any form. */
  observe(text: string): boolean;
  /** True while every value with a mark was ambiguous (`1,200`, `3.500`) and nothing decided the mark. */
  readonly undecided: boolean;
  /** True when values proved both marks (see the module comment). */
  readonly conflicting: boolean;
  /** Two different currencies were seen (→ warning mixed_currency); `₽` and `руб.` are one currency. */
  readonly mixedCurrency: boolean;
  /** The currencies seen (`RUB`, `USD`, `EUR`, `GBP`), in code order. */
  readonly currencies: readonly string[];
  /** Parse one value with what has been learned; null → not a number here (caller raises bad_amount). */
  parse(text: string): number | null;
  /** `parse(text) ?? NaN`; a value just observed is not scanned again. */
  value(text: string): number;
  /** `decimal:,` or `decimal:.` or null (for inspect). */
  format(): string | null;
}

const COMMA = 1;
const DOT = 2;

/**
 * The value of the last scan when the column's decimal mark is `mark` (0 = not known yet);
 * NaN when the value contradicts the mark, needs a mark that is not known, or is out of range.
 */
function valueFor(mark: number): number {
  switch (ns.ev) {
    case EV_NONE:
      return scannedValue(ns.lastIsDecimal);
    case EV_COMMA:
      return mark === DOT ? NaN : scannedValue(ns.lastIsDecimal);
    case EV_DOT:
      return mark === COMMA ? NaN : scannedValue(ns.lastIsDecimal);
    case EV_AMBIG_COMMA:
      return mark === 0 ? NaN : scannedValue(mark === COMMA);
    case EV_AMBIG_DOT:
      return mark === 0 ? NaN : scannedValue(mark === DOT);
    default:
      return NaN;
  }
}

/** Create the parser of one number column; `declared` is the config's `decimal_mark`. */
export function createNumberColumn(opts: { declared?: ',' | '.' | null }): NumberColumn {
  const declared = opts.declared === ',' ? COMMA : opts.declared === '.' ? DOT : 0;
  let commaEvidence = 0;
  let dotEvidence = 0;
  let firstEvidence = 0;
  let ambiguous = false;
  let currencyBits = 0;
  // The last observed text, the mark it was read with and its value: the row's parse right
  // after its observe then costs one `===` instead of a second scan.
  let lastText: string | null = null;
  let lastMark = -1;
  let lastValue = NaN;

  function remember(text: string): void {
    lastText = text;
    lastMark = mark();
    lastValue = valueFor(lastMark);
  }

  function mark(): number {
    if (declared !== 0) return declared;
    if (commaEvidence !== dotEvidence) return commaEvidence > dotEvidence ? COMMA : DOT;
    return firstEvidence;
  }

  return {
    observe(text: string): boolean {
      if (!scanNumber(text)) return false;
      if (ns.currency !== 0) currencyBits |= 1 << ns.currency;
      const ev = ns.ev;
      if (ev === EV_AMBIG_COMMA || ev === EV_AMBIG_DOT) {
        if (declared === 0) ambiguous = true;
        // `1,200` has at most 6 digits, so both readings are in range; check one for NaN.
        const v = valueFor(declared === 0 ? COMMA : declared);
        remember(text);
        return v === v;
      }
      if (ev === EV_COMMA || ev === EV_DOT) {
        const m = ev === EV_COMMA ? COMMA : DOT;
        if (declared !== 0 && declared !== m) return false;
        if (m === COMMA) commaEvidence++;
        else dotEvidence++;
        if (firstEvidence === 0) firstEvidence = m;
      }
      const v = scannedValue(ns.lastIsDecimal);
      remember(text);
      return v === v;
    },
    get undecided(): boolean {
      return ambiguous && commaEvidence === 0 && dotEvidence === 0;
    },
    get conflicting(): boolean {
      return declared === 0 && commaEvidence > 0 && dotEvidence > 0;
    },
    get mixedCurrency(): boolean {
      return (currencyBits & (currencyBits - 1)) !== 0;
    },
    get currencies(): readonly string[] {
      return CURRENCIES.filter((_, k) => k > 0 && (currencyBits & (1 << k)) !== 0);
    },
    parse(text: string): number | null {
      const v = this.value(text);
      return v === v ? v : null;
    },
    value(text: string): number {
      const m = mark();
      if (text === lastText && m === lastMark) return lastValue;
      if (!scanNumber(text)) return NaN;
      return valueFor(m);
    },
    format(): string | null {
      const m = mark();
      return m === COMMA ? 'decimal:,' : m === DOT ? 'decimal:.' : null;
    },
  };
}

/**
 * Major units → integer minor units, rounded half away from zero (1.005 → 101, 2.675 → 268,
 * −0.125 → −13). Binary floats store 1.005 as 1.00499999999999989…, so a value within a hair of
 * a half cent is re-read through its 15 significant digits — the decimal it was parsed from —
 * before rounding. Throws RangeError for NaN/±Infinity or a result beyond the safe integers
 * (a programming error: parsed values are bounded by {@link MAX_ABS}).
 */
export function toCents(x: number): number {
  if (!Number.isFinite(x)) throw new RangeError(`toCents: not a finite number: ${x}`);
  const a = Math.abs(x) * 100;
  let c = Math.round(a);
  const frac = a - Math.floor(a);
  if (frac > 0.499999 && frac < 0.500001) c = Math.round(Number(a.toPrecision(15)));
  if (!Number.isSafeInteger(c)) throw new RangeError(`toCents: ${x} does not fit integer cents`);
  return x < 0 && c !== 0 ? -c : c;
}

/** Largest magnitude whose cents are exact integers (2^53 / 100, minus a margin for rounding). */
const MAX_SAFE_MAJOR = 90_071_992_547_409;

/**
 * {@link toCents} for computed values (quantity × unit price, amount − profit) that data can push
 * out of range: null instead of a throw, so the caller can reject the row as `bad_amount`.
 */
export function tryCents(x: number): number | null {
  return Number.isFinite(x) && Math.abs(x) < MAX_SAFE_MAJOR ? toCents(x) : null;
}
