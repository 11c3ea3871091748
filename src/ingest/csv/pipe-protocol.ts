/**
 * What the main thread and a reading worker exchange (see piped-rows.ts). Plain data: issues
 * are plain objects, pieces are text plus a transferred Int32Array.
 */
import type { Issue } from '../../errors/issue.js';
import type { Piece } from './positions.js';
import type { CodeJob } from './cell-codes.js';
import type { PackedDictParts } from '../../records/table/packed-dict.js';

/** What the worker reads: a CSV file as `readCsv` would, with the same options. */
export interface PipeJob {
  path: string;
  /** The file as the user named it (messages). */
  file: string;
  encoding: string | null;
  delimiter: string | null;
  maxRecordChars?: number;
  maxLineChars?: number;
}

/** What one `nextBatch` of the worker's reader gave: the issues found meanwhile, then its records. */
export interface Segment {
  issues: Issue[];
  pieces: Piece[];
  /** Records to drop at the start of these pieces (the Excel `sep=` line). */
  skip: number;
  /** The reader's encoding as settled so far (an all-ASCII start leaves it open). */
  encoding: string | null;
  encodingGuessed: boolean;
  asciiSoFar: boolean;
}

export interface PipeData {
  type: 'data';
  segments: Segment[];
  /** The last message: the file is read. */
  done: boolean;
  /** With the last message, when cell codes were asked for (`CellCodes`): the dictionary they count in. */
  codes?: PackedDictParts | null;
}

/** The read failed: a KpiError (exit code, issue, hint) or an internal error. */
export interface PipeFailed {
  type: 'failed';
  exitCode: number | null;
  message: string;
  hint: string | null;
  issue: Issue | null;
  stack: string | null;
}

export type PipeMessage = PipeData | PipeFailed;

/**
 * Main → worker: the main thread has used up a message (the worker may send another); it sends
 * back that message's position arrays for reuse.
 */
export interface PipeMore {
  type: 'more';
  spare: ArrayBuffer[];
}

/**
 * Main → worker: number the cells of these columns from the next piece on (see
 * `PositionTokenizer.numberColumns`); sent once the main thread has mapped the header.
 */
export interface PipeNumber {
  type: 'number';
  columns: number[];
  /** Also code the cells of these columns (see `CellCodes`). */
  codes: CodeJob | null;
}

/**
 * Main → worker: stop marking repeated records (`RawRow.repeat`), sent once the main thread has
 * mapped the header and knows it checks no duplicates in this file (its records have ids) — or,
 * with `keepHashes`, checks them itself from each record's hash (see `PositionTokenizer.stopRepeats`).
 */
export interface PipeNoRepeats {
  type: 'no-repeats';
  keepHashes: boolean;
}

export type PipeToWorker = PipeMore | PipeNumber | PipeNoRepeats;
