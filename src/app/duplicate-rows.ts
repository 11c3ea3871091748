/**
 * Exact repeats of earlier rows of one file (SPEC-DECISIONS #38: `duplicate_row`, both counted),
 * found by hashing each row's raw text into a typed-array set — or read from the marks a reading
 * worker put on its rows (`RawRow.repeat`), or kept for the main thread by a worker reading a
 * later part of the file. Each warning goes where the row's own warnings went among the issues.
 */
import type { RawRow } from '../ingest/types.js';
import { forEachFilled } from '../ingest/types.js';
import { makeIssue, type Issue } from '../errors/issue.js';
import type { FileRef } from '../records/normalize/context.js';
import { HashSet, hashText, hashTexts, lastHash, setLastHash } from '../ingest/row-hash.js';
import type { InputStats } from './stats.js';

/** Rows whose duplicate hashes are probed together (see `DuplicateRows.endBatch`). */
const BATCH = 2048;

/** A part's duplicate-check hashes: halves, line, where in its issue list a warning would go. */
export interface DeferredHashes {
  h: Uint32Array;
  line: Int32Array;
  at: Int32Array;
}

export class DuplicateRows {
  private readonly seen = new HashSet();
  /**
   * A worker reading part of a file cannot see the rows before its part, so it only hashes rows
   * for duplicates: hash halves, line, and where in its issue list a warning would go.
   */
  private deferred: (DeferredHashes & { n: number }) | null = null;
  /** Duplicate hashes of the rows since the last `endBatch`: halves, line, where a warning goes. */
  private readonly batch = { h: new Uint32Array(2 * BATCH), line: new Int32Array(BATCH), at: new Int32Array(BATCH), dup: new Uint8Array(BATCH), n: 0 };
  /**
   * Hash halves of the records above the first data row, when a worker marks repeats: a data row
   * marked a repeat because it equals one of those is checked against this thread's own set.
   */
  private readonly before: Uint32Array | null = null;
  /**
   * Whether the rows' repeat marks are read (`before` given): without, this thread checks every
   * row in its own set, even one a worker marked before it was told to stop marking.
   */
  private readonly marked: boolean;

  /**
   * @param defer keep the hashes for the main thread instead of checking them (a part's worker)
   * @param before with a reading worker's marks, the file's records above its first data row
   */
  constructor(
    private readonly ref: FileRef,
    private readonly sink: { issues: Issue[] },
    private readonly stats: InputStats,
    defer: boolean,
    before: readonly RawRow[] | null,
  ) {
    if (defer) this.deferred = { h: new Uint32Array(2048), line: new Int32Array(1024), at: new Int32Array(1024), n: 0 };
    this.marked = before !== null;
    if (before !== null) {
      const b = (this.before = new Uint32Array(2 * before.length));
      before.forEach((r, k) => {
        hashRow(r);
        b[2 * k] = lastHash().h1;
        b[2 * k + 1] = lastHash().h2;
      });
    }
  }

  /** Room for `n` rows' hashes at once (see `HashSet.reserve`). */
  reserve(n: number): void {
    this.seen.reserve(n);
  }

  /** Check a used row (its own warnings already pushed). */
  check(row: RawRow): void {
    const mark = this.marked ? row.repeat : -1;
    // the reading worker compared the row with every earlier record of the file: a row it saw
    // nowhere before is new, and one it saw before is a repeat — of an earlier data row, unless
    // it equals a record above the header, which this thread's own set then decides
    if (mark === 0 && this.deferred === null) return;
    hashRow(row);
    if (this.deferred !== null) return this.defer(row.line);
    if (mark === 1 && !this.isBefore(lastHash().h1, lastHash().h2)) {
      this.stats.warnings++;
      this.sink.issues.push(this.issue(row.line));
      return;
    }
    // probed in a batch (see `batch`): the set is far larger than the cache, and probes made one
    // after another overlap their misses where probes between rows' other work cannot
    const b = this.batch;
    const { h1, h2 } = lastHash();
    b.h[2 * b.n] = h1;
    b.h[2 * b.n + 1] = h2;
    b.line[b.n] = row.line;
    b.at[b.n] = this.sink.issues.length;
    if (++b.n === BATCH) this.endBatch();
  }

  /** Whether a record above the first data row has this hash. */
  private isBefore(h1: number, h2: number): boolean {
    const b = this.before;
    if (b === null) return false;
    for (let k = 0; k < b.length; k += 2) if (b[k] === h1 && b[k + 1] === h2) return true;
    return false;
  }

  /**
   * Check the duplicate hashes of the rows since the last call against the file's earlier rows,
   * and put a `duplicate_row` warning where each repeated row's warning belongs among the issues
   * pushed since. The row loop calls it after each batch of rows, `finish` at the end; until then
   * the file's issues lack the batch's duplicate warnings.
   */
  endBatch(): void {
    const b = this.batch;
    const n = b.n;
    if (n === 0) return;
    b.n = 0;
    let first = -1;
    for (let k = 0; k < n; k++) {
      const fresh = this.seen.add(b.h[2 * k] as number, b.h[2 * k + 1] as number);
      b.dup[k] = fresh ? 0 : 1;
      if (!fresh && first < 0) first = k;
    }
    if (first < 0) return;
    const out = this.sink.issues;
    const from = b.at[first] as number;
    const tail = out.splice(from);
    let next = 0;
    for (let k = first; k < n; k++) {
      if (b.dup[k] === 0) continue;
      const at = (b.at[k] as number) - from;
      while (next < at) out.push(tail[next++]!);
      this.stats.warnings++;
      out.push(this.issue(b.line[k] as number));
    }
    while (next < tail.length) out.push(tail[next++]!);
  }

  private issue(line: number): Issue {
    return makeIssue('duplicate_row', { file: this.ref.file, sheet: this.ref.sheet, line }, {
      message: 'this row repeats an earlier row of the same file exactly; both are counted',
      hint: 'if the export doubled rows, remove the copies at the source',
    });
  }

  private defer(line: number): void {
    let d = this.deferred!;
    if (d.n === d.line.length) {
      const grow = <T extends Uint32Array | Int32Array>(a: T, len: number): T => {
        const b = new (a.constructor as new (n: number) => T)(len);
        b.set(a);
        return b;
      };
      d = this.deferred = { h: grow(d.h, d.h.length * 2), line: grow(d.line, d.n * 2), at: grow(d.at, d.n * 2), n: d.n };
    }
    const { h1, h2 } = lastHash();
    d.h[2 * d.n] = h1;
    d.h[2 * d.n + 1] = h2;
    d.line[d.n] = line;
    d.at[d.n] = this.sink.issues.length;
    d.n++;
  }

  /** The duplicate hashes kept so far (a worker hands them to the main thread). */
  takeDeferred(): DeferredHashes {
    const d = this.deferred ?? { h: new Uint32Array(0), line: new Int32Array(0), at: new Int32Array(0), n: 0 };
    return { h: d.h.slice(0, 2 * d.n), line: d.line.slice(0, d.n), at: d.at.slice(0, d.n) };
  }

  /**
   * Take over the issues of a later part of this file read elsewhere, checking its rows' hashes
   * against every row seen so far: a repeated row's warning goes where the part would have put it.
   */
  adopt(issues: readonly Issue[], d: DeferredHashes): void {
    const out = this.sink.issues;
    let next = 0;
    for (let k = 0; k < d.line.length; k++) {
      if (this.seen.add(d.h[2 * k] as number, d.h[2 * k + 1] as number)) continue;
      const at = d.at[k] as number;
      while (next < at) out.push(issues[next++]!);
      this.stats.warnings++;
      out.push(this.issue(d.line[k] as number));
    }
    while (next < issues.length) out.push(issues[next++]!);
  }
}

/** Make the row's duplicate-check hash the last hash (`lastHash`). */
function hashRow(row: RawRow): void {
  if (row.h2 !== undefined) setLastHash(row.h1!, row.h2);
  else if (row.raw !== undefined) hashText(row.raw);
  else hashTexts(filledParts(row));
}

/**
 * An XLSX row as the texts it is compared by: each cell that holds something, after its column
 * number. Empty cells are left out, so a row whose far cells were spread into `cells`
 * (`RawRow.far`) hashes as it did before.
 */
function filledParts(row: RawRow): string[] {
  const parts: string[] = [];
  forEachFilled(row, (t, j) => parts.push(String(j), t));
  return parts;
}
