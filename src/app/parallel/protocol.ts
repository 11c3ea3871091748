/**
 * What the main thread and a part-reading worker exchange (see part.ts). Everything is plain
 * data: settings are compiled again from the config on the worker side, tables come back as
 * typed arrays (transferred, not copied) plus their dictionaries.
 */
import type { Issue } from '../../errors/issue.js';
import type { Kind } from '../../records/types.js';
import type { Day } from '../../period/types.js';
import type { ResolvedConfig } from '../../config/schema.js';
import type { TableState } from '../../records/table/base.js';
import type { ColumnState } from '../cells.js';
import type { Contribution } from '../merge-store.js';
import type { InputStats } from '../stats.js';
import type { SourceConfig } from '../config-types.js';
import type { TableSetup } from '../table-setup.js';

/** Read the rows of one file from byte `start` to its end. */
export interface PartJob {
  path: string;
  /** The file as the user named it (messages). */
  display: string;
  start: number;
  /**
   * iconv-lite name and delimiter detected on the whole file; encoding null when the file's start
   * was all ASCII (still open): the part then detects its own, and is adopted only if it agrees.
   */
  encoding: string | null;
  delimiter: string;
  kind: Kind;
  setup: TableSetup;
  source: SourceConfig | null;
  /** Index of the file among all inputs. */
  input: number;
  config: ResolvedConfig;
  tz: string;
  today: Day;
  /** Rows the part is expected to hold (0: unknown), to size its table once. */
  expectedRows: number;
}

/** Sent first: the physical line at `start` (1 + line breaks before it). */
export interface PartLine {
  type: 'line';
  line: number;
}

export interface PartDone {
  type: 'done';
  table: TableState;
  /** Per-row details the merge store kept (by the part's record index). */
  tracked: [number, Contribution[]][];
  stats: InputStats;
  issues: Issue[];
  /** Duplicate-check hashes of the part's rows (see DuplicateRows.takeDeferred). */
  duplicates: { h: Uint32Array; line: Int32Array; at: Int32Array };
  /** Rows still waiting for an undecided column at the end of the part. */
  waiting: number;
  detection: ColumnState[];
  /** The encoding the part was read with, and whether all its bytes were ASCII. */
  encoding: string | null;
  asciiSoFar: boolean;
}

export interface PartFailed {
  type: 'failed';
  message: string;
}

export type PartMessage = PartLine | PartDone | PartFailed;
