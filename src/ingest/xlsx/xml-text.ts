/**
 * Small XML helpers for SpreadsheetML text: entity decoding, the OOXML `_xHHHH_` escapes, tag
 * attributes, and the text of rich-text string items. Pure; scans with indexOf/charCodeAt rather
 * than regexes because they run once per string cell.
 */

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decode `&amp; &lt; &gt; &quot; &apos; &#NNN; &#xHH;`. Unknown or invalid references stay as written. */
export function decodeEntities(s: string): string {
  let amp = s.indexOf('&');
  if (amp < 0) return s;
  let out = '';
  let last = 0;
  while (amp >= 0) {
    const semi = s.indexOf(';', amp + 1);
    if (semi < 0) break;
    const ref = s.slice(amp + 1, semi);
    let rep: string | undefined;
    if (ref.charCodeAt(0) === 35 /* # */) {
      const hex = ref.charCodeAt(1) === 120 || ref.charCodeAt(1) === 88; // x or X
      const digits = ref.slice(hex ? 2 : 1);
      const cp = digits.length > 0 && (hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits) ? parseInt(digits, hex ? 16 : 10) : NaN;
      if (cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) rep = String.fromCodePoint(cp);
    } else {
      rep = NAMED[ref];
    }
    if (rep !== undefined) {
      out += s.slice(last, amp) + rep;
      last = semi + 1;
    }
    amp = s.indexOf('&', rep !== undefined ? semi + 1 : amp + 1);
  }
  return out + s.slice(last);
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/**
 * Decode the OOXML escapes `_xHHHH_` (Excel writes a CR as `_x000D_`). `_x005F_` is an escaped
 * underscore, so `_x005F_x000D_` reads as the literal text `_x000D_`: decoding left to right and
 * resuming after each replacement gives exactly that.
 */
export function decodeOoxmlEscapes(s: string): string {
  let i = s.indexOf('_x');
  if (i < 0) return s;
  let out = '';
  let last = 0;
  while (i >= 0) {
    if (
      i + 6 < s.length &&
      s.charCodeAt(i + 6) === 95 &&
      isHex(s.charCodeAt(i + 2)) && isHex(s.charCodeAt(i + 3)) && isHex(s.charCodeAt(i + 4)) && isHex(s.charCodeAt(i + 5))
    ) {
      out += s.slice(last, i) + String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16));
      last = i + 7;
      i = s.indexOf('_x', last);
    } else {
      i = s.indexOf('_x', i + 1);
    }
  }
  return out + s.slice(last);
}

/** Text content as the cell shows it: XML entities first, then the OOXML escapes inside the text. */
export function decodeCellText(raw: string): string {
  return decodeOoxmlEscapes(decodeEntities(raw));
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * Attributes of the start tag in `s` between `from` (just after the tag name) and `to` (the `>`),
 * values entity-decoded. Both quote styles are accepted. For the few non-hot tags (sheet, xf, …).
 */
export function parseAttrs(s: string, from: number, to: number): Map<string, string> {
  const attrs = new Map<string, string>();
  let i = from;
  while (i < to) {
    while (i < to && isSpace(s.charCodeAt(i))) i++;
    const eq = s.indexOf('=', i);
    if (eq < 0 || eq >= to) break;
    const name = s.slice(i, eq).trim();
    let q = eq + 1;
    while (q < to && isSpace(s.charCodeAt(q))) q++;
    const quote = s.charCodeAt(q);
    if (quote !== 34 && quote !== 39) break;
    const close = s.indexOf(quote === 34 ? '"' : "'", q + 1);
    if (close < 0 || close > to) break;
    attrs.set(name, decodeEntities(s.slice(q + 1, close)));
    i = close + 1;
  }
  return attrs;
}

/** An attribute by local name, ignoring any namespace prefix (`r:id`, `ns2:id` → `id`). */
export function attrByLocalName(attrs: Map<string, string>, local: string): string | undefined {
  const plain = attrs.get(local);
  if (plain !== undefined) return plain;
  for (const [k, v] of attrs) if (k.endsWith(':' + local)) return v;
  return undefined;
}

/** Every start (or empty) tag with the given local name in `s`: its attributes, in document order. */
export function findTags(s: string, localName: string): Map<string, string>[] {
  const out: Map<string, string>[] = [];
  let i = s.indexOf('<');
  while (i >= 0) {
    if (s.startsWith('<!--', i)) {
      const close = s.indexOf('-->', i + 4);
      if (close < 0) break;
      i = s.indexOf('<', close + 3);
      continue;
    }
    let j = i + 1;
    while (j < s.length && !isSpace(s.charCodeAt(j)) && s.charCodeAt(j) !== 62 && s.charCodeAt(j) !== 47) j++;
    const name = s.slice(i + 1, j);
    const colon = name.indexOf(':');
    const local = colon < 0 ? name : name.slice(colon + 1);
    const end = tagEnd(s, j);
    if (end < 0) break;
    if (local === localName) out.push(parseAttrs(s, j, s.charCodeAt(end - 1) === 47 ? end - 1 : end));
    i = s.indexOf('<', end + 1);
  }
  return out;
}

/** Index of the `>` closing a start tag, skipping quoted attribute values (they may hold `>`). */
export function tagEnd(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 62) return i;
    if (c === 34 || c === 39) {
      const close = s.indexOf(c === 34 ? '"' : "'", i + 1);
      if (close < 0) return -1;
      i = close;
    }
  }
  return -1;
}

/** The namespace prefix of the document's root element (`x:` for `<x:worksheet>`), '' if none. */
export function rootPrefix(s: string): string | null {
  let i = s.indexOf('<');
  while (i >= 0) {
    const c = s.charCodeAt(i + 1);
    if (Number.isNaN(c)) return null;
    if (c === 63 /* ? */ || c === 33 /* ! */) {
      const end = s.indexOf('>', i);
      if (end < 0) return null;
      i = s.indexOf('<', end + 1);
      continue;
    }
    let j = i + 1;
    while (j < s.length && !isSpace(s.charCodeAt(j)) && s.charCodeAt(j) !== 62 && s.charCodeAt(j) !== 47) j++;
    if (j >= s.length) return null;
    const name = s.slice(i + 1, j);
    const colon = name.indexOf(':');
    return colon < 0 ? '' : name.slice(0, colon + 1);
  }
  return null;
}

/** Tag strings for one namespace prefix, built once per document. */
export interface TextTags {
  t: string;
  tEnd: string;
  rPh: string;
  rPhEnd: string;
}

/** Build the rich-text tag strings for a prefix (`''` or `x:`). */
export function textTags(prefix: string): TextTags {
  return { t: `<${prefix}t`, tEnd: `</${prefix}t>`, rPh: `<${prefix}rPh`, rPhEnd: `</${prefix}rPh>` };
}

/**
 * The text of a string item (`<si>` or `<is>` content between `from` and `to`): every `<t>`,
 * whether direct or inside `<r>` runs, concatenated and decoded; phonetic runs (`<rPh>`, the
 * furigana above Japanese text) are not part of the value and are skipped.
 */
export function richText(s: string, from: number, to: number, tags: TextTags): string {
  // Walk the children one '<' at a time, bounded by `to`: an unbounded search for a rare tag
  // such as `<rPh` would rescan the rest of a sheet buffer for every inline string.
  let out = '';
  let p = from;
  while (p < to) {
    const lt = s.indexOf('<', p);
    if (lt < 0 || lt >= to) break;
    const isT = isTagAt(s, tags.t, lt);
    if (!isT && !isTagAt(s, tags.rPh, lt)) {
      p = lt + 1; // <r>, <rPr> and the like: text only ever sits inside <t>
      continue;
    }
    const gt = s.indexOf('>', lt);
    if (gt < 0 || gt >= to) break;
    if (s.charCodeAt(gt - 1) === 47) {
      p = gt + 1; // <t/> or <rPh/>: nothing inside
      continue;
    }
    const endTag = isT ? tags.tEnd : tags.rPhEnd;
    const close = s.indexOf(endTag, gt);
    if (close < 0 || close > to) break;
    if (isT) out += s.slice(gt + 1, close);
    p = close + endTag.length;
  }
  return decodeCellText(out);
}

/** True when the start tag `open` (whole name: `<t` is not `<tabColor`) begins at `i`. */
export function isTagAt(s: string, open: string, i: number): boolean {
  if (!s.startsWith(open, i)) return false;
  const c = s.charCodeAt(i + open.length);
  return c === 62 || c === 47 || isSpace(c);
}

/** Next occurrence of the start tag `open` (whole name: `<t` must not match `<tabColor`). */
export function nextTag(s: string, open: string, from: number, to: number): number {
  let i = s.indexOf(open, from);
  while (i >= 0 && i < to) {
    const c = s.charCodeAt(i + open.length);
    if (c === 62 || c === 47 || isSpace(c)) return i;
    i = s.indexOf(open, i + open.length);
  }
  return -1;
}
