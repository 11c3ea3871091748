/**
 * The HTML table reader: Bitrix24's "Экспорт в Excel" (an HTML `<table>` saved as `.xls`, see
 * EXPORT-FORMATS §0.2) and any document of that shape. Bytes → decoded text → the rows of the
 * first table with at least two rows, streamed (scanner.ts). Knows nothing about kinds, headers
 * or fields; it hands out `RawRow`s as the CSV reader does, `line` being the row's number in the
 * table.
 */
import { isAscii } from 'node:buffer';
import { makeIssue, type Issue } from '../../errors/issue.js';
import { inputError, type KpiError } from '../../errors/kpi-error.js';
import type { RawRow, ReaderInfo, RowBatches } from '../types.js';
import type { CellRange } from '../xlsx/merges.js';
import { openByteSource, type ByteSource } from '../csv/byte-source.js';
import { decoderName } from '../csv/encoding.js';
import { encodingGuessed, LateDecoder } from '../csv/late-decoder.js';
import { QueuedRows } from '../queued-rows.js';
import { SAMPLE_BYTES } from '../csv/read-csv.js';
import { htmlEncoding } from './charset.js';
import { HtmlRowTooLong, HtmlTableScanner } from './scanner.js';

/** Options of {@link readHtml}. */
export interface HtmlOptions {
  /** The file name used in issues and messages (as the user gave it; `-` for stdin). */
  file: string;
  /** Declared encoding (any iconv-lite name); null/`auto` reads the `<meta>` or detects. */
  encoding?: string | null;
  /** Longest table row before the file is refused (default 8 Mi characters, the CSV record limit). */
  maxRowChars?: number;
}

/** An opened HTML table: what was detected, the `colspan` ranges of its first rows, its rows. */
export interface HtmlTable {
  info: ReaderInfo;
  merges: CellRange[];
  rows: HtmlRows;
}

/**
 * Open an HTML input, decide its encoding from the first 64 KiB, and read on until its first
 * table with at least two rows has its second row. Null when the document has no such table (the
 * caller refuses it as today: `format_unsupported`); the input is then closed.
 *
 * The returned `merges` are filled as the first rows are read: complete once the header search's
 * rows have been taken from `rows`.
 *
 * @throws KpiError exit 3 for a missing or unreadable file, and `file_unreadable` (with the row)
 *   for a row longer than `maxRowChars` — now or while iterating the rows; exit 2 for an unknown
 *   declared encoding.
 */
export async function readHtml(
  input: { path: string } | { stream: NodeJS.ReadableStream },
  opts: HtmlOptions,
  issues: Issue[],
): Promise<HtmlTable | null> {
  const src = await openByteSource(input, opts.file, SAMPLE_BYTES);
  let enc;
  try {
    enc = htmlEncoding(src.head.subarray(0, SAMPLE_BYTES), opts.encoding);
  } catch (e) {
    src.close();
    throw e;
  }
  if (enc.guessed) issues.push(encodingGuessed(opts.file, enc.encoding));
  // As in the CSV reader: an all-ASCII start (markup, numeric references) proves nothing about
  // the text after it; the first non-ASCII bytes decide (HtmlRows.settle).
  const auto = opts.encoding == null || opts.encoding.trim().toLowerCase() === 'auto';
  const asciiSoFar = auto && !enc.fromMeta && enc.encoding === 'utf-8' && !src.ended && isAscii(src.head);
  const info: ReaderInfo = {
    format: 'html',
    encoding: enc.encoding,
    encodingGuessed: enc.guessed,
    delimiter: null,
    sheet: null,
    sheets: [],
    ...(asciiSoFar ? { asciiSoFar: true } : {}),
  };
  const scanner = new HtmlTableScanner({ maxRowChars: opts.maxRowChars });
  const rows = new HtmlRows(src, enc.bomLength, decoderName(enc.encoding), scanner, opts.file, issues, asciiSoFar ? info : null);
  if (!(await rows.findTable())) return null;
  return { info, merges: scanner.merges, rows };
}

/** A row past the size limit: the file is refused (exit 3) with the row where it starts. */
function rowTooLong(file: string, e: HtmlRowTooLong): KpiError {
  const mib = Math.round(e.limit / (1024 * 1024));
  const message = `the table row starting here runs past ${mib} Mi characters without ending: this is not a table export, or it is damaged`;
  const hint = 'check that this is the exported file; re-export it, or export CSV';
  const issue = makeIssue('file_unreadable', { file, line: e.line }, { message, expected: `rows under ${mib} Mi characters`, hint });
  return inputError(`${file}:${e.line}: error[file_unreadable] ${message}`, { issue, hint });
}

/**
 * The row stream: pulls a chunk, decodes it, scans it, and hands out the table's rows. Stops
 * reading at the table's end. Single use.
 */
export class HtmlRows extends QueuedRows<RawRow> implements RowBatches {
  private started = false;
  private readonly decoder: LateDecoder;
  private readonly collect = (row: RawRow): void => {
    this.queue.push(row);
  };

  constructor(
    private readonly src: ByteSource,
    private readonly bomLength: number,
    encoding: string,
    private readonly scanner: HtmlTableScanner,
    private readonly file: string,
    private readonly issues: Issue[],
    /** The reader's info while the input has been all ASCII (encoding still open); else null. */
    asciiSoFar: ReaderInfo | null = null,
  ) {
    super();
    this.decoder = new LateDecoder(encoding, asciiSoFar, file, issues);
  }

  /** Read until the table to read is known (true) or the input ends without one (false). */
  async findTable(): Promise<boolean> {
    try {
      while (!this.scanner.committed && !this.done) await this.step();
    } catch (e) {
      this.finish();
      throw this.mapError(e);
    }
    if (this.scanner.committed) return true;
    this.finish();
    return false;
  }

  /** Read and scan one more chunk (the end of the input, or of the table, finishes). */
  protected async step(): Promise<void> {
    if (!this.started) {
      this.started = true;
      this.feed(this.src.head.subarray(this.bomLength));
    } else {
      const r = await this.src.rest.next();
      if (r.done) {
        const tail = this.decoder.end();
        if (tail) this.scanner.push(tail, this.collect);
        this.scanner.end(this.collect);
      } else this.feed(r.value);
    }
    // the table has ended: the rest of the document is not read
    if (this.scanner.finished) {
      this.done = true;
      this.src.close();
    }
  }

  private feed(bytes: Buffer): void {
    const text = this.decoder.write(bytes);
    if (text.length > 0) this.scanner.push(text, this.collect);
  }

  protected mapError(e: unknown): unknown {
    return e instanceof HtmlRowTooLong ? rowTooLong(this.file, e) : e;
  }

  protected close(): void {
    this.src.close();
  }
}
