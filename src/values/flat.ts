/**
 * Flat copies of strings. A CSV cell is a V8 *sliced string*, a view into the 64 KiB chunk it was
 * cut from, and a string built from one by `+` is a rope holding it: anything kept past its row
 * (a dictionary entry, an issue's value, a rejected row's text) must be a copy, or it keeps the
 * chunk — and, one kept string per chunk, the whole decoded file — alive.
 */

/** Strings shorter than this are never slices or ropes in V8 (SlicedString/ConsString::kMinLength). */
const MIN_SHARED_LENGTH = 13;

/**
 * A flat copy of `s` that shares no memory with the string it was cut from. Short strings are
 * already copies; longer ones round-trip through JSON, which always allocates a sequential string
 * (test/values/flat.test.ts checks that the copy keeps no chunk alive).
 *
 * Cheaper copies exist — `(' ' + s).slice(1)` is five times faster, as slicing a rope makes V8
 * flatten it first — but the result is itself a slice (of the copy): 32 more bytes per string, and
 * a dictionary of slices made reading 1M leads 3-4 % slower (its texts are compared and hashed on
 * every row), so every kept text is a plain sequential string.
 */
export function flatten(s: string): string {
  return s.length < MIN_SHARED_LENGTH ? s : (JSON.parse(JSON.stringify(s)) as string);
}
