/**
 * One pass over a date text into tokens — digit runs, known words, separators, whitespace — held
 * in preallocated typed arrays. The matcher in date-scan.ts then walks tokens instead of
 * characters, which keeps every accepted form a few lines long and needs no regex per value.
 *
 * The arrays are module-level scratch space: tokenizing is synchronous and the result is consumed
 * before the next call, so sharing them is safe and saves an allocation per row.
 */
import { letterCode, lookupWord } from './date-words.js';

export const K_NUM = 1;
export const K_WORD = 2;
export const K_SEP = 3;
export const K_SPACE = 4;

/** More tokens than any accepted form has (RFC 2822 with a weekday is 17). */
export const MAX_TOKENS = 24;

/** The tokens of the last {@link tokenize} call. */
export const tok = {
  n: 0,
  kind: new Uint8Array(MAX_TOKENS),
  /** K_NUM: the value; K_WORD: `kind * 100 + value` from date-words; K_SEP: the char code. */
  val: new Float64Array(MAX_TOKENS),
  /** K_NUM: the digit count; K_WORD: the letter count. */
  len: new Uint8Array(MAX_TOKENS),
};

const MINUS_SIGN = 0x2212;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0x2009 || c === 0x202f;
}

/**
 * Split `text` into tokens. Leading and trailing whitespace is ignored, inner runs collapse to
 * one K_SPACE. Fails (false) on any character no date form uses, on an unknown word, on a digit
 * run longer than 14, or on too many tokens — all cheap early exits for non-date text.
 */
export function tokenize(text: string): boolean {
  let n = 0;
  let i = 0;
  let end = text.length;
  while (i < end && isSpace(text.charCodeAt(i))) i++;
  while (end > i && isSpace(text.charCodeAt(end - 1))) end--;
  if (i === end) return false;
  const { kind, val, len } = tok;
  while (i < end) {
    if (n === MAX_TOKENS) return false;
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      let v = 0;
      const s = i;
      while (i < end) {
        const d = text.charCodeAt(i) - 48;
        if (d < 0 || d > 9) break;
        v = v * 10 + d;
        i++;
      }
      if (i - s > 14) return false;
      kind[n] = K_NUM;
      val[n] = v;
      len[n++] = i - s;
    } else if (letterCode(c) !== 0) {
      const s = i;
      while (i < end && letterCode(text.charCodeAt(i)) !== 0) i++;
      const w = lookupWord(text, s, i);
      if (w === 0) return false;
      kind[n] = K_WORD;
      val[n] = w;
      len[n++] = i - s;
    } else if (isSpace(c)) {
      while (i < end && isSpace(text.charCodeAt(i))) i++;
      kind[n] = K_SPACE;
      val[n++] = 32;
    } else if (c === 45 || c === 47 || c === 46 || c === 58 || c === 44 || c === 43 || c === MINUS_SIGN) {
      kind[n] = K_SEP;
      val[n++] = c === MINUS_SIGN ? 45 : c;
      i++;
    } else {
      return false;
    }
  }
  tok.n = n;
  return true;
}
