/**
 * Reading a CSV file on a second thread while this one loads its rows (issue 5, item 4): a
 * worker (pipe-worker.ts) reads, decodes and tokenizes the file exactly as `readCsv` does, and
 * posts where the records and cells are in the decoded text; this thread cuts the cells out
 * (`unpackPiece`) and hands out the same rows, issues and reader info, in the same order, that
 * `readCsv` would have. Reading is a quarter to a third of a report's work on one thread, so
 * the main thread gets that much less to do; the worker holds only a few chunks at a time.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Issue } from '../../errors/issue.js';
import { KpiError, type ExitCode } from '../../errors/kpi-error.js';
import type { RawRow, ReaderInfo, RowBatches } from '../types.js';
import { unpackPiece } from './positions.js';
import { PipeBalance, type Balance } from './pipe-balance.js';
import type { CodeJob } from './cell-codes.js';
import type { PackedDictParts } from '../../records/table/packed-dict.js';
import type { PipeData, PipeJob, PipeMessage, PipeMore, PipeNoRepeats, PipeNumber, Segment } from './pipe-protocol.js';

/** When a file is read on a second thread (`openTable`). */
export interface PipeOptions {
  /** The compiled worker module (default: next to this one; tests name the built one). */
  worker?: URL;
  /** Smallest file worth a thread (default {@link PIPE_MIN_BYTES}; tests lower it). */
  minBytes?: number;
  /** Who decides where the optional work goes (default a `PipeBalance`; tests script it). */
  balance?: () => Balance;
}

/**
 * Files smaller than this are read on the main thread alone. The worker takes 50–200 ms to
 * start and send its first rows (this thread reads meanwhile), and costs CPU time of its own:
 * measured on 1M-row files (docs/performance.md), a Bitrix lead list (176 MB) 9–11 % faster, a
 * 1C register (125 MB) 13 %, a call log (88 MB) and an Asterisk CDR (242 MB) 8 %, a HubSpot
 * list (168 MB) 3–11 %, a plain invoice register (59 MB) 6–12 %; 50 MB call and lead lists
 * 3–5 %; 40 MB files −2 to +5 %, 20 MB ones ±2 %.
 */
export const PIPE_MIN_BYTES = 48 * 1024 * 1024;

/** The worker's young generation (MB). */
const WORKER_YOUNG_MB = 8;

/** The compiled worker module, next to this one. */
const WORKER = new URL('./pipe-worker.js', import.meta.url);

/** Whether the worker can be started (it is compiled: not so when run from TypeScript sources). */
export function pipeWorkerAvailable(worker: URL = WORKER): boolean {
  return worker.protocol === 'file:' && existsSync(fileURLToPath(worker));
}

export class PipedRows implements AsyncIterable<RawRow>, AsyncIterator<RawRow>, RowBatches {
  private readonly worker: Worker;
  private readonly inbox: PipeMessage[] = [];
  private wake: (() => void) | null = null;
  /** The worker died without saying why (an uncaught error, an exit). */
  private broken: Error | null = null;
  private segments: Segment[] = [];
  private si = 0;
  /** `segments` came in the last message. */
  private last = false;
  /** A message is being used (the worker is told when the next one is taken). */
  private taken = false;
  private closed = false;
  /** Rows of the batch `next()` hands out one by one. */
  private rows: RawRow[] = [];
  private ri = 0;
  /** Reader issues in `issues` from this index on are about the rows (before it: the open's). */
  private readonly issuesFrom: number;
  /** Rows up to this line were handed out by `own` (0: none): the worker's up to it are dropped. */
  ownLine = 0;
  /** The worker's first issues, already reported by `own` (the two report alike, in order). */
  private dropIssues = 0;

  /**
   * @param info the reader info of this thread's own detection on the file, kept up to date as
   *   the worker settles an encoding left open.
   * @param issues where the reader's issues go, as `readCsv` puts them (those of the open
   *   excepted: this thread's detection reported them).
   * @param own this thread's `readCsv` of the same file, if any: its rows are handed out while
   *   the worker starts (~0.1 s), and the worker's rows from then on.
   */
  constructor(
    job: PipeJob,
    private readonly info: ReaderInfo,
    private readonly issues: Issue[],
    private own: (AsyncIterator<RawRow> & RowBatches) | null = null,
    worker: URL = WORKER,
    private readonly makeBalance: () => Balance = () => new PipeBalance(),
  ) {
    this.issuesFrom = issues.length;
    // the worker's garbage is each chunk's decoded text, twice (decoded, then joined to the record
    // left over): a young generation of 2 MB copied the live chunks in ~1,000 scavenges a 1M-row
    // Bitrix list (0.7 s of the worker); 8 MB: 0.4 s, the same peak (docs/performance.md item 91)
    this.worker = new Worker(worker, { workerData: job, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
    this.worker.on('message', (m: PipeMessage) => this.deliver(m));
    this.worker.on('error', (e: Error) => this.fail(e));
    this.worker.on('exit', (code) => this.fail(new Error(`the CSV reading thread stopped early (exit code ${code})`)));
    // kept alive only while this thread waits for it (see `receive`): an abandoned read must not
    // hold the process open. After the listeners: adding a 'message' listener refs the port.
    this.worker.unref();
  }

  /**
   * Have the worker number the cells of these columns (company names) from its next piece on:
   * rows then carry the ids (`RawRow.ids`), by which the normalizer finds the codes. The columns
   * at the `optional` indexes are numbered only while this thread is the slower one (see
   * `PipeBalance`): until then, and whenever the worker is the slower, their ids are -1 and the
   * normalizer works their cells out itself.
   */
  numberColumns(columns: number[], codes: CodeJob | null = null, optional: readonly number[] = []): void {
    this.layout = columns;
    this.optional = optional;
    this.balance = optional.length > 0 ? this.makeBalance() : null;
    this.postNumbering(codes);
  }

  private layout: number[] = [];
  private optional: readonly number[] = [];
  private balance: Balance | null = null;

  /** The layout, its optional columns numbered or not as `balance` says. */
  private postNumbering(codes: CodeJob | null): void {
    if (this.closed || this.broken !== null) return;
    const on = this.balance?.on ?? true;
    const columns = on ? this.layout : this.layout.map((c, j) => (this.optional.includes(j) ? -1 : c));
    const m: PipeNumber = { type: 'number', columns, codes };
    this.worker.postMessage(m);
  }

  /**
   * The dictionary of the cell codes the rows carried (see `CellCodes`), once every row is
   * handed out; null when none were asked for or none came (the file ended first).
   */
  takeCodes(): PackedDictParts | null {
    const p = this.codes;
    this.codes = null;
    return p;
  }

  private codes: PackedDictParts | null = null;

  /**
   * Cut out only the cells of the columns `want` marks (1) from the rows not yet handed out; the
   * others come as null, filled in by `completeCells` where something looks at every cell. Null:
   * every cell (the default).
   */
  wantColumns(want: Uint8Array | null): void {
    this.want = want;
  }

  private want: Uint8Array | null = null;

  /** Have the worker stop marking repeated records, with or without their hashes (see `PipeNoRepeats`). */
  stopRepeats(keepHashes = false): void {
    if (this.closed || this.broken !== null) return;
    const m: PipeNoRepeats = { type: 'no-repeats', keepHashes };
    this.worker.postMessage(m);
  }

  [Symbol.asyncIterator](): AsyncIterator<RawRow> {
    return this;
  }

  async next(): Promise<IteratorResult<RawRow>> {
    if (this.ri >= this.rows.length) {
      const batch = await this.nextBatch();
      if (batch === null) return { done: true, value: undefined };
      this.rows = batch as RawRow[];
      this.ri = 0;
    }
    return { done: false, value: this.rows[this.ri++]! };
  }

  async nextBatch(): Promise<readonly RawRow[] | null> {
    if (this.ri < this.rows.length) {
      const rest = this.rows.slice(this.ri);
      this.rows = [];
      this.ri = 0;
      return rest;
    }
    if (this.own !== null) {
      // until the worker has sent something; for good if it failed to start or died (this
      // thread then reads the file alone, as without a worker)
      if (this.inbox.length === 0 || this.broken !== null) {
        const batch = await this.own.nextBatch();
        if (batch === null) {
          // this thread read the whole file before the worker sent anything
          this.own = null;
          await this.close();
          return null;
        }
        this.ownLine = batch[batch.length - 1]!.line;
        return batch;
      }
      this.dropIssues = this.issues.length - this.issuesFrom;
      const own = this.own;
      this.own = null;
      await own.return?.();
    }
    for (;;) {
      const seg = await this.nextSegment();
      if (seg === null) return null;
      this.info.encoding = seg.encoding;
      this.info.encodingGuessed = seg.encodingGuessed;
      if (seg.asciiSoFar) this.info.asciiSoFar = true;
      else delete this.info.asciiSoFar;
      for (const issue of seg.issues) {
        if (this.dropIssues > 0) this.dropIssues--;
        else this.issues.push(issue);
      }
      const out: RawRow[] = [];
      let skip = seg.skip;
      for (const p of seg.pieces) skip = unpackPiece(p, out, skip, this.ownLine, this.want);
      if (out.length > 0) return out;
    }
  }

  async return(): Promise<IteratorResult<RawRow>> {
    await this.close();
    return { done: true, value: undefined };
  }

  private async nextSegment(): Promise<Segment | null> {
    for (;;) {
      if (this.si < this.segments.length) return this.segments[this.si++]!;
      if (this.last || this.closed) {
        // the worker's heap is given back before this thread goes on to what comes after reading
        await this.close();
        return null;
      }
      if (this.taken) {
        // every cell of the last message is cut out: its position arrays go back for reuse
        const spare = this.segments.flatMap((g) => g.pieces.map((p) => p.ints.buffer as ArrayBuffer));
        const more: PipeMore = { type: 'more', spare };
        this.worker.postMessage(more, spare);
      }
      const m = await this.receive();
      if (m.type === 'failed') {
        void this.close();
        throw m.exitCode === null
          ? Object.assign(new Error(m.message), { stack: m.stack ?? undefined })
          : new KpiError(m.exitCode as ExitCode, m.message, { issue: m.issue, hint: m.hint });
      }
      this.take(m);
    }
  }

  private take(m: PipeData): void {
    this.segments = m.segments;
    this.si = 0;
    this.last = m.done;
    if (m.codes) this.codes = m.codes;
    this.taken = true;
  }

  private async receive(): Promise<PipeMessage> {
    const w0 = this.balance === null ? 0 : performance.now();
    while (this.inbox.length === 0) {
      if (this.broken !== null) {
        void this.close();
        throw this.broken;
      }
      this.worker.ref();
      await new Promise<void>((r) => (this.wake = r));
      this.worker.unref();
    }
    if (this.balance !== null) {
      const now = performance.now();
      if (this.balance.took(now - w0, now) !== null) this.postNumbering(null);
    }
    return this.inbox.shift()!;
  }

  private deliver(m: PipeMessage): void {
    this.inbox.push(m);
    this.rouse();
  }

  private fail(e: Error): void {
    if (this.closed) return;
    this.broken ??= e;
    this.rouse();
  }

  private rouse(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  private async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.segments = [];
    this.rows = [];
    this.ri = 0;
    this.inbox.length = 0;
    const own = this.own;
    this.own = null;
    await own?.return?.();
    await this.worker.terminate();
  }
}
