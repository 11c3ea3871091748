/**
 * The CSV reader: bytes → decoded text → records, streamed. Knows nothing about kinds, headers or
 * fields; it yields every record with its physical start line and raw text.
 */
import { isAscii } from 'node:buffer';
import { makeIssue, type Issue } from '../../errors/issue.js';
import { EXIT, KpiError, inputError } from '../../errors/kpi-error.js';
import type { RawRow, ReaderInfo, RowBatches } from '../types.js';
import { openByteSource, type ByteSource } from './byte-source.js';
import { detectDelimiter } from './delimiter.js';
import { decoderName, detectEncoding } from './encoding.js';
import { CsvLineTooLong, type TokenizerCore, type TokenizerIssue } from './tokenizer.js';
import { CsvTokenizer } from './csv-tokenizer.js';
import { PositionTokenizer, type Piece } from './positions.js';
import { streamDecoder } from './decoder.js';
import { encodingGuessed, LateDecoder } from './late-decoder.js';
import { QueuedRows } from '../queued-rows.js';

/** Options of {@link readCsv}. */
export interface CsvOptions {
  /** The file name used in issues and messages (as the user gave it; `-` for stdin). */
  file: string;
  /** Declared encoding (any iconv-lite name); null/`auto` detects. */
  encoding?: string | null;
  /** Declared delimiter (`;`, `tab`, …); null/`auto` detects. */
  delimiter?: string | null;
  /** Longest quoted cell before its quote counts as unclosed (default 1,000,000 characters). */
  maxRecordChars?: number;
  /** Longest record before the file is refused (default 8 Mi characters; see tokenizer.ts). */
  maxLineChars?: number;
}

/** Bytes read before anything is decided (SPEC-DECISIONS #57). */
export const SAMPLE_BYTES = 64 * 1024;

/**
 * Open a CSV input, detect its encoding and delimiter from the first 64 KiB, and stream its
 * records. The sample bytes are decoded again as the start of the stream, so stdin works too;
 * the file is never held as one array of rows.
 *
 * Issues found along the way are pushed to `issues`: `encoding_guessed` (info) at once,
 * `unclosed_quote` (warning: the row is still read, with the quote taken literally) as the rows
 * are read. An Excel `sep=X` first line is consumed, not yielded; line numbers stay physical.
 *
 * @throws KpiError exit 3 for a missing (`file_not_found`) or unreadable file and an ambiguous
 *   delimiter (`delimiter_ambiguous`, hint `delimiter:`); exit 2 for an unknown declared encoding
 *   or an unusable declared delimiter. While iterating the rows: exit 3 `file_unreadable` (with
 *   the line) for a record longer than `maxLineChars`, and for read errors.
 */
export async function readCsv(
  input: { path: string; start?: number } | { stream: NodeJS.ReadableStream },
  opts: CsvOptions,
  issues: Issue[],
): Promise<{ info: ReaderInfo; rows: AsyncIterable<RawRow> & AsyncIterator<RawRow> & RowBatches }> {
  const o = await openCsv(input, opts, issues);
  const tokenizer = new CsvTokenizer({ delimiter: o.delimiter, maxRecordChars: opts.maxRecordChars, maxLineChars: opts.maxLineChars });
  return { info: o.info, rows: new CsvRows(o.src, o.bomLength, o.encoding, tokenizer, o.sepLine, opts.file, issues, o.info.asciiSoFar ? o.info : null) };
}

/**
 * {@link readCsv} for a worker thread: the same detection and decoding, but the records come as
 * {@link Piece}s (positions in the decoded text; see positions.ts), and an Excel `sep=` line is
 * not dropped here — `sepLine` says whether the first record is one. Arrays put in `spare` are
 * reused for the pieces' positions.
 */
export async function readCsvPieces(
  input: { path: string },
  opts: CsvOptions,
  issues: Issue[],
): Promise<{ info: ReaderInfo; sepLine: boolean; pieces: CsvRows<Piece>; tokenizer: PositionTokenizer }> {
  const o = await openCsv(input, opts, issues);
  const tokenizer = new PositionTokenizer({ delimiter: o.delimiter, maxRecordChars: opts.maxRecordChars, maxLineChars: opts.maxLineChars });
  const pieces = new CsvRows(o.src, o.bomLength, o.encoding, tokenizer, false, opts.file, issues, o.info.asciiSoFar ? o.info : null);
  return { info: o.info, sepLine: o.sepLine, pieces, tokenizer };
}

/** Open the input and detect its encoding and delimiter (see {@link readCsv}). */
async function openCsv(
  input: { path: string; start?: number } | { stream: NodeJS.ReadableStream },
  opts: CsvOptions,
  issues: Issue[],
): Promise<{ src: ByteSource; info: ReaderInfo; bomLength: number; encoding: string; delimiter: string; sepLine: boolean }> {
  const src = await openByteSource(input, opts.file, SAMPLE_BYTES);
  let enc;
  let delim;
  try {
    const sample = src.head.subarray(0, SAMPLE_BYTES);
    enc = detectEncoding(sample, opts.encoding);
    const sampleText = streamDecoder(decoderName(enc.encoding)).write(sample.subarray(enc.bomLength));
    const truncated = !src.ended || src.head.length > SAMPLE_BYTES;
    delim = detectDelimiter(sampleText, opts.delimiter, { truncated });
  } catch (e) {
    src.close();
    throw withFile(e, opts.file);
  }
  if (enc.guessed) issues.push(encodingGuessed(opts.file, enc.encoding));
  // An all-ASCII start proves nothing: a Windows-1251 log may reach its first Cyrillic name after
  // 64 KiB. ASCII reads the same in UTF-8, 1251 and 1252, so the reader goes on as UTF-8 and
  // decides at the first non-ASCII bytes (CsvRows.settle) — stdin included, nothing read twice.
  const auto = opts.encoding == null || opts.encoding.trim().toLowerCase() === 'auto';
  const asciiSoFar = auto && enc.encoding === 'utf-8' && !src.ended && isAscii(src.head);
  const info: ReaderInfo = {
    format: 'csv',
    encoding: enc.encoding,
    encodingGuessed: enc.guessed,
    delimiter: delim.delimiter,
    sheet: null,
    sheets: [],
    ...(asciiSoFar ? { asciiSoFar: true } : {}),
  };
  return { src, info, bomLength: enc.bomLength, encoding: decoderName(enc.encoding), delimiter: delim.delimiter, sepLine: delim.sepLine };
}

/** A detection error gets the file name and, for an ambiguous delimiter, its issue. */
function withFile(e: unknown, file: string): unknown {
  if (!(e instanceof KpiError) || e.exitCode !== EXIT.input) return e;
  const message = e.message.replace(/^error\[delimiter_ambiguous\] /, '');
  return inputError(`${file}: ${e.message}`, {
    issue: makeIssue('delimiter_ambiguous', { file }, { message, hint: e.hint }),
    hint: e.hint ?? undefined,
  });
}

/**
 * The record stream: pulls a chunk, decodes it (the streaming decoder keeps a character
 * split across chunks whole), tokenizes it, and hands out the records (rows, or pieces of a
 * position tokenizer). Single use.
 */
export class CsvRows<T = RawRow> extends QueuedRows<T> {
  private started = false;
  private skipSepLine: boolean;
  private readonly decoder: LateDecoder;
  private readonly collect = (row: T): void => {
    if (this.skipSepLine) {
      this.skipSepLine = false;
      return;
    }
    this.queue.push(row);
  };

  constructor(
    private readonly src: ByteSource,
    private readonly bomLength: number,
    encoding: string,
    private readonly tokenizer: TokenizerCore<T>,
    sepLine: boolean,
    private readonly file: string,
    private readonly issues: Issue[],
    /** The reader's info while the input has been all ASCII (encoding still open); else null. */
    asciiSoFar: ReaderInfo | null = null,
  ) {
    super();
    this.decoder = new LateDecoder(encoding, asciiSoFar, file, issues);
    this.skipSepLine = sepLine;
  }

  protected async step(): Promise<void> {
    if (!this.started) {
      this.started = true;
      this.feed(this.src.head.subarray(this.bomLength));
      return;
    }
    const r = await this.src.rest.next();
    if (r.done) {
      const tail = this.decoder.end();
      if (tail) this.tokenizer.push(tail, this.collect);
      this.tokenizer.end(this.collect);
      this.drainIssues();
      this.done = true;
      this.src.close();
    } else {
      this.feed(r.value);
    }
  }

  protected mapError(e: unknown): unknown {
    return e instanceof CsvLineTooLong ? lineTooLong(this.file, e) : e;
  }

  protected close(): void {
    this.src.close();
  }

  private feed(bytes: Buffer): void {
    const text = this.decoder.write(bytes);
    if (text.length > 0) this.tokenizer.push(text, this.collect);
    this.drainIssues();
  }

  private drainIssues(): void {
    const found = this.tokenizer.issues;
    if (found.length === 0) return;
    for (const t of found) this.issues.push(unclosedQuoteIssue(this.file, t));
    found.length = 0;
  }
}

/** A record past the size limit: the file is refused (exit 3) with the line where it starts. */
function lineTooLong(file: string, e: CsvLineTooLong): KpiError {
  const mib = Math.round(e.limit / (1024 * 1024));
  const message = `the record starting here runs past ${mib} Mi characters without ending: this is not a table export, or it is damaged`;
  const hint = 'check that this is the exported CSV file; re-export it, or split the file if it really has such long lines';
  const issue = makeIssue('file_unreadable', { file, line: e.line }, { message, expected: `records under ${mib} Mi characters`, hint });
  return inputError(`${file}:${e.line}: error[file_unreadable] ${message}`, { issue, hint });
}

function unclosedQuoteIssue(file: string, t: TokenizerIssue): Issue {
  return makeIssue('unclosed_quote', { file, line: t.line }, {
    severity: 'warning',
    value: t.value,
    expected: 'a closing quote for the cell opened here',
    message: 'a quoted cell is never closed; its quote was read as an ordinary character',
    hint: 'fix the quote in the source file, or double it ("") if it belongs to the text',
  });
}
