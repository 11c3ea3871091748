/** The shape every generated CSV export has: a header and a row source the writer drains. */

/** A CSV export being generated, one line at a time (no line holds a line break). */
export interface CsvTable {
  /** Write a UTF-8 byte-order mark first (Excel-friendly exports do). */
  readonly bom: boolean;
  /** The line ending (`\r\n` for Windows-born exports, `\n` for Linux ones). */
  readonly eol: string;
  /** The header line, already quoted as the export quotes it. */
  readonly header: string;
  /** How many data rows `next` yields. */
  readonly rows: number;
  /** The next data line, without its line ending. Call exactly `rows` times. */
  next(): string;
  /** The file's encoding (default UTF-8): old Russian boxed CRMs and 1C export windows-1251. */
  readonly encoding?: 'utf-8' | 'windows-1251';
}
