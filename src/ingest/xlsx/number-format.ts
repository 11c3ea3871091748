/**
 * What a cell's number format says about how to read its number: a date/time, an all-zeros
 * padded id (`0000000000` keeps an ИНН's leading zero), or a plain number. Pure.
 */

/** How a numeric cell is to be read, decided once per style (xf) and looked up per cell. */
export type NumberFormatKind =
  | { kind: 'number' }
  /** `time`: the format shows a time of day, so midnight values still print `00:00:00`. */
  | { kind: 'date'; time: boolean }
  /** An all-zeros format: integers are left-padded with zeros to `width` digits. */
  | { kind: 'zeros'; width: number };

export const PLAIN_NUMBER: NumberFormatKind = Object.freeze({ kind: 'number' });

/**
 * Built-in date/time format ids (ECMA-376 §18.8.30 plus the CJK-locale ids 27–36 and 50–58) and
 * whether each shows a time of day. Id 46 (`[h]:mm:ss`) is deliberately absent: it is an elapsed
 * duration, read as a number like any `[h]` custom format.
 */
const BUILTIN_DATES: ReadonlyMap<number, boolean> = new Map<number, boolean>([
  [14, false], [15, false], [16, false], [17, false],
  [18, true], [19, true], [20, true], [21, true], [22, true],
  [27, false], [28, false], [29, false], [30, false], [31, false],
  [32, true], [33, true], [34, true], [35, true], [36, false],
  [45, true], [47, true],
  [50, false], [51, false], [52, false], [53, false], [54, false],
  [55, true], [56, true], [57, false], [58, false],
]);

/** Classify a built-in number format id (no custom code in styles.xml). */
export function classifyBuiltinFormat(id: number): NumberFormatKind {
  const time = BUILTIN_DATES.get(id);
  if (time !== undefined) return { kind: 'date', time };
  if (id === 1) return { kind: 'zeros', width: 1 };
  return PLAIN_NUMBER;
}

/**
 * Classify a custom format code. A code is a date when, outside quoted literals, `\x` escapes,
 * `_x` / `*x` spacing and `[…]` brackets, it uses y, m, d, h or s. An elapsed-time bracket
 * (`[h]`, `[mm]`, `[ss]`) makes it a duration, read as a plain number.
 */
export function classifyFormatCode(code: string): NumberFormatKind {
  const section = firstSection(code);
  if (/^0+$/.test(section)) return { kind: 'zeros', width: section.length };
  let date = false;
  let time = false;
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c === 34 /* " */) {
      const close = code.indexOf('"', i + 1);
      i = close < 0 ? code.length : close;
    } else if (c === 92 /* \ */ || c === 95 /* _ */ || c === 42 /* * */) {
      i++; // the next character is a literal, a padding width or a fill character
    } else if (c === 91 /* [ */) {
      const close = code.indexOf(']', i + 1);
      const inner = code.slice(i + 1, close < 0 ? code.length : close).toLowerCase();
      if (/^(h+|m+|s+)$/.test(inner)) return PLAIN_NUMBER; // elapsed time: a duration
      i = close < 0 ? code.length : close;
    } else if (matchesAt(code, i, 'am/pm') || matchesAt(code, i, 'a/p')) {
      i += code.charCodeAt(i + 1) === 47 ? 2 : 4; // the AM/PM marker is not a minutes/month token
      time = true;
    } else {
      const l = c | 0x20; // lower-case ASCII letters
      if (l === 121 /* y */ || l === 100 /* d */ || l === 109 /* m */) date = true;
      else if (l === 104 /* h */ || l === 115 /* s */) time = true;
    }
  }
  if (!date && !time) return PLAIN_NUMBER;
  return { kind: 'date', time };
}

function matchesAt(s: string, i: number, word: string): boolean {
  return s.substr(i, word.length).toLowerCase() === word;
}

/** The positive-number section of a code (before the first unquoted `;`). */
function firstSection(code: string): string {
  let inQuote = false;
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c === 34) inQuote = !inQuote;
    else if (c === 92 && !inQuote) i++;
    else if (c === 59 && !inQuote) return code.slice(0, i);
  }
  return code;
}

/**
 * Left-pad an integer `<v>` text to the zeros format's width (`123` under `00000` → `00123`).
 * Anything that is not plain digits (negative, decimal, exponent) is returned as written.
 */
export function padZeros(text: string, width: number): string {
  if (text.length >= width) return text;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return text;
  }
  return text.length === 0 ? text : '0'.repeat(width - text.length) + text;
}
