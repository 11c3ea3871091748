/**
 * Incremental scanner for HTML table exports (Bitrix24 "Экспорт в Excel" writes a `<table
 * border="1">` of `<tr><th>/<td>` rows into a `.xls` file): decoded text in, the rows of the
 * document's first table with at least two rows out. Pure (no I/O).
 *
 * One left-to-right pass over each character, its state kept across `push` calls, so a chunk may
 * end anywhere (inside a tag, a quoted attribute, a comment, an entity). No regular expression
 * runs over the document, and nothing is buffered but the row in progress (and, until the table
 * is known to have a second row, its first one): a row longer than `maxRowChars` stops the read
 * with {@link HtmlRowTooLong}, as the CSV reader's record limit does.
 *
 * What a browser tolerates, this does too: `</td>`, `</th>` and `</tr>` may be left out (the next
 * cell or row, a `<tbody>`, or `</table>` closes them); a cell outside a row opens one; tag and
 * attribute names in any case; a `>` inside a quoted attribute value does not end the tag;
 * comments, `<!DOCTYPE>` and `<?…?>` are skipped, and so is the content of `<script>`, `<style>`
 * and `<title>`; a `<` that starts no tag (`<Ромашка>`, `a < b`) is text.
 *
 * Cell text: the text inside the cell with its tags removed, `<br>` as a line break, character
 * references decoded (entities.ts). Runs of HTML white space (space, tab, CR, LF, FF) — the
 * source's own line breaks and indentation — read as one space, as a browser shows them; nothing
 * else is trimmed (normalization trims, as it does for CSV cells). A `colspan="N"` cell fills N
 * columns: its text in the first, empty cells after it, so the columns below stay aligned; the
 * spans of the first rows are kept as merged ranges (`merges`), as an XLSX reader's are. A table
 * inside a cell is part of that cell's text. `rowspan` is not followed.
 */
import type { RawRow } from '../types.js';
import type { CellRange } from '../xlsx/merges.js';
import { DEFAULT_MAX_LINE_CHARS } from '../csv/limits.js';
import { decodeEntities } from './entities.js';

/** Thrown when one table row runs past `maxRowChars` without ending. */
export class HtmlRowTooLong extends Error {
  constructor(
    /** The row's 1-based number in its table. */
    readonly line: number,
    /** The limit passed, in characters. */
    readonly limit: number,
  ) {
    super(`table row ${line} is longer than ${limit} characters`);
    this.name = 'HtmlRowTooLong';
  }
}

/** Widest `colspan` taken (the HTML standard's own limit). */
export const MAX_COLSPAN = 1000;
/** Rows of the table whose `colspan` ranges are kept in `merges` (the header search looks at fewer). */
const MERGE_ROWS = 100;
/** Longest tag or attribute name kept; a longer one is no name this scanner acts on. */
const MAX_NAME = 16;

// scanner modes
const TEXT = 0;
/** After `<`. */
const TAG_OPEN = 1;
/** After `</`. */
const END_OPEN = 2;
const TAG_NAME = 3;
/** Inside a tag, after its name (see `attr`). */
const IN_TAG = 4;
/** After `<!`: `--` makes a comment, anything else a declaration. */
const MARKUP = 5;
const COMMENT = 6;
/** `<!DOCTYPE …>`, `<?xml …?>`, `</ …>`: skipped up to the next `>`. */
const BOGUS = 7;
/** Inside `<script>`, `<style>` or `<title>`: skipped up to its end tag. */
const RAW = 8;

// attribute states inside a tag
const BEFORE_NAME = 0;
const ATTR_NAME = 1;
const AFTER_NAME = 2;
const BEFORE_VALUE = 3;
const VALUE_QUOTED = 4;
const VALUE_UNQUOTED = 5;

const RAW_TAGS = new Set(['script', 'style', 'title']);

/** HTML white space other than a lone space between words: what {@link SPACE_RUNS} rewrites. */
const NOT_ONE_SPACE = /[\t\n\f\r]| {2}/;
const SPACE_RUNS = /[ \t\n\f\r]+/g;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function lower(c: number): string {
  return String.fromCharCode(c >= 65 && c <= 90 ? c + 32 : c);
}

/** A `colspan` value as a browser reads it: leading digits, 1 when none or 0, at most 1000. */
export function parseColspan(v: string): number {
  let i = 0;
  while (i < v.length && isSpace(v.charCodeAt(i))) i++;
  let n = 0;
  const start = i;
  for (; i < v.length; i++) {
    const d = v.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    n = Math.min(n * 10 + d, MAX_COLSPAN);
  }
  return i === start || n === 0 ? 1 : n;
}

export class HtmlTableScanner {
  /** True once the table has a second row: its rows are being handed out. */
  committed = false;
  /** True once that table has ended: nothing more comes, the rest of the input need not be read. */
  finished = false;
  /** `colspan` ranges of the table's first rows (1-based, inclusive; `top` = `bottom` = the row). */
  readonly merges: CellRange[] = [];

  private readonly maxRow: number;
  private mode = TEXT;
  /** Characters pushed before the current chunk, and the position in it (for the row limit). */
  private base = 0;
  private at = 0;

  // the tag being read
  private tagName = '';
  private isEnd = false;
  private attr = BEFORE_NAME;
  private attrName = '';
  private attrValue = '';
  private quote = 0;
  private colspan = 1;
  /** `-` seen after `<!` (MARKUP), or in a row inside a comment (COMMENT). */
  private dashes = 0;
  private commentChars = 0;
  /** RAW: `</name` being matched, and how much of it has been. */
  private rawEnd = '';
  private rawMatch = 0;

  // the table
  /** Tables open: 1 is the one read, more are tables inside its cells. */
  private depth = 0;
  private rows = 0;
  private pending: RawRow | null = null;
  private inRow = false;
  private rowStart = 0;
  /** Empty cells added by `colspan`, counted against the row limit. */
  private rowPad = 0;
  private cells: string[] = [];
  private inCell = false;
  private cellSpan = 1;
  private text = '';
  /** Raw text of the cell since the last tag (references decoded when it ends). */
  private segment = '';
  /** White space seen and not yet written (written as one space before the next text). */
  private space = false;
  private out: (row: RawRow) => void = () => undefined;

  constructor(opts: { maxRowChars?: number } = {}) {
    this.maxRow = opts.maxRowChars ?? DEFAULT_MAX_LINE_CHARS;
  }

  /**
   * Feed the next piece of text; the table's rows are passed to `out` in order as they end.
   * @throws HtmlRowTooLong when the row in progress passes `maxRowChars`.
   */
  push(s: string, out: (row: RawRow) => void): void {
    if (this.finished) return;
    this.out = out;
    const n = s.length;
    let i = 0;
    while (i < n && !this.finished) {
      switch (this.mode) {
        case TEXT: {
          const lt = s.indexOf('<', i);
          const end = lt < 0 ? n : lt;
          if (this.inCell && end > i) this.segment += s.slice(i, end);
          i = end;
          if (lt >= 0) {
            this.mode = TAG_OPEN;
            i++;
          }
          break;
        }
        case TAG_OPEN: {
          const c = s.charCodeAt(i);
          if (isLetter(c)) {
            this.startTag(false, lower(c));
            i++;
          } else if (c === 47 /* / */) {
            this.mode = END_OPEN;
            i++;
          } else if (c === 33 /* ! */) {
            this.mode = MARKUP;
            this.dashes = 0;
            i++;
          } else if (c === 63 /* ? */) {
            this.mode = BOGUS;
            i++;
          } else {
            // not a tag: the `<` is text, and `c` is read again as text
            if (this.inCell) this.segment += '<';
            this.mode = TEXT;
          }
          break;
        }
        case END_OPEN: {
          const c = s.charCodeAt(i);
          if (isLetter(c)) {
            this.startTag(true, lower(c));
            i++;
          } else if (c === 62 /* > */) {
            this.mode = TEXT; // `</>` is nothing
            i++;
          } else this.mode = BOGUS;
          break;
        }
        case TAG_NAME: {
          // the name runs up to white space, `/` or `>`
          let e = i;
          let c = 0;
          while (e < n) {
            c = s.charCodeAt(e);
            if (c === 62 || c === 47 || isSpace(c)) break;
            e++;
          }
          if (e > i && this.tagName.length <= MAX_NAME) this.tagName += s.slice(i, Math.min(e, i + MAX_NAME + 1)).toLowerCase();
          i = e;
          if (e === n) break;
          i++;
          if (c === 62) this.endTag(i);
          else {
            this.mode = IN_TAG;
            this.attr = BEFORE_NAME;
          }
          break;
        }
        case IN_TAG:
          i = this.inTag(s, i);
          break;
        case MARKUP: {
          const c = s.charCodeAt(i);
          if (c === 45 /* - */ && this.dashes < 2) {
            i++;
            if (++this.dashes === 2) {
              this.mode = COMMENT;
              this.dashes = 0;
              this.commentChars = 0;
            }
          } else this.mode = BOGUS;
          break;
        }
        case COMMENT: {
          const c = s.charCodeAt(i);
          i++;
          // `-->` ends it; so do `<!-->` and `<!--->`, as in a browser
          if (c === 62 && (this.dashes >= 2 || this.commentChars === 0 || (this.commentChars === 1 && this.dashes === 1))) this.mode = TEXT;
          else this.dashes = c === 45 ? this.dashes + 1 : 0;
          this.commentChars++;
          break;
        }
        case BOGUS: {
          const gt = s.indexOf('>', i);
          if (gt < 0) i = n;
          else {
            i = gt + 1;
            this.mode = TEXT;
          }
          break;
        }
        case RAW:
          i = this.raw(s, i);
          break;
      }
    }
    this.base += n;
    this.at = 0;
    if (this.inRow) this.checkRow(this.base);
  }

  /** The input has ended: the row and table in progress end with it. */
  end(out: (row: RawRow) => void): void {
    if (this.finished) return;
    this.out = out;
    this.at = 0;
    // a tag cut off by the end of the input is dropped, as a browser drops it; a lone `<` is text
    if (this.mode === TAG_OPEN && this.inCell) this.segment += '<';
    if (this.depth > 0) {
      this.closeRow();
      this.endTable();
    }
    this.finished = true;
  }

  private startTag(isEnd: boolean, first: string): void {
    this.mode = TAG_NAME;
    this.isEnd = isEnd;
    this.tagName = first;
    this.colspan = 1;
    this.attrName = '';
    this.attrValue = '';
  }

  /** The attributes of a tag, up to its `>`; returns where reading goes on. */
  private inTag(s: string, i: number): number {
    const n = s.length;
    while (i < n) {
      if (this.attr === VALUE_QUOTED) {
        const q = s.indexOf(String.fromCharCode(this.quote), i);
        const end = q < 0 ? n : q;
        if (this.attrName === 'colspan' && this.attrValue.length <= MAX_NAME) this.attrValue += s.slice(i, Math.min(end, i + MAX_NAME + 1));
        if (q < 0) return n;
        i = q + 1;
        this.attrDone();
        this.attr = BEFORE_NAME;
        continue;
      }
      const c = s.charCodeAt(i++);
      switch (this.attr) {
        case BEFORE_NAME:
          if (c === 62) return this.endTag(i);
          if (!isSpace(c) && c !== 47) this.newAttr(c);
          break;
        case ATTR_NAME:
          if (c === 62) {
            this.attrDone();
            return this.endTag(i);
          }
          if (isSpace(c)) this.attr = AFTER_NAME;
          else if (c === 47) {
            this.attrDone();
            this.attr = BEFORE_NAME;
          } else if (c === 61 /* = */) this.attr = BEFORE_VALUE;
          else if (this.attrName.length <= MAX_NAME) this.attrName += lower(c);
          break;
        case AFTER_NAME:
          if (c === 62) {
            this.attrDone();
            return this.endTag(i);
          }
          if (c === 61) this.attr = BEFORE_VALUE;
          else if (!isSpace(c)) {
            this.attrDone();
            if (c === 47) this.attr = BEFORE_NAME;
            else this.newAttr(c);
          }
          break;
        case BEFORE_VALUE:
          if (c === 62) {
            this.attrDone();
            return this.endTag(i);
          }
          if (c === 34 || c === 39) {
            this.attr = VALUE_QUOTED;
            this.quote = c;
          } else if (!isSpace(c)) {
            this.attr = VALUE_UNQUOTED;
            this.attrValue = String.fromCharCode(c);
          }
          break;
        case VALUE_UNQUOTED:
          if (c === 62) {
            this.attrDone();
            return this.endTag(i);
          }
          if (isSpace(c)) {
            this.attrDone();
            this.attr = BEFORE_NAME;
          } else if (this.attrValue.length <= MAX_NAME) this.attrValue += String.fromCharCode(c);
          break;
      }
    }
    return n;
  }

  private newAttr(c: number): void {
    this.attr = ATTR_NAME;
    this.attrName = lower(c);
    this.attrValue = '';
  }

  private attrDone(): void {
    if (this.attrName === 'colspan' && !this.isEnd) this.colspan = parseColspan(this.attrValue);
    this.attrName = '';
    this.attrValue = '';
  }

  /** Skip raw text up to `</name` followed by a space, `/` or `>`; returns where reading goes on. */
  private raw(s: string, i: number): number {
    const n = s.length;
    const want = this.rawEnd;
    while (i < n) {
      if (this.rawMatch === 0) {
        const lt = s.indexOf('<', i);
        if (lt < 0) return n;
        i = lt + 1;
        this.rawMatch = 1;
        continue;
      }
      const c = s.charCodeAt(i);
      if (this.rawMatch === want.length) {
        this.rawMatch = 0;
        if (isSpace(c) || c === 47 || c === 62) {
          // its end tag: read on as a tag (the `>` ends it)
          this.mode = IN_TAG;
          this.attr = BEFORE_NAME;
          this.isEnd = true;
          this.tagName = want.slice(2);
          return i;
        }
        continue;
      }
      if (lower(c) === want[this.rawMatch]) {
        this.rawMatch++;
        i++;
      } else this.rawMatch = 0; // `c` is looked at again (it may be a `<`)
    }
    return n;
  }

  /** A tag's `>` has been read (`i` is just past it): act on it. */
  private endTag(i: number): number {
    this.at = i;
    this.mode = TEXT;
    const name = this.tagName;
    if (!this.isEnd && RAW_TAGS.has(name)) {
      this.mode = RAW;
      this.rawEnd = '</' + name;
      this.rawMatch = 0;
      return i;
    }
    switch (name) {
      case 'table':
        if (!this.isEnd) this.openTable();
        else if (this.depth === 1) {
          this.closeRow();
          this.endTable();
        } else if (this.depth > 1) {
          this.depth--;
          this.innerBoundary();
        }
        break;
      case 'tr':
        if (this.depth > 1) this.innerBoundary();
        else if (this.depth === 1) {
          this.closeRow();
          if (!this.isEnd) this.openRow();
        }
        break;
      case 'td':
      case 'th':
        if (this.depth > 1) this.innerBoundary();
        else if (this.depth === 1) {
          this.closeCell();
          if (!this.isEnd) {
            if (!this.inRow) this.openRow();
            this.openCell(this.colspan);
          }
        }
        break;
      case 'thead':
      case 'tbody':
      case 'tfoot':
        if (this.depth === 1) this.closeRow();
        break;
      case 'br':
        // `</br>` is a line break too, in a browser
        if (this.inCell) {
          this.flushSegment();
          this.space = false;
          this.text += '\n';
        }
        break;
    }
    return i;
  }

  private openTable(): void {
    if (this.depth > 0) {
      this.depth++;
      this.innerBoundary();
      return;
    }
    this.depth = 1;
    this.rows = 0;
    this.pending = null;
    this.merges.length = 0;
  }

  private endTable(): void {
    this.depth = 0;
    if (this.committed) {
      this.finished = true;
      return;
    }
    // fewer than two rows: not the table to read; look on
    this.pending = null;
    this.merges.length = 0;
  }

  /** A tag of a table inside a cell: it separates text, like white space. */
  private innerBoundary(): void {
    if (this.inCell) {
      this.flushSegment();
      this.space = true;
    }
  }

  private openRow(): void {
    this.inRow = true;
    this.rows++;
    this.cells = [];
    this.rowStart = this.base + this.at;
    this.rowPad = 0;
    if (this.rows === 2 && !this.committed) {
      this.committed = true;
      if (this.pending !== null) this.out(this.pending);
      this.pending = null;
    }
  }

  private closeRow(): void {
    if (!this.inRow) return;
    this.closeCell();
    this.inRow = false;
    const row: RawRow = { line: this.rows, cells: this.cells.length > 0 ? this.cells : [''] };
    this.cells = [];
    if (this.committed) this.out(row);
    else this.pending = row;
  }

  private openCell(span: number): void {
    this.inCell = true;
    this.cellSpan = span;
    this.text = '';
    this.segment = '';
    this.space = false;
  }

  private closeCell(): void {
    if (!this.inCell) return;
    this.flushSegment();
    if (this.space && (this.text === '' || !this.text.endsWith('\n'))) this.text += ' ';
    this.inCell = false;
    const col = this.cells.length;
    this.cells.push(this.text);
    this.text = '';
    this.space = false;
    const span = this.cellSpan;
    if (span > 1) {
      for (let k = 1; k < span; k++) this.cells.push('');
      this.rowPad += span - 1;
      if (this.rows <= MERGE_ROWS) this.merges.push({ top: this.rows, bottom: this.rows, left: col + 1, right: col + span });
    }
    this.checkRow(this.base + this.at);
  }

  /** The cell's raw text since the last tag, decoded, with white-space runs as one space. */
  private flushSegment(): void {
    const seg = this.segment;
    if (seg === '') return;
    this.segment = '';
    let s = decodeEntities(seg);
    // a character class repeated once: linear, no backtracking
    if (NOT_ONE_SPACE.test(s)) s = s.replace(SPACE_RUNS, ' ');
    let end = s.length;
    if (end === 0) return;
    const trailing = s.charCodeAt(end - 1) === 32;
    if (s.charCodeAt(0) === 32) {
      this.space = true;
      if (end === 1) return;
      s = trailing ? s.slice(1, end - 1) : s.slice(1);
    } else if (trailing) s = s.slice(0, end - 1);
    end = s.length;
    if (end === 0) {
      this.space = true;
      return;
    }
    if (this.space && (this.text === '' || !this.text.endsWith('\n'))) this.text += ' ';
    this.text += s;
    this.space = trailing;
  }

  private checkRow(pos: number): void {
    if (pos - this.rowStart + this.rowPad > this.maxRow) throw new HtmlRowTooLong(this.rows, this.maxRow);
  }
}
