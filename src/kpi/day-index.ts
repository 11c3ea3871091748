/**
 * Day → columns lookup. Columns are arbitrary spans (they may overlap or leave gaps: report,
 * comparison and sparkline columns come in one call), so every record asks "which columns hold
 * my day?". A flat CSR table answers in O(1) without allocating per record.
 */
import type { Day, Span } from '../period/types.js';

export class DayIndex {
  private readonly lo: number;
  private readonly hi: number;
  /** offsets[d - lo] … offsets[d - lo + 1] delimit the column indices of day d in `cols`. */
  private readonly offsets: Int32Array;
  private readonly cols: Int32Array;

  constructor(spans: readonly Span[]) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const s of spans) {
      if (!Number.isInteger(s.start) || !Number.isInteger(s.end)) throw new Error(`span bounds must be whole days: ${s.start}..${s.end}`);
      if (s.end <= s.start) continue;
      lo = Math.min(lo, s.start);
      hi = Math.max(hi, s.end);
    }
    if (lo === Infinity) {
      lo = 0;
      hi = 0;
    }
    this.lo = lo;
    this.hi = hi;
    const counts = new Int32Array(hi - lo + 1);
    for (const s of spans) for (let d = s.start; d < s.end; d++) counts[d - lo + 1]!++;
    for (let i = 1; i < counts.length; i++) counts[i]! += counts[i - 1]!;
    this.offsets = counts;
    this.cols = new Int32Array(counts[counts.length - 1] ?? 0);
    const fill = counts.slice(0, -1);
    spans.forEach((s, c) => {
      for (let d = s.start; d < s.end; d++) this.cols[fill[d - lo]!++] = c;
    });
  }

  /** Start of the day's column list in `at()`, or -1 when no column holds the day. */
  from(day: Day): number {
    if (day < this.lo || day >= this.hi) return -1;
    return this.offsets[day - this.lo] as number;
  }

  /** End (exclusive) of the day's column list; call only after `from` returned ≥ 0. */
  to(day: Day): number {
    return this.offsets[day - this.lo + 1] as number;
  }

  /** The column index at position k of the flat list. */
  at(k: number): number {
    return this.cols[k] as number;
  }

  /** The column indices holding a day (allocates; for tests and lists). */
  columnsOf(day: Day): number[] {
    const f = this.from(day);
    if (f < 0) return [];
    const out: number[] = [];
    for (let k = f; k < this.to(day); k++) out.push(this.at(k));
    return out;
  }
}
