/**
 * Incremental CSV tokenizer: decoded text in, records out. Pure (no I/O).
 *
 * RFC 4180 with the leniency real exporters need:
 * - a quote inside an unquoted cell is a literal character (`a "b" c`);
 * - a cell that opens with a quote whose closing quote is followed by anything but the delimiter
 *   or a line end (FreePBX writes `"User 9" <113>` unquoted) is taken literally, from its opening
 *   quote up to the next delimiter, so the row keeps its field count;
 * - a quote that never closes — by the end of input, or within `maxRecordChars` characters — is
 *   re-read as a literal character, so one stray quote cannot swallow the rest of a large file;
 *   so is one whose "closing" quote lies on a later line and is followed by other text (that
 *   quote opens a later cell). Each such quote is reported in {@link CsvTokenizer.issues};
 * - `\n`, `\r\n` and a lone `\r` all end a line, mixed freely;
 * - a record longer than `maxLineChars` (binary junk, a file with no line breaks) stops the read
 *   with {@link CsvLineTooLong}: buffering it whole would exhaust memory long before it ended.
 *
 * Every record carries the physical 1-based line where it starts (embedded line breaks in
 * quoted cells count) and its raw text without the line terminator. Empty lines are records with
 * one empty cell; the caller decides what a blank record means.
 *
 * Speed: a line without a quote before its end — the common case — is one `indexOf` for the line
 * end (cached across lines) and one native `split`. Records with quotes go through a small state
 * machine that jumps between quotes with `indexOf` and only builds a string for cells with `""`.
 * The machine keeps its state across `push` calls, so a chunk may end anywhere (inside a quoted
 * cell, between `\r` and `\n`) without rescanning the record.
 */
import { countLineBreaks } from './line-breaks.js';
import { CsvLineTooLong, DEFAULT_MAX_LINE_CHARS } from './limits.js';
import { HeldText } from '../held-text.js';

export { CsvLineTooLong, DEFAULT_MAX_LINE_CHARS } from './limits.js';

/** Something the tokenizer noticed in the text. */
export interface TokenizerIssue {
  code: 'unclosed_quote';
  /** Physical line where the unclosed quoted cell opened. */
  line: number;
  /** The cell as re-read with its quote taken literally (at most 60 characters). */
  value: string;
}

/** Default limit on one quoted cell before its opening quote is taken as unclosed. */
export const DEFAULT_MAX_RECORD_CHARS = 1_000_000;

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** State-machine modes for the record in progress. */
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;

/** A line-end or quote position not yet searched for. */
const UNKNOWN = -2;

/**
 * The tokenizer's machinery, for any kind of output: it finds records and cells and tells the
 * subclass where they are (`addCell`, `record`, `plainRecord`, `flush`). `CsvTokenizer`
 * (csv-tokenizer.ts) makes strings of them; `PositionTokenizer` (positions.ts) only writes their
 * positions.
 */
export abstract class TokenizerCore<T> {
  /** Issues noticed so far (unclosed quotes). The owner may drain it (`issues.length = 0`). */
  readonly issues: TokenizerIssue[] = [];

  protected readonly delim: string;
  private readonly delimCode: number;
  private readonly maxCell: number;
  protected readonly maxLine: number;

  /** Unconsumed text; `buf[recStart]` is the first character of the record in progress. */
  protected buf = '';
  protected recStart = 0;
  /** Physical line of the record starting at `recStart`. */
  protected line = 1;
  /** Line breaks inside the record so far (in quoted cells already closed). */
  private breaks = 0;
  private mode = FIELD_START;
  /** FIELD_START: where the next field starts. UNQUOTED: where the scan resumes. */
  private pos = 0;
  private fieldStart = 0;
  private quoteOpen = 0;
  private searchFrom = 0;
  private escaped = false;
  /** Line of a quote being re-read as a literal (0: none); reported when its cell ends. */
  private unclosedLine = 0;
  private final = false;
  /** Chunks pushed while a long record is unfinished, not yet appended to `buf`. */
  private readonly held = new HeldText();
  /** Below this position no quote or line break exists in `buf` (saves rescans of long lines). */
  private scanned = 0;
  // Next quote / LF / CR at or after the current record (valid within one `run`).
  private nextQuote = UNKNOWN;
  private nextLf = UNKNOWN;
  private nextCr = UNKNOWN;

  /**
   * @param opts.delimiter one character.
   * @param opts.maxRecordChars longest quoted cell accepted before its quote is taken as unclosed.
   * @param opts.maxLineChars longest record accepted (default {@link DEFAULT_MAX_LINE_CHARS}, or
   *   twice `maxRecordChars` if that is more, so an unclosed quote is re-read before it trips).
   */
  constructor(opts: { delimiter: string; maxRecordChars?: number; maxLineChars?: number }) {
    if (opts.delimiter.length !== 1) throw new Error(`delimiter must be one character: ${JSON.stringify(opts.delimiter)}`);
    this.delim = opts.delimiter;
    this.delimCode = opts.delimiter.charCodeAt(0);
    this.maxCell = opts.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
    this.maxLine = opts.maxLineChars ?? Math.max(DEFAULT_MAX_LINE_CHARS, this.maxCell * 2);
  }

  /**
   * Feed the next piece of text; complete records are passed to `out` in order.
   * @throws CsvLineTooLong when the record in progress passes `maxLineChars`.
   */
  push(chunk: string, out: (row: T) => void): void {
    if (this.final) throw new Error('CsvTokenizer: push after end');
    // `run` left the record in progress at position 0
    const text = this.held.offer(chunk, this.buf.length - this.recStart, this.maxLine);
    if (text === null) return;
    this.buf += text;
    this.run(out);
    // What is left is one unfinished record: past the limit it is junk, not a record to wait for.
    if (this.buf.length - this.recStart > this.maxLine) throw new CsvLineTooLong(this.line, this.maxLine);
  }

  /** Signal the end of input: the last record (with or without a terminator) is passed to `out`. */
  end(out: (row: T) => void): void {
    if (this.final) return;
    this.final = true;
    this.buf += this.held.take();
    this.run(out);
    this.buf = '';
    this.recStart = 0;
  }

  private run(out: (row: T) => void): void {
    this.nextQuote = this.nextLf = this.nextCr = UNKNOWN;
    for (;;) {
      // at a record's start (after a delimiter `pos` is past it)
      if (this.mode === FIELD_START && this.pos === this.recStart) {
        if (this.recStart >= this.buf.length) break;
        const r = this.plainLine(out);
        if (r === 1) continue;
        if (r === 0) break;
      }
      if (!this.stateMachine(out)) break;
    }
    this.flush(out);
    this.rebase();
  }

  /** Drop consumed text so positions stay small and the buffer does not grow. */
  protected rebase(): void {
    const k = this.recStart;
    if (k === 0) return;
    this.buf = this.buf.slice(k);
    this.recStart = 0;
    this.pos -= k;
    this.fieldStart -= k;
    this.quoteOpen -= k;
    this.searchFrom -= k;
    this.scanned = Math.max(0, this.scanned - k);
  }

  /**
   * Fast path at a record start: a line with no quote before its end is split natively.
   * @returns 1 record emitted, 0 need more input, -1 use the state machine.
   */
  private plainLine(out: (row: T) => void): number {
    const buf = this.buf;
    const p = this.recStart;
    const from = p > this.scanned ? p : this.scanned;
    if (this.nextLf !== -1 && this.nextLf < p) this.nextLf = buf.indexOf('\n', from);
    if (this.nextCr !== -1 && this.nextCr < p) this.nextCr = buf.indexOf('\r', from);
    if (this.nextQuote !== -1 && this.nextQuote < p) this.nextQuote = buf.indexOf('"', from);
    const lf = this.nextLf;
    const cr = this.nextCr;
    const e = lf === -1 ? cr : cr === -1 || lf < cr ? lf : cr;
    const q = this.nextQuote;
    if (q !== -1 && (e === -1 || q < e)) return -1;
    let next: number;
    if (e === -1) {
      if (!this.final) {
        this.scanned = buf.length;
        return 0;
      }
      next = buf.length;
      this.emitPlain(out, p, next, next);
      return 1;
    }
    if (e === cr) {
      if (e + 1 < buf.length) next = buf.charCodeAt(e + 1) === LF ? e + 2 : e + 1;
      else if (this.final) next = e + 1;
      else return 0; // a \n may follow in the next chunk
    } else {
      next = e + 1;
    }
    this.emitPlain(out, p, e, next);
    return 1;
  }

  /** A record without quotes, `buf[start, end)`, ends; the next starts at `next`. */
  private emitPlain(out: (row: T) => void, start: number, end: number, next: number): void {
    if (end - start > this.maxLine) throw new CsvLineTooLong(this.line, this.maxLine);
    this.plainRecord(out, start, end);
    this.line++;
    this.recStart = this.pos = next;
  }

  /** Hand out the record `buf[start, end)` of the current `line`: it has no quote. */
  protected abstract plainRecord(out: (row: T) => void, start: number, end: number): void;
  /** A cell of the record in progress: `buf[start, end)`, with `""` to undo when `escaped`. */
  protected abstract addCell(start: number, end: number, escaped: boolean): void;
  /** Hand out the record in progress (its cells added), `buf[recStart, termPos)`, of `line`. */
  protected abstract record(out: (row: T) => void, termPos: number): void;
  /** Called once per `push`/`end`, before consumed text is dropped. */
  protected abstract flush(out: (row: T) => void): void;

  /**
   * Advance the record in progress as far as the buffer allows.
   * @returns true when a record was emitted, false when more input is needed.
   */
  private stateMachine(out: (row: T) => void): boolean {
    const buf = this.buf;
    const len = buf.length;
    const d = this.delimCode;
    for (;;) {
      if (this.mode === FIELD_START) {
        const p = this.pos;
        if (p >= len) {
          if (!this.final) return false;
          this.addCell(len, len, false); // input ended right after a delimiter
          return this.emit(out, len, len);
        }
        if (buf.charCodeAt(p) === QUOTE) {
          this.mode = QUOTED;
          this.quoteOpen = p;
          this.searchFrom = p + 1;
          this.escaped = false;
        } else {
          this.mode = UNQUOTED;
          this.fieldStart = p;
        }
      }

      if (this.mode === UNQUOTED) {
        let i = this.pos;
        let c = 0;
        for (; i < len; i++) {
          c = buf.charCodeAt(i);
          if (c === d || c === LF || c === CR) break;
        }
        if (i >= len) {
          this.pos = len;
          if (!this.final) return false;
          this.pushUnquoted(this.fieldStart, len);
          return this.emit(out, len, len);
        }
        if (c === d) {
          this.pushUnquoted(this.fieldStart, i);
          this.pos = i + 1;
          this.mode = FIELD_START;
          continue;
        }
        const next = this.afterLineEnd(i);
        if (next < 0) {
          this.pos = i;
          return false;
        }
        this.pushUnquoted(this.fieldStart, i);
        return this.emit(out, i, next);
      }

      // QUOTED: jump from quote to quote.
      const q = buf.indexOf('"', this.searchFrom);
      if (q === -1 || q - this.quoteOpen > this.maxCell) {
        if (q === -1 && len - this.quoteOpen <= this.maxCell && !this.final) {
          this.searchFrom = len;
          return false;
        }
        this.unclosed();
        continue;
      }
      if (q + 1 >= len && !this.final) {
        this.searchFrom = q; // is it `""`? The next chunk tells.
        return false;
      }
      const n = q + 1 < len ? buf.charCodeAt(q + 1) : -1;
      if (n === QUOTE) {
        this.escaped = true;
        this.searchFrom = q + 2;
        continue;
      }
      if (n === d || n === -1) {
        this.closeQuoted(q);
        if (n === -1) return this.emit(out, len, len);
        this.pos = q + 2;
        this.mode = FIELD_START;
        continue;
      }
      if (n === CR || n === LF) {
        const next = this.afterLineEnd(q + 1);
        if (next < 0) {
          this.searchFrom = q;
          return false;
        }
        this.closeQuoted(q);
        return this.emit(out, q + 1, next);
      }
      // Text after the closing quote: not an RFC quoted cell. On one line it is an exporter's
      // unescaped quotes (FreePBX clid `"User 9" <113>`): keep the cell literally. Across a line
      // break the "closing" quote is really the opening quote of a later cell and ours is a
      // stray one: read it as a literal instead of gluing lines together.
      const inner = countLineBreaks(buf, this.quoteOpen + 1, q);
      if (inner > 0) {
        this.unclosed();
        continue;
      }
      this.mode = UNQUOTED;
      this.fieldStart = this.quoteOpen;
      this.pos = q + 1;
    }
  }

  private closeQuoted(q: number): void {
    const buf = this.buf;
    const from = this.quoteOpen + 1;
    // Count the cell's line breaks only when the next one found (native indexOf, cached across
    // the cells of a line, as in `plainLine`) lies inside it: nearly every quoted cell has none.
    if (this.nextLf !== -1 && this.nextLf < from) this.nextLf = buf.indexOf('\n', from);
    if (this.nextCr !== -1 && this.nextCr < from) this.nextCr = buf.indexOf('\r', from);
    if ((this.nextLf !== -1 && this.nextLf < q) || (this.nextCr !== -1 && this.nextCr < q)) this.breaks += countLineBreaks(buf, from, q);
    this.addCell(from, q, this.escaped);
  }

  /** The quote at `quoteOpen` never closes: re-read the cell with it as a literal character. */
  private unclosed(): void {
    this.unclosedLine = this.line + this.breaks;
    this.mode = UNQUOTED;
    this.fieldStart = this.quoteOpen;
    this.pos = this.quoteOpen + 1;
  }

  /** Push an unquoted cell; if it is a re-read unclosed one, report it now that its text is known
   *  (the same text however the input was chunked). */
  private pushUnquoted(start: number, end: number): void {
    this.addCell(start, end, false);
    if (this.unclosedLine === 0) return;
    this.issues.push({ code: 'unclosed_quote', line: this.unclosedLine, value: this.buf.slice(start, Math.min(end, start + 60)) });
    this.unclosedLine = 0;
  }

  /** Position after the line terminator at `i`, or -1 when a `\r` ends the buffer mid-stream. */
  private afterLineEnd(i: number): number {
    const buf = this.buf;
    if (buf.charCodeAt(i) === LF) return i + 1;
    if (i + 1 < buf.length) return buf.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
    return this.final ? i + 1 : -1;
  }

  private emit(out: (row: T) => void, termPos: number, next: number): boolean {
    if (termPos - this.recStart > this.maxLine) throw new CsvLineTooLong(this.line, this.maxLine);
    this.record(out, termPos);
    this.line += this.breaks + 1;
    this.breaks = 0;
    this.mode = FIELD_START;
    this.recStart = this.pos = next;
    return true;
  }
}
