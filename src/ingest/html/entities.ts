/**
 * HTML character references in cell text: the named ones exports use, and numeric ones
 * (`&#1040;`, `&#x410;`). Pure; one left-to-right pass, no regular expression.
 *
 * As in a browser: a named reference needs its `;` (`&amp` stays as written, and so does an
 * unknown name such as `&foo;`); a numeric one may omit it; `&#0;`, a surrogate or a code point
 * past U+10FFFF is U+FFFD; `&#128;`–`&#159;` are read as the windows-1252 characters they name
 * in the HTML standard (`&#150;` is an en dash).
 */

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0',
  laquo: '«', raquo: '»', ndash: '–', mdash: '—', hellip: '…', minus: '−',
  lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„',
  copy: '©', reg: '®', trade: '™', deg: '°', plusmn: '±', times: '×', divide: '÷',
  sect: '§', para: '¶', middot: '·', bull: '•', shy: '\u00ad', euro: '€', pound: '£',
  yen: '¥', cent: '¢', curren: '¤', numero: '№', thinsp: '\u2009', ensp: '\u2002',
  emsp: '\u2003', zwnj: '\u200c', zwj: '\u200d', lrm: '\u200e', rlm: '\u200f',
  frac12: '½', frac14: '¼', frac34: '¾', sup2: '²', sup3: '³', micro: 'µ',
  AMP: '&', LT: '<', GT: '>', QUOT: '"',
};

/** Longest named reference in {@link NAMED}, `;` excluded. */
const MAX_NAME = 8;

/** `&#128;`–`&#159;`: the windows-1252 characters the HTML standard reads them as (0 = unchanged). */
const C1 = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

function codePointText(cp: number): string {
  if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\ufffd';
  if (cp >= 0x80 && cp <= 0x9f) return String.fromCharCode(C1[cp - 0x80] || cp);
  return String.fromCodePoint(cp);
}

/**
 * The reference starting at `s[at]` (an `&`): its text and where the text after it starts, or
 * null when it is not one (the `&` is then an ordinary character).
 */
function reference(s: string, at: number): { text: string; end: number } | null {
  let i = at + 1;
  if (s.charCodeAt(i) === 35 /* # */) {
    i++;
    const hex = s.charCodeAt(i) === 120 || s.charCodeAt(i) === 88; // x X
    if (hex) i++;
    const start = i;
    let cp = 0;
    for (; i < s.length; i++) {
      const d = hex ? hexValue(s.charCodeAt(i)) : s.charCodeAt(i) - 48;
      if (d < 0 || d > (hex ? 15 : 9)) break;
      // past U+10FFFF it is U+FFFD however long it goes on: stop growing the number
      if (cp <= 0x10ffff) cp = cp * (hex ? 16 : 10) + d;
    }
    if (i === start) return null;
    if (s.charCodeAt(i) === 59 /* ; */) i++;
    return { text: codePointText(cp), end: i };
  }
  const start = i;
  while (i < s.length && i - start <= MAX_NAME && isAlnum(s.charCodeAt(i))) i++;
  if (i === start || s.charCodeAt(i) !== 59) return null;
  const text = NAMED[s.slice(start, i)];
  return text === undefined ? null : { text, end: i + 1 };
}

/** `s` with its character references decoded. */
export function decodeEntities(s: string): string {
  let amp = s.indexOf('&');
  if (amp < 0) return s;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    const r = reference(s, amp);
    if (r === null) {
      amp = s.indexOf('&', amp + 1);
      continue;
    }
    out += s.slice(from, amp) + r.text;
    from = r.end;
    amp = s.indexOf('&', from);
  }
  return out + s.slice(from);
}
