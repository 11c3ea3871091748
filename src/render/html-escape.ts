/**
 * HTML escaping for the e-mail report (SPEC §5 "every value escaped"). One function serves text
 * nodes and double-quoted attribute values alike, so no call site has to choose the right one.
 */

const AMP = 38;
const LT = 60;
const GT = 62;
const QUOT = 34;
const APOS = 39;

function entity(c: number): string | null {
  switch (c) {
    case AMP:
      return '&amp;';
    case LT:
      return '&lt;';
    case GT:
      return '&gt;';
    case QUOT:
      return '&quot;';
    case APOS:
      return '&#39;';
    default:
      return null;
  }
}

/**
 * `s` with `& < > " '` replaced by entities: safe as element text and inside a quoted attribute.
 * A char-code scan, and `s` itself when nothing needs escaping (the common case for numbers and
 * labels), so a large report allocates no copies for clean text.
 */
export function escapeHtml(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const e = entity(s.charCodeAt(i));
    if (e === null) continue;
    out += s.slice(from, i) + e;
    from = i + 1;
  }
  return from === 0 ? s : out + s.slice(from);
}
