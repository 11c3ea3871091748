/**
 * Reading one big CSV file with two threads (issue 5, item 4): the file is cut in two just after
 * a line feed (split.ts); a worker thread reads the second part while the main thread reads the
 * first, and the main thread then adopts the worker's records. The result must be exactly that
 * of one thread reading the whole file, so the second part is adopted only when
 * - the cut is a record boundary: the main thread's reader starts a record on the cut's line;
 * - no column's reading depends on rows across the cut: no date in the second part is slashed or
 *   ten digits (day/month order and Unix seconds are decided by the other values), the decimal
 *   marks agree, and no rows wait for an undecided column at the cut or at the end;
 * - no record id of the second part occurred in the first (merging needs reading order).
 * Otherwise the worker's result is dropped and the main thread reads on — slower, never different.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ColumnState } from '../cells.js';
import type { InputStats } from '../stats.js';
import type { PartDone, PartJob, PartMessage } from './protocol.js';

/** The compiled worker module, next to this one. */
const WORKER = new URL('./worker.js', import.meta.url);

/** Whether a worker can be started (the compiled worker exists: not so under a TS test runner). */
export function workersAvailable(worker: URL = WORKER): boolean {
  return worker.protocol === 'file:' && existsSync(fileURLToPath(worker));
}

/** The second part of a file, being read by a worker thread. */
export class PartRead {
  /** Physical line where the part starts; 0 until the worker has counted it. */
  line = 0;
  private readonly worker: Worker;
  private readonly result: Promise<PartDone | null>;
  private readonly lineKnown: Promise<void>;
  private settled = false;

  constructor(worker: URL | undefined, job: PartJob) {
    this.worker = new Worker(worker ?? WORKER, { workerData: job });
    // a part that is no longer wanted must not keep the process alive
    this.worker.unref();
    let lineKnown = () => {};
    this.lineKnown = new Promise((resolve) => (lineKnown = resolve));
    this.result = new Promise((resolve) => {
      this.worker.on('message', (m: PartMessage) => {
        if (m.type === 'line') this.line = m.line;
        else resolve(m.type === 'done' ? m : null);
        lineKnown();
      });
      const fail = () => {
        resolve(null);
        lineKnown();
      };
      this.worker.on('error', fail);
      this.worker.on('exit', fail);
    });
  }

  /** Resolves once the part's first line is known (or the worker has failed: `line` stays 0). */
  lineReady(): Promise<void> {
    return this.lineKnown;
  }

  /** True for a row at or after the part's first line (once that line is known). */
  owns(line: number): boolean {
    return this.line > 0 && line >= this.line;
  }

  /** The worker's records, or null when it failed. */
  async done(): Promise<PartDone | null> {
    const r = await this.result;
    this.settled = true;
    return r;
  }

  /** Stop the worker (its result is not wanted). */
  cancel(): void {
    if (!this.settled) void this.worker.terminate();
    this.settled = true;
  }
}

/**
 * Whether the second part reads the same as it would after the first (see the module comment):
 * `first` is the main thread's column state at the cut, `second` the worker's at the end.
 */
export function partsAgree(first: readonly ColumnState[], second: readonly ColumnState[]): boolean {
  for (const b of second) {
    const a = first.find((x) => x.field === b.field);
    if (a === undefined || a.date !== b.date) return false;
    if (b.date) {
      if (b.sensitive) return false;
      continue;
    }
    if (a.date) return false;
    if (a.conflicting || b.conflicting || b.undecided) return false;
    if (a.format !== null && b.format !== null && a.format !== b.format) return false;
    // a currency only the second part has: one reader must see all of them (mixed_currency)
    if (b.currencies.some((c) => !a.currencies.includes(c))) return false;
  }
  return true;
}

/** Add the counts of a part to the file's. */
export function addStats(to: InputStats, part: InputStats): void {
  to.rows_read += part.rows_read;
  to.rows_used += part.rows_used;
  to.rows_rejected += part.rows_rejected;
  to.rows_blank += part.rows_blank;
  to.rows_merged += part.rows_merged;
  to.rows_void += part.rows_void;
  to.rows_excluded += part.rows_excluded;
  to.warnings += part.warnings;
}
