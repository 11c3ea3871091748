/**
 * A streaming parser for `sharedStrings.xml`: text arrives in arbitrary chunks, each complete
 * `<si>` item is decoded (plain `<t>` or rich-text runs) and appended in order, so index `n` of
 * the result is what `<c t="s"><v>n</v></c>` refers to. Pure.
 *
 * Bounded: one item (or the text before the root element) longer than `maxElementChars`, or more
 * than `maxItems` items, is refused as `xlsx_too_large` — a 256 MiB part of `<si/>` would
 * otherwise become a 50-million-entry array, and one never-closed `<si>` a 256 MiB string.
 */
import { nextTag, richText, rootPrefix, textTags } from './xml-text.js';
import type { TextTags } from './xml-text.js';
import { ELEMENT_SIZE_LIMIT, formatBytes, xlsxOverLimit } from './xlsx-errors.js';
import { flatten } from '../../values/flat.js';
import { HeldText } from '../held-text.js';

/**
 * Most shared strings accepted: 4 Mi items. A million-row export with several columns of unique
 * text stays under it; a table of this size already takes hundreds of megabytes.
 */
export const MAX_SHARED_STRINGS = 4 * 1024 * 1024;

/** Limits and names for messages; every field has a default (tests set small ones). */
export interface SharedStringsLimits {
  file?: string;
  part?: string;
  maxItems?: number;
  maxElementChars?: number;
}

/** Feed `push` with consecutive text chunks, then call `finish` for the table. */
export class SharedStringsParser {
  private buf = '';
  private readonly held = new HeldText();
  private tags: { si: string; siEnd: string; text: TextTags } | null = null;
  private readonly items: string[] = [];
  /** Where the search for the pending item's end tag resumes (offset from the item start). */
  private pendingEnd = 0;
  private readonly file: string;
  private readonly part: string;
  private readonly maxItems: number;
  private readonly maxElementChars: number;

  constructor(limits: SharedStringsLimits = {}) {
    this.file = limits.file ?? 'the workbook';
    this.part = limits.part ?? 'xl/sharedStrings.xml';
    this.maxItems = limits.maxItems ?? MAX_SHARED_STRINGS;
    this.maxElementChars = limits.maxElementChars ?? ELEMENT_SIZE_LIMIT;
  }

  /**
   * Consume the next chunk of the part's text. A chunk that arrives while a long item is
   * unfinished may be held (see `HeldText`): `last` marks the final chunk.
   */
  push(chunk: string, last = false): void {
    const text = last ? this.held.take() + chunk : this.held.offer(chunk, this.buf.length, this.maxElementChars);
    if (text === null) return;
    this.buf += text;
    if (this.tags === null) {
      const prefix = rootPrefix(this.buf);
      if (prefix === null) {
        if (this.buf.indexOf('<') < 0) this.buf = ''; // no element can start in this text
        this.checkPending('the text before the root element');
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
      if (this.items.length >= this.maxItems) this.tooMany();
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
      // a copy: a slice would keep every decoded chunk of the part alive with the table
      this.items.push(flatten(richText(s, gt + 1, end, tt)));
      p = end + siEnd.length;
    }
    this.buf = p > 0 ? s.slice(p) : s;
    this.checkPending(`string item ${this.items.length}`);
  }

  private checkPending(what: string): void {
    if (this.buf.length <= this.maxElementChars) return;
    throw xlsxOverLimit(this.file, this.part, `${what} runs past ${formatBytes(this.maxElementChars)} of XML text without ending`,
      `XML elements under ${formatBytes(this.maxElementChars)}`);
  }

  private tooMany(): never {
    throw xlsxOverLimit(this.file, this.part, `it holds more than ${this.maxItems} shared strings`, `at most ${this.maxItems} shared strings`);
  }

  /** The strings, in index order. */
  finish(): string[] {
    return this.items;
  }
}

/** Parse a whole `sharedStrings.xml` text at once (tests, small parts). */
export function parseSharedStrings(xml: string): string[] {
  const p = new SharedStringsParser();
  p.push(xml, true);
  return p.finish();
}
