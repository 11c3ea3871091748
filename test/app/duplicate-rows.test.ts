/**
 * Exact repeats of earlier rows (src/app/duplicate-rows.ts) found from a reading worker's marks,
 * or by this thread's own set of hashes — which then reads no mark: a worker may have marked the
 * first rows it read before it was told that this thread checks them itself.
 */
import { describe, it, expect } from 'vitest';
import { DuplicateRows } from '../../src/app/duplicate-rows.js';
import { newStats } from '../../src/app/stats.js';
import { hashText, lastHash } from '../../src/ingest/row-hash.js';
import type { Issue } from '../../src/errors/issue.js';
import type { RawRow } from '../../src/ingest/types.js';

/** A row as a worker hands it out: its hash, and its repeat mark (-1: none). */
function row(line: number, raw: string, repeat: number): RawRow {
  hashText(raw);
  return { line, cells: raw.split(','), raw, h1: lastHash().h1, h2: lastHash().h2, repeat };
}

function repeatsOf(rows: RawRow[], before: RawRow[] | null): number[] {
  const sink = { issues: [] as Issue[] };
  const d = new DuplicateRows({ file: 'f.csv', sheet: null, letters: false }, sink, newStats('f.csv', 'calls', null), false, before);
  for (const r of rows) d.check(r);
  d.endBatch();
  return sink.issues.filter((i) => i.code === 'duplicate_row').map((i) => i.line!);
}

describe('duplicate rows', () => {
  it('follows the worker\'s marks when it marks', () => {
    // the worker's marks are trusted: a row marked new is not looked up, one marked a repeat warns
    expect(repeatsOf([row(2, 'a,1', 0), row(3, 'b,2', 0), row(4, 'a,1', 1)], [])).toEqual([4]);
  });

  it('checks every row in its own set when it keeps one, marked or not', () => {
    // rows 2–3 marked by a worker before it stopped marking, rows 4–5 unmarked
    expect(repeatsOf([row(2, 'a,1', 0), row(3, 'b,2', 0), row(4, 'a,1', -1), row(5, 'b,2', -1), row(6, 'c,3', -1)], null)).toEqual([4, 5]);
  });
});
