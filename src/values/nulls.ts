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
export function makeNullTest(values: readonly string[]): (text: string) => boolean {
  const set = new Set(values.map((v) => v.trim().toLowerCase()).filter((v) => v !== ''));
  let maxLen = 0;
  for (const v of set) maxLen = Math.max(maxLen, v.length);
  return (text: string): boolean => {
    const t = text.trim();
    if (t === '') return true;
    return t.length <= maxLen && set.has(t.toLowerCase());
  };
}
