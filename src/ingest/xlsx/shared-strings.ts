/**
 * A streaming parser for `sharedStrings.xml`: text arrives in arbitrary chunks, each complete
 * `<si>` item is decoded (plain `<t>` or rich-text runs) and appended in order, so index `n` of
 * the result is what `<c t="s"><v>n</v></c>` refers to. Pure.
 */
import { nextTag, richText, rootPrefix, textTags } from './xml-text.js';
import type { TextTags } from './xml-text.js';

/** Feed `push` with consecutive text chunks, then call `finish` for the table. */
export class SharedStringsParser {
  private buf = '';
  private tags: { si: string; siEnd: string; text: TextTags } | null = null;
  private readonly items: string[] = [];
  /** Where the search for the pending item's end tag resumes (offset from the item start). */
  private pendingEnd = 0;

  /** Consume the next chunk of the part's text. */
  push(text: string): void {
    this.buf += text;
    if (this.tags === null) {
      const prefix = rootPrefix(this.buf);
      if (prefix === null) {
        if (this.buf.indexOf('<') < 0) this.buf = ''; // no element can start in this text
        return;
      }
      this.tags = { si: `<${prefix}si`, siEnd: `</${prefix}si>`, text: textTags(prefix) };
    }
    const { si, siEnd, text: tt } = this.tags;
    const s = this.buf;
    let p = 0;
    for (;;) {
      const start = nextTag(s, si, p, s.length);
      if (start < 0) {
        // Keep a tail long enough to hold a start tag cut by the chunk boundary.
        p = Math.max(p, s.length - si.length - 1);
        break;
      }
      const gt = s.indexOf('>', start);
      if (gt < 0) {
        p = start;
        break;
      }
      if (s.charCodeAt(gt - 1) === 47) {
        this.items.push(''); // <si/>: an empty string item still takes its index
        p = gt + 1;
        continue;
      }
      const end = s.indexOf(siEnd, Math.max(gt, start + this.pendingEnd));
      if (end < 0) {
        // Resume the end-tag search where this one stopped: re-scanning a huge item on every
        // chunk would be quadratic.
        this.pendingEnd = Math.max(0, s.length - start - siEnd.length);
        p = start;
        break;
      }
      this.pendingEnd = 0;
      this.items.push(richText(s, gt + 1, end, tt));
      p = end + siEnd.length;
    }
    this.buf = p > 0 ? s.slice(p) : s;
  }

  /** The strings, in index order. */
  finish(): string[] {
    return this.items;
  }
}

/** Parse a whole `sharedStrings.xml` text at once (tests, small parts). */
export function parseSharedStrings(xml: string): string[] {
  const p = new SharedStringsParser();
  p.push(xml);
  return p.finish();
}
