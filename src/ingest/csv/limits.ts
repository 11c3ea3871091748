/**
 * The CSV reader's size limit on one record, and the error that reports it. Pure.
 */

/**
 * Default limit on one record (line, or lines joined by quoted line breaks): 8 Mi characters.
 * Far beyond any export (10,000 columns of 800 characters), yet small enough that the record, its
 * cells array and the copies downstream stay well inside a 256 MB heap.
 */
export const DEFAULT_MAX_LINE_CHARS = 8 * 1024 * 1024;

/** Thrown by the CSV tokenizer when one record passes `maxLineChars` without ending. */
export class CsvLineTooLong extends Error {
  constructor(
    /** Physical line where the record starts. */
    readonly line: number,
    /** The limit passed, in characters. */
    readonly limit: number,
  ) {
    super(`the record starting on line ${line} is longer than ${limit} characters`);
    this.name = 'CsvLineTooLong';
  }
}
