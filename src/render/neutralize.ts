/**
 * Formula-injection neutralization for CSV/TSV text cells (SPEC §5, SPEC-DECISIONS #48).
 * Spreadsheets evaluate a cell that starts with `=`, `+`, `-` or `@` (and some treat a leading
 * tab or CR the same way), so a channel named `=HYPERLINK(…)` would run when the file is opened.
 * Following OWASP, such text gets a leading `'`. Numbers never come through here: a negative
 * profit must stay a number, so callers apply this to text cells only.
 */

const EQUALS = 61;
const PLUS = 43;
const MINUS = 45;
const AT = 64;
const TAB = 9;
const CR = 13;

/** True when a spreadsheet could read `s` as a formula (first char `= + - @`, tab or CR). */
export function isFormulaLike(s: string): boolean {
  if (s.length === 0) return false;
  // One char-code test instead of a regex: this runs for every text cell of a large export.
  const c = s.charCodeAt(0);
  return c === EQUALS || c === PLUS || c === MINUS || c === AT || c === TAB || c === CR;
}

/** `s` with a leading `'` when it is formula-like (OWASP CSV injection advice), else `s` itself. */
export function neutralizeText(s: string): string {
  return isFormulaLike(s) ? "'" + s : s;
}
