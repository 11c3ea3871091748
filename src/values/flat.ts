/**
 * Flat copies of strings. A CSV cell is a V8 *sliced string*, a view into the 64 KiB chunk it was
 * cut from, and a string built from one by `+` is a rope holding it: anything kept past its row
 * (a dictionary entry, an issue's value, a rejected row's text) must be a copy, or it keeps the
 * chunk — and, one kept string per chunk, the whole decoded file — alive.
 */

/** Strings shorter than this are never slices or ropes in V8 (SlicedString/ConsString::kMinLength). */
const MIN_SHARED_LENGTH = 13;

/**
 * A copy of `s` that shares no memory with the string it was cut from. Short strings are already
 * copies. A longer one is prefixed (a rope of two) and the prefix cut off again: slicing a rope
 * makes V8 flatten it into a new sequential string first, so the result is a slice of that copy —
 * one character longer than `s`, holding nothing else. Five times cheaper than a JSON round trip
 * (test/app/record-tables.test.ts checks that the copy keeps no chunk alive).
 */
export function flatten(s: string): string {
  return s.length < MIN_SHARED_LENGTH ? s : (' ' + s).slice(1);
}
