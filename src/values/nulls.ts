/**
 * Null sentinels (SPEC §2 `null_values`, SPEC-DECISIONS #54). Which fields honour them is the
 * caller's business (all but channel, manager, segment and status); this module only answers
 * "does this text mean no value?".
 */

/** The default `null_values`; the empty cell is null whatever the list says. */
export const DEFAULT_NULL_VALUES: readonly string[] = ['NULL', 'NA', 'N/A', '#N/A', '-'];

/**
 * A test for one configured list: trimmed, case-insensitive; empty or whitespace-only text is
 * always null, even when the list leaves `""` out. Texts longer than the longest sentinel are
 * rejected before any lowercasing, so the common case — a real value — allocates nothing.
 */
/**
 * Per ASCII code, 1 when a sentinel of `values` starts with that character, in either case: a
 * text starting with any other printable ASCII character (a digit, most words) is no sentinel.
 */
export function nullStarts(values: readonly string[]): Uint8Array {
  const starts = new Uint8Array(128);
  for (const v of values) {
    const t = v.trim().toLowerCase();
    if (t === '') continue;
    for (const ch of [t[0]!, t[0]!.toUpperCase()]) {
      const c = ch.charCodeAt(0);
      if (c < 128) starts[c] = 1;
    }
  }
  return starts;
}

export function makeNullTest(values: readonly string[]): (text: string) => boolean {
  const set = new Set(values.map((v) => v.trim().toLowerCase()).filter((v) => v !== ''));
  let maxLen = 0;
  for (const v of set) maxLen = Math.max(maxLen, v.length);
  const starts = nullStarts(values);
  return (text: string): boolean => {
    const c0 = text.charCodeAt(0);
    if (c0 > 32 && c0 < 127 && starts[c0] === 0) return false;
    const t = text.trim();
    if (t === '') return true;
    return t.length <= maxLen && set.has(t.toLowerCase());
  };
}
