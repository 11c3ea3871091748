/**
 * `-O json` (SPEC §5 `kpi-report/1`): tidy rows, one per (period, group_by, group, metric), each
 * metric once under its home section (SPEC-DECISIONS #2); comparisons only with --compare (#4);
 * `explain` terms with --explain (#10); `target` where a target applies (#15).
 */
import type { Report } from '../report/model.js';
import { formatDay } from '../period/calendar.js';
import { issueToJson } from '../report/issue-json.js';
import type { Issue } from '../errors/issue.js';
import type { InspectDoc } from '../report/inspect-model.js';
import { LINES_PER_PIECE } from './pieces.js';

export interface JsonRow {
  period: string;
  start: string;
  end: string;
  section: string;
  group_by: string | null;
  group: string | null;
  metric: string;
  value: number | null;
  compare?: unknown;
  explain?: unknown;
  target?: unknown;
}

/** The kind whose records a metric is counted from (invoices when it needs them). */
function tallyKind(needs: readonly string[]): string | undefined {
  return needs.includes('invoices') ? 'invoices' : needs[0];
}

export function reportRows(r: Report): JsonRow[] {
  return [...eachReportRow(r)];
}

/**
 * The tidy rows of {@link reportRows} one at a time: a report grouped by a column of 20,000
 * distinct values has millions of them, and holding them all as objects cost gigabytes.
 */
export function* eachReportRow(r: Report): Generator<JsonRow> {
  const basis = r.meta.compare;
  const ungrouped = new Set(r.meta.ungrouped);
  for (let ci = 0; ci < r.columns.length; ci++) {
    const col = r.columns[ci]!;
    const start = formatDay(col.start);
    const end = formatDay(col.end);
    for (const sec of r.sections) {
      for (const row of sec.rows) {
        if (r.only === null && row.def.home !== sec.id) continue;
        const out: JsonRow = {
          period: col.label,
          start,
          end,
          section: sec.id,
          // a section whose kind lacks the grouping field has total rows only: not split (Decisions #11a, #25)
          group_by: ungrouped.has(tallyKind(row.def.needs) ?? '') ? null : r.meta.group_by,
          group: row.group,
          metric: row.def.id,
          value: row.values[ci] ?? null,
        };
        if (basis) {
          const c = basis === 'prev' ? row.compare.prev[ci] : basis === 'yoy' ? row.compare.yoy[ci] : row.compare.fixed[ci];
          out.compare = c ?? null;
        }
        if (r.explain) out.explain = { formula: row.def.formula, terms: row.terms[ci] ?? null };
        const t = row.targets[ci];
        if (t) out.target = t;
        yield out;
      }
    }
  }
}

export function renderJson(r: Report): string {
  return [...renderJsonChunks(r)].join('');
}

/**
 * The same document as `JSON.stringify(doc, null, 2)`, in pieces: meta and rows, then the issues a
 * few thousand at a time. A messy export can raise an issue per row, and one string of a million
 * issues (~400 MB, and again as the bytes written) would cost more memory than the records did.
 */
export function renderJsonChunks(r: Report): Generator<string> {
  return jsonPieces({ schema: 'kpi-report/1', meta: r.meta }, [
    ['rows', eachReportRow(r)],
    ['issues', r.issues, issueJson],
  ]);
}

/** `JSON.stringify({ ...doc, issues }, null, 2) + '\n'` in pieces (see {@link jsonPieces}). */
export function jsonWithIssues(doc: Record<string, unknown>, issues: readonly Issue[]): Generator<string> {
  return jsonPieces(doc, [['issues', issues, issueJson]]);
}

/** An issue as kpi's JSON documents write it ({@link jsonPieces}' `map` for issue arrays). */
export const issueJson = issueToJson as (item: unknown) => unknown;

/** A long array that ends a JSON document: its key, its items, and what each item is written as. */
export type TailArray = readonly [key: string, items: Iterable<unknown>, map?: (item: unknown) => unknown];

/**
 * `JSON.stringify({ ...head, k1: items1.map(f1), k2: … }, null, 2) + '\n'` in pieces, the arrays
 * last (as kpi's documents have their rows and issues): each array is written a few thousand
 * items at a time, so a run with an issue on every row, or a list of a million calls, never
 * builds one string of them all — which past ~512 MB V8 cannot make.
 */
export function jsonPieces(head: Record<string, unknown>, arrays: readonly TailArray[]): Generator<string> {
  // the document with every array empty; each top-level `"k": []` is then filled in turn
  const skeleton = JSON.stringify({ ...head, ...Object.fromEntries(arrays.map(([key]) => [key, []])) }, null, 2);
  return fillArrays(skeleton, arrays.map(([key, items, map]) => ({ depth: 1, key, items, map })));
}

/** An empty array in a document's text to write items into: its key at `depth` (1 = top level). */
export interface ArrayFill {
  depth: number;
  key: string;
  /** An array, or any iterable (a generator's items are made a batch at a time). */
  items: Iterable<unknown>;
  map?: ((item: unknown) => unknown) | undefined;
}

/**
 * `skeleton` (a `JSON.stringify(…, null, 2)` text) with each fill's empty array, in document
 * order, written with its items, in pieces: the text `JSON.stringify` would give had the arrays
 * held them. Each key must close its object (no other key after it at that level).
 */
export function* fillArrays(skeleton: string, fills: readonly ArrayFill[]): Generator<string> {
  // the skeleton is written up to `from`; the next key is looked for from `search` on
  let from = 0;
  let search = 0;
  // what closes the array written last, put in front of the next piece
  let close = '';
  for (const { depth, key, items, map } of fills) {
    const indent = ' '.repeat(2 * depth);
    // a key sits on its own line, indented by its depth: text inside values has no raw line breaks
    const empty = `\n${indent}${JSON.stringify(key)}: []`;
    const at = skeleton.indexOf(empty, search);
    if (at < 0) throw new Error(`fillArrays: no ${JSON.stringify(key)} at depth ${depth} in the document`);
    search = at + empty.length;
    let first = true;
    for (const batch of batches(items, LINES_PER_PIECE)) {
      if (first) yield close + skeleton.slice(from, at + empty.length - 1) + '\n';
      yield (first ? '' : ',\n') + itemsText(map ? batch.map(map) : batch, depth);
      first = false;
    }
    if (first) continue; // no items: the skeleton's `[]` stays
    close = `\n${indent}]`;
    from = search;
  }
  yield close + skeleton.slice(from) + '\n';
}

/** `items` in arrays of up to `size` (none when there are no items). */
function* batches(items: Iterable<unknown>, size: number): Generator<unknown[]> {
  if (Array.isArray(items)) {
    for (let k = 0; k < items.length; k += size) yield items.slice(k, k + size);
    return;
  }
  let batch: unknown[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/**
 * The items of `batch` as `JSON.stringify(…, null, 2)` writes them in an array whose key is at
 * `depth` (0: the document is the array itself), without the brackets: a batch of a long array.
 */
export function itemsText(batch: readonly unknown[], depth: number): string {
  // nest the batch as deep as the document has it, so its items are indented alike; cut the frame off
  let frame: unknown = batch;
  for (let d = 0; d < depth; d++) frame = { x: frame };
  const text = JSON.stringify(frame, null, 2);
  // the frame holds no array before the batch's; its `]` is alone on a line at the key's indent,
  // and an item's lines are indented deeper
  return text.slice(text.indexOf('[\n') + 2, text.lastIndexOf(`\n${' '.repeat(2 * depth)}]`));
}

/** `JSON.stringify(doc, null, 2) + '\n'` for `kpi inspect`, each file's issues (its last key) in pieces. */
export function inspectJson(doc: InspectDoc): Generator<string> {
  const skeleton = JSON.stringify({ ...doc, files: doc.files.map((f) => ({ ...f, issues: [] })) }, null, 2);
  return fillArrays(skeleton, doc.files.map((f) => ({ depth: 3, key: 'issues', items: f.issues })));
}
